"""What happens to a case: release, recall, an order completed, ended early or revoked, a transfer out or in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from diary.domain import validation as check
from diary.domain.text import long_date
from diary.domain.validation import FieldError


class CaseEventKind(StrEnum):
    """The events that change whether and how a person is supervised."""

    RELEASED = "released"
    RECALLED = "recalled"
    COMPLETED = "completed"
    TERMINATED = "terminated"
    REVOKED = "revoked"
    TRANSFERRED_OUT = "transferred_out"
    TRANSFERRED_IN = "transferred_in"

    @property
    def label(self) -> str:
        """The event in the officer's words."""
        return _LABELS[self.value]

    @property
    def ends_order(self) -> bool:
        """True when the event ends one order on its date (completed, terminated early, revoked)."""
        return self in (CaseEventKind.COMPLETED, CaseEventKind.TERMINATED, CaseEventKind.REVOKED)

    @property
    def may_end_supervision(self) -> bool:
        """True when the event can take the person off the caseload (and so asks about future bookings)."""
        return self.ends_order or self is CaseEventKind.TRANSFERRED_OUT

    @property
    def asks_about_bookings(self) -> bool:
        """True when the person's future bookings need an answer: supervision ends, or they go back to prison."""
        return self.may_end_supervision or self is CaseEventKind.RECALLED

    @property
    def counterpart(self) -> str | None:
        """What the event's other party is called on the form, if it has one."""
        return {
            CaseEventKind.RECALLED: "Prison",
            CaseEventKind.TRANSFERRED_OUT: "To (officer or area)",
            CaseEventKind.TRANSFERRED_IN: "From (officer or area)",
        }.get(self)

    @property
    def reason_required(self) -> bool:
        """True when the event must say why (a recall, an early end, a revocation, a transfer out)."""
        return self in (CaseEventKind.RECALLED, CaseEventKind.TERMINATED, CaseEventKind.REVOKED, CaseEventKind.TRANSFERRED_OUT)


_LABELS = {
    "released": "Released from custody",
    "recalled": "Recalled to custody",
    "completed": "Order completed",
    "terminated": "Terminated early (good progress)",
    "revoked": "Revoked (resentenced)",
    "transferred_out": "Transferred out",
    "transferred_in": "Transferred in",
}


@dataclass(frozen=True)
class CaseEventEntry:
    """A case event as the officer gave it."""

    kind: CaseEventKind
    date: date
    order_id: int | None = None
    counterpart: str | None = None
    reason: str | None = None
    licence_end: date | None = None
    pss_end: date | None = None


def check_event(entry: CaseEventEntry, today: date, order_start: date | None = None, sentence_date: date | None = None) -> None:
    """Refuse an event with its field named: no order chosen, a missing reason or counterpart, dates out of order."""
    kind = entry.kind
    if entry.date > today:
        raise FieldError("date", "Date", f"{long_date(entry.date)} has not come yet: record the event on the day or after.")
    if kind.ends_order:
        if entry.order_id is None:
            raise FieldError("order", "Order", "choose the order this is about.")
        check.not_before(entry.date, order_start, "date", "Date", "order's start")
    if kind.counterpart and not (entry.counterpart or "").strip():
        raise FieldError("counterpart", kind.counterpart, "required.")
    if kind.reason_required and not (entry.reason or "").strip():
        raise FieldError("reason", "Why", f"say why ({kind.label.lower()}).")
    if kind is CaseEventKind.RELEASED:
        check.not_before(entry.date, sentence_date, "date", "Release date", "sentence date")
        check.not_before(entry.licence_end, entry.date, "licence_end", "Licence ends", "release date")
        check.not_before(entry.pss_end, entry.licence_end or entry.date, "pss_end", "Post-sentence supervision ends",
                         "licence end")


def cancellation_reason(entry: CaseEventEntry) -> str:
    """The reason written on bookings an event cancels, unless the officer writes another."""
    where = f" {entry.counterpart.strip()}" if entry.counterpart and entry.counterpart.strip() else ""
    if entry.kind is CaseEventKind.TRANSFERRED_OUT:
        return f"Transferred out to{where} on {long_date(entry.date)}"
    if entry.kind is CaseEventKind.RECALLED:
        return f"Recalled to custody{' at' + where if where else ''} on {long_date(entry.date)}"
    return f"{entry.kind.label} on {long_date(entry.date)}"
