"""An evaluation set for peer matching: fictional leaders in groups that share a challenge,
each group spread over sectors that word it differently (bench/matching.py reads it).

Written for the evaluation, apart from the demo's wording, so that a matcher tuned on the
demo is not marked on its own homework.
"""

import random

# challenge: {sector: how a leader in that sector would put it}
GROUPS = {
    "youth violence": {
        "policing": "knife crime among teenagers and serious youth violence hotspots",
        "local_government": "youth services that keep young people safe after school",
        "health": "emergency department attendances for young people with stab wounds",
        "fire": "school engagement programmes for young people drawn into arson and violence",
    },
    "winter pressures": {
        "health": "ambulance handover delays and corridor care over the winter peak",
        "local_government": "care home capacity when hospitals need beds in January",
        "fire": "responding to falls at home when ambulances are held at hospital",
        "central_government": "the urgent and emergency care recovery plan for winter",
    },
    "flooding": {
        "local_government": "flood defences and drainage for towns that flood every year",
        "fire": "water rescue capability during storms and river flooding",
        "central_government": "funding resilience for communities at risk from rivers and sea",
        "policing": "evacuating residents and keeping order when rivers burst their banks",
    },
    "cyber attacks": {
        "health": "ransomware that took our patient record systems offline",
        "local_government": "recovering council services after a cyber incident",
        "central_government": "hardening departmental networks against state-backed hackers",
        "policing": "investigating online fraud and ransomware gangs",
    },
    "workforce wellbeing": {
        "health": "burnout and sickness absence among nurses and junior doctors",
        "policing": "trauma support for officers after harrowing incidents",
        "fire": "mental health of firefighters after major incidents",
        "local_government": "stress among social workers carrying heavy caseloads",
    },
    "domestic abuse": {
        "policing": "repeat victims of domestic abuse and coercive control",
        "local_government": "refuge places and safe housing for families fleeing abuse",
        "health": "routine enquiry about abuse in maternity and emergency care",
        "central_government": "the national strategy on violence against women and girls",
    },
    "net zero estates": {
        "local_government": "decarbonising council buildings and the vehicle fleet",
        "health": "heat pumps and energy efficiency across hospital sites",
        "defence": "cutting emissions from bases and military vehicles",
        "fire": "electric fire engines and low-carbon fire stations",
    },
    "dementia care": {
        "health": "memory assessment waiting lists and dementia diagnosis rates",
        "local_government": "home care for people living with dementia",
        "policing": "finding missing people with dementia who wander from home",
        "fire": "home fire safety visits for older people with memory loss",
    },
    "digital services": {
        "central_government": "moving paper forms to online services people can use",
        "local_government": "self-service online accounts for residents",
        "health": "the NHS app and digital appointments for outpatients",
        "policing": "online crime reporting that the public trusts",
    },
    "homelessness": {
        "local_government": "rough sleeping in the city centre and hostel capacity",
        "health": "healthcare for people sleeping rough",
        "policing": "vulnerable people on the streets and begging hotspots",
        "central_government": "funding for preventing homelessness",
    },
    "public trust": {
        "policing": "confidence in policing after misconduct scandals",
        "central_government": "rebuilding trust in government after a public inquiry",
        "health": "patients' confidence after a maternity services review",
        "local_government": "residents' faith in the council after a financial crisis",
    },
    "veterans": {
        "defence": "the transition of service leavers into civilian work",
        "health": "mental health services for former armed forces personnel",
        "local_government": "housing priority for veterans in our area",
        "policing": "veterans in contact with the criminal justice system",
    },
    "mental health crisis": {
        "policing": "officers spending hours with people in mental health crisis",
        "health": "crisis beds and places of safety for people in acute distress",
        "local_government": "approved mental health professionals on call out of hours",
        "fire": "calls to people threatening to harm themselves at height",
    },
    "school readiness": {
        "local_government": "children starting school without speech and language skills",
        "health": "health visitor checks for toddlers",
        "central_government": "early years funding and childcare expansion",
        "policing": "early intervention with families where children witness violence",
    },
    "estate rationalisation": {
        "central_government": "closing and sharing government offices across the country",
        "policing": "selling police stations and sharing buildings with partners",
        "fire": "co-locating fire stations with ambulance services",
        "local_government": "a one public estate programme with health and police",
    },
}
OPENINGS = [
    "This year my focus is {}.",
    "Top of my list right now: {}.",
    "We are working hard on {}.",
    "Our board has asked me to lead on {}.",
]
HELP = [
    "I can share what worked for us on {}.",
    "Happy to talk through our approach to {}.",
    "We have learned a lot about {} and would share it.",
]
WANT = [
    "I would like to hear how others handle {}.",
    "Keen to learn from anyone tackling {}.",
    "Looking for peers who have made progress on {}.",
]
FILLER = [
    "Budgets are tight.",
    "Partnership working matters to us.",
    "We are also restructuring.",
    "Inspection is due next spring.",
    "",
]


def profiles(per_group: int = 20, seed: int = 7) -> list[dict]:
    """``per_group`` leaders for each challenge, spread over its sectors: 300 by default."""
    rng = random.Random(seed)
    people = []
    for group, wordings in GROUPS.items():
        sectors = list(wordings)
        for number in range(per_group):
            sector = sectors[number % len(sectors)]
            said = wordings[sector]
            other = rng.choice([g for g in GROUPS if g != group])
            other_said = rng.choice(list(GROUPS[other].values()))
            people.append(
                {
                    "group": group,
                    "sector": sector,
                    "working_on": f"{rng.choice(OPENINGS).format(said)} {rng.choice(FILLER)}",
                    "can_help_with": rng.choice(HELP).format(other_said),
                    "want_help_with": rng.choice(WANT).format(said),
                    # Half tag their challenge in the shared words; half tag nothing.
                    "topics": group if rng.random() < 0.5 else "",
                }
            )
    return people
