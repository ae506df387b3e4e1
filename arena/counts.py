"""Keeping ``PairCount`` in step with the votes."""

from django.db import connection, transaction
from django.db.models import Count, Q

from arena.models import PairCount, Vote

# The column each choice increments.
CHOICE_COLUMN = {
    Vote.Choice.LEFT: "left_wins",
    Vote.Choice.RIGHT: "right_wins",
    Vote.Choice.TIE: "ties",
    Vote.Choice.BOTH_BAD: "both_bad",
}


def pair_count_add(*, vote: Vote, category: str, language: str) -> None:
    """Count ``vote`` in its pair's row, creating the row if needed, in one statement.

    An upsert (``INSERT ... ON CONFLICT DO UPDATE``, in PostgreSQL and SQLite alike) is atomic
    under concurrency without a read first; call it inside the vote's transaction.
    """
    column = CHOICE_COLUMN[vote.choice]
    table = PairCount._meta.db_table
    columns = ["left_wins", "right_wins", "ties", "both_bad"]
    initial = [1 if name == column else 0 for name in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table}
                (category, language, left_contestant_id, right_contestant_id, {", ".join(columns)})
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (category, language, left_contestant_id, right_contestant_id)
            DO UPDATE SET {column} = {table}.{column} + 1
            """,
            [category, language, vote.left_contestant_id, vote.right_contestant_id, *initial],
        )


def pair_counts_rebuild() -> int:
    """Recompute every count from the votes; returns the number of votes counted.

    The table is locked first, so votes cast meanwhile wait and are counted once: either in the
    recomputation (committed before it) or by their own upsert after it.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {PairCount._meta.db_table} IN EXCLUSIVE MODE")
        counts = _counts_from_votes()
        PairCount.objects.all().delete()
        PairCount.objects.bulk_create(counts, batch_size=1000)
    return sum(c.left_wins + c.right_wins + c.ties + c.both_bad for c in counts)


def _counts_from_votes() -> list[PairCount]:
    rows = (
        Vote.objects.values(
            "prompt__category", "prompt__language", "left_contestant", "right_contestant"
        )
        .annotate(
            left_wins=Count("pk", filter=Q(choice=Vote.Choice.LEFT)),
            right_wins=Count("pk", filter=Q(choice=Vote.Choice.RIGHT)),
            ties=Count("pk", filter=Q(choice=Vote.Choice.TIE)),
            both_bad=Count("pk", filter=Q(choice=Vote.Choice.BOTH_BAD)),
        )
        .order_by()
    )
    return [
        PairCount(
            category=row["prompt__category"],
            language=row["prompt__language"],
            left_contestant_id=row["left_contestant"],
            right_contestant_id=row["right_contestant"],
            left_wins=row["left_wins"],
            right_wins=row["right_wins"],
            ties=row["ties"],
            both_bad=row["both_bad"],
        )
        for row in rows
    ]
