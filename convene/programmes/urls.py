from django.urls import path

from convene.programmes import views

app_name = "programmes"

urlpatterns = [
    path("programmes/cohorts/", views.cohorts, name="cohorts"),
    path("programmes/cohorts/<id:cohort_id>/learning-sets/", views.sets, name="learning_sets"),
    path(
        "programmes/cohorts/<id:cohort_id>/learning-sets/propose/",
        views.propose,
        name="propose_sets",
    ),
    path("programmes/cohorts/<id:cohort_id>/learning-sets/move/", views.move, name="move"),
    path(
        "programmes/cohorts/<id:cohort_id>/learning-sets/confirm/",
        views.confirm,
        name="confirm_sets",
    ),
]
