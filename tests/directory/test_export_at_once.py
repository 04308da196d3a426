"""Two downloads by the same person at once are counted one after the other (ADR 22)."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.directory.models import ExportedPerson, Profile
from convene.directory.services import export
from convene.directory.services.export_limits import DailyLimitReached
from tests import factories

# serialized_rollback: the flush after the test would also remove the lists migrations seed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
# PostgreSQL locks the member's row: the second download waits, then is refused. SQLite
# has no row locks but lets one connection write at a time: the second download fails
# ("database is locked") instead. Either way it never passes the limit.
ROW_LOCKS = connection.features.has_select_for_update


def test_a_download_waits_for_one_in_progress_and_then_counts_what_it_used(settings):
    settings.DIRECTORY_EXPORT_PEOPLE_PER_DAY = 3
    member = factories.make_member()
    others = [
        factories.make_member(f"leader{n}@example.gov.uk", given=f"Leader{n}").profile
        for n in range(5)
    ]
    outcome = {}

    def second_download():
        try:
            people = Profile.objects.filter(pk__in=[p.pk for p in others[3:]])
            export.export_people(people, ["name"], "csv", {}, actor=member, origin=Origin())
            outcome["result"] = "downloaded"
        except DailyLimitReached:
            outcome["result"] = "refused"
        except OperationalError:
            outcome["result"] = "locked out"
        finally:
            connections.close_all()

    with transaction.atomic():
        # The first download holds the member's row and is spending all three.
        User.objects.select_for_update().get(pk=member.pk)
        ExportedPerson.objects.bulk_create(
            ExportedPerson(exported_by=member, profile=p, exported_at=timezone.now())
            for p in others[:3]
        )
        second = threading.Thread(target=second_download)
        second.start()
        second.join(timeout=1)
        if ROW_LOCKS:
            assert second.is_alive(), "the second download did not wait for the first"
    second.join(timeout=10)
    assert outcome == {"result": "refused" if ROW_LOCKS else "locked out"}
    assert ExportedPerson.objects.filter(exported_by=member).count() == 3
