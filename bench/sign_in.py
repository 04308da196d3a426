"""How much the audit-log rate limit costs a sign-in request as the audit log grows.

Usage: DATABASE_URL=... .venv/bin/python bench/sign_in.py [AUDIT_ROWS]
(default: a throwaway SQLite file; PostgreSQL when DATABASE_URL is set — use a scratch DB).

Prints medians and 95th percentiles, measured side by side in one run, of:
- the rate-limit check alone (two indexed counts on the audit log),
- a whole POST /sign-in/ for a known and an unknown address (check, audit row, task
  queued in the database: the two should cost the same),
- a plain GET /sign-in/ as the baseline page.
"""

import os
import random
import sys
import tempfile
from datetime import timedelta

from common import expect, setup_django, summary, timed

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
# As in production: the request enqueues; the worker (not running here) sends.
os.environ["TASKS_MODE"] = "database"
os.environ.setdefault("LOG_LEVEL", "WARNING")

ROUNDS = 300


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import timezone

    from convene.accounts.models import AuditEvent, User
    from convene.accounts.services.rate_limits import check_sign_in_rate

    audit_rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    call_command("migrate", verbosity=0)
    AuditEvent.objects.all().delete()
    User.objects.filter(email="bench@example.gov.uk").delete()
    User.objects.create_user("bench@example.gov.uk")
    rng = random.Random(1)
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                action=AuditEvent.Action.SIGN_IN_REQUESTED,
                subject_email=f"person{rng.randrange(20_000)}@example.gov.uk",
                ip_address=f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}",
                created_at=now - timedelta(seconds=rng.randrange(30 * 24 * 3600)),
            )
            for _ in range(audit_rows)
        ),
        batch_size=5_000,
    )
    client = Client()
    addresses = iter(f"someone{n}@example.gov.uk" for n in range(10**6))
    with override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=["testserver"],
        SIGN_IN_RATE_PER_ADDRESS=10**6,
        SIGN_IN_RATE_PER_CLIENT=10**6,
        MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
    ):
        results = {
            "rate-limit check": timed(
                lambda: check_sign_in_rate(email="bench@example.gov.uk", ip_address="10.0.0.1"),
                ROUNDS,
            ),
            "GET /sign-in/": timed(lambda: expect(200, client.get("/sign-in/")), ROUNDS),
            "POST /sign-in/ (known address)": timed(
                lambda: expect(302, client.post("/sign-in/", {"email": "bench@example.gov.uk"})),
                ROUNDS,
            ),
            "POST /sign-in/ (unknown address)": timed(
                lambda: expect(302, client.post("/sign-in/", {"email": next(addresses)})),
                ROUNDS,
            ),
        }
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"{engine}, {audit_rows:,} audit rows, {ROUNDS} rounds each")
    baseline = summary(results["GET /sign-in/"])[0]
    for name, samples in results.items():
        median, p95 = summary(samples)
        print(f"  {name:34} median {median:7.2f} ms  p95 {p95:7.2f} ms  x{median / baseline:.2f}")


if __name__ == "__main__":
    main()
