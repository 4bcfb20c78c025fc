"""Where the officer's time goes: activities, what counts as which, and allowance against actual (pure functions).

How each thing in the diary counts (the officer's own time only):

- Sessions (appointments with an outcome): office, home visit, prison visit, three-way meeting and other are
  face-to-face; phone and video are phone and video. Unpaid work and programme sessions are run by other
  staff and are not counted. Minutes: the minutes spent as recorded, else the booked length when the person
  attended (ATTC, AFTC, ATSH), else nothing.
- Travel: each attended home or prison visit adds the travel minutes set for its kind (an estimate, marked
  as one), plus any travel the officer logs as a task.
- Contact notes: face-to-face notes are face-to-face; phone and video notes are phone and video; emails,
  texts, other agencies, other notes and significant events are admin.
- Commitments: court duty counts as reports (on-the-day reports); duty officer as face-to-face; reception
  cover and other as admin; team meetings and training as meetings; leave is not work time.
- Tasks (What's due): risk reviews are assessments; reports are reports; MAPPA reviews and actions are
  meetings; travel is travel; licence-condition actions, pre-release and termination work and the officer's
  own reminders are admin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from diary.domain.vocab import AppointmentKind, CommitmentKind, Outcome


class Activity(StrEnum):
    """The activities the My time view reports, in the order it shows them."""

    FACE_TO_FACE = "face_to_face"
    PHONE_VIDEO = "phone_video"
    REPORTS = "reports"
    ASSESSMENTS = "assessments"
    TRAVEL = "travel"
    MEETINGS = "meetings"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        """The activity as the officer says it."""
        return {
            "face_to_face": "Face-to-face",
            "phone_video": "Phone and video",
            "reports": "Reports",
            "assessments": "Assessments",
            "travel": "Travel",
            "meetings": "Meetings",
            "admin": "Admin",
        }[self.value]


SESSION_ACTIVITY: dict[str, Activity] = {
    AppointmentKind.OFFICE: Activity.FACE_TO_FACE,
    AppointmentKind.HOME_VISIT: Activity.FACE_TO_FACE,
    AppointmentKind.PRISON_VISIT: Activity.FACE_TO_FACE,
    AppointmentKind.THREE_WAY_MEETING: Activity.FACE_TO_FACE,
    AppointmentKind.OTHER: Activity.FACE_TO_FACE,
    AppointmentKind.PHONE: Activity.PHONE_VIDEO,
    AppointmentKind.VIDEO: Activity.PHONE_VIDEO,
}
NOTE_ACTIVITY: dict[str, Activity] = {
    "face_to_face": Activity.FACE_TO_FACE,
    "phone": Activity.PHONE_VIDEO,
    "video": Activity.PHONE_VIDEO,
}
COMMITMENT_ACTIVITY: dict[str, Activity] = {
    CommitmentKind.COURT_DUTY: Activity.REPORTS,
    CommitmentKind.DUTY_OFFICER: Activity.FACE_TO_FACE,
    CommitmentKind.RECEPTION_COVER: Activity.ADMIN,
    CommitmentKind.TRAINING: Activity.MEETINGS,
    CommitmentKind.MEETING: Activity.MEETINGS,
    CommitmentKind.OTHER: Activity.ADMIN,
}
TASK_ACTIVITY: dict[str, Activity] = {
    "risk_review": Activity.ASSESSMENTS,
    "report": Activity.REPORTS,
    "mappa_review": Activity.MEETINGS,
    "mappa_action": Activity.MEETINGS,
    "travel": Activity.TRAVEL,
}
ATTENDED = frozenset({Outcome.ATTC, Outcome.AFTC, Outcome.ATSH})
DEFAULT_TRAVEL_MINUTES: dict[str, int] = {AppointmentKind.HOME_VISIT: 30, AppointmentKind.PRISON_VISIT: 90}

DEFAULT_ALLOWANCES: dict[str, int] = {
    "session:office": 45,
    "session:home_visit": 60,
    "session:prison_visit": 90,
    "session:three_way_meeting": 60,
    "session:phone": 20,
    "session:video": 30,
    "session:other": 45,
    "note": 10,
    "task:risk_review": 120,
    "task:report": 180,
    "task:mappa_review": 60,
    "task:condition_action": 30,
}
"""Minutes allowed per piece of work, until the officer sets their workload tool's figures (setting my_time.allowances)."""


@dataclass(frozen=True)
class TimeEntry:
    """Minutes of one piece of work on one day."""

    day: date
    minutes: int
    activity: Activity
    work_type: str | None = None
    person_id: int | None = None
    person_name: str | None = None
    crn: str | None = None
    estimated: bool = False


@dataclass(frozen=True)
class PersonTime:
    """One person's share of the officer's time."""

    person_id: int
    name: str
    crn: str | None
    minutes: int
    contacts: int


@dataclass(frozen=True)
class AllowanceRow:
    """One type of work: how often, what the allowance gives, what it took."""

    work_type: str
    count: int
    allowed: int
    actual: int

    @property
    def label(self) -> str:
        """The work type in words."""
        return work_type_label(self.work_type)

    @property
    def difference(self) -> int:
        """Minutes taken beyond the allowance (negative when under)."""
        return self.actual - self.allowed


def session_minutes(outcome: str | None, booked: int, spent: int | None) -> int:
    """A session's minutes: as recorded, else the booked length if the person attended, else none."""
    if spent is not None:
        return spent
    return booked if outcome in ATTENDED else 0


def note_activity(kind: str) -> Activity:
    """The activity a contact note of this kind counts as."""
    return NOTE_ACTIVITY.get(kind, Activity.ADMIN)


def task_activity(kind: str) -> Activity:
    """The activity a task of this kind counts as."""
    return TASK_ACTIVITY.get(kind, Activity.ADMIN)


TASK_LABELS = {"risk_review": "Risk review (OASys)", "mappa_review": "MAPPA review", "mappa_action": "MAPPA action"}


def work_type_label(work_type: str) -> str:
    """'session:home_visit' -> 'Session: Home visit'; 'note' -> 'Contact note'."""
    if work_type == "note":
        return "Contact note"
    source, _, kind = work_type.partition(":")
    if source == "session":
        return f"Session: {AppointmentKind(kind).label}"
    if source == "commitment":
        return CommitmentKind(kind).label
    return TASK_LABELS.get(kind, kind.replace("_", " ").capitalize())


def minutes_by_activity(entries: Iterable[TimeEntry]) -> dict[Activity, int]:
    """Total minutes for every activity (zero where none), in the view's order."""
    totals = dict.fromkeys(Activity, 0)
    for e in entries:
        totals[e.activity] += e.minutes
    return totals


def minutes_by_person(entries: Iterable[TimeEntry]) -> list[PersonTime]:
    """Minutes and contacts per person, most time first."""
    minutes: dict[int, int] = defaultdict(int)
    contacts: dict[int, int] = defaultdict(int)
    names: dict[int, tuple[str, str | None]] = {}
    for e in entries:
        if e.person_id is None:
            continue
        minutes[e.person_id] += e.minutes
        contacts[e.person_id] += 0 if e.estimated else 1
        names[e.person_id] = (e.person_name or "", e.crn)
    rows = [PersonTime(pid, names[pid][0], names[pid][1], minutes[pid], contacts[pid]) for pid in minutes]
    return sorted(rows, key=lambda r: (-r.minutes, r.name))


def allowance_rows(entries: Iterable[TimeEntry], allowances: dict[str, int]) -> list[AllowanceRow]:
    """Allowed against actual minutes for each type of work that has an allowance, furthest over first."""
    count: dict[str, int] = defaultdict(int)
    actual: dict[str, int] = defaultdict(int)
    for e in entries:
        if e.work_type in allowances:
            count[e.work_type] += 1
            actual[e.work_type] += e.minutes
    rows = [AllowanceRow(t, count[t], count[t] * allowances[t], actual[t]) for t in count]
    return sorted(rows, key=lambda r: (-r.difference, r.work_type))


def hours(minutes: int) -> str:
    """Minutes as decimal hours for tables and charts: '12.5'."""
    return f"{minutes / 60:.1f}"


def credited_hours(minutes: int) -> float:
    """Unpaid work hours credited for the minutes spent, to the quarter hour (the default the officer may change)."""
    return round(minutes / 15) / 4
