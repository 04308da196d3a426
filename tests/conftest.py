"""Fixtures: one user for every role, each signed in on their own client."""

import pytest
from django.test import Client

from convene.accounts.models import Role
from tests import factories

ROLES = ["anonymous", *Role.values]


@pytest.fixture(autouse=True)
def _tasks_run_in_process(settings):
    # The queues stay those of the settings: people imports have their own (ADR 19).
    settings.TASKS = {
        "default": {
            **settings.TASKS["default"],
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        }
    }


@pytest.fixture
def member(db):
    return factories.make_member()


@pytest.fixture
def other_member(db):
    return factories.make_member("other@example.gov.uk", given="Rhys", family="Evans")


@pytest.fixture
def delegate(member):
    return factories.delegate_for(member)


@pytest.fixture
def facilitator(db):
    return factories.make_user("facilitator@convene.example", Role.FACILITATOR)


@pytest.fixture
def researcher(db):
    return factories.make_user("researcher@convene.example", Role.RESEARCHER)


@pytest.fixture
def staff_admin(db):
    return factories.make_user("admin@convene.example", Role.STAFF_ADMIN, full_name="Ada Admin")


@pytest.fixture
def cast(member, delegate, facilitator, researcher, staff_admin):
    """Every role's user, by role name."""
    return {
        Role.MEMBER: member,
        Role.DELEGATE: delegate,
        Role.FACILITATOR: facilitator,
        Role.RESEARCHER: researcher,
        Role.STAFF_ADMIN: staff_admin,
    }


@pytest.fixture
def client_for(db):
    """client_for(user) -> a Client signed in as that user (two-factor done)."""

    def make(user, **kwargs) -> Client:
        return factories.sign_in(CommittingClient(), user, **kwargs)

    return make


class CommittingClient(Client):
    """A test client whose requests commit, as real ones do.

    Each test runs in a transaction that is rolled back, so work a view schedules with
    ``transaction.on_commit`` (e-mail, background tasks) would never run. Running those
    callbacks as each request ends is what a real request does when it commits.
    """

    def request(self, **request):
        from django.db import connection
        from django.test import TestCase

        from tests.views_never_write import ViewWrites

        writes = ViewWrites()
        with connection.execute_wrapper(writes), TestCase.captureOnCommitCallbacks(execute=True):
            response = super().request(**request)
        assert not writes.found, "A view wrote to the database: " + "; ".join(writes.found)
        return response


@pytest.fixture
def client(db):
    return CommittingClient()


@pytest.fixture
def clock(time_machine):
    """The clock, stopped at now; tests move it with ``clock.shift(seconds)``."""
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    return time_machine
