"""Forms for staff (importing people, controlled lists) and for choosing an export."""

from django import forms
from django.conf import settings

from convene.core.forms import GovukForm, GovukModelForm
from convene.core.plurals import counted
from convene.core.sizes import human_size
from convene.directory.imports.reading import UnreadableFile, check_size, file_format
from convene.directory.models import JobTitle, Region, Sector
from convene.directory.services.export import COLUMNS, FORMATS

NONE_OF_THESE = ""


class PeopleFileForm(GovukForm):
    file = forms.FileField(
        label="File of people",
        help_text=(
            "A CSV file (saved as UTF-8) or an Excel workbook (.xlsx), "
            f"up to {human_size(settings.PEOPLE_IMPORT_MAX_BYTES)} and "
            f"{counted(settings.PEOPLE_IMPORT_MAX_ROWS, 'person', 'people')}"
        ),
        error_messages={"required": "Choose a file to upload"},
    )
    invite = forms.BooleanField(
        label="E-mail new people to say they can now sign in",
        help_text="People already in Convene are not e-mailed",
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            file_format(upload.name)
            check_size(upload.size)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ConfirmOrganisationsForm(GovukForm):
    """One question per organisation name the file used that matched nothing."""

    def __init__(self, unmatched: dict[str, dict], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {}
        for number, (name, entry) in enumerate(unmatched.items()):
            lines = ", ".join(str(line) for line in entry["lines"][:10])
            more = " and more" if len(entry["lines"]) > 10 else ""
            key = f"organisation_{number}"
            self.names[key] = name
            self.fields[key] = forms.ChoiceField(
                label=f"“{name}” (line {lines}{more})",
                choices=[
                    *((str(pk), candidate) for pk, candidate in entry["candidates"]),
                    (NONE_OF_THESE, "None of these: I will correct the file"),
                ],
                widget=forms.RadioSelect,
                required=False,
            )

    def chosen(self) -> dict[str, int]:
        """{name in the file: organisation id} for each name given an organisation."""
        return {
            self.names[key]: int(value)
            for key, value in self.cleaned_data.items()
            if value != NONE_OF_THESE and value
        }


class ExportForm(GovukForm):
    columns = forms.MultipleChoiceField(
        label="Columns",
        help_text="Contact details you may not see are left blank",
        choices=list(COLUMNS.items()),
        widget=forms.CheckboxSelectMultiple,
        initial=["name", "job_title", "organisation", "work_email"],
        error_messages={"required": "Choose at least one column"},
    )
    file_format = forms.ChoiceField(
        label="Format",
        choices=list(FORMATS.items()),
        widget=forms.RadioSelect,
        initial="csv",
        error_messages={"required": "Choose a format"},
    )


class ListEntryForm(GovukModelForm):
    """Adding to or renaming an entry of a controlled list. A code, once given, stays:
    files, links and organisations refer to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" in self.fields and self.instance.pk:
            del self.fields["code"]
        for field in self.fields.values():
            field.error_messages["required"] = f"Enter the {field.label.lower()}"
            field.error_messages["unique"] = f"There is already one with this {field.label.lower()}"


class SectorForm(ListEntryForm):
    class Meta:
        model = Sector
        fields = ["code", "name"]
        help_texts = {"code": "Lower-case letters and underscores, for example social_care"}


class RegionForm(ListEntryForm):
    class Meta:
        model = Region
        fields = ["code", "name"]
        help_texts = {"code": "The ITL1 code, for example TLC"}


class JobTitleForm(ListEntryForm):
    class Meta:
        model = JobTitle
        fields = ["name", "phrases"]
        labels = {"phrases": "Phrases"}
        help_texts = {
            "phrases": (
                "One per line. A leader's title as written is given the job title whose "
                "longest phrase it contains, for example chief executive"
            )
        }
        widgets = {"phrases": forms.Textarea(attrs={"rows": 6})}

    def clean_phrases(self):
        lines = [
            " ".join(line.lower().split()) for line in self.cleaned_data["phrases"].splitlines()
        ]
        # The field is required, so at least one line has words in it.
        return "\n".join(line for line in dict.fromkeys(lines) if line)
