"""Which images can be served: an in-memory index of the image pool, read from the database.

Serving a battle must not scan every image row, so each process keeps a compact index
(prompt → contestant → image ids, and the prompts' texts) of the images of active contestants,
reads it again when it is older than ``ARENA_POOL_INDEX_TTL_SECONDS``, and drops it at once when
this process changes the pool. The database stays the record; the index is only a cache of it,
and a stale one can at worst offer an image a few seconds late.
"""

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

from arena.models import Prompt
from generation.models import Image


@dataclass(frozen=True)
class PromptText:
    text: str
    language: str


@dataclass(frozen=True)
class PoolIndex:
    """Images of active contestants, by prompt and contestant, and the text of their prompts."""

    images: dict[int, dict[int, tuple[int, ...]]]
    # Prompts with images from at least two contestants: the only ones a battle can use.
    battle_prompts: tuple[int, ...]
    prompts: dict[int, PromptText] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls, rows: Iterator[tuple[int, int, int]], prompts: dict[int, PromptText] | None = None
    ) -> "PoolIndex":
        """Build from (image id, prompt id, contestant id) rows."""
        grouped: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        for image_id, prompt_id, contestant_id in rows:
            grouped[prompt_id][contestant_id].append(image_id)
        images = {
            prompt: {contestant: tuple(ids) for contestant, ids in by_contestant.items()}
            for prompt, by_contestant in grouped.items()
        }
        battle_prompts = tuple(
            sorted(p for p, by_contestant in images.items() if len(by_contestant) >= 2)
        )
        return cls(images=images, battle_prompts=battle_prompts, prompts=prompts or {})


def build_pool_index() -> PoolIndex:
    servable = Image.objects.filter(contestant__active=True)
    if settings.ARENA_SERVED_SUITES:
        servable = servable.filter(prompt__suite__name__in=settings.ARENA_SERVED_SUITES)
    rows = servable.order_by("id").values_list("id", "prompt_id", "contestant_id")
    prompts = Prompt.objects.filter(pk__in=servable.values("prompt_id")).values_list(
        "id", "text", "language"
    )
    return PoolIndex.from_rows(
        rows.iterator(chunk_size=10_000),
        {
            pk: PromptText(text, language)
            for pk, text, language in prompts.iterator(chunk_size=10_000)
        },
    )


class _PoolIndexCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: PoolIndex | None = None
        self._built_at = 0.0

    def get(self) -> PoolIndex:
        ttl = settings.ARENA_POOL_INDEX_TTL_SECONDS
        with self._lock:
            if self._index is None or time.monotonic() - self._built_at > ttl:
                self._index = build_pool_index()
                self._built_at = time.monotonic()
            return self._index

    def invalidate(self) -> None:
        with self._lock:
            self._index = None


_cache = _PoolIndexCache()


def pool_index() -> PoolIndex:
    return _cache.get()


def pool_changed() -> None:
    """Forget this process's index; call after committing a change to images or contestants."""
    _cache.invalidate()
