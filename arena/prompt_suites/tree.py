"""The category tree of the default suite and how many prompts each leaf gets, per language.

The shares follow what the Qwen-Image report's evaluation stresses: text rendering (English and
Chinese) is the largest family at 30%, composition (counts, attributes, spatial relations, scenes
with many objects) next at 20%; general subjects, people, design work and styles share the rest.
English and Chinese are exactly 70/30 overall. The counts are the targets and the builder hits
them exactly; docs/prompt-suites.md shows them as a table.
"""

from __future__ import annotations

# leaf -> (English prompts, Chinese prompts)
PLAN: dict[str, tuple[int, int]] = {
    "general/nature": (85, 25),
    "general/landscape": (95, 35),
    "general/cityscape": (90, 30),
    "general/animals": (105, 35),
    "general/plants": (70, 20),
    "general/food": (85, 35),
    "general/indoor": (80, 20),
    "general/objects": (70, 20),
    "people/portrait": (150, 50),
    "people/sports": (100, 40),
    "people/activities": (120, 40),
    "design/poster": (65, 35),
    "design/ui": (60, 20),
    "design/slide": (45, 15),
    "design/painting": (50, 20),
    "design/sculpture": (40, 15),
    "design/craft": (40, 20),
    "design/digital_art": (55, 20),
    "text_rendering/en/word": (170, 0),
    "text_rendering/en/multi_line": (160, 0),
    "text_rendering/en/paragraph": (120, 0),
    "text_rendering/en/signage": (180, 0),
    "text_rendering/en/headline": (160, 0),
    "text_rendering/en/couplet": (110, 0),
    "text_rendering/zh/word": (0, 110),
    "text_rendering/zh/multi_line": (0, 100),
    "text_rendering/zh/paragraph": (0, 80),
    "text_rendering/zh/signage": (0, 120),
    "text_rendering/zh/headline": (0, 90),
    "text_rendering/zh/couplet": (0, 100),
    "composition/counting": (210, 70),
    "composition/attributes": (200, 60),
    "composition/spatial": (200, 60),
    "composition/multi_object": (145, 55),
    "style/photorealistic": (65, 15),
    "style/anime": (65, 15),
    "style/watercolor": (50, 20),
    "style/oil_painting": (50, 20),
    "style/pixel_art": (45, 15),
    "style/3d_render": (50, 20),
    "style/line_art": (40, 15),
    "style/ink_wash": (35, 25),
    "style/claymation": (40, 15),
}

LEAVES: tuple[str, ...] = tuple(PLAN)
TOP_LEVEL: tuple[str, ...] = tuple(dict.fromkeys(leaf.split("/")[0] for leaf in LEAVES))
TOTAL = sum(en + zh for en, zh in PLAN.values())


def language_totals() -> dict[str, int]:
    return {
        "en": sum(en for en, _ in PLAN.values()),
        "zh": sum(zh for _, zh in PLAN.values()),
    }
