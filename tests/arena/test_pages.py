"""The rater pages, CSRF on the session API, the OpenAPI schema and the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from arena.models import Rater, Vote
from tests.factories import make_arena

pytestmark = pytest.mark.django_db


def test_rater_page_shows_buttons_shortcuts_and_vote_count():
    client = Client()
    page = client.get("/")
    assert page.status_code == 200
    html = page.content.decode()
    for label in (
        "Left is better",
        "Right is better",
        "Tie",
        "Both are bad",
        "Skip",
        "Next battle",
    ):
        assert label in html
    for key in (
        "<kbd>1</kbd>",
        "<kbd>2</kbd>",
        "<kbd>3</kbd>",
        "<kbd>4</kbd>",
        "<kbd>S</kbd>",
        "<kbd>Enter</kbd>",
    ):
        assert key in html
    assert 'id="vote-count">0<' in html
    assert "/instructions/" in html
    assert Rater.objects.count() == 1  # an anonymous rater for this session
    client.get("/")
    assert Rater.objects.count() == 1  # and the same one on the next visit


def test_instructions_page_has_the_rubric():
    html = Client().get("/instructions/").content.decode()
    for criterion in ("Prompt alignment", "Text accuracy", "Visual quality", "Artefacts"):
        assert criterion in html


def test_session_api_requires_the_csrf_token():
    make_arena()
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    refused = client.post("/api/battles/next")
    assert refused.status_code == 403
    accepted = client.post("/api/battles/next", HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    assert accepted.status_code == 201
    battle_id = accepted.json()["id"]
    no_token_vote = client.post(
        f"/api/battles/{battle_id}/vote", {"choice": "left"}, content_type="application/json"
    )
    assert no_token_vote.status_code == 403
    assert not Vote.objects.exists()


def test_signed_in_users_vote_as_their_account():
    make_arena()
    user = get_user_model().objects.create_user("ann", password="pw-long-enough-1")
    client = Client()
    client.force_login(user)
    client.get("/")
    battle = client.post("/api/battles/next").json()
    client.post(
        f"/api/battles/{battle['id']}/vote", {"choice": "left"}, content_type="application/json"
    )
    assert Vote.objects.get().rater == Rater.objects.get(user=user)
    assert client.get("/api/me").json() == {"votes": 1, "kind": "account"}


def test_openapi_schema_lists_the_operations():
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    assert set(paths) >= {
        "/api/raters",
        "/api/me",
        "/api/battles/next",
        "/api/battles/{battle_id}/vote",
        "/api/battles/{battle_id}/skip",
        "/api/battles/{battle_id}/reveal",
    }
    vote_schema = paths["/api/battles/{battle_id}/vote"]["post"]
    assert {"200", "403", "404", "409", "410", "422"} <= set(vote_schema["responses"])
    assert Client().get("/api/docs").status_code == 200


def test_admin_lists_every_model_with_filters():
    make_arena()
    admin = get_user_model().objects.create_superuser("root", "r@example.com", "pw-long-enough-1")
    client = Client()
    client.force_login(admin)
    for model in ("promptsuite", "prompt", "contestant", "rater", "battle", "vote"):
        response = client.get(f"/admin/arena/{model}/")
        assert response.status_code == 200, model
    images = client.get("/admin/generation/image/?contestant__id__exact=48213")
    assert images.status_code == 200
    assert "zorblax-secret-model" in images.content.decode()
    # Staff can see the stored files; nobody else can.
    thumb = images.content.decode().split('src="/media/')[1].split('"')[0]
    assert client.get(f"/media/{thumb}").status_code == 200
    assert Client().get(f"/media/{thumb}").status_code == 302
