"""Nothing a rater receives before voting reveals a contestant.

The test images carry their model's name in a PNG text chunk, the EXIF, the ICC profile and the
file name (tests/factories.py); contestants have distinctive names and ids. Every response a
rater can get before voting is collected (pages, static files, API answers, image URLs, image
bytes, headers, cookies) and searched for any of them.
"""

import io
import re

import pytest
from django.test import Client
from PIL import Image as PILImage

from arena.models import Battle, Contestant
from generation.models import Image
from tests.factories import make_arena

pytestmark = pytest.mark.django_db

STATIC_RE = re.compile(r'(?:src|href)="(/static/[^"]+)"')


class Collected:
    """Everything the rater's client received, as text (pages, JSON, headers) and as bytes."""

    def __init__(self):
        self.texts: list[tuple[str, str]] = []
        self.images: list[tuple[str, bytes]] = []

    def response(self, label: str, response) -> None:
        headers = "\n".join(f"{key}: {value}" for key, value in response.items())
        cookies = "\n".join(f"{morsel.key}={morsel.value}" for morsel in response.cookies.values())
        self.texts.append((f"{label} headers", headers + "\n" + cookies))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response["Content-Type"].startswith("image/"):
            self.images.append((label, body))
        else:
            self.texts.append((label, body.decode()))


def secrets_of(contestants, images) -> list[str]:
    """Strings that would identify a contestant or an image's storage."""
    found = []
    for contestant in contestants:
        found += [contestant.name, contestant.display_name, contestant.name.split("-")[0]]
        found += [
            f'"{contestant.pk}"',
            f": {contestant.pk}",
            f":{contestant.pk}",
            f"/{contestant.pk}",
        ]
    for image in images:
        found += [image.file.name, image.display_file.name, image.pixel_sha256]
    return found


def collect_pre_vote_traffic(client: Client, *, battles: int, csrf: str | None) -> Collected:
    collected = Collected()
    headers = {"HTTP_X_CSRFTOKEN": csrf} if csrf else {}
    page = client.get("/")
    collected.response("rater page", page)
    for path in sorted(set(STATIC_RE.findall(page.content.decode()))):
        collected.response(path, client.get(path))
    collected.response("instructions", client.get("/instructions/"))
    collected.response("openapi", client.get("/api/openapi.json"))
    collected.response("me", client.get("/api/me", **headers))
    for n in range(battles):
        response = client.post("/api/battles/next", **headers)
        assert response.status_code == 201, response.content
        collected.response(f"battle {n}", response)
        battle = response.json()
        for side in ("left", "right"):
            collected.response(f"battle {n} {side} image", client.get(battle[side]["url"]))
        # Skipping reveals nothing either; it keeps the images available for the next battles.
        collected.response(
            f"battle {n} skip", client.post(f"/api/battles/{battle['id']}/skip", **headers)
        )
    return collected


def assert_anonymous(collected: Collected, forbidden: list[str]) -> None:
    for label, text in collected.texts:
        for secret in forbidden:
            assert secret not in text, f"{label} reveals {secret!r}"
    for label, data in collected.images:
        for secret in forbidden:
            assert secret.encode() not in data, f"{label} bytes contain {secret!r}"
        with PILImage.open(io.BytesIO(data)) as image:
            assert image.format == "WEBP", label
            assert image.mode == "RGB", label
            assert not image.info.get("exif") and not image.info.get("icc_profile"), (
                f"{label} has metadata"
            )
            assert not image.getexif(), f"{label} has EXIF"
            assert set(image.info) <= {"loop", "duration", "background", "timestamp"}, image.info
            assert max(image.size) == 128, f"{label} is not at the canonical size"


def test_browser_session_receives_nothing_that_names_a_contestant():
    arena = make_arena(prompts=4, seeds=2)
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    collected = collect_pre_vote_traffic(client, battles=12, csrf=client.cookies["csrftoken"].value)
    assert len(collected.images) == 24
    assert_anonymous(collected, secrets_of(arena.contestants, arena.images))
    # The scan looked at battles of every contestant.
    seen = set(Battle.objects.values_list("left_contestant", flat=True)) | set(
        Battle.objects.values_list("right_contestant", flat=True)
    )
    assert seen == {c.pk for c in arena.contestants}


def test_api_client_receives_nothing_that_names_a_contestant():
    arena = make_arena(prompts=3)
    client = Client()
    token = client.post("/api/raters").json()["token"]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    collected = collect_pre_vote_traffic(client, battles=6, csrf=None)
    assert_anonymous(collected, secrets_of(arena.contestants, arena.images))


def test_image_responses_carry_no_identifying_headers():
    make_arena(prompts=2)
    client = Client()
    client.get("/")
    battle = client.post(
        "/api/battles/next", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value
    ).json()
    response = client.get(battle["left"]["url"])
    assert response.status_code == 200
    for header in ("ETag", "Last-Modified", "Content-Disposition"):
        assert header not in response, header
    assert response["Cache-Control"] == "private, max-age=3600"


def test_the_same_image_gets_a_new_url_in_every_battle():
    make_arena(prompts=1, contestants=2)
    urls_by_image: dict[int, set[str]] = {}
    for _ in range(4):
        client = Client()
        token = client.post("/api/raters").json()["token"]
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        battle_json = client.post("/api/battles/next").json()
        battle = Battle.objects.get(public_id=battle_json["id"])
        urls_by_image.setdefault(battle.left_image_id, set()).add(battle_json["left"]["url"])
        urls_by_image.setdefault(battle.right_image_id, set()).add(battle_json["right"]["url"])
    assert len(urls_by_image) == 2
    assert all(len(urls) == 4 for urls in urls_by_image.values())


def test_poison_really_is_in_the_source_files():
    """Guard for the tests above: the inputs do carry the names they must not leak."""
    arena = make_arena(prompts=1, contestants=1)
    from tests.factories import poisoned_png

    raw = poisoned_png((1, 2, 3), poison=arena.contestants[0].name)
    assert arena.contestants[0].name.encode() in raw
    stored = Image.objects.get()
    assert stored.settings["model"] == arena.contestants[0].name
    assert Contestant.objects.get().name == arena.contestants[0].name
