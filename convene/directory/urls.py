from django.urls import path

from convene.directory import views

app_name = "directory"

urlpatterns = [
    path("directory/", views.search, name="search"),
    path("people/<int:profile_id>/", views.profile, name="profile"),
    path("people/<int:profile_id>/edit/", views.edit_profile, name="edit_profile"),
    path("people/<int:profile_id>/history/", views.profile_history, name="profile_history"),
]
