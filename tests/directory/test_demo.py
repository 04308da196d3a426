import pytest
from django.core.management import call_command

from convene.accounts.models import Delegation, Role, User
from convene.directory.models import Profile
from convene.directory.validators import normalise_social_links
from convene.notifications.models import Notice
from convene.programmes.models import Cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_the_demo_has_one_account_for_each_role(demo):
    demo_emails = [f"{n}@demo.example" for n in ("member", "delegate", "facilitator")]
    demo_emails += ["researcher@demo.example", "admin@demo.example"]
    roles = dict(User.objects.filter(email__in=demo_emails).values_list("email", "role"))
    assert roles == {
        "member@demo.example": Role.MEMBER,
        "delegate@demo.example": Role.DELEGATE,
        "facilitator@demo.example": Role.FACILITATOR,
        "researcher@demo.example": Role.RESEARCHER,
        "admin@demo.example": Role.STAFF_ADMIN,
    }
    assert Delegation.objects.filter(
        leader__email="member@demo.example", delegate__email="delegate@demo.example"
    ).exists()


def test_the_demo_has_about_1500_leaders_with_what_matching_needs(demo):
    assert 1_450 <= Profile.objects.count() <= 1_550
    assert not Profile.objects.filter(working_on="").exists()
    assert not Profile.objects.filter(want_help_with="").exists()
    assert Profile.objects.values("organisation__sector").distinct().count() == 6
    assert Cohort.objects.count() == 12
    assert Profile.objects.filter(cohorts__isnull=False).distinct().count() > 1_000


def test_demo_addresses_are_never_real(demo):
    assert not User.objects.exclude(email__endswith=".example").exists()


def test_some_demo_leaders_list_other_social_media_none_of_it_real(demo):
    listed = Profile.objects.exclude(social_links="").values_list("social_links", flat=True)
    assert len(listed) >= 10
    for links in listed:
        # As the profile form would store them, and every one under .example.
        assert normalise_social_links(links.splitlines()) == links
        assert all(".example" in address for address in links.splitlines())


def test_loading_the_demo_twice_adds_nothing(demo):
    users = User.objects.count()
    call_command("load_demo", verbosity=0)
    assert User.objects.count() == users


def test_loading_the_demo_tells_no_leader_their_profile_changed(demo):
    # Every demo profile is created, not changed: no "changed your profile" notices.
    assert not Notice.objects.filter(
        kind__in=[Notice.Kind.PROFILE_CHANGED, Notice.Kind.PROFILE_IMPORTED]
    ).exists()
