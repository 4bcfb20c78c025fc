"""Letters filled in from the compliance counts: warning letter, licence compliance letter, breach report summary.

Templates are HTML files with $words (string.Template) in resources/letters; an officer's own copy in
<data dir>/letters/ wins. The filled letter is laid out by QTextDocument and written as an A4 PDF in
memory, so nothing personal touches the disk outside the encrypted diary.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from string import Template

from PySide6.QtCore import QBuffer, QIODevice, QSizeF, QUrl
from PySide6.QtGui import QImage, QPagedPaintDevice, QPdfWriter, QTextDocument

from diary.domain.compliance_state import NextFailure, StateKind
from diary.domain.enforcement import GENERAL_KEY, HistoryEntry, OrderCompliance, RequirementCounts
from diary.domain.enforcement_facts import Mark
from diary.domain.enforcement_rules import live_until
from diary.domain.enforcement_words import action_words, hours_and_minutes, progress_line, standing, unrecorded_words
from diary.domain.text import long_date, plural
from diary.domain.vocab import AppointmentKind, EnforcementAction, Outcome, RequirementType
from diary.reports.printing import _plain_font, setup_page
from diary.reports.timeline import timeline_image
from diary.resources import resource_path
from diary.services.compliance import person_compliance
from diary.services.diary_file import Diary
from diary.services.person import PersonDetail, person_detail
from diary.services.settings import get_setting

TIMELINE_SRC = "timeline.png"
TEXT_WIDTH_PX = 680
TIMELINE_WIDTH = 760
PDF_DPI = 300

FAILURE_WORDS = {
    Outcome.UAAB: "you did not attend your appointment",
    Outcome.AFTC: "you attended your appointment but did not comply with what was required of you",
    Outcome.ATSH: "you were sent home from your appointment because of your behaviour",
}
APPOINTMENT_WORDS = {
    RequirementType.RAR: "rehabilitation activity",
    RequirementType.UNPAID_WORK: "unpaid work",
    RequirementType.PROGRAMME: "programme",
}
MISSING = "<span style='background-color:#fff3b0;'>[%s]</span>"


@dataclass(frozen=True)
class LetterKind:
    """A kind of letter: its template, title and the documents category it is filed under."""

    key: str
    title: str
    category: str
    heading: str = ""
    with_timeline: bool = False


WARNING_LETTER = LetterKind("warning_letter", "Warning letter", "letter")
LICENCE_LETTER = LetterKind("licence_compliance_letter", "Licence compliance letter", "letter")
BREACH_SUMMARY = LetterKind("breach_report_summary", "Breach report summary", "court", "Breach report: compliance summary", True)
COMPLIANCE_SUMMARY = LetterKind("breach_report_summary", "Compliance summary", "report", "Compliance summary", True)


@dataclass(frozen=True)
class Letter:
    """A filled letter: HTML with its images, and the names it is filed under."""

    kind: LetterKind
    person_id: int
    order: OrderCompliance
    html: str
    images: dict[str, QImage]
    title: str
    file_name: str
    failure_day: date | None


def template_text(kind: LetterKind, data_dir: Path | None = None) -> str:
    """The letter's template: the officer's own copy in <data dir>/letters/ if there is one, else the shipped one."""
    own = data_dir / "letters" / f"{kind.key}.html" if data_dir else None
    path = own if own is not None and own.exists() else resource_path(f"letters/{kind.key}.html")
    return path.read_text(encoding="utf-8")


def build_letter(diary: Diary, kind: LetterKind, person_id: int, order_id: int, today: date) -> Letter:
    """Fill a letter for one order of a person from the counts as of today."""
    detail = person_detail(diary.db, person_id)
    counted = person_compliance(diary.db, person_id, today)
    if detail is None or counted is None:
        raise LookupError("That person is no longer in the diary.")
    order = next(o for o in counted.orders if o.id == order_id)
    failure = latest_failure(order, after=None if kind.with_timeline else last_letter(order))
    fields = _fields(diary, detail, order, failure, today) | {"title": kind.heading}
    images = {TIMELINE_SRC: timeline_image(order, TIMELINE_WIDTH, 3.0)} if kind.with_timeline else {}
    text = Template(template_text(kind, diary.data_dir)).safe_substitute(fields)
    title = f"{kind.title}, {long_date(today)}"
    file_name = f"{kind.title} - {detail.name} ({detail.crn}) - {long_date(today)}.pdf"
    return Letter(kind, person_id, order, text, images, title, file_name, failure.day if failure else None)


def latest_failure(order: OrderCompliance, after: date | None = None) -> HistoryEntry | None:
    """The most recent unacceptable failure on the order up to its as-of date (and after `after`, if given)."""
    return next(
        (e for e in reversed(order.history) if e.mark is Mark.FAILURE and (after is None or e.day > after)), None
    )


def last_letter(order: OrderCompliance) -> date | None:
    """The date of the latest warning or licence compliance letter on the order, if any."""
    letters = (EnforcementAction.FIRST_WARNING_LETTER, EnforcementAction.SECOND_WARNING_LETTER,
               EnforcementAction.LICENCE_COMPLIANCE_LETTER)
    return max((e.day for e in order.history if e.action in letters and e.day <= order.as_of), default=None)


def _fields(diary: Diary, d: PersonDetail, o: OrderCompliance, failure: HistoryEntry | None, today: date) -> dict[str, str]:
    """Every $word the templates may use, escaped for HTML."""
    info = next(x for x in d.orders if x.id == o.id)
    labels = {r.key: r for r in o.requirements}
    officer = get_setting(diary.db, "officer_name") or ""
    role = get_setting(diary.db, "officer_role") or "Probation Officer"
    team = get_setting(diary.db, "team") or ""
    months = o.rules.warning_window_months
    letters = o.licence_letters_in_window + 1
    kept, acceptable, failures = o.totals()
    e = html.escape
    return {
        "today": long_date(today),
        "officer_name": e(officer) if officer else MISSING % "your name",
        "officer_role": e(role),
        "team": e(team),
        "officer_line": ", ".join(e(x) for x in (officer, role, team) if x) or MISSING % "your name",
        "person_name": e(d.name),
        "first_name": e(d.first_name),
        "crn": e(d.crn),
        "date_of_birth": long_date(d.date_of_birth) if d.date_of_birth else "not recorded",
        "address_html": "<br>".join(e(line.strip()) for line in re.split(r"[,\n]", d.address or "") if line.strip())
        or MISSING % "address",
        "order_label": o.type.label.lower(),
        "order_ref": e(o.key),
        "order_start": long_date(o.start_date) if o.start_date else "the date of the order",
        "order_end": long_date(o.end_date) if o.end_date else "its end date",
        "court": e(info.court) if info.court else "the court",
        "requirements_html": "".join(f"<li>{e(_requirement_words(r))}</li>" for r in o.requirements)
        or "<li>keep in touch with your probation officer as instructed</li>",
        "failure_date": long_date(failure.day) if failure else MISSING % "date",
        "failure_description": _failure_words(failure, labels) if failure else MISSING % "describe what happened",
        "warning_until": long_date(live_until(today, months)),
        "window_months": str(months),
        "failures_in_window": str(o.failures_in_window),
        "failures_in_window_words": plural(o.failures_in_window, "time"),
        "failures_while_warned": _while_warned(o),
        "progress_list_html": progress_list(o),
        "letters_in_window": f"{letters}",
        "consequence": _consequence(o, letters),
        "next_appointment": _next_appointment(d, today),
        "standing": e(standing(o)),
        "window_start": long_date(o.window_start),
        "warnings_html": _warnings_html(o),
        "totals": f"{plural(kept, 'appointment')} kept, {plural(acceptable, 'acceptable absence')}, "
        f"{plural(failures, 'unacceptable failure')}, {o.awaiting_evidence} awaiting evidence{unrecorded_words(o)}",
        "progress_html": progress_table(o),
        "timeline_html": f"<img src='{TIMELINE_SRC}' width='{TEXT_WIDTH_PX}'>",
        "history_html": history_table(o),
        "rules_html": "<ul>" + "".join(f"<li>{e(s)}</li>" for s in o.rules.sentences_for(o.type)) + "</ul>",
    }


def _requirement_words(r: RequirementCounts) -> str:
    """A requirement as the letter lists it, in words for the person."""
    if r.rar is not None:
        return f"take part in rehabilitation activities on up to {plural(r.rar.days_max or 0, 'day')}"
    if r.unpaid_work is not None:
        return f"do {r.unpaid_work.hours_ordered} hours of unpaid work"
    if r.type is RequirementType.PROGRAMME:
        name = f" ({r.name})" if r.name else ""
        return f"complete a programme{name} of {plural(r.sessions_total or 0, 'session')}"
    if r.type is RequirementType.LICENCE_CONDITION:
        return r.name or "keep to the conditions of your licence"
    return f"keep to the {r.label.lower()} requirement"


def _failure_words(failure: HistoryEntry, labels: dict[str, RequirementCounts]) -> str:
    """'you did not attend your rehabilitation activity appointment'."""
    words = FAILURE_WORDS.get(failure.outcome, "you did not comply") if failure.outcome else "you did not comply"
    req = labels.get(failure.requirement or GENERAL_KEY)
    kind = APPOINTMENT_WORDS.get(req.type, req.label.lower()) if req and req.type else "supervision"
    return words.replace("your appointment", f"your {html.escape(kind)} appointment")


def _consequence(o: OrderCompliance, letters: int) -> str:
    """What may follow on a licence, without pretending there is a threshold."""
    if o.type.is_court_order:
        return ""
    step = "recall you to prison" if o.type.value == "licence" else "return you to court"
    text = f"If this continues, I may {step}."
    threshold = o.rules.licence_letters_before_review
    if threshold and letters >= threshold:
        text += " Recall is now being considered."
    return text


def _next_appointment(d: PersonDetail, today: date) -> str:
    """A sentence naming the next booked appointment, if there is one."""
    upcoming = [a for a in d.upcoming(datetime.combine(today, datetime.max.time())) if a.outcome is None]
    if not upcoming:
        return "I will contact you with your next appointment."
    a = upcoming[0]
    place = f" at {html.escape(a.location)}" if a.location else ""
    return (
        f"Your next appointment is on <b>{a.start:%A} {long_date(a.start.date())} at {a.start:%H:%M}</b>"
        f" ({AppointmentKind(a.kind).label.lower()}{place})."
    )


def _warnings_html(o: OrderCompliance) -> str:
    """Every warning not withdrawn, with the date it lapses (or lapsed)."""
    if not o.state.warnings:
        return "none."
    months = o.rules.warning_window_months
    parts = []
    for given in o.state.warnings:
        until = live_until(given, months)
        verb = "live until" if until >= o.as_of else "lapsed after"
        parts.append(f"{long_date(given)} ({verb} {long_date(until)})")
    return "; ".join(parts) + "."


TABLE = "<table width='100%' cellspacing='0' cellpadding='3' border='1' style='border-collapse: collapse; border-color: #9aa5b4;'>"


def progress_table(o: OrderCompliance) -> str:
    """Each requirement's numbers as an HTML table."""
    head = "".join(
        f"<th align='left' style='background-color:#e6ebf2;'>{h}</th>"
        for h in ("Requirement", "Kept", "Acceptable absences", "Failures", "Awaiting evidence", "Progress")
    )
    rows = []
    for r in o.rows():
        progress = html.escape(progress_line(r) or "")
        cells = (html.escape(r.label), r.attended_complied, r.acceptable_absences, r.failures, r.awaiting_evidence)
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + f"<td>{progress}</td></tr>")
    return f"{TABLE}<tr>{head}</tr>{''.join(rows)}</table>"


def progress_list(o: OrderCompliance) -> str:
    """The person's progress as a short list in plain words, for letters to them."""
    kept, acceptable, failures = o.totals()
    items = [
        f"Appointments kept: {kept}; acceptable absences: {acceptable}; unacceptable failures: {failures}"
        f" ({o.failures_in_window} in the last {o.rules.failure_window_months} months){unrecorded_words(o)}."
    ]
    for r in o.requirements:
        if r.rar is not None and r.rar.days_max:
            items.append(f"Rehabilitation activity days used: {r.rar.days_used} of {r.rar.days_max}.")
        elif r.unpaid_work is not None and r.unpaid_work.hours_ordered:
            uw = r.unpaid_work
            line = f"Unpaid work done: {hours_and_minutes(uw.minutes_done)} of {uw.hours_ordered} hours"
            if uw.deadline and uw.minutes_left:
                line += f"; the rest must be done by {long_date(uw.deadline)}"
                line += f", about {uw.weekly_rate_needed:g} hours a week" if uw.weekly_rate_needed else ""
            items.append(line + ".")
        elif r.sessions_total:
            items.append(f"Programme sessions attended: {r.sessions_attended} of {r.sessions_total}.")
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"


def _while_warned(o: OrderCompliance) -> str:
    """The failures that came while a warning was live and so had to go to breach."""
    found = o.breach_failures
    if not found:
        return "none."
    return "; ".join(f"<b>{long_date(f)}</b> (warning of {long_date(w)} live)" for f, w in found) + "."


def history_table(o: OrderCompliance) -> str:
    """Every appointment up to the as-of date and every enforcement action, in date order."""
    labels = {r.key: r.label for r in o.requirements}
    rows = []
    for e in o.history:
        if e.day > o.as_of:
            continue
        if e.action is not None:
            what = f"<b>{html.escape(action_words(e))}</b>" + (f" ({html.escape(e.note)})" if e.note else "")
            rows.append(f"<tr style='background-color:#fdf3e1;'><td>{long_date(e.day)}</td><td>Enforcement</td><td>{what}</td></tr>")
            continue
        outcome = f"{e.outcome.value} · {e.outcome.label}" if e.outcome else "Outcome not yet recorded"
        style = " style='color:#9b1c1c; font-weight:bold;'" if e.mark is Mark.FAILURE else ""
        where = html.escape(labels.get(e.requirement or "", "General supervision"))
        rows.append(f"<tr><td>{long_date(e.day)}</td><td>{where}</td><td{style}>{html.escape(outcome)}</td></tr>")
    head = "".join(f"<th align='left' style='background-color:#e6ebf2;'>{h}</th>" for h in ("Date", "For", "Outcome or action"))
    return f"{TABLE}<tr>{head}</tr>{''.join(rows)}</table>" if rows else "<p>Nothing recorded yet.</p>"


def laid_out(letter_html: str, images: dict[str, QImage], device: QPagedPaintDevice) -> QTextDocument:
    """The letter laid out on the device's A4 pages, its images attached."""
    document = QTextDocument()
    document.setDefaultFont(_plain_font())
    for name, image in images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.documentLayout().setPaintDevice(device)
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    document.setPageSize(QSizeF(rect.size()))
    document.setHtml(letter_html)
    return document


def pdf_bytes(letter_html: str, images: dict[str, QImage]) -> bytes:
    """The letter as an A4 PDF, made in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setTitle("Supervision Diary letter")
    setup_page(writer, landscape=False)  # type: ignore[arg-type]  # a QPdfWriter is paged like a QPrinter
    laid_out(letter_html, images, writer).print_(writer)
    del writer
    buffer.close()
    return bytes(buffer.data().data())


def warning_step(order: OrderCompliance) -> EnforcementAction | str:
    """The warning letter to record for this order now, or why a warning is not the step the law allows."""
    kind = order.compliance.kind
    if not order.type.is_court_order and kind is not StateKind.BREACH_IN_PROGRESS:
        return f"This is a {order.type.label.lower()}: send a licence compliance letter instead."
    if kind is StateKind.BREACH_IN_PROGRESS:
        return standing(order) + " Add any new failure to the breach report summary."
    if kind is StateKind.BREACH_REQUIRED or order.next_unacceptable_failure is NextFailure.BREACH_MANDATORY:
        return standing(order) + " A further warning is not allowed: prepare the breach report summary."
    live = len(order.state.live_warnings)
    return EnforcementAction.FIRST_WARNING_LETTER if live == 0 else EnforcementAction.SECOND_WARNING_LETTER
