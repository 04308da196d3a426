"""In-app notices, and each member's choice of digest e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    """Something that happened for this person, new until they mark it read.

    A notice stores what kind of thing happened and references to what it is about, never
    a name or a link: both are rendered when it is shown (notifications/rendering.py), so
    a leader renamed is shown by their new name and one erased is not named at all (ADR 23).
    """

    class Kind(models.TextChoices):
        # Each label is the sentence shown; rendering fills in the names in braces.
        INTRODUCTION_REQUESTED = "introduction_requested", "{person} would like to meet you"
        INTRODUCTION_SUGGESTED = "introduction_suggested", "{by} suggests you meet {person}"
        INTRODUCED = "introduced", "You and {person} are introduced"
        INTRODUCTION_CLOSED = "introduction_closed", "Your introduction to {person} has closed"
        QUESTION_REPLIED = "question_replied", "{replier} replied to your question"
        POST_HIDDEN = "post_hidden", "Something you posted was hidden by Convene staff: {reason}"
        # To a leader whose profile someone else changed: who, and a link to its history,
        # which shows what changed (never the values here, nor in the digest).
        PROFILE_CHANGED = "profile_changed", "{changer} changed your profile"
        PROFILE_IMPORTED = "profile_imported", "A people import changed your profile"
        # To each member of a confirmed set: who else is in it and who facilitates it,
        # named as the directory names them to every member (rendering.py).
        LEARNING_SET_CONFIRMED = (
            "learning_set_confirmed",
            "Your learning set in {cohort} is confirmed: {learning_set}",
        )
        # To staff admins: never which people were downloaded.
        EXPORT_LIMIT_REACHED = (
            "export_limit_reached",
            "A member reached the daily download limit: {person}",
        )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What the notice is about. Each goes to null when what it refers to is deleted (an
    # erasure deletes the person and what cannot be read without them): the notice then
    # reads without it ("a leader who has left Convene") rather than disappearing.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    introduction = models.ForeignKey(
        "connections.Introduction", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.ForeignKey(
        "connections.Question", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply = models.ForeignKey(
        "connections.Reply", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    learning_set = models.ForeignKey(
        "programmes.LearningSet", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return f"Notice {self.pk} ({self.kind}) to user {self.user_id}"


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
