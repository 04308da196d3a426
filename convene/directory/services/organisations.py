"""Organisations: loaded from a CSV (every row checked, all or nothing, upsert by code),
and saved by ``save_organisations``, the one writer of organisations."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from convene.accounts.models import AuditEvent, User
from convene.accounts.services import audit
from convene.accounts.services.audit import Origin
from convene.directory.models import Organisation, OrganisationType, Region, Sector
from convene.directory.services import facets, search_index

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHIPPED_FILES = [DATA_DIR / "organisations.csv"]
COLUMNS = ["name", "acronym", "org_type", "sector", "region", "code", "source"]
LIMITS = {
    column: Organisation._meta.get_field(model_field).max_length
    for column, model_field in {
        "name": "name",
        "acronym": "acronym",
        "org_type": "org_type",
        "code": "code",
        "source": "source",
    }.items()
}


# Sectors and regions are data (staff may add to them): read when a file is checked.
def _choices() -> dict[str, set[str]]:
    return {
        "org_type": set(OrganisationType.values),
        "sector": set(Sector.objects.values_list("code", flat=True)),
        "region": {"", *Region.objects.values_list("code", flat=True)},
    }


# A row's column and the organisation's attribute it sets: sector and region hold codes.
ATTRIBUTES = {column: column for column in COLUMNS} | {"sector": "sector_id", "region": "region_id"}


@dataclass
class RowError:
    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, column {self.column}: {self.reason}"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


def _check(
    row: dict, file: str, line: int, seen: dict[str, int], choices: dict[str, set[str]]
) -> list[RowError]:
    errors = []
    for column in ("name", "code", "org_type", "sector"):
        if not row[column]:
            errors.append(RowError(file, line, column, "is blank"))
    for column, limit in LIMITS.items():
        if len(row[column]) > limit:
            errors.append(RowError(file, line, column, f"is longer than {limit} characters"))
    for column, allowed in choices.items():
        if row[column] and row[column] not in allowed:
            errors.append(RowError(file, line, column, f"{row[column]!r} is not a known value"))
    if row["code"] in seen:
        errors.append(
            RowError(file, line, "code", f"{row['code']!r} is also on line {seen[row['code']]}")
        )
    seen.setdefault(row["code"], line)
    return errors


def read_rows(paths: list[Path]) -> tuple[list[dict], list[RowError]]:
    rows, errors, seen, choices = [], [], {}, _choices()
    for path in paths:
        try:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
                if missing:
                    errors.append(RowError(path.name, 1, ", ".join(missing), "column is missing"))
                    continue
                for row in reader:
                    clean = {c: (row[c] or "").strip() for c in COLUMNS}
                    problems = _check(clean, path.name, reader.line_num, seen, choices)
                    errors.extend(problems)
                    if not problems:
                        rows.append(clean)
        except UnicodeDecodeError:
            errors.append(RowError(path.name, 0, "-", "is not UTF-8 text"))
        except FileNotFoundError:
            errors.append(RowError(path.name, 0, "-", "does not exist"))
    return rows, errors


def load_organisations(
    paths: list[Path] | None = None, *, actor: User | None, origin: Origin
) -> LoadReport:
    """Create or update organisations by code. If any row is bad, nothing is written."""
    rows, errors = read_rows(paths or SHIPPED_FILES)
    if errors:
        return LoadReport(errors=errors)
    values = []
    for row in rows:
        organisation = {ATTRIBUTES[c]: row[c] for c in COLUMNS}
        organisation["region_id"] = organisation["region_id"] or None
        values.append(organisation)
    return save_organisations(values, actor=actor, origin=origin)


def save_organisations(
    organisations: list[dict], *, actor: User | None, origin: Origin
) -> LoadReport:
    """Create or update organisations (attribute values, each with its ``code``) by code, in
    one transaction: each one's ``search_name`` set from its name, the changed ones'
    people's search entries refreshed, and an audit row if anything changed."""
    report = LoadReport()
    with transaction.atomic():
        existing = {o.code: o for o in Organisation.objects.select_for_update()}
        new, changed, fields = [], [], {"search_name"}
        for values in organisations:
            organisation = existing.get(values["code"])
            if organisation is None:
                organisation = Organisation(**values)
                new.append(organisation)
            elif any(getattr(organisation, a) != v for a, v in values.items()):
                for attribute, value in values.items():
                    setattr(organisation, attribute, value)
                changed.append(organisation)
                fields.update(values)
            else:
                continue
            organisation.search_name = search_index.organisation_text(organisation)
        Organisation.objects.bulk_create(new, batch_size=500)
        Organisation.objects.bulk_update(changed, sorted(fields), batch_size=500)
        # Their people are found by the organisation's name, sector, region and type.
        search_index.refresh_organisations(changed)
        if changed:
            facets.changed()
        if new or changed:
            audit.record(
                AuditEvent.Action.ORGANISATIONS_LOADED,
                actor=actor,
                origin=origin,
                created=len(new),
                updated=len(changed),
            )
    report.created, report.updated = len(new), len(changed)
    report.unchanged = len(organisations) - len(new) - len(changed)
    return report
