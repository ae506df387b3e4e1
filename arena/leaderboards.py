"""Leaderboards: count tables from the database, ratings from ``arena.ratings``.

The global boards read ``PairCount`` (kept up to date by each vote), so a refresh costs one small
query plus the fit and bootstrap. The timeline (ratings as votes accumulated, and the report's
online Elo in vote order) reads the votes themselves and is cached until the vote count changes.
Personal boards and reproduced snapshots are built from the votes they cover.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from arena import ratings
from arena.models import Contestant, LeaderboardSnapshot, PairCount, Rater, Vote

DEFAULT_ROUNDS = 1000
DEFAULT_SEED = 0
TIMELINE_POINTS = 24
# Index of each vote choice in a side-ordered table cell: (left won, right won, tie).
SIDE_SLOT = {Vote.Choice.LEFT: 0, Vote.Choice.RIGHT: 1, Vote.Choice.TIE: 2, Vote.Choice.BOTH_BAD: 2}


@dataclass(frozen=True)
class BoardFilter:
    """Which votes a board counts: a category path (and everything under it) and a language."""

    category: str = ""
    language: str = ""

    def q(self, prefix: str = "") -> Q:
        condition = Q()
        if self.category:
            condition &= Q(**{f"{prefix}category": self.category}) | Q(
                **{f"{prefix}category__startswith": self.category + "/"}
            )
        if self.language:
            condition &= Q(**{f"{prefix}language": self.language})
        return condition

    @property
    def label(self) -> str:
        return " · ".join(part for part in (self.category, self.language) if part) or "all prompts"


@dataclass
class Tables:
    """Count tables over a list of contestants (index i is ``contestants[i]``)."""

    contestants: list[Contestant]
    side: np.ndarray  # (M, M, 3): left i vs right j -> (left won, right won, tie)

    @property
    def wins(self) -> np.ndarray:
        return self.side[:, :, 0] + self.side[:, :, 1].T

    @property
    def ties(self) -> np.ndarray:
        return self.side[:, :, 2] + self.side[:, :, 2].T

    @property
    def total(self) -> int:
        return int(self.side.sum())


@dataclass(frozen=True)
class Row:
    rank: int
    contestant: Contestant
    rating: float
    lower: float
    upper: float
    votes: int
    win_rate: float


@dataclass
class Board:
    filter: BoardFilter
    tables: Tables
    rows: list[Row]
    rounds: int
    seed: int
    win_rate: np.ndarray = field(repr=False)
    battles: np.ndarray = field(repr=False)
    predicted: np.ndarray = field(repr=False)
    position_bias: tuple[float, float, float] | None = None  # (estimate, lower, upper) in points

    @property
    def total_votes(self) -> int:
        return self.tables.total

    def as_json(self) -> dict:
        names = [c.name for c in self.tables.contestants]

        def matrix(values: np.ndarray) -> list[list[float | None]]:
            return [[None if np.isnan(v) else round(float(v), 4) for v in row] for row in values]

        return {
            "filter": {"category": self.filter.category, "language": self.filter.language},
            "votes": self.total_votes,
            "rounds": self.rounds,
            "seed": self.seed,
            "rows": [row_json(row) for row in self.rows],
            "contestants": names,
            "win_rate": matrix(self.win_rate),
            "battles": self.battles.astype(int).tolist(),
            "predicted_win_rate": matrix(self.predicted),
            "position_bias": None
            if self.position_bias is None
            else dict(
                zip(("estimate", "lower", "upper"), map(_round, self.position_bias), strict=True)
            ),
        }


def _round(value: float) -> float:
    return round(float(value), 2)


def row_json(row: Row) -> dict:
    return {
        "rank": row.rank,
        "contestant": row.contestant.name,
        "display_name": row.contestant.label,
        "rating": _round(row.rating),
        "lower": _round(row.lower),
        "upper": _round(row.upper),
        "votes": row.votes,
        "win_rate": None if np.isnan(row.win_rate) else round(float(row.win_rate), 4),
    }


# --- Count tables ---------------------------------------------------------------------------------


def _tables_from_cells(cells: list[tuple[int, int, int, int, int]]) -> Tables:
    """``cells``: (left id, right id, left wins, right wins, ties incl. both-bad)."""
    ids = sorted({c[0] for c in cells} | {c[1] for c in cells})
    contestants = {c.pk: c for c in Contestant.objects.filter(pk__in=ids)}
    index = {pk: i for i, pk in enumerate(ids)}
    side = np.zeros((len(ids), len(ids), 3), dtype=np.int64)
    for left, right, left_wins, right_wins, ties in cells:
        side[index[left], index[right]] += (left_wins, right_wins, ties)
    return Tables(contestants=[contestants[pk] for pk in ids], side=side)


def tables_from_counts(board_filter: BoardFilter) -> Tables:
    rows = (
        PairCount.objects.filter(board_filter.q())
        .values("left_contestant", "right_contestant")
        .annotate(lw=Sum("left_wins"), rw=Sum("right_wins"), t=Sum("ties"), b=Sum("both_bad"))
        .order_by()
    )
    return _tables_from_cells(
        [
            (r["left_contestant"], r["right_contestant"], r["lw"], r["rw"], r["t"] + r["b"])
            for r in rows
        ]
    )


def tables_from_votes(votes) -> Tables:
    """Count tables of an arbitrary set of votes (a rater's, or those up to a snapshot)."""
    cells: dict[tuple[int, int], list[int]] = {}
    for left, right, choice in votes.values_list("left_contestant", "right_contestant", "choice"):
        cells.setdefault((left, right), [0, 0, 0])[SIDE_SLOT[choice]] += 1
    return _tables_from_cells([(left, right, *counts) for (left, right), counts in cells.items()])


# --- Boards ------------------------------------------------------------------------------------


def board_from_tables(
    tables: Tables,
    board_filter: BoardFilter,
    *,
    rounds: int = DEFAULT_ROUNDS,
    seed: int = DEFAULT_SEED,
    with_position_bias: bool = True,
) -> Board:
    wins, ties = tables.wins, tables.ties
    size = len(tables.contestants)
    if size == 0 or tables.total == 0:
        empty = np.zeros((size, size))
        return Board(board_filter, tables, [], rounds, seed, empty, empty, empty)
    fit = ratings.leaderboard(wins, ties, rounds=rounds, seed=seed)
    order = sorted(range(size), key=lambda i: (-fit.ratings[i], tables.contestants[i].name))
    rows = [
        Row(
            rank=int(fit.rank[i]),
            contestant=tables.contestants[i],
            rating=float(fit.ratings[i]),
            lower=float(fit.lower[i]),
            upper=float(fit.upper[i]),
            votes=int(fit.votes[i]),
            win_rate=float(fit.win_rate[i]),
        )
        for i in order
    ]
    bias = None
    if with_position_bias and size >= 2:
        estimate = ratings.fit_position_bias(tables.side)
        lower, upper = ratings.position_bias_interval(tables.side, rounds=rounds, seed=seed)
        bias = (estimate, lower, upper)
    return Board(
        board_filter,
        tables,
        rows,
        rounds,
        seed,
        win_rate=ratings.win_rate_matrix(wins, ties),
        battles=ratings.battle_count_matrix(wins, ties),
        predicted=ratings.predicted_win_matrix(fit.ratings),
        position_bias=bias,
    )


def leaderboard_compute(
    *,
    board_filter: BoardFilter = BoardFilter(),
    rounds: int = DEFAULT_ROUNDS,
    seed: int = DEFAULT_SEED,
) -> Board:
    """The global board for ``board_filter``, from the pair counts."""
    return board_from_tables(
        tables_from_counts(board_filter), board_filter, rounds=rounds, seed=seed
    )


def personal_leaderboard(
    *, rater: Rater, rounds: int = DEFAULT_ROUNDS, seed: int = DEFAULT_SEED
) -> Board:
    """A rater's own board, from their votes only (the report's arena has personal boards)."""
    tables = tables_from_votes(Vote.objects.filter(rater=rater))
    return board_from_tables(
        tables, BoardFilter(), rounds=rounds, seed=seed, with_position_bias=False
    )


def board_categories() -> list[str]:
    """Every category with votes, and every ancestor path of one, for the filter menu."""
    paths = set()
    for category in PairCount.objects.values_list("category", flat=True).distinct():
        parts = category.split("/")
        paths.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(paths)


def board_languages() -> list[str]:
    return sorted(PairCount.objects.values_list("language", flat=True).distinct())


# --- Timeline ------------------------------------------------------------------------------------


@dataclass
class Timeline:
    contestants: list[Contestant]
    vote_counts: list[int]  # cumulative votes at each point
    times: list[datetime]
    ratings: np.ndarray  # (points, M) Bradley-Terry ratings as the votes came in
    online_elo: np.ndarray  # (M,) the report's Elo, updated vote by vote in order


def leaderboard_timeline(
    board_filter: BoardFilter = BoardFilter(), points: int = TIMELINE_POINTS
) -> Timeline:
    """Ratings fitted on the first n votes at ``points`` checkpoints, and the online Elo.

    Reads the votes in order (cached while their number is unchanged).
    """
    votes = Vote.objects.filter(board_filter.q("prompt__"))
    stamp = votes.aggregate(n=Count("pk"), last=Max("created_at"))
    scope = f"{board_filter.category}|{board_filter.language}|{points}|{stamp['n']}|{stamp['last']}"
    key = "arena:timeline:" + hashlib.sha1(scope.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = list(
        votes.order_by("created_at", "battle_id").values_list(
            "left_contestant", "right_contestant", "choice", "created_at"
        )
    )
    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    index = {pk: i for i, pk in enumerate(ids)}
    contestants = {c.pk: c for c in Contestant.objects.filter(pk__in=ids)}
    left = np.array([index[r[0]] for r in rows], dtype=np.int64)
    right = np.array([index[r[1]] for r in rows], dtype=np.int64)
    outcome = np.array([{"left": 1.0, "right": 0.0}.get(r[2], 0.5) for r in rows])
    size = len(ids)
    cuts = (
        sorted({round(len(rows) * k / points) for k in range(1, points + 1)} - {0}) if rows else []
    )
    history = np.zeros((len(cuts), size))
    for n, cut in enumerate(cuts):
        wins, ties = ratings.count_table(
            left[:cut], right[:cut], outcome[:cut], num_contestants=size
        )
        history[n] = ratings.fit_bradley_terry(wins, ties)
    elo = ratings.online_elo(left, right, outcome, num_contestants=size) if rows else np.zeros(0)
    timeline = Timeline(
        contestants=[contestants[pk] for pk in ids],
        vote_counts=cuts,
        times=[rows[cut - 1][3] for cut in cuts],
        ratings=history,
        online_elo=elo,
    )
    cache.set(key, timeline, 300)
    return timeline


# --- Snapshots ------------------------------------------------------------------------------------


def snapshot_create(
    *,
    board_filter: BoardFilter = BoardFilter(),
    rounds: int = DEFAULT_ROUNDS,
    seed: int = DEFAULT_SEED,
    note: str = "",
) -> LeaderboardSnapshot:
    """Freeze the board over every vote cast so far; it can be recomputed from the votes later."""
    cutoff = timezone.now()
    votes = Vote.objects.filter(board_filter.q("prompt__"), created_at__lte=cutoff)
    board = board_from_tables(tables_from_votes(votes), board_filter, rounds=rounds, seed=seed)
    return LeaderboardSnapshot.objects.create(
        category=board_filter.category,
        language=board_filter.language,
        rounds=rounds,
        seed=seed,
        votes_until=cutoff,
        vote_count=board.total_votes,
        results=board.as_json(),
        note=note,
    )


def snapshot_reproduce(snapshot: LeaderboardSnapshot) -> Board:
    """Recompute a snapshot's board from the votes it covered, with its rounds and seed."""
    board_filter = BoardFilter(snapshot.category, snapshot.language)
    votes = Vote.objects.filter(board_filter.q("prompt__"), created_at__lte=snapshot.votes_until)
    return board_from_tables(
        tables_from_votes(votes), board_filter, rounds=snapshot.rounds, seed=snapshot.seed
    )
