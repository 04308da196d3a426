from django.urls import path

from convene.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notices/", views.notice_list, name="notices"),
    path("notices/read/", views.mark_read, name="mark_read"),
    path("account/digest/", views.digest_choice, name="digest"),
    path("digest/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
