"""`diary compliance CRN`: a person's compliance in the round, as text or as JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from diary.services.compliance import PersonCompliance


def register(sub: Any) -> dict[str, Any]:
    """Add the compliance subcommand."""
    cmd = sub.add_parser("compliance", help="count a person's compliance: per requirement, warnings, breach")
    cmd.add_argument("crn", metavar="CRN", help="the person's case reference number, e.g. X123456")
    cmd.add_argument("--as-of", metavar="DATE", help="count as of this date, e.g. 2026-12-01 (default: today)")
    cmd.add_argument("--json", action="store_true", help="print the counts as JSON")
    return {"compliance": cmd_compliance}


def cmd_compliance(args: argparse.Namespace) -> int:
    """Print the person's compliance counts."""
    from diary.cli import CommandError, diary_for_command
    from diary.domain.crn import normalise_crn
    from diary.services.compliance import compliance_json, person_compliance

    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise CommandError(f"'{args.as_of}' is not a date like 2026-12-01.") from None
    with diary_for_command(args) as diary:
        counted = person_compliance(diary.db, args.crn, as_of)
    if counted is None:
        raise CommandError(f"nobody with CRN {normalise_crn(args.crn)} is in this diary.")
    if args.json:
        print(json.dumps(compliance_json(counted), indent=2, ensure_ascii=False))
    else:
        print(compliance_text(counted))
    return 0


def compliance_text(pc: PersonCompliance) -> str:
    """The counts as a plain-text summary an officer can read or paste."""
    from diary.domain.enforcement_words import action_words, progress_line, standing, state_line, unrecorded_words
    from diary.domain.text import long_date, plural

    lines = [f"{pc.name} ({pc.crn}): compliance as of {long_date(pc.as_of)}"]
    if not pc.orders:
        lines.append("No orders or licences recorded.")
    for o in pc.orders:
        span = " to ".join(long_date(d) if d else "not set" for d in (o.start_date, o.end_date))
        kept, acceptable, failures = o.totals()
        lines += [
            "",
            f"{o.type.label} {o.key} ({span})",
            f"  {standing(o)}",
            f"  Next unacceptable failure: {o.next_unacceptable_failure.label}",
            f"  Failures in the {o.rules.failure_window_months} months to {long_date(o.as_of)} "
            f"(from {long_date(o.window_start)}): {o.failures_in_window}",
            f"  Warnings in that time, not withdrawn: {o.warnings_in_window}"
            + (f" ({', '.join(long_date(w) for w in o.state.warnings_in_window)})" if o.warnings_in_window else ""),
            f"  State: {state_line(o.compliance)}",
            f"  Breach in progress: {'yes, since ' + long_date(o.state.breach_since) if o.state.breach_since else 'no'}",
            f"  Whole order: {kept} kept, {plural(acceptable, 'acceptable absence')}, {plural(failures, 'failure')}; "
            f"{o.awaiting_evidence} awaiting evidence ({o.evidence_overdue} overdue)"
            + (unrecorded_words(o) or "; every outcome recorded"),
        ]
        for r in o.rows():
            ref = "" if r.type is None else f"{r.key} "
            lines.append(
                f"  - {ref}{r.label}: {r.attended_complied} kept, {plural(r.acceptable_absences, 'acceptable absence')}, "
                f"{plural(r.failures, 'failure')}, {r.awaiting_evidence} awaiting evidence"
            )
            progress = progress_line(r)
            if progress:
                lines.append(f"      {progress}")
        actions = [e for e in o.history if e.action is not None]
        if actions:
            lines.append("  Enforcement actions:")
            lines += [
                f"    {long_date(e.day)}: {action_words(e)}" + (f" ({e.note})" if e.note else "")
                for e in actions
                if e.action is not None
            ]
    if pc.orders:
        lines += ["", "How these are counted:"]
        lines += [f"  {sentence}" for sentence in pc.orders[0].rules.sentences().values()]
    return "\n".join(lines)
