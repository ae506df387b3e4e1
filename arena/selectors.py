"""Read-only queries of the arena, named for what they return."""

import hashlib
from functools import lru_cache

from arena.models import Battle, Rater, Vote

_RATER_FIELDS = ("id", "token_hash", "user_id", "label", "created_at")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rater_from_token(token: str) -> Rater | None:
    """The rater an API token belongs to.

    A token's rater never changes, so each process remembers the answer (an LRU of bounded size)
    instead of asking the database on every request of a load generator.
    """
    row = _rater_row(token_digest(token))
    return None if row is None else Rater.from_db("default", _RATER_FIELDS, row)


@lru_cache(maxsize=65_536)
def _rater_row(digest: str) -> tuple | None:
    return Rater.objects.filter(token_hash=digest).values_list(*_RATER_FIELDS).first()


def rater_vote_count(*, rater: Rater) -> int:
    return Vote.objects.filter(rater=rater).count()


def rater_shown_image_ids(*, rater: Rater) -> set[int]:
    """Images this rater must not be shown again.

    Voted battles revealed their models; open battles will reveal theirs when voted (the page
    fetches the next battle before the current vote). Skipped battles revealed nothing, so their
    images may come back.
    """
    rows = (
        Battle.objects.filter(rater=rater)
        .exclude(status=Battle.Status.SKIPPED)
        .values_list("left_image_id", "right_image_id")
    )
    return {image_id for pair in rows for image_id in pair}
