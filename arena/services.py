"""The arena's actions: serving battles, casting votes, skipping, revealing, making raters.

Each write happens inside one ``transaction.atomic`` here, so every effect of an action is in
one place; views and API endpoints only parse input, call one of these and shape the answer.
"""

import random
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from arena.counts import pair_count_add
from arena.errors import (
    BattleAlreadyDecided,
    BattleExpired,
    BattleNotFound,
    InvalidVote,
    NoBattleAvailable,
    NotVotedYet,
    NotYourBattle,
)
from arena.live import announce_vote
from arena.matchmaking import BattleCandidates, battle_policy
from arena.models import Battle, Contestant, Rater, Vote
from arena.pool import PromptText, pool_index
from arena.selectors import rater_shown_image_ids, rater_vote_count, token_digest

# Sides and pairs must not be predictable from outside, so the default generator is the OS's.
_system_random = random.SystemRandom()

# A browser's own latency may exceed the server's by clock granularity and network jitter;
# beyond this it is not believed.
_CLIENT_LATENCY_SLACK_MS = 2_000


@dataclass(frozen=True)
class ServedBattle:
    battle: Battle
    prompt: PromptText


@dataclass(frozen=True)
class Reveal:
    """What a rater learns after voting: the verdict and who was on which side."""

    battle: Battle
    vote: Vote
    left: Contestant
    right: Contestant
    rater_votes: int

    @property
    def winner(self) -> str | None:
        return (
            self.vote.choice if self.vote.choice in (Vote.Choice.LEFT, Vote.Choice.RIGHT) else None
        )


# --- Raters --------------------------------------------------------------------------------------


def rater_create(*, label: str = "", user=None) -> Rater:
    return Rater.objects.create(label=label, user=user)


def rater_create_with_token(*, label: str = "") -> tuple[Rater, str]:
    """A rater for an API client; the token is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    rater = Rater.objects.create(label=label, token_hash=token_digest(token))
    return rater, token


def rater_for_user(*, user) -> Rater:
    rater, _ = Rater.objects.get_or_create(user=user)
    return rater


# --- Battles ----------------------------------------------------------------------------------


def battle_serve(*, rater: Rater, rng: random.Random | None = None) -> ServedBattle:
    """Choose a prompt and two contestants for ``rater``, randomise the sides, record the battle."""
    rng = rng or _system_random
    policy = battle_policy()
    pool = pool_index()
    candidates = BattleCandidates(pool, rater_shown_image_ids(rater=rater))
    matchup = policy.choose(candidates, rng)
    if matchup is None:
        if not candidates.prompts:
            raise NoBattleAvailable(
                "No battles yet: the pool has no prompt with images from two contestants. "
                "Import images (manage.py import_images) or generate them."
            )
        raise NoBattleAvailable(
            "You have seen every image in the pool. Thank you! Come back later."
        )
    left_id, right_id = matchup.contestant_a, matchup.contestant_b
    if rng.random() < 0.5:
        left_id, right_id = right_id, left_id
    now = timezone.now()
    battle = Battle.objects.create(
        rater=rater,
        prompt_id=matchup.prompt_id,
        left_contestant_id=left_id,
        right_contestant_id=right_id,
        left_image_id=rng.choice(candidates.images(matchup.prompt_id, left_id)),
        right_image_id=rng.choice(candidates.images(matchup.prompt_id, right_id)),
        policy=policy.name,
        expires_at=now + timedelta(seconds=settings.ARENA_BATTLE_TTL_SECONDS),
    )
    return ServedBattle(battle=battle, prompt=pool.prompts[matchup.prompt_id])


def _locked_battle(*, rater: Rater, battle_public_id: str) -> Battle:
    """The rater's battle, row-locked until the end of the surrounding transaction."""
    battle = (
        Battle.objects.select_for_update(of=("self",))
        .select_related("left_contestant", "right_contestant", "prompt")
        .filter(public_id=battle_public_id)
        .first()
    )
    if battle is None:
        raise BattleNotFound(f"There is no battle '{battle_public_id}'.")
    if battle.rater_id != rater.pk:
        raise NotYourBattle("This battle was served to another rater; only they can vote on it.")
    return battle


def vote_cast(
    *, rater: Rater, battle_public_id: str, choice: str, client_latency_ms: int | None = None
) -> Reveal:
    """Record ``rater``'s one vote on a battle and return the reveal.

    Submitting the same vote again (a double click, a client retry) returns the same reveal and
    records nothing; a different vote on a decided battle, a vote on someone else's battle, on a
    skipped or an expired one is refused with the reason.
    """
    if choice not in Vote.Choice.values:
        raise InvalidVote(f"choice must be one of {', '.join(Vote.Choice.values)}; got {choice!r}")
    try:
        with transaction.atomic():
            battle = _locked_battle(rater=rater, battle_public_id=battle_public_id)
            if battle.status == Battle.Status.VOTED:
                return _repeat(battle, choice, rater)
            if battle.status == Battle.Status.SKIPPED:
                raise BattleAlreadyDecided("This battle was skipped; it takes no vote.")
            now = timezone.now()
            if now > battle.expires_at:
                raise BattleExpired(
                    f"This battle expired at {battle.expires_at.isoformat()}; load a new one."
                )
            server_ms = max(0, int((now - battle.created_at).total_seconds() * 1000))
            vote = Vote.objects.create(
                battle=battle,
                rater=rater,
                prompt_id=battle.prompt_id,
                choice=choice,
                left_contestant_id=battle.left_contestant_id,
                right_contestant_id=battle.right_contestant_id,
                latency_ms=_believable_latency(client_latency_ms, server_ms),
                server_latency_ms=server_ms,
            )
            battle.status = Battle.Status.VOTED
            battle.save(update_fields=["status"])
            pair_count_add(
                vote=vote, category=battle.prompt.category, language=battle.prompt.language
            )
            transaction.on_commit(announce_vote)
    except IntegrityError:
        # Only on databases without row locks: a concurrent copy of this vote won the race.
        with transaction.atomic():
            battle = _locked_battle(rater=rater, battle_public_id=battle_public_id)
            return _repeat(battle, choice, rater)
    return _reveal(battle, vote, rater)


def _repeat(battle: Battle, choice: str, rater: Rater) -> Reveal:
    vote = Vote.objects.get(battle=battle)
    if vote.choice != choice:
        raise BattleAlreadyDecided(
            f"This battle already has the vote '{vote.choice}'; a battle takes one vote."
        )
    return _reveal(battle, vote, rater)


def _believable_latency(client_ms: int | None, server_ms: int) -> int:
    if client_ms is not None and 0 <= client_ms <= server_ms + _CLIENT_LATENCY_SLACK_MS:
        return client_ms
    return server_ms


def _reveal(battle: Battle, vote: Vote, rater: Rater) -> Reveal:
    return Reveal(
        battle=battle,
        vote=vote,
        left=battle.left_contestant,
        right=battle.right_contestant,
        rater_votes=rater_vote_count(rater=rater),
    )


def battle_skip(*, rater: Rater, battle_public_id: str) -> Battle:
    """Set a battle aside without a vote; skipping twice is harmless, a voted battle refuses."""
    with transaction.atomic():
        battle = _locked_battle(rater=rater, battle_public_id=battle_public_id)
        if battle.status == Battle.Status.VOTED:
            raise BattleAlreadyDecided("This battle has a vote already; it cannot be skipped.")
        if battle.status != Battle.Status.SKIPPED:
            battle.status = Battle.Status.SKIPPED
            battle.save(update_fields=["status"])
    return battle


def battle_reveal(*, rater: Rater, battle_public_id: str) -> Reveal:
    battle = (
        Battle.objects.select_related("left_contestant", "right_contestant")
        .filter(public_id=battle_public_id)
        .first()
    )
    if battle is None:
        raise BattleNotFound(f"There is no battle '{battle_public_id}'.")
    if battle.rater_id != rater.pk:
        raise NotYourBattle("This battle was served to another rater.")
    vote = Vote.objects.filter(battle=battle).first()
    if vote is None:
        raise NotVotedYet("Vote first: the contestants are revealed after the vote.")
    return _reveal(battle, vote, rater)
