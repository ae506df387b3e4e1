"""Websocket routes of every app, gathered in one place for config.asgi.

Apps add their consumers here (``path("ws/...", Consumer.as_asgi())``); HTTP routes live in
config.urls.
"""

websocket_urlpatterns: list = []
