from django.urls import path

from convene.connections import views

app_name = "connections"

urlpatterns = [
    path("introductions/", views.introduction_list, name="introductions"),
    path("introductions/broker/", views.broker, name="broker"),
    path("introductions/<int:introduction_id>/", views.introduction, name="introduction"),
    path("introductions/<int:introduction_id>/accept/", views.accept, name="accept"),
    path("introductions/<int:introduction_id>/decline/", views.decline, name="decline"),
    path("people/<int:profile_id>/introduce/", views.ask, name="ask"),
    path("introductions/met/<str:token>/", views.met, name="met"),
    path("suggestions/<int:profile_id>/hide/", views.hide_suggestion, name="hide_suggestion"),
]
