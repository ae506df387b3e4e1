"""The operators' status page: staff only, progress per contestant, live or polled."""

import asyncio

import pytest
from channels.testing import WebsocketCommunicator
from django.contrib.auth.models import User
from django.test import Client

from generation.consumers import GenerationStatusConsumer
from generation.live import GENERATION_GROUP, live_over_channels
from generation.models import GenerationJob
from tests.generation.conftest import make_contestant, make_prompts

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client():
    user = User.objects.create_user("operator", password="x", is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_only_staff_see_the_status(staff_client):
    for path in ("/generation/", "/generation/status.json"):
        assert Client().get(path).status_code == 302  # to the admin login
        rater = User.objects.get_or_create(username="rater")[0]
        client = Client()
        client.force_login(rater)
        assert client.get(path).status_code == 302
        assert staff_client.get(path).status_code == 200


def test_the_status_counts_jobs_images_and_the_last_error(staff_client):
    make_prompts(1)
    a = make_contestant("model-a", {"weights": "/w"})
    b = make_contestant("model-b", {"weights": "/missing"})
    GenerationJob.objects.create(contestant=a, family="sd", status="done")
    GenerationJob.objects.create(contestant=a, family="sd", status="queued")
    GenerationJob.objects.create(contestant=b, family="sd", status="running")
    GenerationJob.objects.create(
        contestant=b, family="sd", status="failed", error="weights folder /missing does not exist"
    )
    data = staff_client.get("/generation/status.json").json()
    rows = {row["name"]: row for row in data["contestants"]}
    assert (rows["model-a"]["done"], rows["model-a"]["queued"], rows["model-a"]["progress"]) == (
        1,
        1,
        0.5,
    )
    assert rows["model-b"]["last_error"] == "weights folder /missing does not exist"
    assert data["totals"]["jobs"] == 4 and data["totals"]["failed"] == 1
    page = staff_client.get("/generation/").content.decode()
    assert "model-b" in page and "weights folder /missing does not exist" in page
    # The embedded default has no shared channel layer: the page polls.
    assert not live_over_channels() and 'data-socket-path=""' in page


def test_the_websocket_relays_changes_to_staff_and_refuses_others():
    from channels.layers import get_channel_layer

    staff = User(username="s", is_staff=True)
    rater = User(username="r", is_staff=False)

    async def scenario():
        refused = WebsocketCommunicator(GenerationStatusConsumer.as_asgi(), "/ws/generation/")
        refused.scope["user"] = rater
        connected, code = await refused.connect()
        assert not connected and code == 4403
        communicator = WebsocketCommunicator(GenerationStatusConsumer.as_asgi(), "/ws/generation/")
        communicator.scope["user"] = staff
        connected, _ = await communicator.connect()
        assert connected
        await get_channel_layer().group_send(GENERATION_GROUP, {"type": "generation.changed"})
        assert await communicator.receive_json_from(timeout=3) == {"type": "generation.changed"}
        await communicator.disconnect()

    asyncio.run(scenario())
