"""The facilitator's forms on a cohort's learning sets. Their fields come from the page's
selects, not typing: whatever is wrong with them (letters, 25 digits, another cohort's
ids, a NUL byte) the facilitator is told which field, and what to choose."""

from django import forms
from django.core.exceptions import ValidationError

from convene.core.forms import GovukForm
from convene.directory.models import Profile
from convene.programmes.models import Cohort

CHOOSE_MEMBER = "choose a member of this cohort"
CHOOSE_SET = "choose one of this cohort's proposed sets"
CHOOSE_PROPOSED = "choose someone in one of this cohort's proposed sets"


class _Choice(forms.ModelChoiceField):
    """Django refuses a NUL byte in a choice with its own words, before reading the
    field's messages: here it is one more wrong choice, told as the others are."""

    def validate_no_null_characters(self, value):
        if "\x00" in str(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")


def _choice(label: str, message: str) -> forms.ModelChoiceField:
    """A select of the cohort's people or sets (the form sets which, for its cohort)."""
    wrong = ("required", "invalid_choice")
    return _Choice(queryset=None, label=label, error_messages=dict.fromkeys(wrong, message))


def in_proposal(cohort: Cohort):
    """The cohort's members who are in one of its proposed (unconfirmed) sets."""
    return Profile.objects.filter(
        learning_sets__cohort=cohort, learning_sets__confirmed_at__isnull=True
    ).distinct()


class MoveForm(GovukForm):
    """A facilitator moves one of the cohort's members to one of its proposed sets."""

    profile = _choice("Person to move", CHOOSE_MEMBER)
    to = _choice("Set to move them to", CHOOSE_SET)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = cohort.members.all()
        self.fields["to"].queryset = cohort.learning_sets.filter(confirmed_at__isnull=True)


class SwapForm(GovukForm):
    """A facilitator swaps two people in different proposed sets of the cohort."""

    first = _choice("First person to swap", CHOOSE_PROPOSED)
    second = _choice("Second person to swap", CHOOSE_PROPOSED)

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = in_proposal(cohort)
        self.fields["second"].queryset = in_proposal(cohort)
        self.cohort = cohort

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first"), cleaned.get("second")
        if first and second and first == second:
            self.add_error("second", "choose someone other than the first person")
        elif first and second:
            sets = self.cohort.learning_sets.filter(confirmed_at__isnull=True)
            first_set = sets.filter(members=first).first()
            if first_set and first_set.members.filter(pk=second.pk).exists():
                self.add_error(
                    "second",
                    f"choose someone in a different set: {first} and {second} are both "
                    f"in set {first_set.number}",
                )
        return cleaned


def problem_with(form: forms.Form) -> str:
    """The form's first error, naming its field: "Person to move: choose a member…"."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""
