"""English prompts for style/*: the same kinds of subject drawn in named visual styles.

Each style has its own nouns ("Oil on canvas", "16-bit pixel art") and technique phrases; the
subjects are shared, so a leaderboard per style compares models on style rather than subject.
"""

from __future__ import annotations

import random

from arena.prompt_suites.compose_en import LIGHT_NOTES, elaborate
from arena.prompt_suites.core import Draft, article, cap, chance, pick, sample, sentence, tier
from arena.prompt_suites.lexicon_en import FRAMING

SUBJECTS = (
    "a lighthouse on a rocky island",
    "a fox asleep under a mushroom",
    "an old fisherman mending a net",
    "a tram on a hill street",
    "a girl with a red umbrella in the rain",
    "a cat on a stack of books",
    "a mountain village at dawn",
    "a bowl of ramen",
    "a dragon coiled around a pagoda",
    "a sailing ship in a storm",
    "a sunflower field",
    "a knight resting under a tree",
    "a cosy bookshop at night",
    "a koi pond with lily pads",
    "an astronaut on a swing",
    "a market street in Marrakesh",
    "a grandmother baking bread",
    "a waterfall in a jungle",
    "a penguin wearing a scarf",
    "a bicycle leaning against a wall",
    "a steam train crossing a viaduct",
    "a bamboo grove in mist",
    "a robot watering flowers",
    "a castle on a cliff",
    "a jazz band in a smoky club",
    "a hummingbird at a flower",
    "a city skyline at sunset",
    "a deer in a snowy forest",
    "a teapot and two cups",
    "a boy flying a kite on a hill",
    "a whale swimming through clouds",
    "a harbour full of fishing boats",
    "a witch on a broom",
    "a farmhouse kitchen",
    "an owl on a branch under the moon",
    "a street food stall",
    "a crane standing in shallow water",
    "a child reading under a blanket fort",
    "a red panda eating an apple",
    "a desert caravan at dusk",
    "a cherry tree in full bloom",
    "a samurai in the rain",
    "a greenhouse full of plants",
    "a tiny house on a floating island",
    "a musician playing cello",
    "a frog on a lily pad",
    "a rainy Tokyo alley",
    "a polar bear on an ice floe",
    "a bowl of fruit on a table",
    "a hot-air balloon festival",
    "a carousel at a fair",
    "an elephant bathing in a river",
    "a mermaid on a rock",
    "a train station platform",
    "a woman reading in a cafe",
    "a pirate ship at anchor",
    "a snowy cabin with smoke from the chimney",
    "a tiger walking through tall grass",
    "a vase of peonies",
    "a dog catching a frisbee",
    "a rooftop garden at night",
    "a volcano erupting",
    "a wizard's study",
    "a beach with a striped umbrella",
    "a goldfish in a bowl",
    "a busy night market",
    "a horse galloping on a beach",
    "a village by a canal",
    "a mountain lake with a canoe",
    "a ballerina mid-leap",
    "a raccoon in a bin",
    "a moonlit temple",
    "an autumn park with a bench",
    "a diner at night",
    "a monk sweeping temple steps",
    "a spaceship landing in a field",
    "a chess game in a park",
    "a jellyfish in dark water",
    "a rabbit in a vegetable garden",
    "a bridge over a misty river",
    "an old typewriter",
    "a birthday party for a dog",
    "a rainy window with city lights",
    "a girl riding a giant cat",
    "a mushroom forest",
    "a roadside motel",
    "a fisherman on a frozen lake",
    "a flock of geese over marshland",
)

INK_SUBJECTS = (
    "misty mountains above a river",
    "a lone fisherman in a small boat",
    "plum blossom on a branch",
    "a pair of cranes in flight",
    "bamboo bending in the wind",
    "a scholar under a pine",
    "a waterfall between cliffs",
    "a village of tiled roofs in snow",
    "a horse galloping",
    "lotus leaves after rain",
    "a tiger crossing a stream",
    "a pavilion on a lake",
    "orchids by a rock",
    "a shrimp and a crab",
    "a goldfish among water weeds",
    "a monk walking up stone steps",
    "a willow over a bridge",
    "geese over reeds at dusk",
)

STYLES = {
    "photorealistic": (
        (
            "Photorealistic image of",
            "Hyperrealistic photo of",
            "Photo of",
            "Realistic photograph of",
        ),
        ("photorealistic", "hyperrealistic", "realistic photo"),
        (
            "natural textures",
            "true-to-life colours",
            "shot on a full-frame camera",
            "raw photo, no filters",
            "8k detail",
            "realistic reflections",
            "accurate shadows",
            "subtle film grain",
            "f/2.8",
            "natural light",
            "35mm lens",
            "high dynamic range",
        ),
    ),
    "anime": (
        (
            "Anime illustration of",
            "Anime key visual of",
            "Anime still of",
            "Manga-style colour illustration of",
        ),
        ("anime style", "anime art", "in anime style"),
        (
            "cel shading",
            "clean line art",
            "big expressive eyes",
            "soft pastel sky",
            "hand-painted background",
            "1990s anime look",
            "lens flare",
            "dramatic speed lines",
            "detailed background art",
            "vivid colours",
            "soft bloom",
            "TV-anime framing",
        ),
    ),
    "watercolor": (
        ("Watercolour painting of", "Loose watercolour sketch of", "Watercolour illustration of"),
        ("watercolour", "in watercolour", "watercolor painting"),
        (
            "wet-on-wet washes",
            "granulating pigment",
            "white paper left showing",
            "soft bleeding edges",
            "visible pencil underdrawing",
            "paint splatters",
            "cold-pressed paper texture",
            "a limited palette of three colours",
            "pale washes",
            "loose brushwork",
            "dry-brush highlights",
        ),
    ),
    "oil_painting": (
        (
            "Oil painting of",
            "Oil on canvas:",
            "Impasto oil painting of",
            "Classical oil painting of",
        ),
        ("oil painting", "oil on canvas", "painted in oils"),
        (
            "thick impasto",
            "visible brushstrokes",
            "rich glazes",
            "palette knife texture",
            "chiaroscuro",
            "warm underpainting showing through",
            "canvas weave visible",
            "old-master lighting",
            "loose impressionist strokes",
            "deep shadows",
            "a gilded frame",
        ),
    ),
    "pixel_art": (
        ("Pixel art of", "16-bit pixel art of", "8-bit pixel scene of", "Isometric pixel art of"),
        ("pixel art", "16-bit", "retro pixel art"),
        (
            "a limited 16-colour palette",
            "crisp pixels, no anti-aliasing",
            "retro game screen",
            "dithered shading",
            "32x32 sprites",
            "SNES-era look",
            "parallax background layers",
            "chunky pixels",
            "a small HUD in the corner",
            "side-scroller view",
        ),
    ),
    "3d_render": (
        ("3D render of", "Stylised 3D render of", "Blender render of", "Clay-shaded 3D render of"),
        ("3D render", "octane render", "3D illustration"),
        (
            "soft global illumination",
            "subsurface scattering",
            "glossy materials",
            "depth of field",
            "studio HDRI lighting",
            "cute stylised proportions",
            "ray-traced reflections",
            "isometric diorama",
            "pastel materials",
            "soft ambient occlusion",
        ),
    ),
    "line_art": (
        (
            "Line drawing of",
            "Black ink line art of",
            "Single-line drawing of",
            "Colouring-book page of",
        ),
        ("line art", "ink outline drawing", "line illustration"),
        (
            "clean black outlines",
            "flat, unshaded shapes",
            "white background",
            "even line weight",
            "fine hatching",
            "technical pen",
            "one continuous line",
            "minimal detail",
            "no colour",
            "crisp vector lines",
        ),
    ),
    "ink_wash": (
        (
            "Chinese ink wash painting of",
            "Sumi-e painting of",
            "Ink wash painting of",
            "Traditional shuimo painting of",
        ),
        ("ink wash", "sumi-e", "Chinese ink painting"),
        (
            "expressive brushstrokes",
            "rice paper texture",
            "generous empty space",
            "a red seal stamp in the corner",
            "graded ink tones",
            "dry-brush texture",
            "mist left as blank paper",
            "calligraphic strokes",
            "a touch of pale colour",
            "vertical scroll format",
        ),
    ),
    "claymation": (
        ("Claymation scene of", "Stop-motion clay animation still of", "Plasticine diorama of"),
        ("claymation", "stop-motion clay", "plasticine style"),
        (
            "fingerprints visible in the clay",
            "handmade miniature set",
            "soft studio lighting",
            "felt and cardboard props",
            "slightly lumpy shapes",
            "wire-armature characters",
            "tiny handmade props",
            "macro-lens depth of field",
            "bright matte colours",
        ),
    ),
}


SCENE_NOTES = (
    "The colours are warm and low-key",
    "Keep the background simple",
    "It is early evening",
    "The composition is centred",
    "Wide framing with plenty of sky",
    "A close, intimate view",
    "Soft light comes from the left",
    "It is a cold winter morning",
    "Late summer afternoon",
    "Seen from slightly above",
    "The main subject fills most of the frame",
    "A quiet, unhurried moment",
    "There is a gentle breeze",
    "Small details reward a close look",
)


MOODS = ("quiet", "playful", "wistful", "epic", "warm", "eerie")
FRAMES = ("wide shot", "close-up", "vertical composition", "square composition")


def _style(name: str):
    nouns, adjectives, details = STYLES[name]

    def generate(rng: random.Random) -> Draft:
        pool = INK_SUBJECTS + SUBJECTS[:30] if name == "ink_wash" else SUBJECTS
        subject = pick(rng, pool)
        t = tier(rng)
        k = {"terse": 0, "short": 1, "medium": 2, "long": 3, "epic": 5}[t]
        extras = sample(rng, details, k)
        if t == "terse":
            text = f"{subject}, {pick(rng, adjectives)}"
        elif chance(rng, 0.5):
            text = f"{pick(rng, nouns)} {subject}"
            text = sentence(f"{text}, {', '.join(extras)}" if chance(rng, 0.5) else text)
            if not text.endswith(", ".join(extras) + ".") and extras:
                text += " " + sentence(", ".join(extras))
        else:
            text = ", ".join([cap(subject), pick(rng, adjectives), *extras])
        notes = 0
        if t in ("long", "epic") and chance(rng, 0.7):
            picked = sample(rng, SCENE_NOTES, 1 if t == "long" else 2)
            text = sentence(text.rstrip(".")) + " " + " ".join(sentence(x) for x in picked)
            notes = len(picked)
        if t == "epic":
            text = (
                sentence(text.rstrip("."))
                + " "
                + sentence(
                    pick(
                        rng,
                        (
                            f"The mood is {pick(rng, MOODS)}",
                            "Keep the style consistent across the whole image",
                            f"Frame it as {article(pick(rng, FRAMES))}",
                        ),
                    )
                )
            )
        if t == "epic":
            text += " " + elaborate(rng, FRAMING, LIGHT_NOTES, SCENE_NOTES)
        return Draft(text, 2 + len(extras) + notes + 2 * (t == "epic"), ("style", name))

    generate.__name__ = name
    return generate


GENERATORS = {(f"style/{name}", "en"): _style(name) for name in STYLES}
