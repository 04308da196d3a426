from django import forms

from convene.core.forms import GovukForm
from convene.directory.models import OrganisationType, Region, Sector
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
    sector = forms.MultipleChoiceField(choices=Sector.choices, required=False)
    region = forms.MultipleChoiceField(choices=Region.choices, required=False)
    org_type = forms.MultipleChoiceField(choices=OrganisationType.choices, required=False)
    cohort = forms.MultipleChoiceField(choices=[], required=False)

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        super().__init__(data, *args, **kwargs)
        self.fields["cohort"].choices = [(str(c.pk), c.name) for c in Cohort.objects.all()]
        self.fields["q"].widget.attrs.update({"type": "search", "spellcheck": "false"})
        for name in ("sector", "region", "org_type", "cohort"):
            allowed = {value for value, _ in self.fields[name].choices}
            data.setlist(name, [value for value in data.getlist(name) if value in allowed])
