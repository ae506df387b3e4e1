"""Websocket consumer of the operators' status page: staff only, relays change notices."""

from asgiref.sync import async_to_sync
from channels.generic.websocket import JsonWebsocketConsumer

from generation.live import GENERATION_GROUP


class GenerationStatusConsumer(JsonWebsocketConsumer):
    """Tells the status page when jobs or images changed; the page then fetches the numbers."""

    def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_staff:
            self.close(code=4403)
            return
        async_to_sync(self.channel_layer.group_add)(GENERATION_GROUP, self.channel_name)
        self.accept()

    def disconnect(self, code):
        async_to_sync(self.channel_layer.group_discard)(GENERATION_GROUP, self.channel_name)

    def generation_changed(self, event):
        self.send_json({"type": "generation.changed"})
