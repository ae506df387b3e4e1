"""Matchmaking: which prompt and which two contestants a rater sees next.

A policy sees the servable pool through ``BattleCandidates`` (the pool minus the images this
rater must not see again) and returns a ``Matchup``; the service then picks the images and the
sides. The policy in use is the class named by ``ARENA_BATTLE_POLICY``, so a smarter one (active
sampling, coverage targets) replaces the uniform one without touching the service.
"""

import random
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from arena.pool import PoolIndex


@dataclass(frozen=True)
class Matchup:
    prompt_id: int
    contestant_a: int
    contestant_b: int


class BattleCandidates:
    """The pool as one rater may see it: images they were already shown are left out."""

    def __init__(self, pool: PoolIndex, excluded_images: Iterable[int]):
        self.pool = pool
        self.excluded_images = frozenset(excluded_images)

    @property
    def prompts(self) -> tuple[int, ...]:
        """Prompts that had images of two contestants before this rater's exclusions."""
        return self.pool.battle_prompts

    def images(self, prompt_id: int, contestant_id: int) -> tuple[int, ...]:
        ids = self.pool.images.get(prompt_id, {}).get(contestant_id, ())
        if not self.excluded_images:
            return ids
        return tuple(i for i in ids if i not in self.excluded_images)

    def contestants(self, prompt_id: int) -> list[int]:
        """Contestants with at least one image of ``prompt_id`` this rater may still see."""
        by_contestant = self.pool.images.get(prompt_id, {})
        return sorted(c for c in by_contestant if self.images(prompt_id, c))


class BattlePolicy(ABC):
    #: Recorded on every battle, so analyses can tell how each pair was chosen.
    name: str

    @abstractmethod
    def choose(self, candidates: BattleCandidates, rng: random.Random) -> Matchup | None:
        """Return the next matchup, or None when this rater has nothing left to see."""


class UniformPolicy(BattlePolicy):
    """A prompt uniformly among those with two contestants, then a pair uniformly among them."""

    name = "uniform"
    #: Random draws tried before scanning every prompt (only a rater who has seen most of the
    #: pool gets that far).
    draws_before_scan = 32

    def choose(self, candidates: BattleCandidates, rng: random.Random) -> Matchup | None:
        prompts = candidates.prompts
        if not prompts:
            return None
        for _ in range(self.draws_before_scan):
            matchup = self._pair_for(rng.choice(prompts), candidates, rng)
            if matchup:
                return matchup
        for prompt_id in rng.sample(prompts, len(prompts)):
            matchup = self._pair_for(prompt_id, candidates, rng)
            if matchup:
                return matchup
        return None

    @staticmethod
    def _pair_for(
        prompt_id: int, candidates: BattleCandidates, rng: random.Random
    ) -> Matchup | None:
        contestants = candidates.contestants(prompt_id)
        if len(contestants) < 2:
            return None
        a, b = rng.sample(contestants, 2)
        return Matchup(prompt_id=prompt_id, contestant_a=a, contestant_b=b)


@cache
def _policy_class(path: str) -> type[BattlePolicy]:
    return import_string(path)


def battle_policy() -> BattlePolicy:
    return _policy_class(settings.ARENA_BATTLE_POLICY)()
