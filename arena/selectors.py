"""Read-only queries of the arena, named for what they return."""

import hashlib

from arena.models import Battle, Rater, Vote


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rater_from_token(token: str) -> Rater | None:
    return Rater.objects.filter(token_hash=token_digest(token)).first()


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
