"""The duty handover sheet: a day's bookings for the covering officer, portrait A4."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime

from diary.domain.text import long_date, plural
from diary.domain.vocab import RiskLevel
from diary.services.handover import HandoverEntry


def handover_html(
    day: date, entries: Sequence[HandoverEntry], officer: str, printed_at: datetime, covered_by: str | None = None
) -> str:
    """The handover sheet as HTML: one block per booking, with room for the covering officer's notes."""
    blocks = "".join(_entry_html(e) for e in entries) or "<p>No bookings on this day.</p>"
    whose = f" in {html.escape(officer)}'s diary" if officer else ""
    cover = f"<b>{html.escape(covered_by)}</b>" if covered_by else "____________________"
    return (
        "<html><body style='font-family: sans-serif; font-size: 10pt;'>"
        f"<h2 style='margin:0;'>Duty handover: {day:%A} {long_date(day)}</h2>"
        f"<p style='color:#444;'>{plural(len(entries), 'booking')}{whose}. Covering officer: {cover}</p>"
        f"{blocks}"
        f"<p style='font-size:8pt; color:#555;'>Printed {printed_at:%d/%m/%Y %H:%M} by Supervision Diary. "
        "Contains personal data: keep it safe and shred it after use.</p></body></html>"
    )


def _entry_html(e: HandoverEntry) -> str:
    """One booking's block."""
    risk = RiskLevel(e.risk_level).label if e.risk_level else "not recorded"
    flags = "".join(f" <span style='background:#fde8c8;'>⚑ {html.escape(f)}</span>" for f in e.flags)
    place = f" · {html.escape(e.location)}" if e.location else ""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in e.outstanding)
    outstanding = f"<ul style='margin:0;'>{items}</ul>" if items else " none<br>"
    return (
        "<table width='100%' cellspacing='0' cellpadding='4' style='border:1px solid #9aa5b4; margin-top:8px;'>"
        f"<tr><td style='background:#e6ebf2;'><b>{e.start:%H:%M}–{e.end:%H:%M} {html.escape(e.name)}</b> · {e.crn} · "
        f"Risk: <b>{risk}</b>{flags}</td></tr>"
        f"<tr><td>{html.escape(e.purpose)}{place} · Phone: {html.escape(e.phone or 'not recorded')}<br>"
        f"<b>Last contact:</b> {html.escape(e.last_contact)}<br>"
        f"<b>Compliance:</b> {html.escape(e.compliance)}<br>"
        f"<b>Outstanding:</b>{outstanding}"
        "<b>Covering officer's notes:</b><br><br><br><br></td></tr></table>"
    )
