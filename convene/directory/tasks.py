"""Background work for the directory: checking and importing people files.

Checking and importing run on their own queue (PEOPLE_IMPORT_QUEUE): a 20,000-row file
takes minutes, and must never hold up a sign-in e-mail on the default queue (ADR 19).
"""

from django.conf import settings
from django.tasks import task

from convene.accounts.models import User
from convene.accounts.services.audit import Origin
from convene.directory.imports import runs
from convene.directory.models import PeopleImport


@task(queue_name=settings.PEOPLE_IMPORT_QUEUE)
def check_people_import(*, import_id: int) -> str:
    people_import = PeopleImport.objects.get(pk=import_id)
    runs.run_check(people_import)
    return people_import.status


@task(queue_name=settings.PEOPLE_IMPORT_QUEUE)
def import_people(*, import_id: int, actor_id: int | None, ip_address: str | None) -> str:
    people_import = PeopleImport.objects.get(pk=import_id)
    actor = User.objects.filter(pk=actor_id).first()
    runs.run_import(people_import, actor=actor, origin=Origin(ip_address=ip_address))
    return people_import.status


# Every leader's title again: long work, kept off the sign-in e-mail's queue (ADR 19).
@task(queue_name=settings.PEOPLE_IMPORT_QUEUE)
def reclassify_job_titles() -> int:
    """Match every leader's job title again after staff change the list."""
    from convene.directory.services import derived_data

    return derived_data.reclassify_all()
