"""Introductions between leaders, and the graph of who is connected to whom."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Introduction(models.Model):
    """A double opt-in introduction: one leader asks, the other accepts or declines, or
    the request lapses. The reason is private to the two of them (never their delegates).

    A decline is known only to the one who declined: to everyone else it stays "waiting"
    until ``expires_at`` and then closes exactly as a lapse does, told by the same daily
    job (ADR 27)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for a reply"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        LAPSED = "lapsed", "Lapsed"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_asked"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_received"
    )
    reason = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    # A facilitator may broker an introduction: then both leaders are asked, and it is
    # made when both accept.
    brokered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requester_accepted = models.BooleanField(default=True)
    recipient_accepted = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    # Who declined (in a brokered one, either or both): only they are ever shown it.
    requester_declined = models.BooleanField(default=False)
    recipient_declined = models.BooleanField(default=False)
    # When the others were told it closed (a decline or a lapse, at expiry): told once.
    closure_told_at = models.DateTimeField(null=True, blank=True)
    # Weeks after acceptance both are asked whether they met; each answer is kept.
    met_asked_at = models.DateTimeField(null=True, blank=True)
    requester_met = models.BooleanField(null=True, blank=True)
    recipient_met = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")), name="not_to_oneself"
            ),
            models.UniqueConstraint(
                fields=["requester", "recipient"],
                condition=models.Q(status="requested"),
                name="one_open_request_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"Introduction of {self.requester} to {self.recipient} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REQUESTED and self.expires_at > timezone.now()

    def declined_by(self, user) -> bool:
        if user.pk == self.recipient_id:
            return self.recipient_declined
        return user.pk == self.requester_id and self.requester_declined

    @property
    def looks_open(self) -> bool:
        """Open as everyone but a decliner sees it: declined or not, until it expires."""
        return (
            self.status in (self.Status.REQUESTED, self.Status.DECLINED)
            and self.expires_at > timezone.now()
        )


class Edge(models.Model):
    """Two leaders connected, how and since when: what research measures the network by.
    Stored once per pair and kind, the lower user id first."""

    class Kind(models.TextChoices):
        INTRODUCED = "introduced", "Introduced"
        MET = "met", "Met after an introduction"
        SHARED_COHORT = "cohort", "In a cohort together"
        LEARNING_SET = "learning_set", "In a learning set together"

    one = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["one", "other", "kind"], name="one_edge_per_kind"),
            models.CheckConstraint(condition=models.Q(one__lt=models.F("other")), name="ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.one_id} and {self.other_id} ({self.kind})"


class ProfileVector(models.Model):
    """A profile's texts as embeddings, for peer matching: what the leader needs (working
    on, would like help with) and what they offer (working on, can help with). Refreshed
    in the background when the texts change (services/matching.py)."""

    profile = models.OneToOneField(
        "directory.Profile", on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    model = models.CharField(max_length=100)
    # float32, L2-normalised, as bytes.
    needs = models.BinaryField()
    offers = models.BinaryField()
    # The texts they were made from, hashed: unchanged texts are not embedded again.
    source_hash = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Vectors of profile {self.profile_id} ({self.model})"


class HiddenSuggestion(models.Model):
    """A suggested peer the member asked not to be shown again."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hidden_suggestions"
    )
    profile = models.ForeignKey("directory.Profile", on_delete=models.CASCADE, related_name="+")
    hidden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "profile"], name="hide_once")]

    def __str__(self) -> str:
        return f"{self.member_id} hid {self.profile_id}"


class Question(models.Model):
    """A challenge put to the network, or to an audience of it: sectors, regions or a
    cohort. Posted by name, or as a description ("a chief executive in local government,
    North West") when enough people in the audience share it that it names no one."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(max_length=2000)
    # No sectors (or regions) chosen: every sector (region).
    audience_sectors = models.ManyToManyField("directory.Sector", blank=True, related_name="+")
    audience_regions = models.ManyToManyField("directory.Region", blank=True, related_name="+")
    audience_cohort = models.ForeignKey(
        "programmes.Cohort", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    anonymous = models.BooleanField(default=False)
    # Fixed when posted, so that a later change of job does not unmask the author.
    author_description = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    # The moderator who hid it (the audit log has every hide and restore).
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    faced_by = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Reply(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Report(models.Model):
    """A member's report of a question or reply, for staff to moderate."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="reports")
    reply = models.ForeignKey(
        Reply, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Report on question {self.question_id}"
