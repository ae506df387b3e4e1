"""Server-rendered pages for raters, and the anonymous image endpoint."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from arena.models import Battle
from arena.raters import session_rater
from arena.selectors import rater_vote_count
from generation.models import Image
from generation.storage import DISPLAY_CONTENT_TYPE


@require_safe
def battle_page(request):
    """The rater page; battles come from the JSON API without reloading it."""
    rater = session_rater(request, create=True)
    return render(
        request,
        "arena/battle.html",
        {"votes": rater_vote_count(rater=rater), "ttl_seconds": settings.ARENA_BATTLE_TTL_SECONDS},
    )


@require_safe
def instructions_page(request):
    return render(request, "arena/instructions.html")


@require_safe
def battle_image(request, token: str):
    """One side of a battle, by the battle's random image token.

    The bytes are the display copy (re-encoded, no metadata); the headers carry nothing derived
    from the image, its file or its model: no file name, no ETag, no Last-Modified. The token is
    unique to this battle and side, so a URL never identifies the same image twice.
    """
    side = (
        Battle.objects.filter(Q(left_token=token) | Q(right_token=token))
        .values_list("left_token", "left_image_id", "right_image_id")
        .first()
    )
    if side is None:
        raise Http404("no such image")
    left_token, left_image_id, right_image_id = side
    image_id = left_image_id if token == left_token else right_image_id
    name = Image.objects.filter(pk=image_id).values_list("display_file", flat=True).get()
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=DISPLAY_CONTENT_TYPE)
    # Cached by this browser only, so the preloaded next battle shows at once.
    response["Cache-Control"] = "private, max-age=3600"
    return response
