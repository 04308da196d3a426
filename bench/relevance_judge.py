"""Writes relevance_judgements.toml: for each query, the people a good search puts first.

Usage: .venv/bin/python bench/relevance_judge.py   (then read the diff, and commit it)

This is a person's judgement written as rules, so that it can be applied to the demo's
1,500 leaders; it never runs the search, and was written without reading how the search
ranks. Each query below says in words, and as a rule, who is ideal (2) and who is
acceptable (1). The rules read a profile as a person would:
- A leader's texts are read for the challenge each states. The demo writes every invented
  leader's texts from demo_content.CHALLENGES (one challenge in one sector's words), so a
  sentence is read as the wording it was written from, whole (not by looking for words in
  it); the two demo accounts' own texts were read by hand (HAND_READ). A text that no rule
  reads stops the script: new demo texts must be read before they are judged.
- What a leader is working on is what they are doing this year: a leader whose priority
  is the challenge searched for is ideal. One who offers or asks for help with it (or
  lists it as a topic) is acceptable.
- Names, organisations and job titles are read from the profile's fields as they stand.
- A person outside a query's filters is never relevant (the page cannot show them).
bench/relevance.py reads only the file written, never these rules.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from relevance_data import FILTERS, JUDGEMENTS

# The challenges, as demo_content.CHALLENGES names them, and the sectors' wordings.
YO, HD, SEND, RR = (
    "youth offending",
    "hospital discharge",
    "SEND deficits",
    "recruitment and retention",
)
TA, NZ, CL, DT = "temporary accommodation", "net zero", "county lines", "digital transformation"
WW, VAWG = "workforce wellbeing", "violence against women and girls"
FL, ASC = "flooding resilience", "adult social care markets"
LG, HEALTH, POLICE, FIRE = "local_government", "health", "policing", "fire"
CENTRAL, DEFENCE, DEFAULT = "central_government", "defence", "default"
TEXTS = ("working_on", "can_help_with", "want_help_with")
# How demo.py opens and closes each invented leader's texts around a wording.
OPENINGS = {
    "working_on": "Our priority this year is ",
    "can_help_with": "Happy to share what we have learned about ",
    "want_help_with": "I would value peers' experience of ",
}
GREATER_MANCHESTER = {
    "Bolton",
    "Bury",
    "Manchester",
    "Oldham",
    "Rochdale",
    "Salford",
    "Stockport",
    "Tameside",
    "Trafford",
    "Wigan",
}


def wording(challenge: str, sector: str) -> str:
    from convene.directory.services.demo_content import CHALLENGES

    return CHALLENGES[challenge][sector]


def hand_read() -> dict[str, dict[str, set[tuple[str, str]]]]:
    """The demo accounts' own texts (demo.py), read by hand: the challenges each states,
    each as the sector wording it is closest to."""
    return {
        "member@demo.example": {
            # "early help that keeps teenagers at risk of offending out of care and court,
            # and about <the local_government wording of temporary accommodation>"
            "can_help_with": {
                (YO, wording(YO, LG)),
                (TA, wording(TA, LG)),
            },
            # "diverting young people from the youth justice system, and of <the default
            # wording of hospital discharge>"
            "want_help_with": {(YO, wording(YO, POLICE)), (HD, wording(HD, DEFAULT))},
        },
        "police@demo.example": {
            # "Keeping teenagers out of court: diverting first-time entrants from the youth
            # justice system with early help from the council and health."
            "working_on": {(YO, wording(YO, POLICE))},
            # "Youth diversion schemes that keep teenagers out of care and court."
            "can_help_with": {(YO, wording(YO, POLICE))},
            # "Councils' experience of early help for teenagers at risk of offending."
            "want_help_with": {(YO, wording(YO, LG))},
        },
    }


@dataclass(frozen=True)
class Person:
    email: str
    given: str
    family: str
    title: str
    job: str
    organisation: str
    org_type: str
    sector: str
    region: str | None
    reads: dict[str, set[tuple[str, str]]]  # text -> {(challenge, wording)} it states
    topics: set[str] = field(default_factory=set)

    @property
    def places(self) -> set[str]:
        return set(re.findall(r"[A-Za-z]+", self.organisation))


class Rule:
    """Who a rule picks out; rules combine with & and |."""

    def __init__(self, test: Callable[[Person], bool]):
        self.test = test

    def __call__(self, person: Person) -> bool:
        return self.test(person)

    def __and__(self, other: "Rule") -> "Rule":
        return Rule(lambda person: self(person) and other(person))

    def __or__(self, other: "Rule") -> "Rule":
        return Rule(lambda person: self(person) or other(person))


NOBODY = Rule(lambda person: False)


def _wordings(challenge: str, sectors: tuple[str, ...]) -> set[str]:
    from convene.directory.services.demo_content import CHALLENGES

    by_sector = CHALLENGES[challenge]
    return {by_sector[sector] for sector in sectors} if sectors else set(by_sector.values())


def doing(challenge: str, *sectors: str) -> Rule:
    """Working on the challenge this year (in one of these sectors' words, if given)."""
    wanted = {(challenge, text) for text in _wordings(challenge, sectors)}
    return Rule(lambda person: bool(person.reads["working_on"] & wanted))


def offering(challenge: str, *sectors: str) -> Rule:
    """Can help with it, or wants help with it; or, for the challenge in any words, lists
    it as a topic."""
    wanted = {(challenge, text) for text in _wordings(challenge, sectors)}
    return Rule(
        lambda person: (
            bool((person.reads["can_help_with"] | person.reads["want_help_with"]) & wanted)
            or (not sectors and challenge in person.topics)
        )
    )


def named(given: str | None = None, family: str | None = None, title: str | None = None) -> Rule:
    return Rule(
        lambda person: (
            (given is None or person.given == given)
            and (family is None or person.family == family)
            and (title is None or person.title == title)
        )
    )


def at(*organisations: str) -> Rule:
    return Rule(lambda person: person.organisation in organisations)


def in_place(*places: str) -> Rule:
    """At an organisation whose name has one of these place names."""
    return Rule(lambda person: bool(person.places & set(places)))


def in_sector(sector: str) -> Rule:
    return Rule(lambda person: person.sector == sector)


def of_type(org_type: str) -> Rule:
    return Rule(lambda person: person.org_type == org_type)


def in_region(region: str) -> Rule:
    return Rule(lambda person: person.region == region)


def titled(*titles: str) -> Rule:
    return Rule(lambda person: person.job in titles)


def chief_executive() -> Rule:
    # "Chief Executive", "Chief Executive Officer", "Chief Executive and Head of Paid Service"
    return Rule(lambda person: person.job.startswith("Chief Executive"))


def nhs() -> Rule:
    return in_sector(HEALTH) | Rule(lambda person: "NHS" in person.places)


@dataclass
class Spec:
    kind: str
    text: str
    relevant_is: str
    ideal: Rule
    acceptable: Rule = NOBODY
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def id(self) -> str:
        words = [self.text, *(f"{k} {' '.join(v)}" for k, v in self.filters.items())]
        return f"{self.kind}: " + re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")

    def fits(self, person: Person) -> bool:
        fields = {"sector": person.sector, "region": person.region, "org_type": person.org_type}
        return all(fields[name] in values for name, values in self.filters.items())


def q(kind, text, relevant_is, ideal, acceptable=NOBODY, **filters) -> Spec:
    return Spec(kind, text, relevant_is, ideal, acceptable, {k: [v] for k, v in filters.items()})


def challenge(text: str, topic: str, **filters) -> Spec:
    return q(
        "challenge",
        text,
        f"Ideal: working on {topic} (in any sector's words). "
        "Acceptable: offers or asks for help with it, or lists it as a topic.",
        doing(topic),
        offering(topic),
        **filters,
    )


def specs() -> list[Spec]:
    return [
        # Challenges, as the directory's help text invites ("for example youth offending").
        challenge("workforce wellbeing", WW),
        challenge("youth offending", YO, sector=POLICE),
        challenge("youth offending", YO),
        challenge("hospital discharge", HD),
        challenge("county lines", CL),
        q(
            "challenge",
            "net zero estate",
            "Ideal: working on cutting the carbon of buildings, stations or estate (net zero "
            "in a council's, the NHS's, fire's, defence's or the general words). Acceptable: "
            "working on net zero across government, or offers or asks for help with net zero.",
            doing(NZ, LG, HEALTH, FIRE, DEFENCE, DEFAULT),
            doing(NZ, CENTRAL) | offering(NZ),
        ),
        q(
            "challenge",
            "temporary accommodation",
            "Ideal: working on the cost of temporary accommodation for homeless families. "
            "Acceptable: working on homelessness or housing supply, or offers or asks for "
            "help with temporary accommodation or homelessness.",
            doing(TA, LG),
            doing(TA) | offering(TA, LG, HEALTH, DEFAULT),
        ),
        challenge("recruitment and retention", RR),
        challenge("violence against women and girls", VAWG),
        challenge("flooding", FL),
        challenge("adult social care", ASC),
        challenge("digital transformation", DT),
        challenge("SEND", SEND),
        challenge("net zero", NZ, sector=HEALTH),
        challenge("workforce wellbeing", WW, sector=FIRE),
        challenge("hospital discharge", HD, sector=LG),
        challenge("county lines", CL, region="TLD"),
        challenge("digital transformation", DT, sector=POLICE),
        # One sector's words for a challenge, or a plainer synonym.
        q(
            "wording",
            "delayed discharges",
            "Ideal: working on getting medically fit patients out of hospital (the NHS's, a "
            "council's home care or the general words). Acceptable: fire's safe and well "
            "visits after hospital, or offers or asks for help with hospital discharge.",
            doing(HD, HEALTH, LG, DEFAULT),
            doing(HD, FIRE) | offering(HD),
        ),
        q(
            "wording",
            "on-call firefighters",
            "Ideal: working on recruiting on-call firefighters. "
            "Acceptable: offers or asks for help with it.",
            doing(RR, FIRE),
            offering(RR, FIRE),
        ),
        q(
            "wording",
            "burnout",
            "Ideal: working on burnout and moral injury among frontline staff. Acceptable: "
            "working on workforce wellbeing in other words, or offers or asks for help with "
            "burnout.",
            doing(WW, HEALTH),
            doing(WW) | offering(WW, HEALTH),
        ),
        q(
            "wording",
            "recruiting social workers",
            "Ideal: working on recruiting social workers. "
            "Acceptable: offers or asks for help with it.",
            doing(RR, LG),
            offering(RR, LG),
        ),
        q(
            "wording",
            "retaining nurses",
            "Ideal: working on retaining nurses. Acceptable: offers or asks for help with it.",
            doing(RR, HEALTH),
            offering(RR, HEALTH),
        ),
        q(
            "wording",
            "high needs deficit",
            "Ideal: working on the high-needs (SEND) deficit. Acceptable: working on special "
            "educational needs in other words, or offers or asks for help with the deficit.",
            doing(SEND, LG),
            doing(SEND) | offering(SEND, LG),
        ),
        q(
            "wording",
            "autism assessments",
            "Ideal: working on waiting times for autism and ADHD assessments. Acceptable: "
            "working on special educational needs in other words, or offers or asks for help "
            "with the assessments.",
            doing(SEND, HEALTH),
            doing(SEND) | offering(SEND, HEALTH),
        ),
        q(
            "wording",
            "legacy systems",
            "Ideal: working on replacing legacy systems or technology. Acceptable: working on "
            "digital transformation in other words, or offers or asks for help with legacy "
            "systems.",
            doing(DT, CENTRAL, DEFAULT),
            doing(DT) | offering(DT, CENTRAL, DEFAULT),
        ),
        q(
            "wording",
            "domestic abuse",
            "Ideal: working on domestic abuse (services, safe accommodation, routine enquiry "
            "in maternity care). Acceptable: working on violence against women and girls in "
            "other words, or offers or asks for help with domestic abuse.",
            doing(VAWG, LG, HEALTH),
            doing(VAWG) | offering(VAWG, LG, HEALTH),
        ),
        q(
            "wording",
            "rape investigations",
            "Ideal: working on charge rates and victims' trust in rape investigations. "
            "Acceptable: offers or asks for help with it.",
            doing(VAWG, POLICE),
            offering(VAWG, POLICE),
        ),
        q(
            "wording",
            "homelessness",
            "Ideal: working on homelessness (temporary accommodation, homeless people's "
            "health, homelessness and housing supply). Acceptable: working on social and "
            "affordable housing, or offers or asks for help with homelessness.",
            doing(TA, LG, HEALTH, DEFAULT),
            doing(TA) | offering(TA, LG, HEALTH, DEFAULT),
        ),
        q(
            "wording",
            "criminal exploitation",
            "Ideal: working on county lines or the criminal exploitation of young people, in "
            "any words. Acceptable: offers or asks for help with it.",
            doing(CL),
            offering(CL),
        ),
        q(
            "wording",
            "mental health",
            "Ideal: working on mental health (young people in contact with the police, "
            "firefighters after major incidents). Acceptable: working on workforce wellbeing "
            "in other words, or offers or asks for help with those two.",
            doing(YO, HEALTH) | doing(WW, FIRE),
            doing(WW) | offering(YO, HEALTH) | offering(WW, FIRE),
        ),
        q(
            "wording",
            "trauma support",
            "Ideal: working on trauma support for officers and staff. "
            "Acceptable: offers or asks for help with it.",
            doing(WW, POLICE),
            offering(WW, POLICE),
            sector=POLICE,
        ),
        q(
            "wording",
            "special educational needs",
            "Ideal: working on special educational needs in any words (SEND, its funding, "
            "autism assessments). Acceptable: offers or asks for help with it.",
            doing(SEND),
            offering(SEND),
        ),
        q(
            "wording",
            "care market",
            "Ideal: working on a fragile care provider market. Acceptable: working on adult "
            "social care in other words, or offers or asks for help with the care market.",
            doing(ASC, LG),
            doing(ASC) | offering(ASC, LG),
        ),
        q(
            "wording",
            "electric fleet",
            "Ideal: working on electrifying the fleet (fire's words for net zero). Acceptable: "
            "working on decarbonising council transport, or offers or asks for help with "
            "electrifying the fleet.",
            doing(NZ, FIRE),
            doing(NZ, LG) | offering(NZ, FIRE),
        ),
        q(
            "wording",
            "safe and well visits",
            "Ideal: working on safe and well visits for people home from hospital. "
            "Acceptable: offers or asks for help with them.",
            doing(HD, FIRE),
            offering(HD, FIRE),
        ),
        q(
            "wording",
            "extreme weather",
            "Ideal: working on resilience to extreme weather. Acceptable: working on flooding "
            "in other words, or offers or asks for help with extreme weather.",
            doing(FL, CENTRAL, DEFAULT),
            doing(FL) | offering(FL, CENTRAL, DEFAULT),
        ),
        # People by name.
        q("name", "Sam Idowu", "Ideal: Sam Idowu.", named("Sam", "Idowu")),
        q("name", "Idowu", "Ideal: anyone called Idowu.", named(family="Idowu")),
        q("name", "Alex Morgan", "Ideal: Alex Morgan.", named("Alex", "Morgan")),
        q("name", "Aisha Bhatt", "Ideal: Aisha Bhatt.", named("Aisha", "Bhatt")),
        q("name", "Okafor", "Ideal: anyone called Okafor.", named(family="Okafor")),
        q("name", "Chaudhry", "Ideal: anyone called Chaudhry.", named(family="Chaudhry")),
        q(
            "name",
            "Jonathan Edwards",
            "Ideal: both Jonathan Edwardses.",
            named("Jonathan", "Edwards"),
        ),
        q("name", "Liam Okafor", "Ideal: the Liam Okafors.", named("Liam", "Okafor")),
        q(
            "name",
            "Dr Mensah",
            "Ideal: a Mensah whose title is Dr. Acceptable: any other Mensah.",
            named(family="Mensah", title="Dr"),
            named(family="Mensah"),
        ),
        q(
            "name",
            "Patrick O'Neill",
            "Ideal: Patrick O'Neill.",
            named("Patrick", "O'Neill"),
        ),
        q("name", "oneill", "Ideal: anyone called O'Neill.", named(family="O'Neill")),
        # Names misspelt as a busy person types them.
        q("misspelt", "Idowo", "Ideal: Sam Idowu.", named("Sam", "Idowu")),
        q("misspelt", "Kowalsky", "Ideal: anyone called Kowalski.", named(family="Kowalski")),
        q("misspelt", "Gallager", "Ideal: anyone called Gallagher.", named(family="Gallagher")),
        q("misspelt", "Chaudry", "Ideal: anyone called Chaudhry.", named(family="Chaudhry")),
        q(
            "misspelt",
            "Aisha Bhat",
            "Ideal: Aisha Bhatt. Acceptable: anyone else called Bhatt.",
            named("Aisha", "Bhatt"),
            named(family="Bhatt"),
        ),
        q("misspelt", "Okafer", "Ideal: anyone called Okafor.", named(family="Okafor")),
        q("misspelt", "Mcdonald", "Ideal: anyone called MacDonald.", named(family="MacDonald")),
        # A role in a place.
        q(
            "role + place",
            "chief constable manchester",
            "Ideal: the Chief Constable of Greater Manchester Police. "
            "Acceptable: its other leaders.",
            at("Greater Manchester Police") & titled("Chief Constable"),
            at("Greater Manchester Police"),
        ),
        q(
            "role + place",
            "chief fire officer kent",
            "Ideal: the leader of Kent Fire and Rescue Service.",
            at("Kent Fire and Rescue Service"),
        ),
        q(
            "role + place",
            "chief executive leeds",
            "Ideal: a chief executive of Leeds City Council. Acceptable: its other leaders, "
            "or a chief executive of another body named after Leeds.",
            at("Leeds City Council") & chief_executive(),
            at("Leeds City Council") | (in_place("Leeds") & chief_executive()),
        ),
        q(
            "role + place",
            "chief executive birmingham",
            "Ideal: a chief executive of Birmingham City Council. Acceptable: a chief "
            "executive of another body named after Birmingham.",
            at("Birmingham City Council") & chief_executive(),
            in_place("Birmingham") & chief_executive(),
        ),
        q(
            "role + place",
            "permanent secretary home office",
            "Ideal: the Home Office's Permanent Secretary. Acceptable: its other leaders.",
            at("Home Office") & titled("Permanent Secretary"),
            at("Home Office"),
        ),
        q(
            "role + place",
            "met police commissioner",
            "Ideal: the leader of the Metropolitan Police Service, whatever their job title.",
            at("Metropolitan Police Service"),
        ),
        q(
            "role + place",
            "chief constable west yorkshire",
            "Ideal: the leader of West Yorkshire Police.",
            at("West Yorkshire Police"),
        ),
        q(
            "role + place",
            "chief fire officer",
            "Ideal: the leader of a fire and rescue service in Scotland.",
            of_type("fire_service"),
            region="TLM",
        ),
        q(
            "role + place",
            "chief constable",
            "Ideal: a Chief Constable of a Welsh force. Acceptable: a Welsh force's leader "
            "with another title.",
            of_type("police_force") & titled("Chief Constable"),
            of_type("police_force"),
            region="TLL",
        ),
        q(
            "role + place",
            "chief executive nhs trust cornwall",
            "Ideal: a chief executive of an NHS trust named after Cornwall. Acceptable: a "
            "chief executive of another NHS body named after Cornwall.",
            of_type("nhs_trust") & in_place("Cornwall") & chief_executive(),
            nhs() & in_place("Cornwall") & chief_executive(),
        ),
        q(
            "role + place",
            "permanent secretary defence",
            "Ideal: the Ministry of Defence's Permanent Secretary. Acceptable: another leader "
            "of a government body named after defence.",
            at("Ministry of Defence") & titled("Permanent Secretary"),
            in_sector(CENTRAL) & in_place("Defence"),
        ),
        # Organisations, by name or acronym.
        q(
            "organisation",
            "Greater Manchester Police",
            "Ideal: the leaders of Greater Manchester Police.",
            at("Greater Manchester Police"),
        ),
        q("organisation", "HMRC", "Ideal: HMRC's leaders.", at("HM Revenue & Customs")),
        q(
            "organisation",
            "DWP",
            "Ideal: the Department for Work and Pensions' leaders.",
            at("Department for Work and Pensions"),
        ),
        q(
            "organisation",
            "Environment Agency",
            "Ideal: the Environment Agency's leaders.",
            at("Environment Agency"),
        ),
        q(
            "organisation",
            "Leeds City Council",
            "Ideal: Leeds City Council's leaders.",
            at("Leeds City Council"),
        ),
        q(
            "organisation",
            "London Fire Brigade",
            "Ideal: London Fire Brigade's leader.",
            at("London Fire Brigade"),
        ),
        q("organisation", "Kent Police", "Ideal: Kent Police's leader.", at("Kent Police")),
        q(
            "organisation",
            "Police Scotland",
            "Ideal: Police Scotland's leader.",
            at("Police Scotland"),
        ),
        q("organisation", "NHS England", "Ideal: NHS England's leaders.", at("NHS England")),
        q(
            "organisation",
            "MOD",
            "Ideal: the Ministry of Defence's leaders.",
            at("Ministry of Defence"),
        ),
        q(
            "organisation",
            "CQC",
            "Ideal: the Care Quality Commission's leaders.",
            at("Care Quality Commission"),
        ),
        q(
            "organisation",
            "BTP",
            "Ideal: British Transport Police's leader. "
            "Acceptable: the British Transport Police Authority's.",
            at("British Transport Police"),
            at("British Transport Police Authority"),
        ),
        q(
            "organisation",
            "Leeds Teaching Hospitals",
            "Ideal: the leaders of Leeds Teaching Hospitals NHS Trust.",
            at("Leeds Teaching Hospitals NHS Trust"),
        ),
        q(
            "organisation",
            "manchester university nhs foundation trust",
            "Ideal: the leaders of Manchester University NHS Foundation Trust.",
            at("Manchester University NHS Foundation Trust"),
        ),
        # Several kinds of word at once.
        q(
            "mixed",
            "youth offending manchester",
            "Ideal: working on youth offending at a body named after Manchester. Acceptable: "
            "offers or asks for help with it there, or works on it elsewhere in Greater "
            "Manchester.",
            doing(YO) & in_place("Manchester"),
            (offering(YO) & in_place("Manchester")) | (doing(YO) & in_place(*GREATER_MANCHESTER)),
        ),
        q(
            "mixed",
            "net zero nhs",
            "Ideal: an NHS leader working on net zero. "
            "Acceptable: an NHS leader who offers or asks for help with it.",
            doing(NZ) & nhs(),
            offering(NZ) & nhs(),
        ),
        q(
            "mixed",
            "county lines police",
            "Ideal: a police leader working on county lines. Acceptable: a police leader who "
            "offers or asks for help with it, or lists it as a topic.",
            doing(CL) & in_sector(POLICE),
            offering(CL) & in_sector(POLICE),
        ),
        q(
            "mixed",
            "fire flooding",
            "Ideal: a fire and rescue leader working on flooding. Acceptable: one who offers "
            "or asks for help with it.",
            doing(FL) & in_sector(FIRE),
            offering(FL) & in_sector(FIRE),
        ),
        q(
            "mixed",
            "chief constable county lines",
            "Ideal: a Chief Constable working on county lines. Acceptable: another police "
            "force leader working on it, or a Chief Constable who offers or asks for help "
            "with it or lists it as a topic.",
            doing(CL) & of_type("police_force") & titled("Chief Constable"),
            (doing(CL) & of_type("police_force"))
            | (offering(CL) & of_type("police_force") & titled("Chief Constable")),
        ),
        q(
            "mixed",
            "council temporary accommodation london",
            "Ideal: a London council's leader working on temporary accommodation. "
            "Acceptable: one who offers or asks for help with it.",
            doing(TA) & of_type("council") & in_region("TLI"),
            offering(TA) & of_type("council") & in_region("TLI"),
        ),
        q(
            "mixed",
            "leeds net zero",
            "Ideal: a leader of a body named after Leeds working on net zero. "
            "Acceptable: one who offers or asks for help with it.",
            doing(NZ) & in_place("Leeds"),
            offering(NZ) & in_place("Leeds"),
        ),
        q(
            "mixed",
            "digital nhs",
            "Ideal: an NHS leader working on digital transformation. "
            "Acceptable: an NHS leader who offers or asks for help with it.",
            doing(DT) & nhs(),
            offering(DT) & nhs(),
        ),
        q(
            "mixed",
            "wellbeing firefighters",
            "Ideal: a fire and rescue leader working on firefighters' wellbeing. "
            "Acceptable: one who offers or asks for help with it.",
            doing(WW) & in_sector(FIRE),
            offering(WW) & in_sector(FIRE),
        ),
    ]


def read_text(name: str, text: str, by_wording: dict[str, str]) -> set[tuple[str, str]] | None:
    """The challenge an invented leader's text states, from the wording it was made of."""
    opening = OPENINGS[name]
    if not (text.startswith(opening) and text.endswith(".")):
        return None
    said = text[len(opening) : -1]
    return {(by_wording[said], said)} if said in by_wording else None


def demo_people() -> list[Person]:
    from convene.directory.models import Profile
    from convene.directory.services.demo_content import CHALLENGES

    by_wording = {text: name for name, texts in CHALLENGES.items() for text in texts.values()}
    by_hand = hand_read()
    people = []
    profiles = Profile.objects.select_related("user", "organisation").order_by("pk")
    for profile in profiles:
        email = profile.user.email
        reads = {}
        for name in TEXTS:
            reading = by_hand.get(email, {}).get(name)
            if reading is None:
                reading = read_text(name, getattr(profile, name), by_wording)
            if reading is None:
                raise SystemExit(
                    f"No rule reads {email}'s {name} ({getattr(profile, name)!r}): read it "
                    "and add it to hand_read()"
                )
            reads[name] = reading
        organisation = profile.organisation
        people.append(
            Person(
                email=email,
                given=profile.given_name,
                family=profile.family_name,
                title=profile.title,
                job=profile.job_title,
                organisation=organisation.name,
                org_type=organisation.org_type,
                sector=organisation.sector_id,
                region=organisation.region_id,
                reads=reads,
                topics={topic.strip() for topic in profile.topics.split(",") if topic.strip()},
            )
        )
    return people


HEADER = """\
# Directory search relevance judgements over the demo data (make demo: demo.py's SEED).
#
# Written apart from the search code, without running the search: by the rules in
# bench/relevance_judge.py, which read the demo leaders' profiles as a person would (a
# leader working on the challenge searched for is ideal; one who offers or asks for help
# with it, or lists it as a topic, is acceptable; names, organisations and job titles
# as they stand; nobody outside the query's filters). Each query's relevant_is says its
# rule in words. Written by `.venv/bin/python bench/relevance_judge.py`; do not edit by
# hand: change the rules there and write the file again. bench/relevance.py reads it.
#
# A query: id, kind, text (typed in the search box), filters (ticked: sector, region,
# org_type, as the search form's codes), relevant_is, and the people a good search
# puts in its first five by sign-in e-mail address: ideal (grade 2) and acceptable (1).
"""


def toml(value) -> str:
    # A JSON string is a TOML basic string.
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {toml(item)}" for key, item in value.items()) + " }"
    return "[" + ", ".join(toml(item) for item in value) + "]"


def render(judged: list[tuple[Spec, list[str], list[str]]]) -> str:
    lines = [HEADER]
    for spec, ideal, acceptable in judged:
        lines += [
            "[[query]]",
            f"id = {toml(spec.id)}",
            f"kind = {toml(spec.kind)}",
            f"text = {toml(spec.text)}",
        ]
        if spec.filters:
            lines.append(f"filters = {toml(spec.filters)}")
        lines.append(f"relevant_is = {toml(spec.relevant_is)}")
        for name, emails in (("ideal", ideal), ("acceptable", acceptable)):
            if emails:
                lines.append(f"{name} = [")
                lines += [f"  {toml(email)}," for email in emails]
                lines.append("]")
        lines.append("")
    return "\n".join(lines)


def judge(people: list[Person]) -> list[tuple[Spec, list[str], list[str]]]:
    """Each query with its ideal and acceptable people's addresses, sorted."""
    judged = []
    for spec in specs():
        if not set(spec.filters) <= set(FILTERS):
            raise SystemExit(f"{spec.id}: the bench cannot tick {', '.join(spec.filters)}")
        here = [person for person in people if spec.fits(person)]
        ideal = sorted(person.email for person in here if spec.ideal(person))
        acceptable = sorted(
            person.email for person in here if spec.acceptable(person) and not spec.ideal(person)
        )
        if not ideal:
            raise SystemExit(f"{spec.id}: nobody is ideal; the rule or the demo changed")
        judged.append((spec, ideal, acceptable))
    return judged


def main() -> None:
    from common import setup_django
    from relevance import build_demo  # sets the environment Django reads

    setup_django()
    build_demo(reuse=False)
    judged = judge(demo_people())
    for spec, ideal, acceptable in judged:
        print(f"{len(ideal):4d} ideal {len(acceptable):4d} acceptable  {spec.id}")
    JUDGEMENTS.write_text(render(judged))
    print(f"{len(judged)} queries written to {JUDGEMENTS}")


if __name__ == "__main__":
    main()
