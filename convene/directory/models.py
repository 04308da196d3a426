"""Organisations and the leaders' profiles in them."""

from django.conf import settings
from django.db import models


class Sector(models.Model):
    """A controlled list kept as data: staff rename or add sectors at /staff/lists/."""

    # Stable: used in links, files and filters. The name is what people read.
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """The UK's 12 ITL1 regions to begin with (code TLC…TLN), kept as data like sectors."""

    code = models.CharField(max_length=3, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class JobTitle(models.Model):
    """A normalised job title ("Chief executive"), the controlled list the directory filters
    on. Each profile's title as written is matched to one by the phrases listed here."""

    name = models.CharField(max_length=100, unique=True)
    # Lower-case phrases, one per line; the longest found in a title as written wins.
    phrases = models.TextField(help_text="One phrase per line, for example chief executive")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def phrase_list(self) -> list[str]:
        return [line.strip().lower() for line in self.phrases.splitlines() if line.strip()]


class Topic(models.Model):
    """A topic a leader tagged themselves with, kept in lower case so that "Net zero" and
    "net zero" are one tag to filter on."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS_TRUST = "nhs_trust", "NHS trust"
    INTEGRATED_CARE_BOARD = "icb", "Integrated care board"
    HEALTH_BOARD = "health_board", "Health board"
    POLICE_FORCE = "police_force", "Police force"
    FIRE_SERVICE = "fire_service", "Fire and rescue service"
    MINISTERIAL_DEPARTMENT = "ministerial_department", "Ministerial department"
    NON_MINISTERIAL_DEPARTMENT = "non_ministerial_department", "Non-ministerial department"
    EXECUTIVE_AGENCY = "executive_agency", "Executive agency"
    PUBLIC_BODY = "public_body", "Public body"
    ARMED_FORCES_COMMAND = "armed_forces_command", "Armed forces command"


class Organisation(models.Model):
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=30, blank=True)
    org_type = models.CharField(max_length=40, choices=OrganisationType.choices)
    sector = models.ForeignKey(
        Sector,
        to_field="code",
        db_column="sector",
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    # None for UK-wide bodies (most departments), which belong to no one region.
    region = models.ForeignKey(
        Region,
        to_field="code",
        db_column="region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    # The official code (ONS GSS code, NHS ODS code, GOV.UK slug…), unique within its scheme.
    code = models.CharField(max_length=100, unique=True)
    website = models.URLField(blank=True)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200, help_text="Where this record came from, with licence")
    # Name and acronym as search normalises them, for close spellings of misspelt names
    # (services/spelling.py), set by the service that writes the name (services/organisations.py).
    search_name = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Visibility(models.TextChoices):
    """Who may see one contact field, chosen by the leader."""

    MEMBERS = "members", "All members"
    COHORT = "cohort", "Only people in my cohorts"
    STAFF = "staff", "Only the Convene team"


def _visibility_field() -> models.CharField:
    return models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)


# Each contact field and the field holding who may see it.
CONTACT_FIELDS = {
    "work_email": "Work e-mail",
    "phone": "Phone",
    "pa_name": "PA's name",
    "pa_email": "PA's e-mail",
    "pa_phone": "PA's phone",
    "linkedin_url": "LinkedIn",
    "social_links": "Other social media",
}
# Each contact field as "Who can see the …" names it.
VISIBLE_NOUNS = {
    "work_email": "work e-mail",
    "phone": "phone number",
    "pa_name": "PA's name",
    "pa_email": "PA's e-mail",
    "pa_phone": "PA's phone number",
    "linkedin_url": "LinkedIn address",
    "social_links": "other social media links",
}


class Profile(models.Model):
    """A leader's entry in the directory. Staff never have one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    title = models.CharField(max_length=40, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=200)
    # Derived from job_title (services/derived_data.py), for the directory's job title filter.
    normalised_title = models.ForeignKey(
        JobTitle, null=True, blank=True, on_delete=models.SET_NULL, related_name="leaders"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="leaders")
    working_on = models.TextField(blank=True)
    can_help_with = models.TextField(blank=True)
    want_help_with = models.TextField(blank=True)
    topics = models.CharField(max_length=500, blank=True, help_text="Comma-separated topics")
    # Derived from topics (services/derived_data.py), for the directory's topic filter.
    topic_tags = models.ManyToManyField(Topic, blank=True, related_name="profiles")
    cohorts = models.ManyToManyField("programmes.Cohort", blank=True, related_name="members")
    pronouns = models.CharField(max_length=40, blank=True)
    bio = models.TextField(blank=True, max_length=2000)

    work_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    pa_name = models.CharField(max_length=200, blank=True)
    pa_email = models.EmailField(blank=True)
    pa_phone = models.CharField(max_length=40, blank=True)
    linkedin_url = models.URLField(blank=True)
    # Up to 5 https:// addresses, one a line (validators.normalise_social_links).
    social_links = models.TextField(blank=True)
    work_email_visibility = _visibility_field()
    phone_visibility = _visibility_field()
    pa_name_visibility = _visibility_field()
    pa_email_visibility = _visibility_field()
    pa_phone_visibility = _visibility_field()
    linkedin_url_visibility = _visibility_field()
    social_links_visibility = _visibility_field()

    class Meta:
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)


class SearchEntry(models.Model):
    """What directory search reads of one profile, in a narrow row of its own.

    Derived from the profile and its organisation by services/search_index.py, which every
    code path that changes them calls. Counting filters over tens of thousands of matches
    reads these rows, not the profiles' wide ones (docs/decisions/0017-search-entries.md).
    Each engine indexes ``words`` for full-text search (migration 0012). What ranking
    reads is in ``SearchText``, so that these rows stay narrow for counting.
    """

    profile = models.OneToOneField(
        Profile, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    # Deactivated people are left out when searching (an anti-join on a partial index).
    user_id = models.BigIntegerField()
    # The single-valued filters, copied from the organisation and profile.
    sector = models.CharField(max_length=40)
    # Blank for UK-wide bodies.
    region = models.CharField(max_length=3, blank=True)
    org_type = models.CharField(max_length=40)
    normalised_title_id = models.BigIntegerField(null=True)
    # The order results are listed in, after relevance.
    family_name = models.CharField(max_length=100)
    given_name = models.CharField(max_length=100)
    # Names and organisation, normalised (search_index.normalise) and beginning with a
    # space, so " word" finds a word's start (spelling.py).
    names = models.TextField()
    organisation = models.TextField()
    # Every distinct normalised word search looks in: what matching reads (text_match.py).
    words = models.TextField()
    # The several-valued filters' ids as JSON arrays ("[3,17]"), copied from the link
    # tables so that one scan of the matches counts both (facets.py), with no join.
    topic_ids = models.TextField(default="[]")
    cohort_ids = models.TextField(default="[]")

    class Meta:
        indexes = [
            models.Index(fields=["family_name", "given_name", "profile"], name="search_by_name"),
            # Counting the whole directory (or only filters) reads this index alone, in
            # order: 23 ms instead of 55 ms at 100,000 people.
            models.Index(
                fields=["sector", "region", "org_type", "normalised_title_id", "user_id"],
                name="search_cells",
            ),
        ]

    def __str__(self) -> str:
        return f"Search entry for profile {self.profile_id}"


class SearchText(models.Model):
    """The fields search ranks by, of one profile, normalised: where a word was found, and
    how often, says how relevant a match is (services/ranking.py, ADR 30). Written with
    the profile's search entry (services/search_index.py) and read only to rank: SQLite
    through an FTS5 table with one column a field, PostgreSQL through a weighted vector
    it stores in a generated column (migration 0020). Kept out of the entries, whose
    rows every count reads."""

    profile = models.OneToOneField(
        Profile, primary_key=True, on_delete=models.CASCADE, related_name="search_text"
    )
    names = models.TextField()
    organisation = models.TextField()
    job_title = models.TextField(default="")
    topics = models.TextField(default="")
    working_on = models.TextField(default="")
    want_help_with = models.TextField(default="")
    can_help_with = models.TextField(default="")

    def __str__(self) -> str:
        return f"Ranked text of profile {self.profile_id}"


class ProfileChange(models.Model):
    """One edit of a profile: who made it, when, and each field's old and new value."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # {field name: [old value, new value]}
    changes = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"Change to {self.profile} at {self.changed_at:%Y-%m-%d %H:%M}"


class OrganisationAlias(models.Model):
    """Another name for an organisation, confirmed by staff when an import used it."""

    # Normalised (see imports.matching.normalise) so that matching is one lookup.
    name = models.CharField(max_length=300, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.organisation}"


class PeopleImport(models.Model):
    """A file of people uploaded by staff: checked (a dry run), then imported all at once."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        IMPORTING = "importing", "Importing"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Could not be read"

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=4)
    # The file itself, kept only until it is imported: it holds personal data.
    content = models.BinaryField(null=True)
    send_invitations = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # What the last check found (imports.checking.Plan.report()).
    report = models.JSONField(default=dict)
    imported_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)


class Appointment(models.Model):
    """A role a leader holds or held: job title, organisation, start and end. The current
    one (no end) is mirrored on the profile, which search reads."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="appointments")
    job_title = models.CharField(max_length=200)
    normalised_title = models.ForeignKey(
        JobTitle, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appointments"
    )
    # Unknown for roles held before the leader joined Convene.
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = [models.F("ended_on").desc(nulls_first=True), "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_appointment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_title}, {self.organisation}"


class ProfilePhoto(models.Model):
    """A leader's photo, re-encoded by Convene (never the file as uploaded) and served only
    to people signed in (docs/decisions/0013-photos-in-the-database.md)."""

    profile = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="photo")
    jpeg = models.BinaryField()
    width = models.PositiveSmallIntegerField()
    height = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Photo of {self.profile}"


class ExportedPerson(models.Model):
    """Someone a user downloaded from the directory, and when they last did: what the daily
    download limit counts (docs/decisions/0022-export-limits-per-day-and-no-store.md).

    One row per downloader and person, so a person downloaded twice counts once; rows older
    than the limit's 24 hours are removed when the downloader next downloads. The lasting
    record of each download is its audit row, which names no one downloaded.
    """

    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    exported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exported_by", "profile"], name="one_row_per_downloader_and_person"
            )
        ]
        indexes = [models.Index(fields=["exported_by", "exported_at"])]

    def __str__(self) -> str:
        return f"{self.profile} downloaded by {self.exported_by}"
