"""The demo: real UK public bodies, about 1,500 fictional leaders, one account per role.

Deterministic (a fixed seed) and idempotent: running it again adds nothing. Leaders are
written in bulk through the same services as one person's change (cohort memberships,
derived data), so search entries, graph edges and peer vectors (after commit) come with
them: nothing needs rebuilding afterwards.
"""

import random
import re
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from convene.accounts.models import Delegation, Role, User
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, Profile
from convene.directory.services import demo_content as content
from convene.directory.services.organisations import load_organisations
from convene.directory.services.profiles import NewProfile, create_profiles
from convene.programmes.models import Cohort
from convene.programmes.services.cohorts import add_members, add_memberships

SEED = 2026
EXTRA_LEADERS = 500
# The big employers have several leaders in the network (directors general, deputies).
EXTRA_LEADER_TYPES = ["ministerial_department", "nhs_trust", "council", "public_body"]
DEMO_MEMBER_ORGANISATION = "E08000035"  # Leeds City Council
DEMO_PEER_ORGANISATION = "E23000005"  # Greater Manchester Police
# One invented leader in this many lists a Mastodon address, so that some profiles show
# other social media. Every address is under .example, so none can lead to a real person.
SOCIAL_LINKS_EVERY = 50


@dataclass
class DemoReport:
    organisations_created: int
    leaders_created: int
    already_loaded: bool


def load_demo(*, actor: User | None, origin: Origin) -> DemoReport:
    organisations = load_organisations(actor=actor, origin=origin)
    if organisations.errors:
        raise ValueError("; ".join(str(error) for error in organisations.errors))
    if User.objects.filter(email="member@demo.example").exists():
        return DemoReport(organisations.created, 0, already_loaded=True)
    with transaction.atomic():
        cohorts = [
            Cohort.objects.get_or_create(name=name, defaults={"programme": programme})[0]
            for name, programme in content.COHORTS
        ]
        created = _create_leaders(random.Random(SEED), cohorts, actor=actor, origin=origin)
        _create_demo_accounts(cohorts[0], actor=actor, origin=origin)
    return DemoReport(organisations.created, created, already_loaded=False)


def _domain(organisation: Organisation) -> str:
    words = re.sub(r"[^a-z ]", "", organisation.name.lower()).split()
    stem = organisation.acronym.lower() or "".join(
        w[0] for w in words if w not in {"and", "of", "the"}
    )
    return f"{re.sub(r'[^a-z0-9]', '', stem) or 'org'}.demo.example"


def _texts(rng: random.Random, sector: str) -> dict:
    first, second, third = rng.sample(list(content.CHALLENGES), 3)

    def said(challenge: str) -> str:
        wordings = content.CHALLENGES[challenge]
        return wordings.get(sector, wordings["default"])

    return {
        "working_on": f"Our priority this year is {said(first)}.",
        "can_help_with": f"Happy to share what we have learned about {said(third)}.",
        "want_help_with": f"I would value peers' experience of {said(second)}.",
        "topics": ", ".join([first, second, *rng.sample(content.TOPICS[-5:], 1)]),
    }


def _contact(rng: random.Random, email: str, organisation: Organisation) -> dict:
    """Fictional contact details: Ofcom's drama numbers (0113 496 0xxx), .example addresses,
    and a mix of visibility choices so the demo shows each."""
    pa_given, pa_family = rng.choice(content.GIVEN_NAMES), rng.choice(content.FAMILY_NAMES)
    choices, weights = ["members", "cohort", "staff"], [6, 3, 1]
    return {
        "work_email": email,
        "phone": f"0113 496 0{rng.randrange(1000):03d}",
        "pa_name": f"{pa_given} {pa_family}",
        "pa_email": f"{pa_given}.{pa_family}@{_domain(organisation)}".lower().replace("'", ""),
        "pa_phone": f"0113 496 0{rng.randrange(1000):03d}",
        **{
            f"{field}_visibility": rng.choices(choices, weights)[0]
            for field in ("work_email", "phone", "pa_name", "pa_email", "pa_phone")
        },
    }


def _create_leaders(rng: random.Random, cohorts: list[Cohort], **who) -> int:
    organisations = list(Organisation.objects.order_by("code"))
    extra_pool = [o for o in organisations if o.org_type in EXTRA_LEADER_TYPES]
    placements = organisations + rng.sample(extra_pool, min(EXTRA_LEADERS, len(extra_pool)))
    return create_leaders(rng, cohorts, placements, **who)


def create_leaders(
    rng: random.Random,
    cohorts: list[Cohort],
    placements: list[Organisation],
    *,
    actor: User | None,
    origin: Origin,
) -> int:
    """One invented leader in each placement (an organisation may appear more than once),
    written in bulk; bench/directory.py uses it to make 100,000."""
    unusable = make_password(None)
    users, profiles, emails = [], [], set()
    for index, organisation in enumerate(placements):
        given, family = rng.choice(content.GIVEN_NAMES), rng.choice(content.FAMILY_NAMES)
        local = re.sub(r"[^a-z.]", "", f"{given}.{family}".lower())
        email, n = f"{local}@{_domain(organisation)}", 1
        while email in emails:
            n += 1
            email = f"{local}{n}@{_domain(organisation)}"
        emails.add(email)
        users.append(
            User(email=email, full_name=f"{given} {family}", role=Role.MEMBER, password=unusable)
        )
        profiles.append(
            dict(
                **_contact(rng, email, organisation),
                title=rng.choices(content.TITLES, content.TITLE_WEIGHTS)[0],
                given_name=given,
                family_name=family,
                job_title=rng.choice(content.JOB_TITLES[organisation.org_type]),
                **_texts(rng, organisation.sector_id),
                social_links=(
                    f"https://social.{_domain(organisation)}/@{local.replace('.', '')}"
                    if index % SOCIAL_LINKS_EVERY == 0
                    else ""
                ),
            )
        )
    User.objects.bulk_create(users, batch_size=500)
    created = create_profiles(
        [
            NewProfile(user, organisation, fields, changes={})
            for user, organisation, fields in zip(users, placements, profiles, strict=True)
        ],
        actor=actor,
        origin=origin,
    )
    joining = defaultdict(list)
    for profile in sorted(created, key=lambda profile: profile.pk):
        if rng.random() < 0.85:
            joining[rng.choice(cohorts)].append(profile)
    add_memberships(joining, actor=actor, origin=origin)
    return len(users)


def _new_profile(user: User, organisation: Organisation, **fields) -> Profile:
    (profile,) = create_profiles(
        [NewProfile(user, organisation, fields, changes={})], actor=None, origin=Origin()
    )
    return profile


def _create_peer_of_the_demo_member() -> None:
    """A chief constable in another sector and region whose work answers the demo member's,
    so that each is suggested to the other and an introduction can be tried end to end."""
    peer = User.objects.create_user("police@demo.example", role=Role.MEMBER, full_name="Sam Idowu")
    _new_profile(
        user=peer,
        given_name="Sam",
        family_name="Idowu",
        job_title="Chief Constable",
        organisation=Organisation.objects.get(code=DEMO_PEER_ORGANISATION),
        work_email="police@demo.example",
        phone="0161 496 0002",
        phone_visibility="cohort",
        # Shown to the demo member once an introduction is accepted (as if in a cohort).
        social_links="https://mastodon.demo.example/@samidowu",
        social_links_visibility="cohort",
        working_on="Keeping teenagers out of court: diverting first-time entrants from the "
        "youth justice system with early help from the council and health.",
        can_help_with="Youth diversion schemes that keep teenagers out of care and court.",
        want_help_with="Councils' experience of early help for teenagers at risk of offending.",
        topics="youth offending, county lines, partnership working",
    )


def _create_demo_accounts(cohort: Cohort, *, actor: User | None, origin: Origin) -> None:
    member = User.objects.create_user(
        "member@demo.example", role=Role.MEMBER, full_name="Alex Morgan"
    )
    profile = _new_profile(
        user=member,
        title="Ms",
        given_name="Alex",
        family_name="Morgan",
        job_title="Chief Executive",
        organisation=Organisation.objects.get(code=DEMO_MEMBER_ORGANISATION),
        pronouns="she/her",
        work_email="member@demo.example",
        phone="0113 496 0001",
        phone_visibility="cohort",
        pa_name="Jordan Reid",
        pa_email="delegate@demo.example",
        social_links="https://bsky.app/profile/alex-morgan.demo.example\n"
        "https://alexmorgan.demo.example/blog",
        working_on="Our priority this year is "
        f"{content.CHALLENGES['youth offending']['local_government']}.",
        can_help_with="Happy to share what we have learned about early help that keeps "
        "teenagers at risk of offending out of care and court, and about "
        f"{content.CHALLENGES['temporary accommodation']['local_government']}.",
        want_help_with="I would value police and health leaders' experience of diverting "
        "young people from the youth justice system, and of "
        f"{content.CHALLENGES['hospital discharge']['default']}.",
        topics="youth offending, hospital discharge, partnership working",
    )
    add_members(cohort, [profile], actor=actor, origin=origin)
    _create_peer_of_the_demo_member()
    delegate = User.objects.create_user(
        "delegate@demo.example", role=Role.DELEGATE, full_name="Jordan Reid"
    )
    Delegation.objects.create(leader=member, delegate=delegate)
    for email, role, name in [
        ("facilitator@demo.example", Role.FACILITATOR, "Priya Shah"),
        ("researcher@demo.example", Role.RESEARCHER, "Tom Walsh"),
        ("admin@demo.example", Role.STAFF_ADMIN, "Grace Okafor"),
    ]:
        User.objects.create_user(email, role=role, full_name=name)
