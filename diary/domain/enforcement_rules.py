"""The enforcement rules as settings (defaults from shared/enforcement.md) and the calendar windows they count in.

Windows: "the N months ending on D" are the dates after the same calendar date N months earlier, up to and
including D. Where that date does not exist (29 February, 31st of a short month) the month's last day is used,
as English law reads calendar months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from diary.domain.scheduling import add_working_days
from diary.domain.text import plural
from diary.domain.vocab import OrderType


@dataclass(frozen=True)
class EnforcementRules:
    """Every counting rule as a setting; the defaults are the law and practice as enforcement.md states them."""

    warnings_before_breach: int = 1
    warning_window_months: int = 12
    failure_window_months: int = 12
    evidence_due_working_days: int = 2
    breach_deadline_working_days: int = 10
    rar_warn_days_left: int = 2
    unpaid_work_deadline: bool = True
    unpaid_work_months: int = 12
    licence_letters_before_review: int = 0

    def sentences_for(self, order_type: OrderType) -> list[str]:
        """The rules that apply to this kind of order, in plain words."""
        skip = "licence" if order_type.is_court_order else "warnings"
        return [text for key, text in self.sentences().items() if key != skip]

    def sentences(self) -> dict[str, str]:
        """Each rule in plain words, keyed like the numbers it produces."""
        warn = plural(self.warnings_before_breach, "warning")
        uw = (
            f"Unpaid work must be finished within {self.unpaid_work_months} months of the order's start "
            "(Sentencing Act 2020 Sch 9 paras 1-2)."
            if self.unpaid_work_deadline
            else "Unpaid work has no deadline (the 12-month limit is switched off in the settings)."
        )
        licence = (
            f"Local policy: consider recall after {plural(self.licence_letters_before_review, 'letter')} in "
            f"{self.failure_window_months} months."
            if self.licence_letters_before_review
            else "Licences and post-sentence supervision have no statutory warning count: recall or breach is "
            "your judgement."
        )
        return {
            "failures": "Failures are AFTC, ATSH and UAAB outcomes; acceptable absences, ATSS and "
            "reschedules are not failures.",
            "failures_in_window": f"Failures dated in the {self.failure_window_months} months ending on the date "
            f"(after the same date {self.failure_window_months} months earlier, up to and including the date).",
            "warnings": f"A warning is live for {self.warning_window_months} months from the date it was given; "
            f"with {warn} live, the next unacceptable failure on a community or suspended sentence order must be "
            "referred for breach (Sentencing Act 2020 Sch 10 paras 5-7, Sch 16 para 6).",
            "breach_deadline": f"Breach proceedings are to start by the {ordinal(self.breach_deadline_working_days)} "
            "England and Wales working day after the failure that requires them (National Standards; "
            "probation circular 43/2004); the court's outcome does not restart a warning's months.",
            "rar_days": "RAR days are distinct days with a RAR activity attended and complied with: two "
            "activities on one day use one day (Sentencing Act 2020 Sch 9 para 4).",
            "unpaid_work": uw,
            "programme": "Programme sessions attended and complied with, out of the programme's total.",
            "awaiting_evidence": f"Evidence of an acceptable reason is due {plural(self.evidence_due_working_days, 'working day')} "
            "after a failure to attend.",
            "licence": licence,
        }


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def months_before(day: date, months: int) -> date:
    """The same calendar date `months` earlier (the month's last day where that date does not exist)."""
    return day - relativedelta(months=months)


def window_start(end: date, months: int = 12) -> date:
    """The first day of the `months` months ending on `end`."""
    return months_before(end, months) + timedelta(days=1)


def in_window(day: date, end: date, months: int = 12) -> bool:
    """True when `day` is in the `months` months ending on `end`: after the same date earlier, up to `end`."""
    return months_before(end, months) < day <= end


def live_until(given: date, months: int = 12) -> date:
    """The last day on which something given on `given` is still inside the window ending on that day."""
    candidate = given + relativedelta(months=months)
    return candidate if months_before(candidate, months) < given else candidate - timedelta(days=1)


def evidence_due_date(failed_on: date, rules: EnforcementRules | None = None) -> date:
    """When evidence for a failure to attend is due (default: 2 working days later)."""
    return add_working_days(failed_on, (rules or EnforcementRules()).evidence_due_working_days)


def breach_deadline(failed_on: date, rules: EnforcementRules | None = None) -> date:
    """The day breach proceedings are to start by: the set number of England and Wales working days after the failure."""
    return add_working_days(failed_on, (rules or EnforcementRules()).breach_deadline_working_days)
