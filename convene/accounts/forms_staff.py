"""Forms for staff administration (invitations, users, the audit log) and members' delegates."""

from django import forms
from django.db.models import Q

from convene.accounts.forms import (
    InviteForm,
    InviteListForm,
    email_field,
    full_name_field,
    role_field,
)
from convene.accounts.models import AuditEvent, Role
from convene.accounts.services import invitations, users
from convene.core.forms import GovukForm
from convene.directory.imports.matching import OrganisationMatcher, normalise
from convene.directory.models import Organisation, OrganisationAlias

# Each line of a list is checked against the database; a cap keeps one request bounded.
MAX_PEOPLE_PER_LIST = 1000


class OrganisationInput(forms.TextInput):
    """A text input offering every organisation's name as you type: an HTML datalist, so
    it works without JavaScript (and, without a browser that offers it, stays a text box)."""

    template_name = "accounts/widgets/organisation_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs']['id']}-names"
        context["names"] = (
            Organisation.objects.order_by("name").values_list("name", flat=True).distinct()
        )
        return context


class OrganisationField(forms.CharField):
    """An organisation Convene holds, typed as its name, acronym or official code (or a
    name staff confirmed in an import). None when left blank."""

    widget = OrganisationInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "error_messages", {"max_length": "Organisation must be 300 characters or fewer"}
        )
        super().__init__(required=False, **kwargs)

    def clean(self, value) -> Organisation | None:
        text = " ".join(super().clean(value).split())
        if not text:
            return None
        by_name = list(Organisation.objects.filter(name__iexact=text)[:10])
        if len(by_name) == 1:
            return by_name[0]
        aliased = OrganisationAlias.objects.filter(name=normalise(text)).values("organisation")
        found = by_name or list(
            Organisation.objects.filter(
                Q(code__iexact=text) | Q(acronym__iexact=text) | Q(pk__in=aliased)
            )[:10]
        )
        if len(found) == 1:
            return found[0]
        if found:
            examples = " or ".join(f"{o.code} for {o.name}" for o in found[:3])
            raise forms.ValidationError(
                f"“{text}” is more than one organisation: enter the official code of the one "
                f"you mean, like {examples}"
            )
        close = [name for _, name in OrganisationMatcher().candidates(text)]
        hint = f": did you mean {' or '.join(close[:3])}?" if close else ": check the spelling"
        raise forms.ValidationError(f"No organisation in Convene is called “{text}”{hint}")


def organisation_field() -> OrganisationField:
    return OrganisationField(
        label="Organisation",
        help_text="Members only. Start typing its name, acronym or official code",
    )


def job_title_field() -> forms.CharField:
    return forms.CharField(
        label="Job title",
        help_text="Members only, for example Chief Executive",
        max_length=200,
        required=False,
        error_messages={"max_length": "Job title must be 200 characters or fewer"},
    )


class StaffInviteForm(InviteForm):
    """One person. A member's invitation says what their profile is created with."""

    organisation = organisation_field()
    job_title = job_title_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "full_name"
        ].help_text = "Members: their first and last names, as the directory will list them"
        self.fields["full_name"].widget.attrs["aria-describedby"] = "id_full_name-hint"

    def clean(self):
        data = super().clean()
        if "role" in data:
            problems = invitations.profile_problems(
                data["role"],
                data.get("full_name", ""),
                data.get("organisation"),
                data.get("job_title", ""),
            )
            _add_unless_already_wrong(self, problems)
        return data


def _add_unless_already_wrong(form: forms.Form, problems: dict[str, str]) -> None:
    """Every field's problem at once, but one error a field: an organisation typed that
    matches none is not also told to enter one."""
    for field, problem in problems.items():
        if field not in form.errors:
            form.add_error(field, problem)


class StaffInviteListForm(InviteListForm):
    # Members are added by the people import, which matches each line's organisation
    # and checks every line (docs/decisions/0025).
    role = role_field(
        "Role for everyone in the list",
        choices=[(value, label) for value, label in Role.choices if value != Role.MEMBER],
        initial=Role.FACILITATOR,
    )

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
    """A new role. Making someone a member who has no profile (a delegate, staff) asks for
    what their profile needs, in the same step."""

    role = role_field("New role")
    full_name = full_name_field()
    organisation = organisation_field()
    job_title = job_title_field()

    def __init__(self, *args, account, actor, **kwargs):
        kwargs.setdefault("initial", {"role": account.role, "full_name": account.full_name})
        super().__init__(*args, **kwargs)
        self.fields[
            "full_name"
        ].help_text = "Members: their first and last names, as the directory will list them"
        self.fields["full_name"].widget.attrs["aria-describedby"] = "id_full_name-hint"
        # Not of oneself: the service refuses that first, whatever else is wrong.
        self.asks_for_profile = account.pk != actor.pk and users.needs_a_profile(
            account, Role.MEMBER
        )
        if not self.asks_for_profile:
            for name in ("full_name", "organisation", "job_title"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if not self.asks_for_profile or "role" not in data:
            return data
        details = [data.get("organisation"), data.get("job_title", "")]
        if data["role"] == Role.MEMBER:
            problems = users.profile_problems(data.get("full_name", ""), *details)
        else:
            # The same refusal as an invitation's: nothing typed is silently dropped.
            problems = invitations.profile_problems(data["role"], "", *details)
        _add_unless_already_wrong(self, problems)
        return data


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
