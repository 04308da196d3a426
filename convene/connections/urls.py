from django.urls import path

from convene.connections import views, views_questions

app_name = "connections"

urlpatterns = [
    path("introductions/", views.introduction_list, name="introductions"),
    path("introductions/broker/", views.broker, name="broker"),
    path("introductions/<id:introduction_id>/", views.introduction, name="introduction"),
    path("introductions/<id:introduction_id>/accept/", views.accept, name="accept"),
    path("introductions/<id:introduction_id>/decline/", views.decline, name="decline"),
    path("people/<id:profile_id>/introduce/", views.ask, name="ask"),
    path("introductions/met/<str:token>/", views.met, name="met"),
    path("suggestions/<id:profile_id>/hide/", views.hide_suggestion, name="hide_suggestion"),
    path(
        "suggestions/<id:profile_id>/restore/",
        views.restore_suggestion,
        name="restore_suggestion",
    ),
    # Ask the network (views_questions.py)
    path("ask/", views_questions.question_list, name="questions"),
    path("ask/new/", views_questions.new_question, name="new_question"),
    path("ask/<id:question_id>/", views_questions.question, name="question"),
    path("ask/<id:question_id>/reply/", views_questions.post_reply, name="reply"),
    path("ask/<id:question_id>/faced/", views_questions.faced_too, name="faced_too"),
    path(
        "ask/<id:question_id>/faced/take-back/",
        views_questions.take_back_faced_too,
        name="take_back_faced_too",
    ),
    path("ask/<id:question_id>/report/", views_questions.report, name="report"),
    path("ask/<id:question_id>/hide/", views_questions.hide, name="hide_question"),
    path("ask/<id:question_id>/restore/", views_questions.restore, name="restore_question"),
    path("staff/moderation/", views_questions.moderation, name="moderation"),
]
