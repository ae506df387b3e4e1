from django.contrib import admin
from django.utils.html import format_html

from generation.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "thumbnail",
        "contestant",
        "prompt",
        "seed",
        "width",
        "height",
        "source",
        "created_at",
    ]
    list_filter = ["contestant", "source", "prompt__language", "prompt__suite", "created_at"]
    search_fields = ["prompt__text", "prompt__external_id", "contestant__name", "pixel_sha256"]
    list_select_related = ["contestant", "prompt"]
    readonly_fields = ["thumbnail", "pixel_sha256", "file", "display_file", "width", "height"]

    @admin.display(description="image")
    def thumbnail(self, image: Image) -> str:
        return format_html('<img src="{}" style="max-height:96px">', image.display_file.url)
