"""Build convene/directory/data/organisations.csv from the public registers in ../shared/data.

The registers exist only on development and CI machines; the product ships the compact
CSV this writes. Bodies the registers miss (Police Scotland, British Transport Police,
Northern Ireland's HSC trusts, the fire services of Wales, Scotland and Northern
Ireland, armed-forces commands) and bodies renamed or merged since a register was made
come from organisations_compiled.csv, written by hand and marked as compiled here.

Run: make organisations (or python scripts/build_organisations.py [SHARED_DATA_DIR]).
"""

import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "convene" / "directory" / "data"
OUTPUT = DATA / "organisations.csv"
# Merged into the output, so the product ships (and loads) a single file.
COMPILED = DATA / "organisations_compiled.csv"
ITL_LOOKUP = "ons_itl_lookup/LAD23_LAU121_ITL321_ITL221_ITL121_UK_lookup.csv"
POLICE_AREAS = "ons_police_force_area_lookup/ons_lad23_csp23_pfa23_lookup_dec2023.csv"
FIRE_REGISTER = "openregister_fire_services_england/openregister_fire-service-eng.tsv"
SCOTTISH_BOARDS = "nhs_scotland_health_boards/scotland_hb14_hb19.csv"
SCOTTISH_SPECIAL_BOARDS = (
    "nhs_scotland_special_health_boards/scotland_special_health_boards_19022021.csv"
)
WELSH_BOARDS = "nhs_wales_local_health_boards/wales_health_boards.csv"
COLUMNS = ["name", "acronym", "org_type", "sector", "region", "code", "source"]

REGION_BY_NAME = {
    "North East": "TLC",
    "North West": "TLD",
    "Yorkshire and The Humber": "TLE",
    "East Midlands": "TLF",
    "West Midlands": "TLG",
    "East of England": "TLH",
    "London": "TLI",
    "South East": "TLJ",
    "South West": "TLK",
    "Wales": "TLL",
    "Scotland": "TLM",
    "Northern Ireland": "TLN",
}
# Combined authorities and the GLA are not councils whose chief executive leads a place.
COUNCIL_TYPES_LEFT_OUT = {"COMB", "SRA"}
GOVUK_TYPES = {
    "Ministerial department": ("ministerial_department", "central_government"),
    "Non-ministerial department": ("non_ministerial_department", "central_government"),
    "Executive agency": ("executive_agency", "central_government"),
    "Executive non-departmental public body": ("public_body", "central_government"),
    "Public corporation": ("public_body", "central_government"),
    "Special health authority": ("public_body", "health"),
}
GOVUK_CURRENT = {"live", "exempt", "transitioning", "joining"}
# The 2018 register's English fire services, by the region each serves.
FIRE_REGIONS = {
    "TLC": "Cleveland|County Durham|Northumberland|Tyne and Wear",
    "TLD": "Cheshire|Cumbria|Greater Manchester|Lancashire|Merseyside",
    "TLE": "Humberside|North Yorkshire|South Yorkshire|West Yorkshire",
    "TLF": "Derbyshire|Leicestershire|Lincolnshire|Northamptonshire|Nottinghamshire",
    "TLG": "Hereford and Worcester|Shropshire|Staffordshire|Warwickshire|West Midlands",
    "TLH": "Bedfordshire|Cambridgeshire|Essex|Hertfordshire|Norfolk|Suffolk",
    "TLI": "London",
    "TLJ": "Buckinghamshire|East Sussex|Hampshire|Isle of Wight|Kent|Oxfordshire|"
    "Royal Berkshire|Surrey|West Sussex",
    "TLK": "Avon|Cornwall|Devon and Somerset|Dorset and Wiltshire|Gloucestershire|Isles of Scilly",
}
# Merged in 2021 into Hampshire and Isle of Wight Fire and Rescue Service (compiled file).
FIRE_SERVICES_MERGED = {
    "Hampshire Fire and Rescue Service",
    "Isle of Wight Fire and Rescue Service",
}
# Listed by GOV.UK too, but already in the police register.
GOVUK_DUPLICATES = {"police-service-of-northern-ireland"}
POLICE_RENAMED = {"Hampshire Constabulary": "Hampshire and Isle of Wight Constabulary"}
SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "at", "upon"}


def read_csv(path: Path, **kwargs) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, **kwargs))


def nice_case(upper: str) -> str:
    """Registers shout: 'THE ROYAL MARSDEN NHS FOUNDATION TRUST' becomes
    'The Royal Marsden NHS Foundation Trust'."""
    words = []
    for index, word in enumerate(upper.split()):
        lowered = word.lower()
        if word in {"NHS", "UK"}:
            words.append(word)
        elif index and lowered in SMALL_WORDS:
            words.append(lowered)
        else:
            words.append(
                re.sub(r"(^|[-(])([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)
            )
    return " ".join(words)


def row(name, org_type, sector, region, code, source, acronym=""):
    return {
        "name": name.strip(),
        "acronym": acronym.strip(),
        "org_type": org_type,
        "sector": sector,
        "region": region,
        "code": code,
        "source": source,
    }


def councils(shared: Path) -> list[dict]:
    bodies = shared / "public-bodies"
    itl = {line["LAD23CD"]: line["ITL121CD"] for line in read_csv(bodies / ITL_LOOKUP)}
    source = "mySociety UK local authorities (CC BY 4.0); ONS ITL lookup (OGL v3.0)"
    return [
        row(
            line["official-name"],
            "council",
            "local_government",
            itl.get(line["gss-code"]) or REGION_BY_NAME[line["region"]],
            line["gss-code"],
            source,
        )
        for line in read_csv(bodies / "mysociety_uk_local_authorities" / "uk_local_authorities.csv")
        if line["current-authority"] == "True"
        and line["local-authority-type"] not in COUNCIL_TYPES_LEFT_OUT
    ]


def nhs_england_and_wales(shared: Path) -> list[dict]:
    folder = shared / "public-bodies" / "nhs_ods_trusts_etr"
    trusts = [
        t
        for t in read_csv(folder / "nhs_trusts_etr_2026_labelled.csv")
        if t["status_2026"] == "open"
    ]
    source = "NHS England ODS trusts, 2026 (OGL v3.0)"
    rows = [
        row(
            nice_case(t["name"]),
            "nhs_trust",
            "health",
            REGION_BY_NAME["Wales" if t["nation"] == "Wales" else t["gor_name"]],
            f"ods:{t['org_code']}",
            source,
        )
        for t in trusts
    ]
    # An ICB's region is the one most of its trusts are in.
    regions: dict[str, Counter] = {}
    for trust in trusts:
        regions.setdefault(trust["icb_code"], Counter())[
            REGION_BY_NAME.get(trust["gor_name"], "")
        ] += 1
    for icb in read_csv(folder / "icb_2026_codes_in_etr.csv"):
        unofficial = "unofficial" in icb["icb_name"]
        name = re.sub(r"\s*\(short name, unofficial\)", "", icb["icb_name"])
        if unofficial:
            name = f"NHS {name} Integrated Care Board"
        rows.append(
            row(
                name,
                "icb",
                "health",
                regions[icb["icb_ods_code"]].most_common(1)[0][0],
                f"ods:{icb['icb_ods_code']}",
                "NHS ODS and ONS ICB names (OGL v3.0)"
                + ("; name unofficial, after the April 2026 merger" if unofficial else ""),
            )
        )
    return rows


def health_boards(shared: Path) -> list[dict]:
    bodies = shared / "public-bodies"
    scottish = [
        row(
            b["HBName"],
            "health_board",
            "health",
            "TLM",
            b["HB"],
            "Public Health Scotland (OGL v3.0)",
        )
        for b in read_csv(bodies / SCOTTISH_BOARDS)
        if not b["HBDateArchived"]
    ]
    # NHS Health Scotland became Public Health Scotland (compiled file); Louisa Jordan closed.
    special = [
        row(
            b["SHBName"].strip(),
            "health_board",
            "health",
            "TLM",
            b["SHB"],
            "Public Health Scotland (OGL v3.0)",
        )
        for b in read_csv(bodies / SCOTTISH_SPECIAL_BOARDS)
        if b["SHB"] not in {"SB0804", "SN0811"}
    ]
    welsh = [
        row(
            b["Health Board"],
            "health_board",
            "health",
            "TLL",
            b["Health board alt code"],
            "NHS Wales ODS (OGL v3.0)",
        )
        for b in read_csv(bodies / WELSH_BOARDS)
    ]
    return scottish + special + welsh


def police_forces(shared: Path) -> list[dict]:
    bodies = shared / "public-bodies"
    itl = {line["LAD23CD"]: line["ITL121CD"] for line in read_csv(bodies / ITL_LOOKUP)}
    areas: dict[str, Counter] = {}
    for line in read_csv(bodies / POLICE_AREAS):
        areas.setdefault(line["PFA23CD"], Counter())[itl.get(line["LAD23CD"], "")] += 1
    rows = []
    for force in read_csv(bodies / "data_police_uk_forces" / "police_forces_crosswalk_derived.csv"):
        name = force["force_name"]
        source = "data.police.uk forces and ONS police force areas (OGL v3.0)"
        if name in POLICE_RENAMED:
            name, source = POLICE_RENAMED[name], source + "; renamed, compiled by Convene"
        if force["pfa23cd"]:
            region, code = areas[force["pfa23cd"]].most_common(1)[0][0], force["pfa23cd"]
        else:
            region, code = "TLN", f"police:{force['data_police_uk_id']}"
        rows.append(row(name, "police_force", "policing", region, code, source))
    return rows


def fire_services(shared: Path) -> list[dict]:
    path = shared / "public-bodies" / FIRE_REGISTER
    region_of = {
        place: region for region, places in FIRE_REGIONS.items() for place in places.split("|")
    }
    rows = []
    for service in read_csv(path, delimiter="\t"):
        name = service["name"]
        if name in FIRE_SERVICES_MERGED:
            continue
        place = re.sub(r"^(County )?|( County)? (Fire and Rescue Service|Fire Brigade)$", "", name)
        place = {"Durham and Darlington": "County Durham"}.get(place, place)
        rows.append(
            row(
                name,
                "fire_service",
                "fire",
                region_of[place],
                f"fire-eng:{service['fire-service-eng']}",
                "GDS fire and rescue register, England, 2018",
            )
        )
    return rows


def govuk_bodies(shared: Path) -> list[dict]:
    path = shared / "public-bodies" / "govuk_organisations" / "govuk_organisations_flat.csv"
    rows = []
    for body in read_csv(path):
        if (
            body["govuk_status"] not in GOVUK_CURRENT
            or body["format"] not in GOVUK_TYPES
            or body["slug"] in GOVUK_DUPLICATES
        ):
            continue
        org_type, sector = GOVUK_TYPES[body["format"]]
        acronym = body["abbreviation"] if body["abbreviation"] != body["title"] else ""
        rows.append(
            row(
                body["title"],
                org_type,
                sector,
                "",
                f"govuk:{body['slug']}",
                "GOV.UK organisations API, November 2025 (OGL v3.0)",
                acronym[:30],
            )
        )
    return rows


def build(shared: Path) -> list[dict]:
    rows = (
        councils(shared)
        + nhs_england_and_wales(shared)
        + health_boards(shared)
        + police_forces(shared)
        + fire_services(shared)
        + govuk_bodies(shared)
        + read_csv(COMPILED)
    )
    codes = Counter(r["code"] for r in rows)
    duplicated = [code for code, count in codes.items() if count > 1]
    if duplicated:
        sys.exit(f"Duplicate organisation codes: {', '.join(duplicated)}")
    return sorted(rows, key=lambda r: (r["org_type"], r["name"].lower(), r["code"]))


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    if not shared.exists():
        sys.exit(
            f"{shared} is missing: the public registers exist on development and CI machines only."
        )
    rows = build(shared)
    with OUTPUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = Counter(r["org_type"] for r in rows)
    print(
        f"Wrote {len(rows)} organisations to {OUTPUT.relative_to(ROOT)}:",
        ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items())),
    )


if __name__ == "__main__":
    main()
