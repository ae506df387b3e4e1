from django.contrib import admin
from django.urls import include, path

from arena.api import api
from generation.views import media_file

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", api.urls),
    path("research/", include("arena.research_urls")),
    path("leaderboard/", include("arena.leaderboard_urls")),
    path("generation/", include("generation.urls")),
    path("media/<path:path>", media_file, name="media"),
    path("", include("arena.urls")),
]
