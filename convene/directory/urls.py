from django.urls import path

from convene.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("people/<int:profile_id>/", views.profile, name="profile"),
]
