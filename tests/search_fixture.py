"""The search fixture caseload (tests/data/search_people.csv): as search records, and as a case file to import."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from diary.domain.search import PersonRecord

PEOPLE_CSV = Path(__file__).parent / "data" / "search_people.csv"
IN_CUSTODY = ("Petrauskas", "Okonkwo")
RISKS = ("low", "medium", "high", "very_high")


def load_people() -> list[PersonRecord]:
    """About 150 people from across England and Wales, with look-alike names, CRNs and dates of birth."""
    with PEOPLE_CSV.open(encoding="utf-8", newline="") as handle:
        return [
            PersonRecord(
                id=i,
                crn=row["crn"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                aliases=tuple(a for a in row["aliases"].split(";") if a),
                date_of_birth=date.fromisoformat(row["date_of_birth"]),
            )
            for i, row in enumerate(csv.DictReader(handle), start=1)
        ]


def release_date(person: PersonRecord, today: date) -> date:
    """When a person in custody in the fixture is released."""
    return today + timedelta(days=20 + 3 * person.id)


def casefile_document(today: date) -> dict[str, Any]:
    """The fixture people as a case file: every sixth (and a few named) in custody, the rest on an order."""
    people = []
    for person in load_people():
        in_custody = person.id % 6 == 0 or person.last_name in IN_CUSTODY
        start = today - timedelta(days=90 + person.id)
        entry: dict[str, Any] = {
            "crn": person.crn,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "aliases": list(person.aliases),
            "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
            "risk_level": RISKS[person.id % 4],
            "orders": [],
            "appointments": [
                {"start": f"{today - timedelta(days=7)}T10:00", "outcome": "ATTC"},
                {"start": f"{today + timedelta(days=person.id % 14 + 1)}T14:00"},
            ],
        }
        if not in_custody:
            entry["appointments"][0] |= {"order": "o1", "requirement": "r1"}
            entry["appointments"][1] |= {"order": "o1"}
        if in_custody:
            entry["custody"] = {"prison": "HMP Leeds", "release_date": release_date(person, today).isoformat()}
            entry["orders"].append({"id": "o1", "type": "licence", "start_date": release_date(person, today).isoformat()})
        else:
            entry["orders"].append(
                {
                    "id": "o1",
                    "type": "community_order" if person.id % 2 else "suspended_sentence_order",
                    "start_date": start.isoformat(),
                    "end_date": (start + timedelta(days=365)).isoformat(),
                    "court": "Leeds Magistrates' Court",
                    "requirements": [{"id": "r1", "type": "rar", "max_days": 20}],
                }
            )
        people.append(entry)
    return {"format": "supervision-diary/casefile", "version": 1, "people": people}
