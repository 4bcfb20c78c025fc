"""How dates, times and codes look on screen."""

from __future__ import annotations

from datetime import date, datetime

from diary.domain.compliance_state import ComplianceState, StateKind
from diary.domain.enforcement_facts import outcome_sign
from diary.domain.enforcement_words import state_line
from diary.domain.vocab import AppointmentKind, OrderType, Outcome, RiskLevel

RISK_MARKS = {"low": "○", "medium": "◐", "high": "●", "very_high": "◉"}
STATE_SHAPES = {
    StateKind.BREACH_REQUIRED: "▲",
    StateKind.BREACH_IN_PROGRESS: "■",
    StateKind.WARNING_LIVE: "△",
    StateKind.DISCRETIONARY: "◆",
}
"""A shape for each compliance state a row flags, so the words are found at a glance without colour."""
def day_time(value: datetime | None) -> str:
    """'Mon 30 Nov 10:00', with the year when it is not this year."""
    if value is None:
        return "—"
    if value.year == date.today().year:
        return f"{value:%a} {value.day} {value:%b %H:%M}"
    return f"{value.day} {value:%b %Y %H:%M}"


def day(value: date | None) -> str:
    """'30 Nov 2026'."""
    return "—" if value is None else f"{value.day} {value:%b %Y}"


def clock(value: datetime) -> str:
    """'10:30'."""
    return f"{value:%H:%M}"


def risk(value: str | None) -> str:
    """A risk level with its shape marker, so meaning never rests on colour: '● High'."""
    if not value:
        return "—"
    return f"{RISK_MARKS[value]} {RiskLevel(value).label}"


STATE_LABELS = {"in progress": "▶ In progress", "to record": "! To record", "to come": "To come"}
"""A booking without an outcome, by where it stands now."""


def appointment_state(outcome: str | None, state: str) -> str:
    """A booking's state in words with its sign: '✓ Kept', '✗ Failure: unacceptable absence', '! To record'
    (only a kept appointment carries the tick)."""
    sign = outcome_sign(Outcome(outcome)) if outcome else None
    if sign is None:
        return STATE_LABELS[state]
    return f"{sign.sign} {sign.words[:1].upper()}{sign.words[1:]}"


def compliance(state: ComplianceState | None) -> str:
    """A flagged compliance state with its shape: '▲ Breach required since Wed 2 Dec: ...' ('' when none)."""
    if state is None:
        return ""
    shape = STATE_SHAPES.get(state.kind, "")
    return f"{shape} {state_line(state)}".strip()


def order_type(value: str | None) -> str:
    """An order type in words."""
    return OrderType(value).label if value else "—"


def kind(value: str) -> str:
    """An appointment kind in words."""
    return AppointmentKind(value).label


def sortable(value: date | datetime | None) -> str:
    """A sort key that puts missing dates last."""
    return value.isoformat() if value is not None else "9999"
