from django.urls import path

from arena import research_views

app_name = "research"

urlpatterns = [
    path("suites/", research_views.suite_list, name="suites"),
    path("suites/<int:suite_id>/", research_views.suite_gallery, name="suite"),
    path("prompts/<int:prompt_id>/", research_views.prompt_detail, name="prompt"),
]
