"""Sentences as the court and the prison give them: order lengths, requirements and the law's limits, release dates.

Limits are those of the Sentencing Act 2020 (the Sentencing Code) as amended to 2022: a community order ends
within 3 years (s.209); a suspended sentence order's operational period is 6 months to 2 years (s.288);
Schedule 9 sets unpaid work at 40-300 hours, curfew at 2-20 hours a day within 2 years, exclusion within
2 years, foreign travel prohibition within 12 months, alcohol abstinence and monitoring up to 120 days and
attendance centre at 12-36 hours. A RAR's maximum days are the court's, at least 1 and no more than the
order's days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from diary.domain import validation as check
from diary.domain.text import long_date
from diary.domain.validation import FieldError
from diary.domain.vocab import OrderType, RequirementType

CUSTODY = "custody"
"""The order form's choice for someone in custody awaiting release (custody is not an order)."""


class ReleaseKind(StrEnum):
    """The dates a prison gives for a sentence."""

    CRD = "crd"
    ARD = "ard"
    PED = "ped"
    HDCED = "hdced"
    SED = "sed"
    TUSED = "tused"

    @property
    def label(self) -> str:
        """The date's name as the prison writes it, spelt out."""
        return _RELEASE_LABELS[self.value]

    @property
    def is_release(self) -> bool:
        """True for the dates on which a person may walk out (not expiry dates)."""
        return self in (ReleaseKind.CRD, ReleaseKind.ARD, ReleaseKind.PED, ReleaseKind.HDCED)


_RELEASE_LABELS = {
    "crd": "CRD (conditional release)",
    "ard": "ARD (automatic release)",
    "ped": "PED (parole eligibility)",
    "hdced": "HDC eligibility",
    "sed": "SED (sentence and licence expiry)",
    "tused": "TUSED (top-up supervision ends)",
}


def order_end(start: date, months: int) -> date:
    """The last day of an order of `months` made on `start`: 12 months from 10 Jan 2026 ends 9 Jan 2027."""
    return start + relativedelta(months=months) - timedelta(days=1)


def period_end(start: date, *, years: int = 0, months: int = 0, days: int = 0) -> date:
    """The last day of a period beginning on `start`."""
    return start + relativedelta(years=years, months=months) + timedelta(days=days) - timedelta(days=1)


ORDER_LIMITS: dict[str, tuple[int, int]] = {
    OrderType.COMMUNITY_ORDER.value: (1, 36),
    OrderType.SUSPENDED_SENTENCE_ORDER.value: (6, 24),
}
"""The length in months the law allows for each court order (licences and PSS run to the prison's dates)."""


@dataclass(frozen=True)
class RequirementSpec:
    """What a requirement carries: its measure and range, its own end date and limit, and what its text means."""

    type: RequirementType
    amount: str | None = None
    amount_label: str = ""
    unit: str = ""
    low: int = 1
    high: int | None = None
    daily_hours: tuple[int, int] | None = None
    until_required: bool = False
    until_limit: relativedelta | None = None
    until_limit_words: str = ""
    text_label: str = "Details"
    text_required: bool = False
    for_licence: bool = False


REQUIREMENT_SPECS: dict[RequirementType, RequirementSpec] = {
    spec.type: spec
    for spec in (
        RequirementSpec(RequirementType.RAR, "max_days", "Maximum days", "day"),
        RequirementSpec(RequirementType.UNPAID_WORK, "hours", "Hours", "hour", 40, 300),
        RequirementSpec(RequirementType.PROGRAMME, "sessions", "Sessions", "session", text_label="Programme"),
        RequirementSpec(
            RequirementType.CURFEW, daily_hours=(2, 20), until_required=True, until_limit=relativedelta(years=2),
            until_limit_words="2 years", text_label="Place and hours",
        ),
        RequirementSpec(
            RequirementType.EXCLUSION, until_required=True, until_limit=relativedelta(years=2),
            until_limit_words="2 years", text_label="Place", text_required=True,
        ),
        RequirementSpec(RequirementType.RESIDENCE, text_label="Address"),
        RequirementSpec(RequirementType.PROHIBITED_ACTIVITY, text_label="Activity", text_required=True),
        RequirementSpec(
            RequirementType.FOREIGN_TRAVEL_PROHIBITION, until_required=True, until_limit=relativedelta(months=12),
            until_limit_words="12 months", text_label="Countries",
        ),
        RequirementSpec(RequirementType.MENTAL_HEALTH_TREATMENT, text_label="Treatment"),
        RequirementSpec(RequirementType.DRUG_REHABILITATION, text_label="Treatment"),
        RequirementSpec(RequirementType.DRUG_TESTING),
        RequirementSpec(RequirementType.ALCOHOL_TREATMENT, text_label="Treatment"),
        RequirementSpec(
            RequirementType.ALCOHOL_ABSTINENCE_MONITORING, until_required=True, until_limit=relativedelta(days=120),
            until_limit_words="120 days",
        ),
        RequirementSpec(RequirementType.ATTENDANCE_CENTRE, "hours", "Hours", "hour", 12, 36),
        RequirementSpec(RequirementType.ELECTRONIC_MONITORING),
        RequirementSpec(RequirementType.LICENCE_CONDITION, text_label="Condition", text_required=True, for_licence=True),
    )
}

LICENCE_CONDITIONS: tuple[str, ...] = (
    "Reside at an address approved by the supervising officer",
    "Reside at approved premises and comply with its rules",
    "Not to contact or associate with a named person, directly or indirectly",
    "Not to enter a specified exclusion zone",
    "Comply with a curfew at the approved address, electronically monitored",
    "Wear an electronic tag for location monitoring",
    "Attend appointments with a drug or alcohol service and co-operate fully",
    "Provide a sample for drug testing when instructed",
    "Engage with mental health services as directed",
    "Notify the supervising officer of any developing intimate relationship",
    "Not to have unsupervised contact with children under 18",
    "Not to own or use more than one mobile phone without approval",
)
"""Common additional licence conditions, offered as a list; anything else is typed as free text."""


@dataclass(frozen=True)
class RequirementEntry:
    """One requirement or licence condition as the officer gave it, checked."""

    type: RequirementType
    amount: int | None = None
    name: str | None = None
    text: str | None = None
    until: date | None = None
    daily_hours: int | None = None
    ref: str | None = None

    def describe(self) -> str:
        """'RAR: 20 days', 'Curfew: 12 hours a day until 9 Jan 2027 · 12 Example Street'."""
        spec = REQUIREMENT_SPECS[self.type]
        if self.type is RequirementType.LICENCE_CONDITION:
            return self.text or ""
        parts = []
        if spec.amount and self.amount is not None:
            parts.append(f"{self.amount} {spec.unit}{'' if self.amount == 1 else 's'}")
        if self.daily_hours is not None:
            parts.append(f"{self.daily_hours} hours a day")
        if self.until is not None:
            parts.append(f"until {long_date(self.until)}")
        words = " ".join(parts)
        detail = self.name or self.text
        if detail:
            words = f"{words} · {detail}" if words else detail
        return f"{self.type.label}: {words}" if words else self.type.label


def check_requirement(entry: RequirementEntry, start: date | None, end: date | None, key: str = "requirement") -> None:
    """Refuse a requirement outside the law's limits or outside its order's dates (the field named)."""
    spec = REQUIREMENT_SPECS[entry.type]
    label = entry.type.label
    if spec.amount:
        if entry.amount is None:
            raise FieldError(f"{key}.amount", f"{label} ({spec.amount_label.lower()})", "required.")
        high = spec.high
        why = ""
        if entry.type is RequirementType.RAR and start is not None and end is not None:
            high = (end - start).days + 1
            why = f" (the order runs {high} days)"
        check.in_range(entry.amount, f"{key}.amount", f"{label} ({spec.amount_label.lower()})", spec.low, high, spec.unit, why)
    if spec.daily_hours is not None:
        if entry.daily_hours is None:
            raise FieldError(f"{key}.daily_hours", f"{label} (hours a day)", "required.")
        low, high = spec.daily_hours
        check.in_range(entry.daily_hours, f"{key}.daily_hours", f"{label} (hours a day)", low, high, "hour")
    if spec.text_required and not (entry.text or "").strip():
        raise FieldError(f"{key}.text", f"{label} ({spec.text_label.lower()})", "required.")
    if entry.until is None:
        if spec.until_required:
            raise FieldError(f"{key}.until", f"{label} (until)", "required: the last day of the requirement.")
        return
    check.not_before(entry.until, start, f"{key}.until", f"{label} (until)", "order's start")
    if end is not None and entry.until > end:
        raise FieldError(f"{key}.until", f"{label} (until)", f"{long_date(entry.until)} is after the order ends ({long_date(end)}).")
    if spec.until_limit is not None and start is not None:
        last = start + spec.until_limit - timedelta(days=1)
        if entry.until > last:
            raise FieldError(
                f"{key}.until", f"{label} (until)",
                f"the law allows at most {spec.until_limit_words} from the start ({long_date(last)}).",
            )


@dataclass(frozen=True)
class CustodyEntry:
    """Someone in custody awaiting release: the prison, the sentence date and the release dates by kind."""

    prison: str
    sentence_date: date | None
    dates: dict[ReleaseKind, date] = field(default_factory=dict)
    expected: ReleaseKind | None = None

    @property
    def release(self) -> tuple[ReleaseKind, date] | None:
        """The expected release: the chosen kind, else ARD, CRD, HDC eligibility or PED, whichever is given first."""
        order = [self.expected] if self.expected else []
        order += [ReleaseKind.ARD, ReleaseKind.CRD, ReleaseKind.HDCED, ReleaseKind.PED]
        for kind in order:
            if kind in self.dates:
                return kind, self.dates[kind]
        return None


@dataclass(frozen=True)
class OrderEntry:
    """An order (or custody awaiting release) as the officer gave it, checked: see check_order."""

    kind: str
    start: date | None
    months: int | None
    end: date | None
    court: str | None
    requirements: tuple[RequirementEntry, ...] = ()
    custody: CustodyEntry | None = None


def check_order(entry: OrderEntry) -> None:
    """Refuse an order whose dates, length or requirements the law or the calendar does not allow."""
    if entry.kind == CUSTODY:
        if entry.custody is None:
            raise FieldError("prison", "Prison", "required.")
        check_custody(entry.custody)
        for index, requirement in enumerate(entry.requirements):
            check_requirement(requirement, None, None, f"requirements[{index}]")
        return
    kind = OrderType(entry.kind)
    if entry.start is None:
        raise FieldError("start", "Start date", "required: the day the order was made (or the licence began).")
    check.not_before(entry.end, entry.start, "end", "End date", "start date")
    limits = ORDER_LIMITS.get(kind.value)
    if limits is not None:
        low, high = limits
        check.in_range(entry.months, "months", "Length", low, high, "month", f" for a {kind.label.lower()}")
        if entry.end is None:
            raise FieldError("end", "End date", "required: give the length in months or the end date.")
        if entry.end > order_end(entry.start, high):
            raise FieldError(
                "end", "End date",
                f"a {kind.label.lower()} runs at most {high} months: it must end by {long_date(order_end(entry.start, high))}.",
            )
    if kind is OrderType.COMMUNITY_ORDER and not entry.requirements:
        raise FieldError("requirements", "Requirements", "a community order has at least one requirement: add it below.")
    for index, requirement in enumerate(entry.requirements):
        check_requirement(requirement, entry.start, entry.end, f"requirements[{index}]")


def check_custody(custody: CustodyEntry) -> None:
    """Refuse release dates before the sentence date, expiry before release, or no release date at all."""
    if not custody.prison.strip():
        raise FieldError("prison", "Prison", "required: where they are held.")
    for kind, day in custody.dates.items():
        check.not_before(day, custody.sentence_date, kind.value, kind.label, "sentence date")
    release = custody.release
    if release is None:
        raise FieldError("crd", ReleaseKind.CRD.label, "give at least one release date (CRD, ARD, HDC eligibility or PED).")
    if custody.expected is not None and custody.expected not in custody.dates:
        raise FieldError(custody.expected.value, custody.expected.label, "chosen as the expected release, so give its date.")
    for kind in (ReleaseKind.SED, ReleaseKind.TUSED):
        check.not_before(custody.dates.get(kind), release[1], kind.value, kind.label, "expected release")
    check.not_before(custody.dates.get(ReleaseKind.TUSED), custody.dates.get(ReleaseKind.SED), "tused",
                     ReleaseKind.TUSED.label, "SED")
