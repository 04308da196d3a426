"""In-app notices, and each member's choice of digest e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    """Something that happened for this person, shown until they have seen it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return self.text


class DigestChoice(models.Model):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly, on Mondays"
        DAILY = "daily", "Daily"
        OFF = "off", "Never"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_choice"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


class DigestSent(models.Model):
    """One digest to one person for one day or week: the row is claimed before sending,
    so a run repeated (or two at once) sends each digest once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="one_per_period")]

    def __str__(self) -> str:
        return f"Digest {self.period} to {self.user}"
