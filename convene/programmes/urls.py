from django.urls import path

from convene.programmes import views

app_name = "programmes"

SETS = "programmes/cohorts/<id:cohort_id>/learning-sets/"

urlpatterns = [
    path("programmes/cohorts/", views.cohorts, name="cohorts"),
    path(SETS, views.sets, name="learning_sets"),
    path(f"{SETS}propose/", views.propose, name="propose_sets"),
    path(f"{SETS}move/", views.move, name="move"),
    path(f"{SETS}swap/", views.swap, name="swap"),
    path(f"{SETS}confirm/", views.confirm, name="confirm_sets"),
    path(f"{SETS}reopen/", views.reopen, name="reopen_sets"),
    path(f"{SETS}download/", views.download, name="download_sets"),
    path("programmes/my-cohort/", views.my_cohort, name="my_cohort"),
]
