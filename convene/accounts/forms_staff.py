"""Forms for staff administration (invitations, users, the audit log) and members' delegates."""

from django import forms

from convene.accounts.forms import InviteListForm, email_field, full_name_field, role_field
from convene.accounts.models import AuditEvent, Role
from convene.core.forms import GovukForm

# Each line of a list is checked against the database; a cap keeps one request bounded.
MAX_PEOPLE_PER_LIST = 1000


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
        error_messages={
            "max_length": "Search text must be 254 characters or fewer",
            "null_characters_not_allowed": "Search text must not contain null characters",
        },
    )
    role = role_field(choices=[("", "All roles"), *Role.choices], required=False)


class ChangeRoleForm(GovukForm):
    role = role_field("New role")


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
        error_messages={
            "max_length": "E-mail address must be 254 characters or fewer",
            "null_characters_not_allowed": "E-mail address must not contain null characters",
        },
    )


class DelegateInviteForm(GovukForm):
    """A member adds their PA (views/delegates.py)."""

    email = email_field(
        "Your delegate's work e-mail address",
        required="Enter your delegate's e-mail address",
        autocomplete="off",
    )
    full_name = full_name_field("Their full name (optional)")
