"""The one-server mode: e-mail waits in the database until the worker sends it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from convene.notifications.services import send_templated_email

# serialized_rollback: the flush after the test would also remove the lists migrations seed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_database_worker_sends_queued_email(database_tasks):
    send_templated_email(
        to="leader@example.gov.uk",
        template="accounts/email/sign_in_link",
        context={"url": "https://convene.example/sign-in/link/x/", "minutes": 15},
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert [message.to for message in mail.outbox] == [["leader@example.gov.uk"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
