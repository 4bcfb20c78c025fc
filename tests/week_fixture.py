"""A busy diary week to test and to picture: 40 bookings for 14 people, court duty, a team meeting, reception cover,
an overlap and bookings inside commitments (Monday 2 to Friday 6 March 2026; 'now' is Wednesday 11:20)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

NOW = datetime(2026, 3, 4, 11, 20)
MONDAY = date(2026, 3, 2)
PEOPLE = [
    ("Jon", "Smith", "high"),
    ("Amy", "Jones", "medium"),
    ("Carl", "Brown", "low"),
    ("Dawn", "Patel", "very_high"),
    ("Eddie", "O'Neill", "medium"),
    ("Fatima", "Khan", "low"),
    ("Gary", "Wilson", "high"),
    ("Hannah", "Lee", "medium"),
    ("Imran", "Hussain", "medium"),
    ("Jade", "Taylor", "low"),
    ("Kieran", "Murphy", "high"),
    ("Lucy", "Evans", "medium"),
    ("Mohammed", "Ali", "low"),
    ("Nadia", "Kowalski", "medium"),
]
# (day offset, "HH:MM", minutes, kind, person index, outcome)
BOOKINGS = [
    (0, "09:00", 30, "phone", 0, "ATTC"),
    (0, "10:30", 60, "office", 1, "ATTC"),
    (0, "11:30", 45, "office", 2, "UAAB"),
    (0, "12:15", 45, "video", 3, "ATTC"),
    (0, "14:00", 60, "home_visit", 4, "ATTC"),
    (0, "15:00", 30, "phone", 5, "ATTC"),
    (0, "15:30", 60, "office", 6, None),
    (0, "16:30", 30, "phone", 7, "ATTC"),
    (0, "09:00", 420, "unpaid_work_session", 8, "ATTC"),
    (1, "14:00", 60, "office", 9, None),
    (2, "09:00", 45, "office", 10, "ATTC"),
    (2, "09:45", 45, "office", 11, "ATTC"),
    (2, "10:30", 45, "video", 12, "ATTC"),
    (2, "11:15", 45, "office", 13, None),
    (2, "12:00", 60, "three_way_meeting", 0, None),
    (2, "14:00", 45, "office", 1, None),
    (2, "14:45", 30, "phone", 2, None),
    (2, "15:15", 60, "home_visit", 3, None),
    (2, "16:15", 45, "office", 4, None),
    (2, "10:00", 150, "programme_session", 5, None),
    (3, "09:00", 120, "prison_visit", 6, None),
    (3, "11:00", 60, "office", 7, None),
    (3, "11:00", 45, "office", 8, None),
    (3, "12:00", 45, "video", 9, None),
    (3, "14:00", 30, "phone", 10, None),
    (3, "14:30", 45, "office", 11, None),
    (3, "15:15", 45, "office", 12, None),
    (3, "16:00", 60, "home_visit", 13, None),
    (3, "09:00", 420, "unpaid_work_session", 0, None),
    (4, "09:00", 45, "office", 1, None),
    (4, "09:45", 45, "office", 2, None),
    (4, "10:30", 60, "video", 3, None),
    (4, "11:30", 45, "office", 4, None),
    (4, "12:15", 45, "phone", 5, None),
    (4, "14:00", 60, "office", 6, None),
    (4, "15:00", 30, "phone", 7, None),
    (4, "15:30", 45, "office", 8, None),
    (4, "16:15", 45, "three_way_meeting", 9, None),
    (4, "09:00", 420, "unpaid_work_session", 10, None),
    (1, "09:30", 30, "phone", 11, None),
]
COMMITMENTS: list[dict[str, Any]] = [
    {
        "start": "2026-03-03T09:00",
        "end": "2026-03-03T17:00",
        "kind": "court_duty",
        "title": "Leeds Magistrates'",
        "every_weeks": 2,
    },
    {
        "start": "2026-03-02T09:30",
        "end": "2026-03-02T10:30",
        "kind": "meeting",
        "title": "Team meeting",
        "every_weeks": 1,
    },
    {"start": "2026-03-06T14:00", "end": "2026-03-06T17:00", "kind": "reception_cover", "title": "Reception cover"},
]
ROOMS = {
    "office": "Interview room 2",
    "home_visit": "Home address",
    "prison_visit": "HMP Leeds",
    "three_way_meeting": "Room 4",
}


def person(crn: str, first: str, last: str, risk: str, appointments: list[dict[str, Any]]) -> dict[str, Any]:
    """A person on a community order with a RAR requirement running through March 2026; their appointments join it."""
    order = {
        "id": "o1",
        "type": "community_order",
        "start_date": "2025-09-01",
        "end_date": "2026-08-31",
        "requirements": [{"id": "r1", "type": "rar", "max_days": 20}],
    }
    for appointment in appointments:
        appointment.setdefault("order", "o1")
    return {
        "crn": crn,
        "first_name": first,
        "last_name": last,
        "risk_level": risk,
        "orders": [order],
        "appointments": appointments,
    }


def week_document() -> dict[str, Any]:
    """The case file: people on community orders, the week's bookings and three commitments."""
    people = [person(f"X{100001 + i}", first, last, risk, []) for i, (first, last, risk) in enumerate(PEOPLE)]
    for offset, at, minutes, kind, who, outcome in BOOKINGS:
        start = datetime.combine(MONDAY + timedelta(days=offset), datetime.strptime(at, "%H:%M").time())
        people[who]["appointments"].append(
            {
                "start": start.strftime("%Y-%m-%dT%H:%M"),
                "minutes": minutes,
                "kind": kind,
                "outcome": outcome,
                "location": ROOMS.get(kind),
            }
        )
    return {"format": "supervision-diary/casefile", "version": 1, "people": people, "commitments": COMMITMENTS}
