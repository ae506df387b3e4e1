"""Websocket consumers: relay notices to pages, nothing else (the pages fetch what they show)."""

import asyncio

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from arena.live import LEADERBOARD_GROUP


class LeaderboardConsumer(AsyncJsonWebsocketConsumer):
    """Tells a leaderboard page when votes changed, at most once per debounce interval.

    Asynchronous rather than the usual synchronous consumer because coalescing needs a timer:
    the first change after a quiet spell schedules one notice, later ones ride along with it.
    """

    groups = [LEADERBOARD_GROUP]

    async def connect(self):
        self.pending: asyncio.TimerHandle | None = None
        await self.accept()

    async def disconnect(self, code):
        if self.pending is not None:
            self.pending.cancel()

    async def votes_changed(self, event):
        if self.pending is None:
            delay = settings.ARENA_LIVE_DEBOUNCE_SECONDS
            self.pending = asyncio.get_running_loop().call_later(
                delay, lambda: asyncio.ensure_future(self._notify())
            )

    async def _notify(self):
        self.pending = None
        await self.send_json({"type": "votes.changed"})
