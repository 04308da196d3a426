"""Checking a people file against what Convene holds: the dry run.

Every row is either to be created, to be changed (with each field's old and new value),
unchanged, or rejected with its line, column and reason. Organisation names that match
nothing are listed with the closest spellings for staff to confirm. The same check runs
again, on the database as it then is, at the moment of importing.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms

from convene.accounts.email_addresses import EmailRefused, canonical_email
from convene.accounts.models import Role, User
from convene.directory.imports.matching import OrganisationMatcher
from convene.directory.imports.reading import Row, column_label
from convene.directory.models import Profile
from convene.directory.validators import (
    MAX_SOCIAL_LINK_LENGTH,
    MAX_SOCIAL_LINKS,
    PhoneValidator,
    normalise_social_links,
    require_https,
)
from convene.programmes.models import Cohort

# The profile fields a file may set. A blank cell leaves a stored value as it is: an
# import never wipes what a leader typed in themselves.
PROFILE_COLUMNS = [
    "title",
    "given_name",
    "family_name",
    "job_title",
    "phone",
    "pa_name",
    "pa_email",
    "pa_phone",
    "linkedin_url",
    "social_links",
]
COHORT_SEPARATOR = ";"
# Spreadsheets hold several addresses in one cell however people typed them.
SOCIAL_LINK_SEPARATORS = re.compile(r"[\s,]+")
REPORT_LIMIT = 500
PROGRESS_EVERY = 250


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    reason: str


@dataclass
class Planned:
    """One good row: who it is, and what importing it would store."""

    line: int
    email: str
    values: dict[str, str]
    organisation_id: int
    cohort_ids: list[int]
    user: User | None = None
    profile: Profile | None = None
    # {field: [old, new]} for a profile that exists; every filled field for a new one.
    changes: dict[str, list] = field(default_factory=dict)


@dataclass
class Plan:
    to_create: list[Planned] = field(default_factory=list)
    to_change: list[Planned] = field(default_factory=list)
    unchanged: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # normalised name as written: {"lines": [...], "candidates": [[id, name], ...]}
    unmatched: dict[str, dict] = field(default_factory=dict)

    @property
    def can_import(self) -> bool:
        return not self.problems and not self.unmatched and bool(self.to_create or self.to_change)

    def report(self) -> dict:
        """What staff are shown, small enough to keep: counts, and the first rows of each."""

        def people(planned: list[Planned]) -> list[dict]:
            return [
                {"line": p.line, "email": p.email, "changes": p.changes}
                for p in planned[:REPORT_LIMIT]
            ]

        return {
            "counts": {
                "create": len(self.to_create),
                "change": len(self.to_change),
                "unchanged": len(self.unchanged),
                "rejected": len({problem.line for problem in self.problems}),
                "unmatched": sum(len(entry["lines"]) for entry in self.unmatched.values()),
            },
            "create": people(self.to_create),
            "change": people(self.to_change),
            "problems": [[p.line, p.column, p.reason] for p in self.problems[:REPORT_LIMIT]],
            "problem_count": len(self.problems),
            "unmatched": self.unmatched,
            "can_import": self.can_import,
        }


class RowForm(forms.Form):
    """The cells of one row, checked by the same rules as the profile form (the e-mail
    cell by the accounts' one rule instead: _email_of)."""

    def __init__(self, data):
        super().__init__(data)
        for name in PROFILE_COLUMNS:
            self.fields[name] = Profile._meta.get_field(name).formfield()
        for name in ("phone", "pa_phone"):
            self.fields[name].validators.append(
                PhoneValidator(
                    "is not a phone number: use digits, spaces and +, like 0113 496 0000"
                )
            )
        self.fields["linkedin_url"].validators.append(require_https)

    def clean_social_links(self) -> str:
        addresses = SOCIAL_LINK_SEPARATORS.split(self.cleaned_data["social_links"])
        return normalise_social_links([address for address in addresses if address])


# Why a cell of addresses was refused, worded like the other cells' reasons: "address 2",
# not the profile form's "line 2", since in the report the line is the spreadsheet's.
SOCIAL_LINK_REASONS = {
    "link_not_https": "address {number} is not a web address starting with https://",
    "link_too_long": f"address {{number}} is longer than {MAX_SOCIAL_LINK_LENGTH} characters",
    "too_many_links": f"has more than {MAX_SOCIAL_LINKS} web addresses",
}


def _reason(error: forms.ValidationError, form_field: forms.Field) -> str:
    """Why a cell was refused, in words that do not depend on the field's label."""
    if error.code == "required":
        return "is blank"
    if error.code == "max_length":
        return f"is longer than {form_field.max_length:,} characters"
    if error.code == "phone":
        return error.message
    if error.code in SOCIAL_LINK_REASONS:
        return SOCIAL_LINK_REASONS[error.code].format(**(error.params or {}))
    if isinstance(form_field, forms.EmailField):
        return "is not an e-mail address, like name@council.gov.uk"
    if isinstance(form_field, forms.URLField):
        return "is not a web address starting with https://"
    return "is not valid"


class Checker:
    def __init__(self):
        self.matcher = OrganisationMatcher()
        self.cohorts = {name.lower(): pk for pk, name in Cohort.objects.values_list("pk", "name")}
        self.cohort_names = dict(Cohort.objects.values_list("pk", "name"))

    def check(self, rows: list[Row], progress: Callable[[int], None] | None = None) -> Plan:
        plan = Plan()
        users = _users_by_email(rows)
        first_line_of: dict[str, int] = {}
        for done, row in enumerate(rows, start=1):
            planned = self._check_row(row, plan, first_line_of)
            if planned is not None:
                self._compare(planned, users.get(planned.email), plan)
            if progress and done % PROGRESS_EVERY == 0:
                progress(done)
        if progress:
            progress(len(rows))
        return plan

    def _check_row(self, row: Row, plan: Plan, first_line_of: dict) -> Planned | None:
        problems = [
            Problem(row.line, column_label(name), "starts with “=”, so it would run as a formula")
            for name, value in row.values.items()
            if value.startswith("=")
        ]
        email, refused = _email_of(row)
        if refused:
            problems.append(Problem(row.line, column_label("email"), refused))
        form = RowForm({name: row.values.get(name, "") for name in PROFILE_COLUMNS})
        if not form.is_valid():
            for name, errors in form.errors.as_data().items():
                label = column_label(name)
                problems.append(Problem(row.line, label, _reason(errors[0], form.fields[name])))
        if email and email in first_line_of:
            problems.append(Problem(row.line, "E-mail", f"is also on line {first_line_of[email]}"))
        first_line_of.setdefault(email, row.line)
        cohort_ids = []
        for name in filter(
            None, (n.strip() for n in row.values.get("cohort", "").split(COHORT_SEPARATOR))
        ):
            if name.lower() in self.cohorts:
                cohort_ids.append(self.cohorts[name.lower()])
            else:
                problems.append(Problem(row.line, "Cohort", f"names no cohort called “{name}”"))
        organisation_id = None
        organisation = row.values.get("organisation", "")
        if not organisation:
            problems.append(Problem(row.line, "Organisation", "is blank"))
        else:
            organisation_id = self.matcher.match(organisation)
        if problems:
            plan.problems.extend(problems)
            return None
        if organisation_id is None:
            entry = plan.unmatched.setdefault(
                organisation,
                {"lines": [], "candidates": self.matcher.candidates(organisation)},
            )
            entry["lines"].append(row.line)
            return None
        values = {name: form.cleaned_data[name] for name in PROFILE_COLUMNS}
        return Planned(row.line, email, values, organisation_id, cohort_ids)

    def _compare(self, planned: Planned, user: User | None, plan: Plan) -> None:
        if user is not None and (user.role != Role.MEMBER or not user.is_active):
            reason = (
                "belongs to a deactivated account: reactivate it first"
                if not user.is_active
                else f"belongs to a {user.get_role_display().lower()}, not a leader"
            )
            plan.problems.append(Problem(planned.line, "E-mail", reason))
            return
        planned.user = user
        planned.profile = getattr(user, "profile", None) if user else None
        if planned.profile is None:
            planned.changes = {name: ["", value] for name, value in planned.values.items() if value}
            planned.changes["organisation"] = ["", self.matcher.name_of(planned.organisation_id)]
            if planned.cohort_ids:
                names = sorted(self.cohort_names[pk] for pk in set(planned.cohort_ids))
                planned.changes["cohorts"] = [[], names]
            plan.to_create.append(planned)
            return
        planned.changes = self._differences(planned)
        (plan.to_change if planned.changes else plan.unchanged).append(planned)

    def _differences(self, planned: Planned) -> dict[str, list]:
        profile = planned.profile
        changes = {
            name: [getattr(profile, name), value]
            for name, value in planned.values.items()
            if value and getattr(profile, name) != value
        }
        if profile.organisation_id != planned.organisation_id:
            changes["organisation"] = [
                profile.organisation.name,
                self.matcher.name_of(planned.organisation_id),
            ]
        held = {cohort.pk for cohort in profile.cohorts.all()}
        added = [pk for pk in planned.cohort_ids if pk not in held]
        if added:
            changes["cohorts"] = [
                sorted(self.cohort_names[pk] for pk in held),
                sorted(self.cohort_names[pk] for pk in held | set(added)),
            ]
        return changes


def _email_of(row: Row) -> tuple[str, str]:
    """(the row's address in its canonical form, "") or ("", why the cell is refused).

    Canonical (ADR 20), so a look-alike of a stored account's address is that account and
    of an earlier line's address is the same address twice.
    """
    cell = row.values.get("email", "")
    if not cell.strip():
        return "", "is blank"
    try:
        return canonical_email(cell), ""
    except EmailRefused as refused:
        return "", refused.reason


def _users_by_email(rows: list[Row]) -> dict[str, User]:
    wanted = sorted({email for email, _ in map(_email_of, rows) if email})
    found = {}
    for start in range(0, len(wanted), 1000):
        users = (
            User.objects.filter(email__in=wanted[start : start + 1000])
            .select_related("profile__organisation")
            .prefetch_related("profile__cohorts")
        )
        found.update({user.email: user for user in users})
    return found
