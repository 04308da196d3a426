"""A leader whose contact details each have a different visibility."""

import pytest

from convene.accounts.services.audit import Origin
from convene.directory.models import Visibility
from convene.directory.services import profiles
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
    profiles.update_profile(
        profile,
        {
            "work_email": EMAIL,
            "phone": PHONE,
            "pa_phone": PA_PHONE,
            "social_links": SOCIAL,
            "work_email_visibility": Visibility.MEMBERS,
            "phone_visibility": Visibility.COHORT,
            "social_links_visibility": Visibility.COHORT,
            "pa_phone_visibility": Visibility.STAFF,
        },
        actor=user,
        origin=Origin(),
    )
    factories.join_cohort(Cohort.objects.create(name="North 2026"), user)
    return profile
