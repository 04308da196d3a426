"""What every benchmark shares: Django set up from the environment, and timing."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django() -> None:
    """Django is imported only once the caller has set the environment."""
    import django

    django.setup()


def expect(status: int, response) -> None:
    # A benchmark of error pages would measure nothing useful.
    if response.status_code != status:
        raise SystemExit(f"expected {status}, got {response.status_code}")


def timed(action, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile, in the samples' unit."""
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def recreate_database() -> None:
    """A clean database of the name given, so that runs compare like with like."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        return
    import psycopg

    admin = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{settings["NAME"]}"')
