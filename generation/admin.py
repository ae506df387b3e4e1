from django.contrib import admin, messages
from django.utils.html import format_html

from generation.jobs import jobs_retry
from generation.models import GenerationItem, GenerationJob, Image


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


class GenerationItemInline(admin.TabularInline):
    model = GenerationItem
    fields = ["prompt", "seed"]
    readonly_fields = ["prompt", "seed"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GenerationJob)
class GenerationJobAdmin(admin.ModelAdmin):
    """Jobs are written by the workers and the reconciler; operators read them and retry."""

    list_display = [
        "id",
        "contestant",
        "family",
        "status",
        "attempts_used",
        "images_created",
        "worker",
        "created_at",
        "finished_at",
        "short_error",
    ]
    list_filter = ["status", "contestant", "family", "created_at"]
    search_fields = ["error", "worker", "contestant__name"]
    list_select_related = ["contestant"]
    inlines = [GenerationItemInline]
    actions = ["retry"]
    readonly_fields = [
        field.name for field in GenerationJob._meta.fields if field.name != "max_attempts"
    ]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="attempts")
    def attempts_used(self, job: GenerationJob) -> str:
        return f"{job.attempts}/{job.max_attempts}"

    @admin.display(description="error")
    def short_error(self, job: GenerationJob) -> str:
        return job.error[:120]

    @admin.action(description="Queue the selected failed jobs again")
    def retry(self, request, queryset):
        retried = jobs_retry(job_ids=list(queryset.values_list("id", flat=True)))
        self.message_user(
            request, f"{len(retried)} failed jobs queued again.", level=messages.SUCCESS
        )
