"""Editing a profile: the leader, their delegate and staff admins may; every change is kept."""

import pytest

from convene.directory.models import Profile, ProfileChange

pytestmark = pytest.mark.django_db


def form_data(profile: Profile, **changes) -> dict:
    from convene.directory.services.profiles import EDITABLE_FIELDS

    data = {field: getattr(profile, field) for field in EDITABLE_FIELDS}
    data.update(changes)
    return data


def edit(client, profile, **changes):
    return client.post(f"/people/{profile.pk}/edit/", form_data(profile, **changes))


def test_a_member_edits_their_own_profile(client_for, member):
    profile = member.profile
    response = edit(client_for(member), profile, working_on="Reducing delayed discharges")
    assert response.url == f"/people/{profile.pk}/"
    profile.refresh_from_db()
    assert profile.working_on == "Reducing delayed discharges"
    change = ProfileChange.objects.get()
    assert change.actor == member
    assert change.changes == {"working_on": ["", "Reducing delayed discharges"]}


def test_their_delegate_may_edit_and_is_recorded_as_the_editor(client_for, member, delegate):
    edit(client_for(delegate), member.profile, phone="0113 496 0555")
    assert ProfileChange.objects.get().actor == delegate
    member.profile.refresh_from_db()
    assert member.profile.phone == "0113 496 0555"


def test_a_staff_admin_may_edit_anyone(client_for, staff_admin, member):
    edit(client_for(staff_admin), member.profile, job_title="Managing Director")
    member.profile.refresh_from_db()
    assert member.profile.job_title == "Managing Director"


@pytest.mark.parametrize("who", ["other_member", "facilitator", "researcher"])
def test_others_may_not_edit(request, client_for, member, who):
    intruder = request.getfixturevalue(who)
    client = client_for(intruder)
    assert client.get(f"/people/{member.profile.pk}/edit/").status_code == 403
    assert edit(client, member.profile, job_title="Hacked").status_code == 403
    member.profile.refresh_from_db()
    assert member.profile.job_title == "Chief Executive"
    assert not ProfileChange.objects.exists()


def test_a_revoked_delegate_may_no_longer_edit(client_for, member, delegate):
    member.delegations.update(revoked_at="2026-01-01T00:00:00Z")
    assert edit(client_for(delegate), member.profile, phone="1").status_code == 403


def test_saving_without_changes_records_nothing(client_for, member):
    response = edit(client_for(member), member.profile)
    assert response.status_code == 302
    assert not ProfileChange.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"given_name": ""}, "Enter the first name"),
        ({"job_title": "x" * 201}, "Job title must be 200 characters or fewer"),
        ({"work_email": "not an address"}, "Enter an e-mail address in the correct format"),
        ({"linkedin_url": "javascript:alert(1)"}, "Enter a web address"),
        ({"linkedin_url": "http://www.linkedin.com/in/x"}, "starting with https://"),
        ({"phone_visibility": "everyone"}, "Select a valid choice"),
        ({"bio": "x" * 2001}, "2,000 characters or fewer"),
        (
            {"social_links": "https://x.com/amara\nhttp://bsky.app/profile/amara.example"},
            "Line 2 is not a web address starting with https://",
        ),
        (
            {"social_links": "javascript:alert(1)"},
            "Line 1 is not a web address starting with https://",
        ),
        (
            {"social_links": 'https://x.com/"><script>alert(1)</script>'},
            "Line 1 is not a web address starting with https://",
        ),
        ({"social_links": "x.com/amara"}, "Line 1 is not a web address starting with https://"),
        (
            {"social_links": "https://x.com/amara\nhttps://x.com/" + "a" * 300},
            "Line 2 must be 300 characters or fewer",
        ),
        (
            {"social_links": "\n".join(f"https://x.com/amara{n}" for n in range(6))},
            "Enter at most 5 web addresses",
        ),
        ({"social_links_visibility": "everyone"}, "Select a valid choice"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(client_for, member, changes, message):
    response = edit(client_for(member), member.profile, **changes)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert f'href="#id_{next(iter(changes))}"' in content
    assert not ProfileChange.objects.exists()


def test_the_leader_sees_the_history_of_their_profile(client_for, member, delegate):
    edit(client_for(delegate), member.profile, pa_name="Sam Patel")
    content = client_for(member).get(f"/people/{member.profile.pk}/history/").content.decode()
    assert "Your delegate Sam Patel" in content
    assert "PA&#x27;s name" in content


def test_other_members_cannot_see_the_history(client_for, member, other_member):
    response = client_for(other_member).get(f"/people/{member.profile.pk}/history/")
    assert response.status_code == 403


def test_the_profile_page_offers_editing_only_to_those_who_may(client_for, member, other_member):
    path = f"/people/{member.profile.pk}/"
    assert b"Edit this profile" in client_for(member).get(path).content
    assert b"Edit this profile" not in client_for(other_member).get(path).content


def test_html_in_a_profile_is_shown_as_text(client_for, member, other_member):
    edit(client_for(member), member.profile, working_on="<img src=x onerror=alert(1)>")
    content = client_for(other_member).get(f"/people/{member.profile.pk}/").content
    assert b"<img src=x" not in content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in content


def test_other_social_media_is_kept_one_address_a_line_without_repeats(client_for, member):
    typed = (
        "  https://bsky.app/profile/amara.example  \r\n\r\n"
        "HTTPS://X.com/AmaraOkafor\r\n"
        "https://bsky.app/profile/amara.example\r\n"
        "https://mastodon.social/@amara\r\n"
        "https://amara.example/blog\r\n"
        "https://x.com/AmaraOkafor\r\n"
        "https://www.linkedin.com/pulse/amara"
    )
    response = edit(client_for(member), member.profile, social_links=typed)
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.social_links == (
        "https://bsky.app/profile/amara.example\n"
        "https://x.com/AmaraOkafor\n"
        "https://mastodon.social/@amara\n"
        "https://amara.example/blog\n"
        "https://www.linkedin.com/pulse/amara"
    )
    assert ProfileChange.objects.get().changes["social_links"][1] == member.profile.social_links
    # The same addresses again, as the form shows them: nothing changes.
    edit(client_for(member), member.profile)
    assert ProfileChange.objects.count() == 1


def test_the_form_offers_other_social_media_with_a_hint_and_who_may_see_it(client_for, member):
    content = client_for(member).get(f"/people/{member.profile.pk}/edit/").content.decode()
    assert '<textarea name="social_links"' in content
    assert "Up to 5 web addresses, one a line: X, Bluesky, Mastodon, a blog…" in content
    assert "Who can see the other social media links" in content
    assert 'name="social_links_visibility"' in content
