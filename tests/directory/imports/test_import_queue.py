"""People imports run on their own task queue, so that a long one never delays a
sign-in e-mail: those stay on the default queue, served by a worker of their own."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.tasks import default_task_backend
from django.test import TestCase
from django_tasks_db.models import DBTaskResult

from convene.accounts.services.audit import Origin
from convene.accounts.services.sign_in import deliver_sign_in_link
from convene.directory.imports import runs
from convene.directory.models import PeopleImport
from tests.directory.imports.people_files import GOOD_ROWS, csv_bytes, places


def queued() -> list[tuple[str, str]]:
    return [(result.task.name, result.task.queue_name) for result in default_task_backend.results]


@pytest.fixture
def tasks_wait(settings):
    """Tasks are kept, not run, so that where each was sent can be seen."""
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
        }
    }


@pytest.mark.django_db
def test_checking_and_importing_go_on_the_imports_queue_and_sign_in_stays_on_default(
    tasks_wait, client, client_for, staff_admin, member, settings
):
    assert settings.PEOPLE_IMPORT_QUEUE == "imports"
    places()
    staff = client_for(staff_admin)
    staff.post(
        "/staff/people/import/", {"file": SimpleUploadedFile("people.csv", csv_bytes(GOOD_ROWS))}
    )
    run = PeopleImport.objects.get()
    runs.run_check(run)  # what the worker would do
    staff.post(f"/staff/people/import/{run.pk}/import/")
    client.post("/sign-in/", {"email": member.email})
    with TestCase.captureOnCommitCallbacks(execute=True):
        deliver_sign_in_link(member.email)

    assert queued() == [
        ("check_people_import", "imports"),
        ("import_people", "imports"),
        ("send_sign_in_link", "default"),
        ("send_email", "default"),
    ]


@pytest.mark.django_db
def test_the_e_mails_an_import_sends_go_on_the_imports_queue_too(tasks_wait, staff_admin):
    # Twenty thousand invitations on the default queue would wait ahead of every sign-in.
    places()
    run = PeopleImport.objects.create(
        uploaded_by=staff_admin,
        filename="people.csv",
        file_format="csv",
        content=csv_bytes(GOOD_ROWS),
        send_invitations=True,
    )
    runs.run_check(run)
    assert runs.claim_for_import(run)
    with TestCase.captureOnCommitCallbacks(execute=True):
        runs.run_import(run, actor=staff_admin, origin=Origin())
    # The new people's peer vectors too: long work, kept off the default queue.
    assert sorted(queued()) == [
        ("refresh_peer_vectors", "imports"),
        ("send_email", "imports"),
        ("send_email", "imports"),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_for_the_default_queue_leaves_imports_to_the_imports_worker(
    settings, staff_admin, member
):
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }
    places()
    run = runs.start(csv_bytes(GOOD_ROWS), "people.csv", invite=False, actor=staff_admin)

    def worker(queue: str) -> None:
        call_command(
            "db_worker",
            queue_name=queue,
            batch=True,
            no_startup_delay=True,
            reload=False,
            verbosity=0,
        )

    worker("default")
    assert PeopleImport.objects.get().status == PeopleImport.Status.CHECKING
    assert DBTaskResult.objects.get().queue_name == "imports"
    worker("imports")
    assert PeopleImport.objects.get(pk=run.pk).status == PeopleImport.Status.CHECKED
    assert mail.outbox == []
