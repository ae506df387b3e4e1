"""Websocket routes of every app, gathered in one place for config.asgi."""

from django.urls import path

from arena.consumers import LeaderboardConsumer
from generation.consumers import GenerationStatusConsumer

websocket_urlpatterns = [
    path("ws/leaderboard/", LeaderboardConsumer.as_asgi()),
    path("ws/generation/", GenerationStatusConsumer.as_asgi()),
]
