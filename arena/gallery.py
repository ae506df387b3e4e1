"""Queries behind the prompt gallery: a suite's category tree and a prompt's images by model."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q

from arena.models import Contestant, Prompt, PromptSuite
from generation.models import Image


@dataclass(frozen=True)
class CategoryNode:
    path: str
    depth: int
    count: int

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def category_tree(*, suite: PromptSuite, language: str = "") -> list[CategoryNode]:
    """Every category path and its ancestors, with prompt counts, in tree order."""
    prompts = suite.prompts.all()
    if language:
        prompts = prompts.filter(language=language)
    counts: Counter = Counter()
    for category in prompts.values_list("category", flat=True):
        parts = category.split("/")
        for depth in range(1, len(parts) + 1):
            counts["/".join(parts[:depth])] += 1
    return [CategoryNode(path, path.count("/"), counts[path]) for path in sorted(counts)]


def suite_prompts(*, suite: PromptSuite, category: str = "", language: str = ""):
    prompts = suite.prompts.order_by("external_id")
    if category:
        # The category itself and everything under it, not siblings sharing a prefix.
        prompts = prompts.filter(Q(category=category) | Q(category__startswith=category + "/"))
    if language:
        prompts = prompts.filter(language=language)
    return prompts


@dataclass(frozen=True)
class ContestantImages:
    contestant: Contestant
    images: list[Image]


def prompt_images_by_contestant(*, prompt: Prompt) -> list[ContestantImages]:
    images = Image.objects.filter(prompt=prompt).select_related("contestant").order_by("seed")
    grouped: dict[int, ContestantImages] = {}
    for image in images:
        entry = grouped.setdefault(image.contestant_id, ContestantImages(image.contestant, []))
        entry.images.append(image)
    return sorted(grouped.values(), key=lambda entry: entry.contestant.name)
