import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from convene.core.forms import GovukForm, GovukModelForm
from convene.core.sizes import human_size
from convene.directory.imports.matching import OrganisationMatcher
from convene.directory.models import (
    CONTACT_FIELDS,
    VISIBLE_NOUNS,
    JobTitle,
    Organisation,
    OrganisationType,
    Profile,
    Region,
    Sector,
    Topic,
)
from convene.directory.services import photos
from convene.directory.services.profiles import EDITABLE_FIELDS
from convene.directory.services.search import FILTERS
from convene.directory.validators import (
    MAX_SOCIAL_LINKS,
    PhoneValidator,
    normalise_social_links,
    require_https,
)
from convene.programmes.models import Cohort

MAX_QUERY_LENGTH = 200


class SearchForm(GovukForm):
    """The directory's GET form. Unknown filter values are dropped, not errors: they come
    from old bookmarks or hand-edited links, and an empty result would be the wrong answer."""

    q = forms.CharField(
        label="Search the directory",
        help_text="A name, job title, organisation or challenge, for example youth offending",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": f"Search for {MAX_QUERY_LENGTH} characters or fewer"},
    )
    sector = forms.MultipleChoiceField(choices=[], required=False)
    region = forms.MultipleChoiceField(choices=[], required=False)
    org_type = forms.MultipleChoiceField(choices=OrganisationType.choices, required=False)
    title = forms.MultipleChoiceField(choices=[], required=False)
    cohort = forms.MultipleChoiceField(choices=[], required=False)
    topic = forms.MultipleChoiceField(choices=[], required=False)

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        super().__init__(data, *args, **kwargs)
        for name, model in (("cohort", Cohort), ("title", JobTitle), ("topic", Topic)):
            self.fields[name].choices = [
                (str(pk), label) for pk, label in model.objects.values_list("pk", "name")
            ]
        self.fields["sector"].choices = list(Sector.objects.values_list("code", "name"))
        self.fields["region"].choices = list(Region.objects.values_list("code", "name"))
        self.fields["q"].widget.attrs.update({"type": "search", "spellcheck": "false"})
        for name in FILTERS:
            allowed = {value for value, _ in self.fields[name].choices}
            data.setlist(name, [value for value in data.getlist(name) if value in allowed])

    def terms(self) -> tuple[str, dict[str, list[str]]]:
        """The words and the chosen filter values (none, if the words were too long)."""
        if not self.is_valid():
            return "", {name: [] for name in FILTERS}
        return self.cleaned_data["q"], {name: self.cleaned_data[name] for name in FILTERS}


class ProfileForm(GovukModelForm):
    class Meta:
        model = Profile
        fields = EDITABLE_FIELDS
        labels = {
            "title": "Title (optional)",
            "given_name": "First name",
            "family_name": "Last name",
            "pronouns": "Pronouns (optional)",
            # Those addressing the leader are in ADDRESSED, worded for whoever edits.
            "topics": "Topics",
            "linkedin_url": "LinkedIn profile address",
            **{
                f"{field}_visibility": f"Who can see the {noun}"
                for field, noun in VISIBLE_NOUNS.items()
            },
            **{field: label for field, label in CONTACT_FIELDS.items() if field != "linkedin_url"},
        }
        help_texts = {
            "topics": "Separate topics with commas, for example youth offending, net zero",
            "social_links": f"Up to {MAX_SOCIAL_LINKS} web addresses, one a line: "
            "X, Bluesky, Mastodon, a blog…",
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "working_on": forms.Textarea(attrs={"rows": 3}),
            "can_help_with": forms.Textarea(attrs={"rows": 3}),
            "want_help_with": forms.Textarea(attrs={"rows": 3}),
            "social_links": forms.Textarea(attrs={"rows": MAX_SOCIAL_LINKS, "spellcheck": "false"}),
        }

    # (label, help) as the leader reads them, then as anyone editing for them does, with
    # {name} their first name: a delegate editing for Alex sees "What Alex is working on".
    ADDRESSED = {
        "bio": (("About you (optional)", ""), ("About {name} (optional)", "")),
        "working_on": (
            (
                "What you are working on",
                "Other leaders facing similar challenges will be suggested to you",
            ),
            (
                "What {name} is working on",
                "Other leaders facing similar challenges will be suggested to {name}",
            ),
        ),
        "can_help_with": (("What you can help with", ""), ("What {name} can help with", "")),
        "want_help_with": (
            ("What you would like help with", ""),
            ("What {name} would like help with", ""),
        ),
    }

    def __init__(self, *args, editor=None, **kwargs):
        """``editor``: who is editing; the form speaks to the leader unless it is someone
        else."""
        super().__init__(*args, **kwargs)
        for_someone_else = editor is not None and editor.pk != self.instance.user_id
        name = self.instance.given_name or "this leader"
        for field_name, wordings in self.ADDRESSED.items():
            label, help_text = wordings[for_someone_else]
            self.fields[field_name].label = label.format(name=name)
            self.fields[field_name].help_text = help_text.format(name=name)
        for field in self.fields.values():
            field.error_messages["required"] = f"Enter the {field.label.lower()}"
            limit = getattr(field, "max_length", None)
            if limit:
                field.error_messages["max_length"] = (
                    f"{field.label} must be {limit:,} characters or fewer"
                )
        self.fields["linkedin_url"].validators.append(require_https)
        self.fields["linkedin_url"].error_messages["invalid"] = (
            "Enter a web address, like https://www.linkedin.com/in/your-name"
        )
        for name in ("phone", "pa_phone"):
            self.fields[name].validators.append(
                PhoneValidator(
                    f"Enter the {VISIBLE_NOUNS[name]} using digits, spaces and +, "
                    "like 0113 496 0000"
                )
            )
        for name in ("work_email", "pa_email"):
            self.fields[name].error_messages["invalid"] = (
                "Enter an e-mail address in the correct format, like name@council.gov.uk"
            )

    def clean_social_links(self) -> str:
        return normalise_social_links(self.cleaned_data["social_links"].splitlines())


# No one in the directory started their current role before this (a bound, not a rule:
# without one, a year of 25 digits overflowed the date and answered 500).
EARLIEST_START_YEAR = 1950
DATE_FIELDS = ("day", "month", "year")


def bounded(field: forms.IntegerField, name: str, lowest: int, highest: int):
    """``field``, refusing anything but a number from ``lowest`` to ``highest``, by name."""
    field.validators += [MinValueValidator(lowest), MaxValueValidator(highest)]
    message = f"The {name} must be a number from {lowest} to {highest}"
    field.error_messages.update(invalid=message, min_value=message, max_value=message)
    return field


class NewRoleForm(GovukForm):
    """A move to a new job: title, organisation (by name or acronym) and start date."""

    job_title = forms.CharField(
        label="New job title", max_length=200, error_messages={"required": "Enter the job title"}
    )
    organisation = forms.CharField(
        label="Organisation",
        help_text="Its name or acronym, for example Leeds City Council or WYP",
        max_length=300,
        error_messages={"required": "Enter the organisation"},
    )
    day = bounded(forms.IntegerField(required=False), "day", 1, 31)
    month = bounded(forms.IntegerField(required=False), "month", 1, 12)
    year = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Up to next year (later is surely a slip), read for each form: a process outlives
        # New Year. A date after today is refused in clean(), saying so.
        latest = timezone.localdate().year + 1
        bounded(self.fields["year"], "year", EARLIEST_START_YEAR, latest)

    def clean_organisation(self):
        name = self.cleaned_data["organisation"]
        matcher = OrganisationMatcher()
        found = matcher.match(name)
        if found is None:
            close = [candidate for _, candidate in matcher.candidates(name)]
            hint = f". Did you mean {' or '.join(close[:3])}?" if close else ""
            raise forms.ValidationError(f"No organisation is called “{name}”{hint}")
        return Organisation.objects.get(pk=found)

    def clean(self):
        cleaned = super().clean()
        # The date is one group of boxes whose errors show together, under "day".
        problems, blank = [], False
        for name in DATE_FIELDS:
            errors = self._errors.pop(name, [])
            problems += errors
            blank = blank or (not errors and cleaned.get(name) is None)
        if blank:
            problems.insert(0, "Enter the date the role started, like 1 9 2026")
        if problems:
            self.add_error("day", problems)
            return cleaned
        parts = [cleaned[name] for name in DATE_FIELDS]
        try:
            started = datetime.date(parts[2], parts[1], parts[0])
        except ValueError:
            self.add_error("day", "The start date must be a real date")
            return cleaned
        if started > timezone.localdate():
            self.add_error("day", "The start date must be today or in the past")
        cleaned["started_on"] = started
        return cleaned


class PhotoForm(GovukForm):
    photo = forms.FileField(
        label="Upload a photo",
        help_text=(
            "A JPG, PNG or WebP image of your face, "
            f"smaller than {human_size(settings.PHOTO_MAX_BYTES)}"
        ),
        error_messages={"required": "Choose a photo to upload", "empty": "The file is empty"},
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        # The declared size only: nothing reads the file before it is known to be small.
        upload = self.cleaned_data["photo"]
        try:
            photos.check_size(upload)
        except photos.PhotoRefused as error:
            raise forms.ValidationError(str(error)) from error
        return upload
