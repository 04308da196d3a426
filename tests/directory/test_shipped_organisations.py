"""The organisations file Convene ships covers every kind of body the network needs."""

from collections import Counter

import pytest

from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, Region
from convene.directory.services.organisations import load_organisations

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    report = load_organisations(actor=None, origin=Origin())
    assert report.errors == []
    return Counter(Organisation.objects.values_list("org_type", flat=True))


def test_it_loads_without_errors_and_covers_every_kind(loaded):
    assert loaded["council"] >= 350
    assert loaded["nhs_trust"] >= 200
    assert loaded["icb"] >= 30
    assert loaded["health_board"] >= 20
    assert loaded["police_force"] >= 46
    assert loaded["fire_service"] >= 48
    assert loaded["ministerial_department"] >= 20
    assert loaded["non_ministerial_department"] >= 15
    assert loaded["executive_agency"] >= 30
    assert loaded["armed_forces_command"] >= 3


@pytest.mark.parametrize(
    "name",
    [
        "Police Scotland",
        "British Transport Police",
        "Police Service of Northern Ireland",
        "Hampshire and Isle of Wight Constabulary",
        "Scottish Fire and Rescue Service",
        "South Wales Fire and Rescue Service",
        "Northern Ireland Fire and Rescue Service",
        "Belfast Health and Social Care Trust",
        "Betsi Cadwaladr University Local Health Board",
        "HM Treasury",
        "Glasgow City Council",
        "Belfast City Council",
    ],
)
def test_the_gaps_in_the_registers_are_filled(loaded, name):
    assert Organisation.objects.filter(name=name).exists()


def test_every_region_is_used_and_councils_have_one(loaded):
    used = set(Organisation.objects.exclude(region=None).values_list("region", flat=True))
    assert used == set(Region.objects.values_list("code", flat=True))
    assert not Organisation.objects.filter(org_type="council", region=None).exists()


def test_every_row_says_where_it_came_from(loaded):
    assert not Organisation.objects.filter(source="").exists()
