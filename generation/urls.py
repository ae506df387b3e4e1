from django.urls import path

from generation import views

app_name = "generation"

urlpatterns = [
    path("", views.status_page, name="status"),
    path("status.json", views.status_json, name="status-json"),
]
