"""The JSON API: the same operations as the rater page (next battle, vote, skip, reveal).

The browser uses it with its session cookie (and the CSRF token); other clients and load
generators create a rater with ``POST /api/raters`` and send ``Authorization: Bearer <token>``.
The schema is served at ``/api/openapi.json`` and browsable at ``/api/docs``.

Nothing a battle answer carries names a contestant or an image: the prompt, two opaque image
URLs and the expiry. Names come back only in the vote's reveal.
"""

from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer

from arena import services
from arena.errors import ArenaError
from arena.leaderboards import BoardFilter, leaderboard_compute, personal_leaderboard
from arena.models import Rater
from arena.raters import session_rater
from arena.selectors import rater_from_token, rater_vote_count


class RaterTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Rater | None:
        return rater_from_token(token)


class RaterSessionAuth(APIKeyCookie):
    """The browser's session; CSRF-checked on unsafe methods by ninja's cookie auth."""

    def __init__(self) -> None:
        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # No session cookie means this is not a browser client: let the 401 explain the token.
        if self.param_name not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Rater | None:
        return session_rater(request, create=True) if key is not None else None


api = NinjaAPI(
    title="Text-to-image arena API",
    version="1",
    description=__doc__,
    auth=[RaterTokenAuth(), RaterSessionAuth()],
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, code: str, detail: str, **extra):
    return api.create_response(request, {"error": code, "detail": detail, **extra}, status=status)


@api.exception_handler(ArenaError)
def _arena_error(request, exc: ArenaError):
    return _error(request, exc.status, exc.code, exc.detail)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return _error(
        request,
        401,
        "not_authenticated",
        "No rater: open the arena page for a browser session, or create a token with "
        "POST /api/raters and send it as 'Authorization: Bearer <token>'.",
    )


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', 'invalid')}"
        for error in exc.errors
    )
    return _error(request, 422, "invalid_request", problems or "invalid request", errors=exc.errors)


# --- Schemas ----------------------------------------------------------------------------------


class ErrorOut(Schema):
    error: str
    detail: str


class TokenOut(Schema):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'. Shown only once.")


class MeOut(Schema):
    votes: int
    kind: str


class PromptOut(Schema):
    text: str
    language: str


class ImageOut(Schema):
    url: str


class BattleOut(Schema):
    id: str
    prompt: PromptOut
    left: ImageOut
    right: ImageOut
    expires_at: datetime


class VoteIn(Schema):
    choice: Literal["left", "right", "tie", "both_bad"]
    latency_ms: int | None = Field(
        None,
        ge=0,
        le=86_400_000,
        description="Time the rater looked at the pair, as measured by the client.",
    )


class ContestantOut(Schema):
    name: str
    display_name: str


class RevealOut(Schema):
    battle: str
    choice: str
    winner: Literal["left", "right"] | None
    left: ContestantOut
    right: ContestantOut
    votes: int = Field(description="The rater's number of votes so far.")


class SkipOut(Schema):
    battle: str
    skipped: bool


def _battle_out(served: services.ServedBattle) -> dict:
    battle = served.battle
    return {
        "id": battle.public_id,
        "prompt": {"text": served.prompt.text, "language": served.prompt.language},
        "left": {"url": reverse("arena:image", args=[battle.left_token])},
        "right": {"url": reverse("arena:image", args=[battle.right_token])},
        "expires_at": battle.expires_at,
    }


def _reveal_out(reveal: services.Reveal) -> dict:
    return {
        "battle": reveal.battle.public_id,
        "choice": reveal.vote.choice,
        "winner": reveal.winner,
        "left": {"name": reveal.left.name, "display_name": reveal.left.label},
        "right": {"name": reveal.right.name, "display_name": reveal.right.label},
        "votes": reveal.rater_votes,
    }


# --- Operations --------------------------------------------------------------------------------


@api.post("/raters", auth=None, response={201: TokenOut}, tags=["raters"])
def create_rater(
    request,
    label: str = Query(
        "", max_length=100, description="Free text, e.g. the load generator's name."
    ),
):
    """Create an anonymous rater for an API client and return its token."""
    _, token = services.rater_create_with_token(label=label)
    return Status(201, {"token": token})


@api.get("/me", response={200: MeOut, 401: ErrorOut}, tags=["raters"])
def me(request):
    rater: Rater = request.auth
    return {"votes": rater_vote_count(rater=rater), "kind": rater.kind}


@api.post(
    "/battles/next",
    response={201: BattleOut, **dict.fromkeys([401, 403, 404], ErrorOut)},
    tags=["battles"],
)
def next_battle(request):
    """Serve a new battle: a prompt and two anonymous images, sides at random."""
    return Status(201, _battle_out(services.battle_serve(rater=request.auth)))


@api.post(
    "/battles/{battle_id}/vote",
    response={200: RevealOut, **dict.fromkeys([401, 403, 404, 409, 410, 422], ErrorOut)},
    tags=["battles"],
)
def vote(request, battle_id: str, payload: VoteIn):
    """Vote once; the answer reveals both contestants. Repeating the same vote is harmless."""
    reveal = services.vote_cast(
        rater=request.auth,
        battle_public_id=battle_id,
        choice=payload.choice,
        client_latency_ms=payload.latency_ms,
    )
    return _reveal_out(reveal)


@api.post(
    "/battles/{battle_id}/skip",
    response={200: SkipOut, **dict.fromkeys([401, 403, 404, 409], ErrorOut)},
    tags=["battles"],
)
def skip(request, battle_id: str):
    """Set a battle aside without voting (its models stay hidden)."""
    battle = services.battle_skip(rater=request.auth, battle_public_id=battle_id)
    return {"battle": battle.public_id, "skipped": True}


@api.get(
    "/battles/{battle_id}/reveal",
    response={200: RevealOut, **dict.fromkeys([401, 403, 404, 409], ErrorOut)},
    tags=["battles"],
)
def reveal(request, battle_id: str):
    """The contestants of a battle this rater has voted on."""
    return _reveal_out(services.battle_reveal(rater=request.auth, battle_public_id=battle_id))


# --- Leaderboards ------------------------------------------------------------------------------


@api.get("/leaderboard", auth=None, tags=["leaderboards"])
def leaderboard(request, category: str = "", language: str = ""):
    """The global board (optionally for a category path and a language): ratings with 95%
    intervals, ranks, votes, win rates, the pairwise matrices and the position bias."""
    board_filter = BoardFilter(category=category.strip("/"), language=language)
    return leaderboard_compute(board_filter=board_filter).as_json()


@api.get("/leaderboard/me", tags=["leaderboards"], response={200: dict, 401: ErrorOut})
def my_leaderboard(request):
    """The models ranked by this rater's own votes."""
    return personal_leaderboard(rater=request.auth).as_json()
