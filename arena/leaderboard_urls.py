from django.urls import path

from arena import leaderboard_views as views

app_name = "leaderboard"

urlpatterns = [
    path("", views.leaderboard_page, name="page"),
    path("board/", views.leaderboard_fragment, name="fragment"),
    path("leaderboard.json", views.leaderboard_json, name="json"),
    path("leaderboard.csv", views.leaderboard_csv, name="csv"),
    path("me/", views.personal_page, name="personal"),
    path("snapshots/", views.snapshot_list, name="snapshots"),
    path("snapshots/take/", views.snapshot_take, name="snapshot_take"),
    path("snapshots/<int:snapshot_id>.json", views.snapshot_json, name="snapshot_json"),
    path("snapshots/<int:snapshot_id>/check/", views.snapshot_check, name="snapshot_check"),
]
