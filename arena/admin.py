"""The admin: operators and researchers browse and fix the catalogue; votes are read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from arena.models import Battle, Contestant, Prompt, PromptSuite, Rater, Vote


@admin.register(PromptSuite)
class PromptSuiteAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "source", "prompt_count", "gallery", "created_at"]
    search_fields = ["name", "description", "source"]
    list_filter = ["name"]

    @admin.display(description="prompts")
    def prompt_count(self, suite: PromptSuite) -> int:
        return suite.prompts.count()

    @admin.display(description="gallery")
    def gallery(self, suite: PromptSuite) -> str:
        return format_html('<a href="{}">browse</a>', reverse("research:suite", args=[suite.pk]))


@admin.register(Prompt)
class PromptAdmin(admin.ModelAdmin):
    list_display = [
        "external_id",
        "short_text",
        "language",
        "category",
        "difficulty",
        "suite",
        "gallery",
    ]
    list_filter = ["suite", "language", "difficulty", "category"]
    search_fields = ["external_id", "text", "category", "expected_text"]
    list_select_related = ["suite"]

    @admin.display(description="text")
    def short_text(self, prompt: Prompt) -> str:
        return prompt.text[:100]

    @admin.display(description="images")
    def gallery(self, prompt: Prompt) -> str:
        return format_html('<a href="{}">compare</a>', reverse("research:prompt", args=[prompt.pk]))


@admin.register(Contestant)
class ContestantAdmin(admin.ModelAdmin):
    list_display = ["name", "display_name", "backend", "active", "created_at"]
    list_filter = ["active", "backend"]
    search_fields = ["name", "display_name", "description"]
    list_editable = ["active"]


@admin.register(Rater)
class RaterAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "user", "label", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["label", "user__username"]
    readonly_fields = ["token_hash"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Battles and votes are the record: every one is kept as it was cast."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Battle)
class BattleAdmin(ReadOnlyAdmin):
    list_display = [
        "public_id",
        "rater",
        "prompt",
        "left_contestant",
        "right_contestant",
        "status",
        "policy",
        "created_at",
    ]
    list_filter = [
        "status",
        "policy",
        "left_contestant",
        "right_contestant",
        "prompt__language",
        "created_at",
    ]
    search_fields = ["public_id", "prompt__text", "prompt__external_id"]
    list_select_related = ["rater", "prompt", "left_contestant", "right_contestant"]
    date_hierarchy = "created_at"


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = [
        "battle",
        "rater",
        "choice",
        "left_contestant",
        "right_contestant",
        "latency_ms",
        "created_at",
    ]
    list_filter = [
        "choice",
        "left_contestant",
        "right_contestant",
        "prompt__language",
        "created_at",
    ]
    search_fields = ["battle__public_id", "prompt__text", "prompt__category"]
    list_select_related = ["battle", "rater", "left_contestant", "right_contestant"]
    date_hierarchy = "created_at"
