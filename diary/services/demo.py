"""The demo caseload: a realistic synthetic officer's diary, as a case-file document.

Same seed and same `today`, same data. Up to 150 people are a live caseload; beyond
that (the benchmark's career-sized diary) the rest are closed cases spread over the
ten years before `today`, so the officer's diary never holds more than a working week.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import holidays

from diary.domain.enforcement_rules import live_until
from diary.domain.scheduling import CommitmentRecord, add_working_days, expand_commitments
from diary.services import demo_words as words
from diary.services.schedule import RUN_BY_OTHERS

LIVE_CASELOAD = 150
SLOT_MINUTES = 30
DAY_START = time(9, 0)
SLOTS_PER_DAY = 16
LUNCH_SLOTS = frozenset({8, 9})
FREQUENCY_BY_RISK = {"very_high": 7, "high": 7, "medium": 14, "low": 28}
FAILURE_CODES = ("UAAB", "UAAB", "UAAB", "AFTC", "AFTC", "ATSH")
ACCEPTABLE_CODES = ("AACL", "AAEM", "AAFC", "AAHO", "AAME", "AAME", "AARE", "CO05")
SUPERVISION_KINDS = ("office",) * 12 + ("phone",) * 2 + ("video",) * 2 + ("home_visit",) * 3 + ("three_way_meeting",)


@dataclass
class _Rota:
    """The officer's week: bank holidays, commitments and booked half-hour slots."""

    bank_holidays: holidays.HolidayBase
    blocked_days: set[date] = field(default_factory=set)
    busy: set[tuple[date, int]] = field(default_factory=set)

    def is_open(self, day: date) -> bool:
        """True on a working day the officer is in the office and free to see people."""
        return day.weekday() < 5 and day not in self.bank_holidays and day not in self.blocked_days

    def next_open(self, day: date) -> date:
        """The first open day on or after `day`."""
        while not self.is_open(day):
            day += timedelta(days=1)
        return day

    def book(self, day: date, minutes: int, rng: random.Random, strict: bool) -> datetime:
        """A free start time on the first open day from `day` (any time if the diary is full and not strict)."""
        needed = -(-minutes // SLOT_MINUTES)
        starts = list(range(SLOTS_PER_DAY - needed + 1))
        for _ in range(8 if strict else 1):
            day = self.next_open(day)
            rng.shuffle(starts)
            for start in starts:
                slots = range(start, start + needed)
                if LUNCH_SLOTS.isdisjoint(slots) and all((day, s) not in self.busy for s in slots):
                    self.busy.update((day, s) for s in slots)
                    return _slot_time(day, start)
            day += timedelta(days=1)
        return _slot_time(self.next_open(day), rng.choice(starts))


def _slot_time(day: date, slot: int) -> datetime:
    """The start of a half-hour slot of the working day."""
    return datetime.combine(day, DAY_START) + timedelta(minutes=SLOT_MINUTES * slot)


def _stamp(moment: datetime) -> str:
    """A case-file local time (minutes precision)."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def _monday(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def _commitments(today: date, rota: _Rota) -> list[dict[str, Any]]:
    """The officer's rota around `today`, with the days it takes out of the diary blocked."""
    this_monday = _monday(today)
    year_ago = this_monday - timedelta(weeks=52)
    until = this_monday + timedelta(weeks=26)
    court_first = year_ago + timedelta(days=1 + 7)
    duty_first = year_ago + timedelta(days=3 + 14)
    court_skip = this_monday + timedelta(weeks=5, days=1)
    entries: list[dict[str, Any]] = [
        _repeating(court_first, time(9), time(17), "court_duty", "Court duty, Leeds Magistrates'", 2, until, [court_skip]),
        _repeating(duty_first, time(9), time(17), "duty_officer", "Duty officer", 4, until, []),
        _repeating(year_ago + timedelta(days=4), time(14), time(17), "reception_cover", "Reception cover", 2, until, []),
        _repeating(year_ago, time(9, 30), time(10, 30), "meeting", "Team meeting", 1, until, []),
        _one_off(this_monday + timedelta(weeks=2, days=2), time(9, 30), time(16, 30), "training", "MAPPA refresher training"),
        _one_off(this_monday + timedelta(weeks=4), time(9), time(17), "leave", "Annual leave"),
        _one_off(this_monday - timedelta(weeks=14), time(9), time(17), "leave", "Annual leave"),
    ]
    for entry in entries:
        _block(entry, rota)
    return entries


def _repeating(
    first: date, start: time, end: time, kind: str, title: str, every: int, until: date, exceptions: list[date]
) -> dict[str, Any]:
    """A repeating commitment in case-file form."""
    entry = _one_off(first, start, end, kind, title)
    entry.update(every_weeks=every, repeat_until=until.isoformat(), exceptions=[d.isoformat() for d in exceptions])
    return entry


def _one_off(day: date, start: time, end: time, kind: str, title: str) -> dict[str, Any]:
    """A single commitment in case-file form."""
    return {"start": _stamp(datetime.combine(day, start)), "end": _stamp(datetime.combine(day, end)), "kind": kind, "title": title}


def _block(entry: dict[str, Any], rota: _Rota) -> None:
    """Mark a commitment's occurrences busy: whole days blocked, shorter ones by the slot."""
    record = CommitmentRecord(
        id=0,
        kind=entry["kind"],
        start=datetime.fromisoformat(entry["start"]),
        end=datetime.fromisoformat(entry["end"]),
        every_weeks=entry.get("every_weeks"),
        repeat_until=date.fromisoformat(entry["repeat_until"]) if entry.get("repeat_until") else None,
        exceptions=frozenset(date.fromisoformat(d) for d in entry.get("exceptions", [])),
    )
    horizon = datetime.combine(record.repeat_until or record.start.date(), time.max)
    slot = timedelta(minutes=SLOT_MINUTES)
    for occurrence in expand_commitments([record], record.start, horizon):
        day, length = occurrence.start.date(), occurrence.end - occurrence.start
        if length >= timedelta(hours=7):
            rota.blocked_days.add(day)
        else:
            first = (occurrence.start - datetime.combine(day, DAY_START)) // slot
            rota.busy.update((day, s) for s in range(first, first + -(-length // slot)))


@dataclass
class _OrderState:
    """What the generator tracks while writing an order's history, to keep enforcement lawful."""

    doc: dict[str, Any]
    court_order: bool
    rar_id: str | None = None
    rar_max: int = 0
    rar_days: set[date] = field(default_factory=set)
    last_warning: date | None = None
    breach_until: date | None = None
    letters: list[date] = field(default_factory=list)


class _Generator:
    """Builds one demo caseload; one instance per call, driven by one seeded random source."""

    def __init__(self, seed: int, today: date) -> None:
        """Prepare the random source, the rota and the pools of unique identifiers."""
        self.rng = random.Random(seed)
        self.typing = random.Random(f"{seed}:typing")
        self.today = today
        years = range(today.year - 11, today.year + 3)
        self.rota = _Rota(holidays.country_holidays("GB", subdiv="ENG", years=years))
        self.crns: set[str] = set()

    def document(self, people: int) -> dict[str, Any]:
        """The whole case file."""
        commitments = _commitments(self.today, self.rota)
        persons = [self.person(index < LIVE_CASELOAD) for index in range(people)]
        return {"format": "supervision-diary/casefile", "version": 1, "people": persons, "commitments": commitments}

    def crn(self) -> str:
        """A new unique CRN (a letter and six digits)."""
        while True:
            value = f"{self.rng.choice('ABCDEFGHJKLMNPRSTVWXY')}{self.rng.randrange(100000, 999999)}"
            if value not in self.crns:
                self.crns.add(value)
                return value

    def person(self, live: bool) -> dict[str, Any]:
        """One person with orders, appointments and notes."""
        rng = self.rng
        female = rng.random() < 0.18
        first = rng.choice(words.FIRST_NAMES_FEMALE if female else words.FIRST_NAMES_MALE)
        last = rng.choice(words.LAST_NAMES)
        born = self.today - timedelta(days=rng.randrange(18 * 365, 62 * 365))
        risk = rng.choices(("low", "medium", "high", "very_high"), (35, 45, 17, 3))[0]
        town, district = rng.choice(words.TOWNS)
        doc: dict[str, Any] = {
            "crn": self.crn(),
            "first_name": first,
            "last_name": last,
            "date_of_birth": born.isoformat(),
            "pnc": f"{born.year + rng.randrange(16, 30)}/{rng.randrange(10**6, 10**7)}{rng.choice('ABCDEFGHJKLMNPQRTUVWXYZ')}",
            "risk_level": risk,
            "tier": f"{rng.choice('ABCD')}{rng.randrange(0, 4)}",
            "phone": f"07700 900{rng.randrange(1000):03d}",
            "address": f"{rng.randrange(1, 240)} {rng.choice(words.STREETS)}, {town} {district} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            "reporting_frequency_days": FREQUENCY_BY_RISK[risk],
            "personal_contacts": self.contacts(last),
            "orders": [],
            "appointments": [],
            "contact_notes": [],
        }
        if rng.random() < 0.15:
            doc["aliases"] = [self.alias(first, last, female)]
        if risk in ("high", "very_high") and rng.random() < 0.4:
            doc["mappa"] = {
                "category": rng.choice((1, 1, 2, 3)),
                "level": rng.choice((1, 1, 2)),
                "review_date": (self.today + timedelta(days=rng.randrange(7, 120))).isoformat(),
            }
        if rng.random() < 0.35:
            doc["flags"] = rng.sample(words.FLAGS, rng.choice((1, 1, 2)))
        if live:
            self.live_case(doc)
        else:
            self.closed_case(doc)
        self.entered_nationally(doc)
        return doc

    def alias(self, first: str, last: str, female: bool) -> str:
        """Another name the person is known by."""
        rng = self.rng
        if female and rng.random() < 0.5:
            return f"{first} {rng.choice(words.LAST_NAMES)}"
        nickname = {"James": "Jimmy", "Daniel": "Danny", "Jon": "Johnny", "Mohammed": "Mo", "Muhammad": "Mo"}
        return f"{nickname.get(first, first)} {last.replace('Smith', 'Smyth').replace('Mc', 'Mac')}"

    def contacts(self, last: str) -> list[dict[str, Any]]:
        """Family members and professionals around the person."""
        rng = self.rng
        relative = rng.choice(words.RELATIVES)
        people = [{"name": f"{rng.choice(words.FIRST_NAMES_FEMALE)} {last}", "relationship": relative, "phone": f"07700 900{rng.randrange(1000):03d}"}]
        for role, phone in rng.sample(words.PROFESSIONALS, rng.randrange(0, 3)):
            people.append({"name": f"{rng.choice(words.FIRST_NAMES_FEMALE + words.FIRST_NAMES_MALE)} {rng.choice(words.LAST_NAMES)}", "relationship": role, "phone": phone})
        return people

    def live_case(self, doc: dict[str, Any]) -> None:
        """A person on the live caseload: current order, a year of history, future bookings."""
        rng = self.rng
        kind = rng.choices(("community_order", "suspended_sentence_order", "licence", "custody", "post_sentence_supervision"), (40, 20, 22, 12, 6))[0]
        if kind == "custody":
            self.in_custody(doc)
            return
        start = self.today - timedelta(days=rng.randrange(21, 540))
        months = 24 if kind == "licence" else rng.choice((12, 18, 24))
        end = max(start + timedelta(days=30 * months), self.today + timedelta(days=rng.randrange(20, 200)))
        state = self.order(doc, kind, start, end)
        if kind == "licence":
            doc.update(sentence_date=(start - timedelta(days=rng.randrange(200, 900))).isoformat(), licence_expiry=end.isoformat())
            doc["sentence_expiry"] = end.isoformat()
        else:
            doc["sentence_date"] = start.isoformat()
        booked = rng.random() > 0.06
        self.history(doc, state, start, end, future_bookings=rng.choice((1, 1, 2)) if booked else 0)

    def closed_case(self, doc: dict[str, Any]) -> None:
        """A case from earlier years: an order that has ended, with its whole history."""
        rng = self.rng
        kind = rng.choices(("community_order", "suspended_sentence_order", "licence"), (50, 20, 30))[0]
        end = self.today - timedelta(days=rng.randrange(30, 3650))
        start = end - timedelta(days=rng.randrange(180, 365))
        doc["sentence_date"] = start.isoformat()
        doc["reporting_frequency_days"] = max(doc["reporting_frequency_days"], 14)
        self.history(doc, self.order(doc, kind, start, end), start, end, future_bookings=0)

    def in_custody(self, doc: dict[str, Any]) -> None:
        """A person serving a prison sentence, with a licence starting on release."""
        rng = self.rng
        release = self.rota.next_open(self.today + timedelta(days=rng.randrange(10, 300)))
        sentenced = self.today - timedelta(days=rng.randrange(120, 1200))
        doc["custody"] = {"prison": rng.choice(words.PRISONS), "release_date": release.isoformat()}
        doc.update(sentence_date=sentenced.isoformat(), licence_expiry=(release + timedelta(days=rng.randrange(180, 900))).isoformat())
        doc["sentence_expiry"] = doc["licence_expiry"]
        order = {"id": "o1", "type": "licence", "start_date": release.isoformat(), "court": rng.choice(words.COURTS)}
        order["requirements"] = [
            {"id": f"r{i + 1}", "type": "licence_condition", "text": text}
            for i, text in enumerate(rng.sample(words.LICENCE_CONDITIONS, rng.randrange(2, 5)))
        ]
        doc["orders"].append(order)
        visit = self.today - timedelta(days=rng.randrange(20, 90))
        for _ in range(rng.randrange(1, 3)):
            start = self.rota.book(visit, 90, rng, strict=True)
            doc["appointments"].append({
                "start": _stamp(start), "minutes": 90, "kind": rng.choice(("prison_visit", "video")),
                "location": doc["custody"]["prison"], "outcome": "ATTC", "notes": rng.choice(words.PRISON_VISIT_NOTES),
            })
            visit -= timedelta(days=rng.randrange(40, 120))
        if (release - self.today).days < 60:
            start = self.rota.book(self.today + timedelta(days=rng.randrange(3, 20)), 60, rng, strict=True)
            doc["appointments"].append({"start": _stamp(start), "minutes": 60, "kind": "video", "location": doc["custody"]["prison"]})
        doc["appointments"].sort(key=lambda a: a["start"])
        doc["contact_notes"].append(self.note(self.today - timedelta(days=rng.randrange(3, 40)), "other_agency", rng.choice(words.AGENCY_NOTES)))

    def order(self, doc: dict[str, Any], kind: str, start: date, end: date) -> _OrderState:
        """An order with its requirements, added to the person."""
        rng = self.rng
        order: dict[str, Any] = {
            "id": "o1", "type": kind, "start_date": start.isoformat(), "end_date": end.isoformat(),
            "court": rng.choice(words.COURTS), "requirements": [], "enforcement_actions": [],
        }
        state = _OrderState(order, kind in ("community_order", "suspended_sentence_order"))
        requirements = order["requirements"]
        if state.court_order:
            if rng.random() < 0.85:
                state.rar_id, state.rar_max = "r1", rng.choice((10, 15, 20, 20, 25, 30, 40))
                requirements.append({"id": "r1", "type": "rar", "max_days": state.rar_max})
            if rng.random() < 0.4:
                requirements.append({"id": "r2", "type": "unpaid_work", "hours": rng.choice((40, 60, 80, 100, 120, 150, 200, 250))})
            if rng.random() < 0.15:
                name, sessions = rng.choice(words.PROGRAMMES)
                requirements.append({"id": "r3", "type": "programme", "name": name, "sessions": sessions})
            if rng.random() < 0.25:
                extra = rng.choice(("curfew", "drug_rehabilitation", "alcohol_treatment", "mental_health_treatment", "exclusion"))
                requirements.append({"id": "r4", "type": extra})
        else:
            for i, text in enumerate(rng.sample(words.LICENCE_CONDITIONS, rng.randrange(2, 5))):
                requirements.append({"id": f"r{i + 1}", "type": "licence_condition", "text": text})
        doc["orders"].append(order)
        return state

    def history(self, doc: dict[str, Any], state: _OrderState, start: date, end: date, future_bookings: int) -> None:
        """Supervision, unpaid work and programme sessions over the order, then notes."""
        rng = self.rng
        failure_rate = rng.choices((0.02, 0.08, 0.2), (70, 22, 8))[0]
        frequency = doc["reporting_frequency_days"]
        appointments = doc["appointments"]
        day = start + timedelta(days=rng.randrange(2, 8))
        last = min(end, self.today - timedelta(days=1))
        while day <= last:
            kind, minutes = self.supervision_kind()
            booked = self.rota.book(day, minutes, rng, strict=day >= self.today - timedelta(days=400))
            if booked.date() >= self.today:
                break
            appointments.append(self.supervision(doc, state, booked, kind, minutes, failure_rate))
            day = booked.date() + timedelta(days=frequency + rng.choice((-2, -1, 0, 0, 1, 3)))
        day = max(day, self.today)
        for _ in range(future_bookings):
            kind, minutes = self.supervision_kind()
            booked = self.rota.book(day, minutes, rng, strict=True)
            appointments.append(self.supervision(doc, state, booked, kind, minutes, failure_rate))
            day = booked.date() + timedelta(days=frequency)
        for requirement in state.doc["requirements"]:
            if requirement["type"] == "unpaid_work":
                self.unpaid_work(doc, state, requirement, start, end, failure_rate)
            elif requirement["type"] == "programme":
                self.programme(doc, state, requirement, start, failure_rate)
        appointments.sort(key=lambda a: a["start"])
        self.enforce(doc, state)
        self.contact_notes(doc, start, last)

    def supervision_kind(self) -> tuple[str, int]:
        """How the next supervision contact happens, and for how many minutes."""
        kind = self.rng.choice(SUPERVISION_KINDS)
        return kind, 60 if kind == "home_visit" else self.rng.choice((30, 45, 60, 60))

    def supervision(self, doc: dict[str, Any], state: _OrderState, start: datetime, kind: str, minutes: int, failure_rate: float) -> dict[str, Any]:
        """One supervision appointment (office, phone, video, home visit or three-way meeting) at a booked time."""
        rng = self.rng
        appointment: dict[str, Any] = {"start": _stamp(start), "minutes": minutes, "kind": kind, "order": "o1"}
        if kind == "office":
            appointment["location"] = rng.choice(words.ROOMS)
        elif kind == "home_visit":
            appointment["location"] = doc["address"]
        rar = state.rar_id is not None and len(state.rar_days) < state.rar_max and start.date() not in state.rar_days
        if rar:
            appointment["requirement"] = state.rar_id
            appointment["rar_activity"] = True
        self.outcome(appointment, start, failure_rate)
        if rar and appointment.get("outcome") in (None, "ATTC"):
            state.rar_days.add(start.date())
        return appointment

    def unpaid_work(self, doc: dict[str, Any], state: _OrderState, requirement: dict[str, Any], start: date, end: date, failure_rate: float) -> None:
        """Saturday unpaid work sessions until the hours are done or the order ends."""
        rng = self.rng
        hours_left = float(requirement["hours"])
        saturday = start + timedelta(days=(5 - start.weekday()) % 7 + 14)
        project = rng.choice(words.UNPAID_WORK_PROJECTS)
        while hours_left > 0 and saturday <= end:
            at = datetime.combine(saturday, time(9))
            appointment: dict[str, Any] = {"start": _stamp(at), "minutes": 420, "kind": "unpaid_work_session", "location": project, "order": "o1", "requirement": requirement["id"]}
            if saturday >= self.today:
                doc["appointments"].append(appointment)
                break
            self.outcome(appointment, at, failure_rate, recorded=True)
            if appointment["outcome"] == "ATTC":
                credited = min(hours_left, rng.choice((7.0, 7.0, 6.5, 6.0)))
                appointment["hours_credited"] = credited
                hours_left -= credited
            doc["appointments"].append(appointment)
            saturday += timedelta(days=rng.choice((7, 7, 14)))

    def programme(self, doc: dict[str, Any], state: _OrderState, requirement: dict[str, Any], start: date, failure_rate: float) -> None:
        """Weekly programme group sessions from a cohort start after the order began."""
        rng = self.rng
        wednesday = start + timedelta(days=(2 - start.weekday()) % 7 + 7 * rng.randrange(3, 9))
        for _ in range(requirement["sessions"]):
            if wednesday in self.rota.bank_holidays:
                wednesday += timedelta(weeks=1)
            at = datetime.combine(wednesday, time(10))
            self.rota.busy.update((wednesday, slot) for slot in range(2, 7))
            appointment: dict[str, Any] = {"start": _stamp(at), "minutes": 150, "kind": "programme_session", "location": "Programmes room", "order": "o1", "requirement": requirement["id"]}
            if wednesday >= self.today:
                doc["appointments"].append(appointment)
                return
            self.outcome(appointment, at, failure_rate, recorded=True)
            doc["appointments"].append(appointment)
            wednesday += timedelta(weeks=1)

    def outcome(self, appointment: dict[str, Any], start: datetime, failure_rate: float, recorded: bool = False) -> None:
        """Give a past appointment its outcome (or leave a recent one still to record)."""
        rng = self.rng
        day = start.date()
        if day >= self.today:
            return
        age = (self.today - day).days
        if not recorded and age <= 4 and rng.random() < 0.3:
            return
        roll = rng.random()
        if roll < failure_rate:
            if age <= 12 and rng.random() < 0.5:
                appointment["outcome"] = "AFTA"
                appointment["evidence_due"] = add_working_days(day, 2).isoformat()
                return
            appointment["outcome"] = rng.choice(FAILURE_CODES)
            appointment["notes"] = "Did not attend and made no contact. Phoned and left a message; letter sent." if appointment["outcome"] == "UAAB" else "Attended but refused to engage with the session; reminded of the requirement."
        elif roll < failure_rate + 0.05:
            appointment["outcome"] = rng.choice(ACCEPTABLE_CODES)
            appointment["notes"] = "Absence accepted: evidence seen and copied to file."
        elif roll < failure_rate + 0.07:
            appointment["outcome"] = "ATSS"
            appointment["notes"] = "Sent home: no interview room available (service issue)."
        elif roll < failure_rate + 0.10:
            appointment["outcome"] = "RESCHEDULED"
            requester = rng.choice(("person", "service"))
            appointment["rescheduled_by"] = requester
            appointment["reschedule_reason"] = "Job interview the same morning." if requester == "person" else "Officer on court duty cover."
        else:
            appointment["outcome"] = "ATTC"
            if appointment["kind"] not in ("unpaid_work_session", "programme_session"):
                appointment["notes"] = rng.choice(words.SESSION_NOTES)
                appointment["minutes_spent"] = appointment["minutes"] + rng.choice((0, 0, 5, 10, 15))

    def enforce(self, doc: dict[str, Any], state: _OrderState) -> None:
        """Dated enforcement actions that follow the law for each unacceptable failure, in order."""
        actions = state.doc["enforcement_actions"]
        for appointment in doc["appointments"]:
            if appointment.get("outcome") not in ("UAAB", "AFTC", "ATSH"):
                continue
            failed = date.fromisoformat(appointment["start"][:10])
            acted = add_working_days(failed, 2)
            if acted >= self.today:
                continue
            when = acted.isoformat()
            note = f"Failure on {failed.strftime('%d/%m/%Y')}"
            if not state.court_order:
                actions.append({"date": when, "action": "licence_compliance_letter", "note": note})
            elif state.breach_until and failed <= state.breach_until:
                continue
            elif state.last_warning and failed <= live_until(state.last_warning):
                actions.append({"date": when, "action": "breach_initiated", "note": f"{note}: second failure within 12 months of the warning"})
                concluded = acted + timedelta(days=42)
                state.breach_until = concluded
                if concluded < self.today:
                    actions.append({
                        "date": concluded.isoformat(), "action": "breach_concluded", "note": "Order continued by the court with a fine.",
                        "court_outcome": "fine", "court": state.doc["court"],
                    })
            else:
                actions.append({"date": when, "action": "first_warning_letter", "note": note})
                state.last_warning = acted

    def contact_notes(self, doc: dict[str, Any], start: date, last: date) -> None:
        """Phone calls, emails and other agencies' contacts between appointments."""
        rng = self.rng
        day = start + timedelta(days=rng.randrange(3, 15))
        kinds = (("phone", words.PHONE_NOTES), ("phone", words.PHONE_NOTES), ("email", words.EMAIL_NOTES), ("other_agency", words.AGENCY_NOTES), ("text_message", ("Text reminder sent for the next appointment.",)))
        while day <= last:
            kind, texts = rng.choice(kinds)
            doc["contact_notes"].append(self.note(day, kind, rng.choice(texts)))
            day += timedelta(days=rng.randrange(14, 40))

    def entered_nationally(self, doc: dict[str, Any]) -> None:
        """The officer's recorded sessions older than a week already entered nationally, like older notes.

        The tick times come from their own random source, so the rest of the caseload is as it was.
        """
        for appointment in doc["appointments"]:
            start = datetime.fromisoformat(appointment["start"])
            if appointment.get("outcome") and appointment["kind"] not in RUN_BY_OTHERS and (self.today - start.date()).days > 7:
                typed = start + timedelta(minutes=appointment["minutes"], hours=self.typing.randrange(1, 30))
                appointment["entered_nationally_at"] = _stamp(typed)

    def note(self, day: date, kind: str, text: str) -> dict[str, Any]:
        """One contact note at a plausible time of day; older ones already entered nationally."""
        rng = self.rng
        at = datetime.combine(self.rota.next_open(day), time(rng.randrange(9, 17), rng.choice((0, 10, 20, 30, 40, 50))))
        note: dict[str, Any] = {"at": _stamp(at), "kind": kind, "text": text, "sensitive": kind == "other_agency" and rng.random() < 0.3, "minutes_spent": rng.choice((5, 10, 15, 20, 30))}
        if (self.today - at.date()).days > 7 or rng.random() < 0.4:
            note["entered_nationally_at"] = _stamp(at + timedelta(hours=rng.randrange(1, 30)))
        return note


def build_demo_casefile(people: int = 60, seed: int = 1, today: date | None = None) -> dict[str, Any]:
    """A synthetic caseload of `people` as a case-file document; same seed and day, same data."""
    return _Generator(seed, today or date.today()).document(people)
