"""Staff-only pages of the pool: stored image files (admin thumbnails, researcher pages) and
the operators' generation status.

Raters never get these URLs: they see images only through the arena's per-battle tokens.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.static import serve

from generation.live import live_over_channels
from generation.selectors import generation_status


@staff_member_required
def media_file(request, path: str):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@staff_member_required
def status_page(request):
    """Generation progress per contestant, live over Channels (Redis) or by polling."""
    return render(
        request,
        "generation/status.html",
        {
            "status": generation_status(),
            "socket_path": "/ws/generation/" if live_over_channels() else "",
        },
    )


@staff_member_required
def status_json(request):
    response = JsonResponse(generation_status())
    response["Cache-Control"] = "no-store"
    return response
