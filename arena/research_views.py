"""Pages for researchers (staff accounts): the prompt gallery. Never linked from rater pages.

These pages show which model made which image, so they are closed to raters: a rater who could
browse them would learn each model's look and could recognise it in battles.
"""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from arena.gallery import category_tree, prompt_images_by_contestant, suite_prompts
from arena.models import Prompt, PromptSuite


@staff_member_required
def suite_list(request):
    suites = PromptSuite.objects.annotate(prompt_count=Count("prompts")).order_by("name", "version")
    return render(request, "research/suite_list.html", {"suites": suites})


@staff_member_required
def suite_gallery(request, suite_id: int):
    suite = get_object_or_404(PromptSuite, pk=suite_id)
    category = request.GET.get("category", "").strip("/")
    language = request.GET.get("language", "")
    prompts = suite_prompts(suite=suite, category=category, language=language).annotate(
        image_count=Count("images"), contestant_count=Count("images__contestant", distinct=True)
    )
    page = Paginator(prompts, 50).get_page(request.GET.get("page"))
    languages = suite.prompts.values_list("language", flat=True).distinct().order_by("language")
    return render(
        request,
        "research/suite_gallery.html",
        {
            "suite": suite,
            "tree": category_tree(suite=suite, language=language),
            "category": category,
            "language": language,
            "languages": list(languages),
            "page": page,
        },
    )


@staff_member_required
def prompt_detail(request, prompt_id: int):
    prompt = get_object_or_404(Prompt.objects.select_related("suite"), pk=prompt_id)
    return render(
        request,
        "research/prompt_detail.html",
        {"prompt": prompt, "columns": prompt_images_by_contestant(prompt=prompt)},
    )
