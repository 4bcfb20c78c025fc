"""SQLAlchemy 2 typed mappings: the diary's tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import (
    FetchedValue,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING)


class Person(Base):
    """A person on probation (or in custody, due for release)."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    crn: Mapped[str] = mapped_column(String(16), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    pnc: Mapped[str | None] = mapped_column(String(32))
    risk_level: Mapped[str | None] = mapped_column(String(16))
    tier: Mapped[str | None] = mapped_column(String(8))
    mappa_category: Mapped[int | None] = mapped_column(Integer)
    mappa_level: Mapped[int | None] = mapped_column(Integer)
    mappa_review_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[str | None] = mapped_column(Text)
    custody_prison: Mapped[str | None] = mapped_column(String(100))
    release_date: Mapped[date | None] = mapped_column(Date)
    sentence_date: Mapped[date | None] = mapped_column(Date)
    licence_expiry: Mapped[date | None] = mapped_column(Date)
    sentence_expiry: Mapped[date | None] = mapped_column(Date)
    pss_end: Mapped[date | None] = mapped_column(Date)
    reporting_frequency_days: Mapped[int | None] = mapped_column(Integer)
    release_kind: Mapped[str | None] = mapped_column(String(16))
    case_closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    owner: Mapped[str | None] = mapped_column(String(63), index=True, server_default=FetchedValue())
    """On a team server, the officer's login role whose case this is (filled in by the server); None in a local diary."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """Counted up by every save; a save from an older version is refused (services/concurrency.py)."""

    __mapper_args__ = {"version_id_col": version}

    aliases: Mapped[list[Alias]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Alias.id"
    )
    personal_contacts: Mapped[list[PersonalContact]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonalContact.id"
    )
    orders: Mapped[list[SentenceOrder]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="SentenceOrder.id"
    )
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by="(Appointment.start, Appointment.id)",
    )
    contact_notes: Mapped[list[ContactNote]] = relationship(
        back_populates="person",
        cascade="all, delete-orphan",
        order_by="(ContactNote.at, ContactNote.id)",
    )
    documents: Mapped[list[Document]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="Document.id"
    )
    release_dates: Mapped[list[ReleaseDate]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="ReleaseDate.id"
    )
    case_events: Mapped[list[CaseEvent]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="(CaseEvent.date, CaseEvent.id)"
    )
    changes: Mapped[list[PersonChange]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonChange.id"
    )

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    @property
    def sort_name(self) -> str:
        """'Last, First' for sorted lists."""
        return f"{self.last_name}, {self.first_name}"

    @property
    def flag_list(self) -> tuple[str, ...]:
        """The person's flags, one per line in the `flags` column, as a tuple (empty when none)."""
        return tuple(self.flags.split("\n")) if self.flags else ()


class Alias(Base):
    """Another name a person is known by."""

    __tablename__ = "alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    person: Mapped[Person] = relationship(back_populates="aliases")


class PersonalContact(Base):
    """Family members and professionals around a person, with their numbers."""

    __tablename__ = "personal_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_: Mapped[str | None] = mapped_column("relationship", String(100))
    phone: Mapped[str | None] = mapped_column(String(64))
    person: Mapped[Person] = relationship(back_populates="personal_contacts")


class SentenceOrder(Base):
    """A community order, suspended sentence order, licence or post-sentence supervision."""

    __tablename__ = "sentence_order"
    __table_args__ = (UniqueConstraint("person_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(32))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    length_months: Mapped[int | None] = mapped_column(Integer)
    court: Mapped[str | None] = mapped_column(String(200))

    person: Mapped[Person] = relationship(back_populates="orders")
    requirements: Mapped[list[Requirement]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Requirement.id"
    )
    enforcement_actions: Mapped[list[EnforcementActionRecord]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",
        order_by="(EnforcementActionRecord.date, EnforcementActionRecord.id)",
    )


class Requirement(Base):
    """One requirement of an order (or a licence condition), with its measure."""

    __tablename__ = "requirement"
    __table_args__ = (UniqueConstraint("order_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sentence_order.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(40))
    max_days: Mapped[int | None] = mapped_column(Integer)
    hours: Mapped[int | None] = mapped_column(Integer)
    sessions: Mapped[int | None] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str | None] = mapped_column(Text)
    until: Mapped[date | None] = mapped_column(Date)
    daily_hours: Mapped[int | None] = mapped_column(Integer)
    added_on: Mapped[date | None] = mapped_column(Date)
    """The hearing at which the court added this requirement to a running order (None: made with the order)."""

    order: Mapped[SentenceOrder] = relationship(back_populates="requirements")


class ReleaseDate(Base):
    """One of a prisoner's dates by kind (CRD, ARD, PED, HDC eligibility, SED, TUSED); a changed date is kept,
    marked replaced, beside its successor."""

    __tablename__ = "release_date"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    date: Mapped[date] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    replaced_at: Mapped[datetime | None] = mapped_column(DateTime)

    person: Mapped[Person] = relationship(back_populates="release_dates")


class CaseEvent(Base):
    """Something that changed the case: released, recalled, an order completed, ended early or revoked, a transfer."""

    __tablename__ = "case_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("sentence_order.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    date: Mapped[date] = mapped_column(Date)
    counterpart: Mapped[str | None] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    bookings: Mapped[str | None] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)

    person: Mapped[Person] = relationship(back_populates="case_events")
    order: Mapped[SentenceOrder | None] = relationship()


class PersonChange(Base):
    """One change to a person's details or requirements, as the officer reads it: who, when, from what to what, why."""

    __tablename__ = "person_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    who: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    significant: Mapped[bool] = mapped_column(Boolean, default=False)

    person: Mapped[Person] = relationship(back_populates="changes")


UNRECORDED = sql_text("outcome IS NULL")
"""A booking without an outcome yet (Today's outcomes to record)."""
AWAITING_EVIDENCE = sql_text("outcome = 'AFTA'")
"""Failed to attend, awaiting evidence: the condition written out, so queries naming it use its partial index."""
UNENTERED_SESSION = sql_text("outcome IS NOT NULL AND entered_nationally_at IS NULL")
"""A recorded session not yet entered in the national record (the national queue's partial index)."""
UNENTERED_NOTE = sql_text("entered_nationally_at IS NULL")
"""A contact note not yet entered in the national record."""


class Appointment(Base):
    """A booked contact, and once it has happened, its outcome."""

    __tablename__ = "appointment"
    __table_args__ = (
        Index("ix_appointment_start", "start"),
        Index("ix_appointment_person_start", "person_id", "start"),
        Index("ix_appointment_unrecorded", "start", sqlite_where=UNRECORDED, postgresql_where=UNRECORDED),
        Index("ix_appointment_awaiting_evidence", "start", sqlite_where=AWAITING_EVIDENCE, postgresql_where=AWAITING_EVIDENCE),
        Index("ix_appointment_unentered", "start", sqlite_where=UNENTERED_SESSION, postgresql_where=UNENTERED_SESSION),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("sentence_order.id", ondelete="SET NULL"), index=True
    )
    requirement_id: Mapped[int | None] = mapped_column(
        ForeignKey("requirement.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[datetime] = mapped_column(DateTime)
    minutes: Mapped[int] = mapped_column(Integer, default=60)
    kind: Mapped[str] = mapped_column(String(32), default="office")
    location: Mapped[str | None] = mapped_column(String(200))
    rar_activity: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(16))
    evidence_due: Mapped[date | None] = mapped_column(Date)
    hours_credited: Mapped[float | None] = mapped_column(Float)
    minutes_spent: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    rescheduled_by: Mapped[str | None] = mapped_column(String(16))
    reschedule_reason: Mapped[str | None] = mapped_column(Text)
    entered_nationally_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """Counted up by every save; a save from an older version is refused (also the calendar's SEQUENCE)."""
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)
    """When the booking was made or last changed (None for bookings older than this column)."""

    __mapper_args__ = {"version_id_col": version}

    person: Mapped[Person] = relationship(back_populates="appointments")
    order: Mapped[SentenceOrder | None] = relationship()
    requirement: Mapped[Requirement | None] = relationship()
    note_versions: Mapped[list[NoteVersion]] = relationship(
        back_populates="appointment", cascade="all, delete-orphan", order_by="NoteVersion.id"
    )

    @property
    def end(self) -> datetime:
        """When the appointment is booked to end."""
        return self.start + timedelta(minutes=self.minutes)


class ContactNote(Base):
    """A record of a contact that is not (only) an appointment: a call, an email, an agency."""

    __tablename__ = "contact_note"
    __table_args__ = (
        Index("ix_contact_note_person_at", "person_id", "at"),
        Index("ix_contact_note_at", "at"),
        Index("ix_contact_note_unentered", "at", sqlite_where=UNENTERED_NOTE, postgresql_where=UNENTERED_NOTE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(32), default="other")
    text: Mapped[str] = mapped_column(Text, default="")
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes_spent: Mapped[int | None] = mapped_column(Integer)
    entered_nationally_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """Counted up by every save; a save from an older version is refused."""

    __mapper_args__ = {"version_id_col": version}

    person: Mapped[Person] = relationship(back_populates="contact_notes")
    versions: Mapped[list[NoteVersion]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="NoteVersion.id"
    )


class NoteVersion(Base):
    """An earlier text of a contact note or of a session's notes, kept when it is edited."""

    __tablename__ = "note_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int | None] = mapped_column(ForeignKey("contact_note.id", ondelete="CASCADE"), index=True)
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointment.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    replaced_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)

    note: Mapped[ContactNote | None] = relationship(back_populates="versions")
    appointment: Mapped[Appointment | None] = relationship(back_populates="note_versions")


class EnforcementActionRecord(Base):
    """A dated enforcement step on an order: a warning letter, a breach, a recall; a concluded breach carries the
    court's outcome and the court (the date is the hearing's)."""

    __tablename__ = "enforcement_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("sentence_order.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    court_outcome: Mapped[str | None] = mapped_column(String(32))
    court: Mapped[str | None] = mapped_column(String(200))

    order: Mapped[SentenceOrder] = relationship(back_populates="enforcement_actions")


class Commitment(Base):
    """The officer's own diary entry: court duty, duty officer, leave, training."""

    __tablename__ = "commitment"
    __table_args__ = (Index("ix_commitment_start", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[datetime] = mapped_column(DateTime)
    end: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(200))
    every_weeks: Mapped[int | None] = mapped_column(Integer)
    repeat_until: Mapped[date | None] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(63), index=True, server_default=FetchedValue())
    """On a team server, whose diary entry this is (filled in by the server)."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """Raised by every change, skipped dates included (the calendar's SEQUENCE)."""
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=datetime.now, onupdate=datetime.now)
    """When the commitment was added or last changed (None for commitments older than this column)."""

    __mapper_args__ = {"version_id_col": version}

    exceptions: Mapped[list[CommitmentException]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan", order_by="CommitmentException.date"
    )


class CommitmentException(Base):
    """A single date on which a repeating commitment does not happen."""

    __tablename__ = "commitment_exception"
    __table_args__ = (UniqueConstraint("commitment_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitment.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    commitment: Mapped[Commitment] = relationship(back_populates="exceptions")


class Document(Base):
    """A file attached to a person, kept inside the data directory; category 'photo' is their photo."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(64))
    doc_date: Mapped[date | None] = mapped_column(Date)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str | None] = mapped_column(String(260))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)

    person: Mapped[Person] = relationship(back_populates="documents")


class Setting(Base):
    """One officer setting, stored as JSON text under a key (on a team server, one set per officer)."""

    __tablename__ = "setting"

    owner: Mapped[str] = mapped_column(String(63), primary_key=True, server_default="")
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Task(Base):
    """A dated duty on What's due: a review, an action on a condition, the officer's own reminder, or a done tick."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_due", "due"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    why: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(120), index=True)
    minutes_spent: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    owner: Mapped[str | None] = mapped_column(String(63), index=True, server_default=FetchedValue())
    """On a team server, whose task this is (filled in by the server)."""

    person: Mapped[Person | None] = relationship()


class AuditEvent(Base):
    """One change to a person, appointment, contact note or enforcement action: who, when, the earlier values.

    Append-only (triggers refuse updates and deletes, except the erasure of a person's values) and
    hash-chained: each event's chain_hash covers the one before it, so a changed or removed event shows.
    """

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_person_id", "person_id"),
        Index("ix_audit_event_entity", "entity", "entity_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    who: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    chain_hash: Mapped[str] = mapped_column(String(64))
    redacted_at: Mapped[datetime | None] = mapped_column(DateTime)


class TeamOfficer(Base):
    """On a team server: an officer's login role, their name, and whether they are the senior (read-only, all cases)."""

    __tablename__ = "team_officer"

    role: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    senior: Mapped[bool] = mapped_column(Boolean, default=False)


class Cover(Base):
    """One officer covering another's cases (all, or those chosen) for a dated period, with the handover notes."""

    __tablename__ = "cover"
    __table_args__ = (Index("ix_cover_covering", "covering", "starts"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    covering: Mapped[str] = mapped_column(String(63))
    covered: Mapped[str] = mapped_column(String(63), index=True)
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    all_cases: Mapped[bool] = mapped_column(Boolean, default=True)
    handover: Mapped[str | None] = mapped_column(Text)
    arranged_by: Mapped[str | None] = mapped_column(String(63))
    arranged_at: Mapped[datetime] = mapped_column(DateTime, default=datetime.now)
    cases: Mapped[list[CoverCase]] = relationship(cascade="all, delete-orphan")


class CoverCase(Base):
    """A case chosen for a cover that does not take all of them."""

    __tablename__ = "cover_case"

    cover_id: Mapped[int] = mapped_column(ForeignKey("cover.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True)


class DutyDay(Base):
    """Who is the team's duty officer on a day."""

    __tablename__ = "duty_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    officer: Mapped[str] = mapped_column(String(63))


class CaseRead(Base):
    """On a team server: an officer read a case that is not theirs (by cover, duty or as senior), once a day each."""

    __tablename__ = "case_read"
    __table_args__ = (UniqueConstraint("reader", "person_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reader: Mapped[str] = mapped_column(String(63))
    person_id: Mapped[int] = mapped_column(Integer, index=True)
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(16))
    first_at: Mapped[datetime] = mapped_column(DateTime)
