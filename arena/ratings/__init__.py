"""Arena ratings: plain numpy (and scipy), no Django. Fed arrays, returns arrays.

Count tables come from per-vote arrays (``count_table``); Bradley-Terry ratings are fitted by
maximum likelihood (``fit_bradley_terry``) and bootstrapped by multinomial resampling of the table,
all rounds at once (``bootstrap_bradley_terry``); ``intervals`` and ``rank_from_intervals`` turn
the bootstrap into confidence intervals and ranks that respect them; ``leaderboard`` does all of
that in one call. ``online_elo`` reproduces FastChat's online Elo; ``fit_position_bias`` measures
a left-side advantage. Formulas are in each module's docstring.
"""

from arena.ratings.bootstrap import bootstrap_bradley_terry, resample_count_tables
from arena.ratings.bradley_terry import RIDGE, fit_bradley_terry
from arena.ratings.counts import count_table, side_count_table
from arena.ratings.elo import online_elo
from arena.ratings.leaderboard import Leaderboard, leaderboard
from arena.ratings.matrices import battle_count_matrix, predicted_win_matrix, win_rate_matrix
from arena.ratings.position import (
    bootstrap_position_bias,
    fit_position_bias,
    position_bias_interval,
)
from arena.ratings.ranks import intervals, rank_from_intervals

__all__ = [
    "RIDGE",
    "Leaderboard",
    "battle_count_matrix",
    "bootstrap_bradley_terry",
    "bootstrap_position_bias",
    "count_table",
    "fit_bradley_terry",
    "fit_position_bias",
    "intervals",
    "leaderboard",
    "online_elo",
    "position_bias_interval",
    "predicted_win_matrix",
    "rank_from_intervals",
    "resample_count_tables",
    "side_count_table",
    "win_rate_matrix",
]
