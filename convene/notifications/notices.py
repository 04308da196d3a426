"""In-app notices: a line of text and where it leads, until the person has seen it."""

from django.utils import timezone

from convene.accounts.models import User
from convene.notifications.models import Notice


def notify(user: User, text: str, url: str) -> Notice:
    return Notice.objects.create(user=user, text=text[:300], url=url[:300])


def unread(user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def seen(user: User) -> None:
    Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
