"""What's due: the kinds of dated duty, and the date rules behind them (pure functions).

- Risk reviews (OASys): every `risk_review_weeks` (default 16) after the last review marked done; with none
  recorded, on the order's own 16-week cycle from its start (the next cycle date from today); and on the day a
  significant event is recorded, when the officer asks for one.
- Release: pre-release work at settable points before the release date (default 26 and 4 weeks); a point
  drops off once the next, nearer point has come.
- Orders and licences ending: termination work due on the end date.
- Unpaid work behind pace: when the hours a week needed to finish by the deadline exceed `upw_weekly_hours`
  (default 7), or the deadline has passed with hours left; marking it done quiets it for the month.
- Evidence for an absence: due on the evidence date; it leaves the list when the outcome is recorded.
- Breach: a failure that requires breach puts "Start breach proceedings by D" on the list at once, due on the
  deadline (10 working days after the failure unless set otherwise); it leaves when the breach is recorded.
- A failure on a licence or post-sentence supervision: a decision (warning, compliance meeting, recall request) due
  by the same deadline; it leaves when the decision is recorded.
- No due date falls on a weekend or bank holiday: such a date moves to the working day before.
- MAPPA reviews on the person's review date; MAPPA actions, licence-condition and requirement actions and the
  officer's own reminders as the officer sets them, until marked done with what was done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from diary.domain.scheduling import is_working_day
from diary.domain.text import plural


class DueKind(StrEnum):
    """The kinds of duty on the What's due list (also the task table's `kind`)."""

    BREACH = "breach"
    ENFORCEMENT_DECISION = "enforcement_decision"
    RISK_REVIEW = "risk_review"
    MAPPA_REVIEW = "mappa_review"
    MAPPA_ACTION = "mappa_action"
    CONDITION_ACTION = "condition_action"
    RELEASE = "release"
    ORDER_END = "order_end"
    UNPAID_WORK = "unpaid_work"
    EVIDENCE = "evidence"
    REMINDER = "reminder"

    @property
    def label(self) -> str:
        """The kind in words."""
        return {
            "breach": "Breach",
            "enforcement_decision": "Enforcement decision",
            "risk_review": "Risk review",
            "mappa_review": "MAPPA review",
            "mappa_action": "MAPPA action",
            "condition_action": "Condition action",
            "release": "Release",
            "order_end": "Order ending",
            "unpaid_work": "Unpaid work",
            "evidence": "Evidence",
            "reminder": "Reminder",
        }[self.value]


@dataclass(frozen=True)
class DueRules:
    """The officer's settings for What's due (settings `whats_due.<name>`)."""

    risk_review_weeks: int = 16
    release_points_weeks: tuple[int, ...] = (26, 4)
    horizon_days: int = 28
    lookback_days: int = 90
    upw_weekly_hours: float = 7.0


@dataclass(frozen=True)
class DueItem:
    """One duty: who, what, why and when; `key` names it, `task_id` is set when it is a stored task."""

    key: str
    kind: DueKind
    due: date
    title: str
    why: str
    person_id: int | None = None
    person_name: str | None = None
    crn: str | None = None
    task_id: int | None = None
    done_hint: str | None = None

    @property
    def can_mark_done(self) -> bool:
        """False for duties that leave the list by themselves (like evidence, once the outcome is recorded)."""
        return self.done_hint is None

    @property
    def who(self) -> str:
        """The person, or 'You' for the officer's own reminders."""
        return self.person_name or "You"


def due_phrase(due: date, today: date) -> str:
    """'3 days overdue', 'Today', 'Tomorrow', 'In 5 days'."""
    days = (due - today).days
    if days < 0:
        return f"{plural(-days, 'day')} overdue"
    return {0: "Today", 1: "Tomorrow"}.get(days, f"In {days} days")


def sort_key(item: DueItem) -> tuple[date, int, str]:
    """Most overdue and soonest first; on a day, in the order of the kinds, then by person."""
    return item.due, list(DueKind).index(item.kind), item.who


def working_day_on_or_before(day: date) -> date:
    """The day itself when it is an England and Wales working day, else the working day before."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_risk_review(last_review: date | None, cycle_start: date | None, today: date, weeks: int) -> date | None:
    """When the next risk review is due: `weeks` after the last, else the next date on the cycle from its start."""
    step = timedelta(weeks=weeks)
    if last_review is not None:
        return last_review + step
    if cycle_start is None:
        return None
    due = cycle_start + step
    if due < today:
        due += step * ((today - due).days // step.days + (1 if (today - due).days % step.days else 0))
    return due


def weeks_label(weeks: int) -> str:
    """26 -> '6 months', 52 -> '12 months', 4 -> '4 weeks'."""
    if weeks % 13 == 0:
        return plural(weeks * 3 // 13, "month")
    return plural(weeks, "week")


def release_points(release: date, points_weeks: tuple[int, ...], today: date) -> list[tuple[int, date]]:
    """The pre-release points still current: each (weeks before, date), a point gone once the next has come."""
    points = sorted(((w, release - timedelta(weeks=w)) for w in points_weeks if w > 0), key=lambda p: p[1])
    current = []
    for i, (weeks, day) in enumerate(points):
        later = points[i + 1][1] if i + 1 < len(points) else None
        if later is None or later > today:
            current.append((weeks, day))
    return current
