"""Staff-only access to the stored image files (admin thumbnails, researcher pages).

Raters never get these URLs: they see images only through the arena's per-battle tokens.
"""

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.views.static import serve


@staff_member_required
def media_file(request, path: str):
    return serve(request, path, document_root=settings.MEDIA_ROOT)
