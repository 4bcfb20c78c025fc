"""The officer's commitments (court duty, duty officer, reception cover, training, meetings, leave): add, change,
delete, and skip single dates of a repeating one; each change is one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy.orm import selectinload

from diary.domain.scheduling import CommitmentRecord
from diary.domain.text import long_date
from diary.domain.vocab import CommitmentKind
from diary.store.database import Database
from diary.store.models import Commitment, CommitmentException

NEW = 0
"""The id of a CommitmentRecord not yet in the diary."""


class CommitmentError(ValueError):
    """A commitment the diary cannot keep as it stands; the message says what to change."""


def _check(record: CommitmentRecord) -> None:
    """Refuse what cannot be right, in words the officer can act on."""
    if record.kind not in CommitmentKind.__members__.values():
        raise CommitmentError(f"'{record.kind}' is not a kind of commitment the diary knows.")
    if record.end <= record.start:
        raise CommitmentError("A commitment must end after it starts.")
    if record.every_weeks is not None and record.every_weeks < 1:
        raise CommitmentError("A repeating commitment repeats every week or every few weeks.")
    if record.every_weeks and record.end - record.start > timedelta(weeks=record.every_weeks):
        raise CommitmentError("A repeating commitment must end before it comes round again.")
    if record.repeat_until is not None and record.repeat_until < record.start.date():
        raise CommitmentError(f"The repeats cannot stop before the first date, {long_date(record.start.date())}.")


def get_commitment(db: Database, commitment_id: int) -> CommitmentRecord:
    """A commitment as stored, with its skipped dates."""
    with db.session() as session:
        row = session.get(Commitment, commitment_id, options=[selectinload(Commitment.exceptions)])
        if row is None:
            raise CommitmentError("That commitment is no longer in the diary.")
        return CommitmentRecord(
            row.id,
            row.kind,
            row.start,
            row.end,
            row.title,
            row.every_weeks,
            row.repeat_until,
            frozenset(e.date for e in row.exceptions),
        )


def save_commitment(db: Database, record: CommitmentRecord) -> int:
    """Add a commitment (id NEW) or replace the one with record's id; returns its id.

    A one-off commitment keeps no repeat end and no skipped dates."""
    _check(record)
    repeating = bool(record.every_weeks)
    with db.transaction() as session:
        if record.id == NEW:
            row = Commitment()
            session.add(row)
        else:
            found = session.get(Commitment, record.id, options=[selectinload(Commitment.exceptions)])
            if found is None:
                raise CommitmentError("That commitment is no longer in the diary.")
            row = found
        row.kind = record.kind
        row.start = record.start
        row.end = record.end
        row.title = (record.title or "").strip() or None
        row.every_weeks = record.every_weeks if repeating else None
        row.repeat_until = record.repeat_until if repeating else None
        if _set_exceptions(row, record.exceptions if repeating else frozenset()):
            row.updated_at = datetime.now()
        session.flush()
        return row.id


def _set_exceptions(row: Commitment, dates: frozenset[date]) -> bool:
    """Keep the skipped dates still wanted, drop the others, add the new ones (never re-inserting a kept date).

    True when the skipped dates changed (the row itself may not have, but its calendar event has)."""
    kept = [e for e in row.exceptions if e.date in dates]
    have = {e.date for e in kept}
    changed = len(kept) != len(row.exceptions) or have != dates
    row.exceptions = kept + [CommitmentException(date=d) for d in sorted(dates - have)]
    return changed


def delete_commitment(db: Database, commitment_id: int) -> None:
    """Remove a commitment and all its repeats."""
    with db.transaction() as session:
        row = session.get(Commitment, commitment_id)
        if row is None:
            raise CommitmentError("That commitment is no longer in the diary.")
        session.delete(row)


def skip_date(db: Database, commitment_id: int, day: date) -> None:
    """Leave one date out of a repeating commitment (a one-off commitment is deleted instead)."""
    record = get_commitment(db, commitment_id)
    if not record.every_weeks:
        delete_commitment(db, commitment_id)
        return
    save_commitment(db, replace(record, exceptions=record.exceptions | {day}))
