"""A leader whose contact details each have a different visibility."""

import pytest

from convene.directory.models import Visibility
from convene.programmes.models import Cohort
from tests import factories

EMAIL, PHONE, PA_PHONE = "leader@leeds.gov.uk", "0113 496 0123", "0113 496 0999"
SOCIAL = "https://bsky.app/profile/nia-jones.example"
# Every contact value the leader holds, to look for on a page or in a file.
CONTACT_VALUES = (EMAIL, PHONE, PA_PHONE, SOCIAL)


@pytest.fixture
def leader(db):
    """A leader sharing e-mail with all members, phone and other social media with their
    cohort, PA phone with staff."""
    user = factories.make_member("leader@example.gov.uk", given="Nia", family="Jones")
    profile = user.profile
    profile.work_email, profile.phone, profile.pa_phone = EMAIL, PHONE, PA_PHONE
    profile.social_links = SOCIAL
    profile.work_email_visibility = Visibility.MEMBERS
    profile.phone_visibility = Visibility.COHORT
    profile.social_links_visibility = Visibility.COHORT
    profile.pa_phone_visibility = Visibility.STAFF
    profile.save()
    profile.cohorts.add(Cohort.objects.create(name="North 2026"))
    return profile
