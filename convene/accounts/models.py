"""Identity: users (an e-mail address and a role), invitations, sign-in links,
two-factor devices, delegations and the audit log."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone

from convene.accounts.email_addresses import EmailRefused, canonical_email


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    DELEGATE = "delegate", "Delegate"
    FACILITATOR = "facilitator", "Facilitator"
    RESEARCHER = "researcher", "Researcher"
    STAFF_ADMIN = "staff_admin", "Staff admin"


# Staff roles must enrol an authenticator before they can use anything else.
TWO_FACTOR_REQUIRED_ROLES = frozenset({Role.FACILITATOR, Role.RESEARCHER, Role.STAFF_ADMIN})
STAFF_ROLES = TWO_FACTOR_REQUIRED_ROLES


class UserManager(BaseUserManager):
    """Addresses are stored and looked up in their one canonical form (ADR 20)."""

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # Django's own would lower-case the domain only; anything in Django that asks
        # gets Convene's rule instead. Raises EmailRefused for a refused address.
        return canonical_email(email or "")

    def get_by_email(self, email: str):
        try:
            email = canonical_email(email)
        except EmailRefused:
            # No account can have an address Convene refuses.
            raise self.model.DoesNotExist(f"No account has the address {email!r}") from None
        return self.get(email=email)

    def create_user(self, email: str, role: str = Role.MEMBER, **fields):
        user = self.model(email=canonical_email(email), role=role, **fields)
        user.set_unusable_password()
        user.save(using=self._db)
        return user


class User(AbstractBaseUser):
    """A person who may sign in. They sign in by e-mailed link, never a password."""

    # Always stored in its canonical form (services/email_addresses.py: create_user, the
    # people import and migration 0004 store nothing else), so unique means one account
    # for every spelling of an address, and lookups compare with plain equality.
    email = models.EmailField(max_length=254, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Bumped by "sign out everywhere" and deactivation; sessions from an older epoch end.
    session_epoch = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        indexes = [
            # Search leaves out the few deactivated people and former members (who keep
            # their profile) without joining every user.
            models.Index(
                fields=["id"],
                condition=models.Q(is_active=False) | ~models.Q(role="member"),
                name="user_unlisted",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_REQUIRED_ROLES

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES


class Invitation(models.Model):
    """Staff (or a leader, for their PA) invite an address; its link creates the user.

    A leader's invitation (``delegate_for`` set) is also their offer to an address that
    already has a delegate's account: that person accepts or declines it signed in, on
    their delegate-offers page (ADR 21). Every address a leader enters gets one, so the
    leader's page cannot tell an account from a new address.
    """

    email = models.EmailField(max_length=254)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when a leader invites their PA: accepting makes the new user their delegate.
    delegate_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegate_invitations",
    )
    # A member's organisation and job title, from which accepting creates their profile
    # (every member has one from the start: docs/decisions/0025). Blank for other roles.
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    job_title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set, with revoked_at, when the person offered a delegation declines it: everything
    # that asks whether an invitation is open need only look at revoked_at.
    declined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class SignInLink(models.Model):
    """A single-use, short-lived sign-in link. Only the token's hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Sign-in link for {self.user}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class TOTPDevice(models.Model):
    """An authenticator app enrolled by a user: RFC 6238 codes, 30-second steps."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp_device"
    )
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last time step accepted, so the same code cannot be replayed.
    last_used_step = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Authenticator for {self.user}"


class RecoveryCode(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Recovery code for {self.user}"


class Delegation(models.Model):
    """A leader's PA, who may act for them where other parts of Convene allow."""

    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegations"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acting_for"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["leader", "delegate"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_delegation_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegate} for {self.leader}"


class AuditEvent(models.Model):
    """Who did what, to whom, when and from where. Never edited, never deleted by the app."""

    class Action(models.TextChoices):
        SIGN_IN_REQUESTED = "sign_in.requested", "Sign-in link requested"
        SIGN_IN_RATE_LIMITED = "sign_in.rate_limited", "Sign-in request refused (rate limit)"
        SIGN_IN_LINK_ISSUED = "sign_in.link_issued", "Sign-in link issued by staff"
        SIGNED_IN = "sign_in.succeeded", "Signed in"
        SIGN_IN_FAILED = "sign_in.failed", "Sign-in failed"
        SIGNED_OUT = "sign_out", "Signed out"
        SIGNED_OUT_EVERYWHERE = "sign_out.everywhere", "Signed out everywhere"
        SESSION_EXPIRED = "session.expired", "Session expired"
        TWO_FACTOR_ENROLLED = "two_factor.enrolled", "Authenticator enrolled"
        TWO_FACTOR_FAILED = "two_factor.failed", "Two-factor code rejected"
        TWO_FACTOR_RECOVERY_USED = "two_factor.recovery_used", "Recovery code used"
        TWO_FACTOR_RESET = "two_factor.reset", "Authenticator reset"
        INVITATION_SENT = "invitation.sent", "Invitation sent"
        INVITATION_ACCEPTED = "invitation.accepted", "Invitation accepted"
        INVITATION_REVOKED = "invitation.revoked", "Invitation revoked"
        ROLE_CHANGED = "user.role_changed", "Role changed"
        USER_DEACTIVATED = "user.deactivated", "User deactivated"
        USER_REACTIVATED = "user.reactivated", "User reactivated"
        DELEGATE_ADDED = "delegate.added", "Delegate added"
        DELEGATE_REVOKED = "delegate.revoked", "Delegate revoked"
        DELEGATE_OFFERED = "delegate.offered", "Delegate invited by a leader"
        DELEGATE_OFFER_RATE_LIMITED = (
            "delegate.offer_rate_limited",
            "Delegate invitation refused (rate limit)",
        )
        DELEGATE_OFFER_DECLINED = "delegate.offer_declined", "Delegate invitation declined"
        PEOPLE_IMPORTED = "directory.imported", "People imported"
        PEOPLE_EXPORTED = "directory.exported", "Directory exported"
        PEOPLE_EXPORT_REFUSED = "directory.export_refused", "Directory export refused (daily limit)"
        PERSONAL_DATA_DOWNLOADED = "data.downloaded", "Personal data downloaded"
        MEMBER_ERASED = "data.erased", "Member erased"
        LIST_CHANGED = "list.changed", "Controlled list changed"
        INTRODUCTION_REQUESTED = "introduction.requested", "Introduction asked for"
        INTRODUCTION_BROKERED = "introduction.brokered", "Introduction suggested"
        # One action for accepting and declining: the log never tells a decline apart.
        INTRODUCTION_ANSWERED = "introduction.answered", "Introduction answered"
        INTRODUCTION_CLOSED = "introduction.closed", "Introduction closed"
        PROFILE_CHANGED = "profile.changed", "Profile changed"
        ORGANISATIONS_LOADED = "organisations.loaded", "Organisations loaded"
        COHORT_MEMBERS_ADDED = "cohort.members_added", "Cohort members added"
        COHORT_MEMBERS_REMOVED = "cohort.members_removed", "Cohort members removed"
        COHORT_DELETED = "cohort.deleted", "Cohort deleted"
        LEARNING_SETS_PROPOSED = "learning_sets.proposed", "Learning sets proposed"
        LEARNING_SET_MEMBER_MOVED = "learning_sets.moved", "Learning set member moved"
        LEARNING_SETS_CONFIRMED = "learning_sets.confirmed", "Learning sets confirmed"
        LEARNING_SET_MEMBERS_SWAPPED = "learning_sets.swapped", "Learning set members swapped"
        LEARNING_SETS_REOPENED = "learning_sets.reopened", "Learning sets reopened"
        MEETING_ANSWERED = "introduction.met_answered", "Said whether they met"
        SUGGESTION_HIDDEN = "suggestion.hidden", "Suggestion hidden"
        SUGGESTION_RESTORED = "suggestion.restored", "Hidden suggestion shown again"
        QUESTION_ASKED = "question.asked", "Question asked"
        REPLY_POSTED = "question.replied", "Reply posted"
        FACED_TOO = "question.faced_too", "Said they have faced a question too"
        FACED_TOO_TAKEN_BACK = "question.faced_too_taken_back", "Took back having faced a question"
        POST_REPORTED = "question.reported", "Question or reply reported"
        POST_HIDDEN = "question.hidden", "Question or reply hidden"
        POST_RESTORED = "question.restored", "Question or reply restored"
        DIGEST_CHOSEN = "digest.chosen", "Digest choice changed"

    action = models.CharField(max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events_done",
    )
    # The e-mail address involved, kept even if no user has it (a sign-in request for an
    # unknown address) or the user is later erased.
    subject_email = models.CharField(max_length=254, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events_about",
    )
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["action", "subject_email", "created_at"]),
            models.Index(fields=["action", "ip_address", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"
