"""Live leaderboard updates: votes announce themselves to the pages that show a board.

Each committed vote sends one small message to the ``leaderboard`` group; the websocket consumer
coalesces them (at most one notice per ``ARENA_LIVE_DEBOUNCE_SECONDS``), and the page then fetches
the board it shows. In the embedded default the in-memory channel layer reaches the pages served
by the same process, which is where votes are cast; in production Redis carries the messages
between processes.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

LEADERBOARD_GROUP = "leaderboard"
logger = logging.getLogger(__name__)


def announce_vote() -> None:
    """Tell the leaderboard pages that the votes changed (call after commit)."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(LEADERBOARD_GROUP, {"type": "votes.changed"})
    except Exception:  # a live page missing one update must never fail a recorded vote
        logger.warning("could not announce a vote to leaderboard pages", exc_info=True)
