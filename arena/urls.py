from django.urls import path

from arena import views

app_name = "arena"

urlpatterns = [
    path("", views.battle_page, name="battle"),
    path("instructions/", views.instructions_page, name="instructions"),
    path("i/<str:token>", views.battle_image, name="image"),
]
