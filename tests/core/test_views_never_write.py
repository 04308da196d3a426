"""The check every test request runs under: a write made straight from a view is caught."""

import pytest
from django.db import connection

from convene.directory.models import Sector
from tests.views_never_write import CONVENE, ViewWrites

pytestmark = pytest.mark.django_db


def run_as_if_in(path: str, code: str) -> list[str]:
    """Run ``code`` as though it were a line of the Convene module at ``path``."""
    writes = ViewWrites()
    with connection.execute_wrapper(writes):
        exec(compile(code, f"{CONVENE}/{path}", "exec"), {"Sector": Sector})  # noqa: S102
    return writes.found


def test_a_write_from_a_view_module_is_caught_with_where():
    found = run_as_if_in("directory/views/people.py", "Sector.objects.create(code='x', name='X')")
    assert len(found) == 1
    assert "directory/views/people.py:1" in found[0]
    assert "INSERT" in found[0]


def test_a_write_from_a_form_module_is_caught():
    found = run_as_if_in("directory/forms.py", "Sector.objects.filter(code='x').update(name='Z')")
    assert found


def test_a_write_from_a_service_and_a_read_from_a_view_are_not():
    assert (
        run_as_if_in("directory/services/lists.py", "Sector.objects.create(code='y', name='Y')")
        == []
    )
    assert run_as_if_in("directory/views/people.py", "list(Sector.objects.all())") == []
