"""Live generation progress: a worker announces each committed batch to the operators' page.

Messages go to the ``generation-status`` group after the commit; the page's websocket consumer
relays a notice and the page fetches the numbers. Across processes this needs a shared channel
layer (Redis): the in-memory layer of the embedded default reaches nothing outside the worker,
so there the page polls the JSON endpoint instead.
"""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

GENERATION_GROUP = "generation-status"
logger = logging.getLogger(__name__)


def live_over_channels() -> bool:
    """Whether group messages cross processes (a Redis channel layer, not the in-memory one)."""
    backend = settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", "")
    return bool(backend) and not backend.endswith("InMemoryChannelLayer")


def announce_progress() -> None:
    """Tell the operators' pages that jobs or images changed (call after commit)."""
    if not live_over_channels():
        return
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(GENERATION_GROUP, {"type": "generation.changed"})
    except Exception:  # a page missing one update must never fail a committed batch
        logger.warning("could not announce generation progress", exc_info=True)
