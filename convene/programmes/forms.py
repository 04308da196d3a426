from django import forms

from convene.core.forms import GovukForm
from convene.programmes.models import Cohort

# The fields come from the page's hidden input and list, not typing: whatever is wrong with
# them (letters, 25 digits, another cohort's ids, a NUL byte) the facilitator is told this.
CHOOSE = "Choose a member and the set to move them to"


class MoveForm(GovukForm):
    """A facilitator moves one of the cohort's members to one of its proposed sets."""

    profile = forms.ModelChoiceField(queryset=None)
    to = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = cohort.members.all()
        self.fields["to"].queryset = cohort.learning_sets.all()
