"""Forms for staff administration (invitations, users, the audit log) and members' delegates."""

from django import forms

from convene.accounts.forms import InviteListForm
from convene.accounts.models import AuditEvent, Role
from convene.core.forms import GovukForm

# Each line of a list is checked against the database; a cap keeps one request bounded.
MAX_PEOPLE_PER_LIST = 1000

EMAIL_ERRORS = {
    "invalid": "Enter an e-mail address in the correct format, like name@council.gov.uk",
    "max_length": "E-mail address must be 254 characters or fewer",
}


class StaffInviteListForm(InviteListForm):
    def clean_addresses(self) -> str:
        text = self.cleaned_data["addresses"]
        people = sum(1 for line in text.splitlines() if line.strip())
        if people > MAX_PEOPLE_PER_LIST:
            raise forms.ValidationError(
                f"The list has {people:,} people: send at most {MAX_PEOPLE_PER_LIST:,} at a time"
            )
        return text


class UserFilterForm(GovukForm):
    q = forms.CharField(
        label="E-mail address or name contains",
        max_length=254,
        required=False,
        error_messages={"max_length": "Search text must be 254 characters or fewer"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "All roles"), *Role.choices],
        required=False,
        error_messages={"invalid_choice": "Select a role from the list"},
    )


class ChangeRoleForm(GovukForm):
    role = forms.ChoiceField(
        label="New role",
        choices=Role.choices,
        error_messages={
            "required": "Select a role",
            "invalid_choice": "Select a role from the list",
        },
    )


class AccountActionForm(GovukForm):
    """Deactivate or reactivate: no fields, but a form so a refusal shows in the error summary."""


class AuditFilterForm(GovukForm):
    action = forms.ChoiceField(
        label="What happened",
        choices=[("", "All actions"), *AuditEvent.Action.choices],
        required=False,
        error_messages={"invalid_choice": "Select an action from the list"},
    )
    email = forms.CharField(
        label="E-mail address (who did it, or who it was about) contains",
        max_length=254,
        required=False,
        error_messages={"max_length": "E-mail address must be 254 characters or fewer"},
    )


class DelegateInviteForm(GovukForm):
    """A member adds their PA (views/delegates.py)."""

    email = forms.EmailField(
        label="Your delegate's work e-mail address",
        max_length=254,
        error_messages={"required": "Enter your delegate's e-mail address", **EMAIL_ERRORS},
    )
    full_name = forms.CharField(
        label="Their full name (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "Full name must be 200 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "inputmode": "email"}
        )
