"""Peer matching: quality on an evaluation set, and speed at scale.

Usage: [DATABASE_URL=...] .venv/bin/python bench/matching.py [--people 100000] [--rounds 20]

The database is dropped and made again (a throwaway SQLite file by default): use a
scratch one. Prints:
1. on the evaluation set (bench/matching_eval.py: 300 fictional leaders in 15 groups that
   share a challenge across sectors, in different words), for the embedding matcher, the
   TF-IDF fallback, a same-sector baseline (five random leaders of one's own sector:
   one's existing network) and random: precision@5 (the share of suggestions in the
   leader's own group) and the share of suggestions in another sector;
2. the time to embed 1,500 leaders from nothing (a full refresh);
3. with --people leaders in all, the time to suggest peers for one leader: the first
   request in a process (which builds the matrix of offers) and the next ones.
"""

import argparse
import os
import random
import statistics
import tempfile
import time

from common import recreate_database, setup_django, summary

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["TASKS_MODE"] = "database"  # profile saves queue refreshes; the bench refreshes


def add_people(people: list[dict], rng: random.Random) -> list:
    """Leaders from the evaluation set, each in an organisation of their own sector."""
    from django.contrib.auth.hashers import make_password

    from convene.accounts.models import Role, User
    from convene.directory.models import Organisation, Profile, Region
    from convene.directory.services import derived_data

    regions = list(Region.objects.values_list("code", flat=True))
    start = Organisation.objects.count()
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Evaluation body {start + n}",
            org_type="public_body",
            sector_id=person["sector"],
            region_id=rng.choice(regions),
            code=f"eval:{start + n}",
            source="bench/matching_eval.py (invented)",
        )
        for n, person in enumerate(people)
    )
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"eval{start + n}@bench.example", role=Role.MEMBER, password=unusable)
        for n in range(len(people))
    )
    profiles = []
    for person, user, organisation in zip(people, users, organisations, strict=True):
        profile = Profile(
            user=user,
            given_name="Eval",
            family_name=str(user.pk),
            job_title="Chief Executive",
            organisation=organisation,
            working_on=person["working_on"],
            can_help_with=person["can_help_with"],
            want_help_with=person["want_help_with"],
            topics=person["topics"],
        )
        profiles.append(profile)
    Profile.objects.bulk_create(profiles)
    derived_data.refresh_derived(profiles, None)
    return profiles


def use(matcher: str) -> None:
    from django.conf import settings

    from convene.connections.services import matching

    settings.PEER_MATCHER = matcher
    matching.embedder.cache_clear()
    matching.forget()


def evaluate(people: list[dict], profiles: list, rng: random.Random) -> None:
    from convene.connections.services import matching

    group_of = {p.user_id: person["group"] for p, person in zip(profiles, people, strict=True)}
    sector_of = {p.user_id: person["sector"] for p, person in zip(profiles, people, strict=True)}
    users = list(group_of)

    def same_sector(user_id):
        pool = [u for u in users if u != user_id and sector_of[u] == sector_of[user_id]]
        return rng.sample(pool, 5)

    def anyone(user_id):
        return rng.sample([u for u in users if u != user_id], 5)

    def matched(user_id):
        from convene.accounts.models import User

        found = matching.suggestions_for(User.objects.get(pk=user_id), 5)
        return [s.profile.user_id for s in found]

    print(f"\n1. Evaluation set: {len(people)} leaders in {len(set(group_of.values()))} groups")
    print(f"  {'matcher':26} {'precision@5':>12} {'other sector':>13}")
    for label, matcher, suggest in [
        ("embeddings (WordLlama)", "auto", matched),
        ("TF-IDF fallback", "tfidf", matched),
        ("same-sector baseline", None, same_sector),
        ("random", None, anyone),
    ]:
        if matcher:
            use(matcher)
            matching.refresh()
        precision, crossing = [], []
        for user_id in users:
            chosen = suggest(user_id)
            precision.append(sum(group_of[c] == group_of[user_id] for c in chosen) / 5)
            crossing.append(sum(sector_of[c] != sector_of[user_id] for c in chosen) / 5)
        print(f"  {label:26} {statistics.mean(precision):12.2f} {statistics.mean(crossing):13.2f}")


def time_refresh(rng: random.Random) -> None:
    from matching_eval import profiles as evaluation_people

    from convene.connections.models import ProfileVector
    from convene.connections.services import matching

    add_people(evaluation_people(per_group=80, seed=8), rng)  # 1,500 with the first 300
    use("auto")
    ProfileVector.objects.all().delete()
    started = time.perf_counter()
    embedded = matching.refresh()
    print(
        f"\n2. Full refresh: {embedded:,} leaders embedded in {time.perf_counter() - started:.2f} s"
    )


def time_suggestions(people: int, rounds: int, rng: random.Random) -> None:
    from directory import make_organisations, make_people

    from convene.accounts.models import User
    from convene.connections.services import matching
    from convene.directory.models import Profile

    missing = people - Profile.objects.count()
    started = time.perf_counter()
    make_organisations(max(missing // 5, 1), rng)
    make_people(missing, rng)
    use("auto")
    matching.refresh()
    print(
        f"\n3. {Profile.objects.count():,} leaders (made and embedded in "
        f"{time.perf_counter() - started:.0f} s); suggestions for one leader:"
    )
    leaders = list(User.objects.filter(role="member").order_by("?")[: rounds + 1])
    matching.forget()
    started = time.perf_counter()
    matching.suggestions_for(leaders[0])
    print(
        f"  first in a process (builds the matrix): {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    samples = []
    for leader in leaders[1:]:
        started = time.perf_counter()
        matching.suggestions_for(leader)
        samples.append((time.perf_counter() - started) * 1000)
    median, p95 = summary(samples)
    print(f"  then, {len(samples)} leaders: median {median:.1f} ms, p95 {p95:.1f} ms")
    print("  (target: under 200 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    setup_django()
    from django.core.management import call_command
    from matching_eval import profiles as evaluation_people

    recreate_database()
    call_command("migrate", verbosity=0)
    rng = random.Random(11)
    people = evaluation_people()
    evaluate(people, add_people(people, rng), rng)
    time_refresh(rng)
    time_suggestions(options.people, options.rounds, rng)


if __name__ == "__main__":
    main()
