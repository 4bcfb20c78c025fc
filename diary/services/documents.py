"""Documents and photos attached to a person, kept encrypted inside the data directory."""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from diary.services.diary_file import Diary
from diary.store.database import StoreError
from diary.store.models import Document, Person

PHOTO = "photo"
CATEGORIES = ("report", "letter", "assessment", "court", "correspondence", "scan", "other", PHOTO)
MAX_BYTES = 200 * 1024 * 1024


class DocumentError(StoreError):
    """A document that cannot be attached or opened, in plain words."""


@dataclass(frozen=True)
class DocumentInfo:
    """A document as lists show it."""

    id: int
    title: str
    category: str | None
    doc_date: date | None
    original_name: str | None
    media_type: str | None
    size: int
    added_at: datetime


def attach_file(
    diary: Diary,
    person_id: int,
    source: Path,
    title: str | None = None,
    category: str = "other",
    doc_date: date | None = None,
) -> int:
    """Copy a file into the diary (encrypted), then record it; returns the document id."""
    try:
        size = source.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"{source.name} is larger than {MAX_BYTES // (1024 * 1024)} MB; it was not attached.")
        data = source.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{source.name} could not be read: {exc.strerror or exc}. Nothing was attached.") from exc
    return attach_bytes(diary, person_id, data, title or source.stem, category, doc_date, source.name)


def attach_bytes(
    diary: Diary,
    person_id: int,
    data: bytes,
    title: str,
    category: str = "other",
    doc_date: date | None = None,
    original_name: str | None = None,
) -> int:
    """Store bytes as a document: the file is written and synced before the row that points at it commits."""
    if category not in CATEGORIES:
        raise DocumentError(f"'{category}' is not a document category.")
    media_type = mimetypes.guess_type(original_name or "")[0]
    try:
        stored = diary.blobs.put(data)
    except OSError as exc:
        raise DocumentError(f"The document could not be saved: {exc.strerror or exc}. Nothing was attached.") from exc
    try:
        with diary.db.transaction() as session:
            if session.get(Person, person_id) is None:
                raise DocumentError("That person is no longer in the diary.")
            document = Document(
                person_id=person_id,
                title=title.strip() or "Untitled",
                category=category,
                doc_date=doc_date,
                stored_name=stored,
                original_name=original_name,
                media_type=media_type,
                size=len(data),
            )
            session.add(document)
            session.flush()
            return document.id
    except BaseException:
        diary.blobs.delete(stored)
        raise


def set_photo(diary: Diary, person_id: int, source: Path) -> int:
    """Make an image file the person's photo (earlier photos stay in their documents)."""
    if not (mimetypes.guess_type(source.name)[0] or "").startswith("image/"):
        raise DocumentError(f"{source.name} is not an image file.")
    return attach_file(diary, person_id, source, "Photo", PHOTO, date.today())


def documents_for(diary: Diary, person_id: int) -> list[DocumentInfo]:
    """A person's documents, newest first."""
    with diary.db.session() as session:
        rows = session.scalars(
            select(Document).where(Document.person_id == person_id).order_by(Document.added_at.desc(), Document.id.desc())
        )
        return [
            DocumentInfo(d.id, d.title, d.category, d.doc_date, d.original_name, d.media_type, d.size, d.added_at)
            for d in rows
        ]


def photo_bytes(diary: Diary, person_id: int) -> bytes | None:
    """The person's newest photo, decrypted, or None."""
    with diary.db.session() as session:
        stored = session.scalar(
            select(Document.stored_name)
            .where(Document.person_id == person_id, Document.category == PHOTO)
            .order_by(Document.id.desc())
            .limit(1)
        )
    return diary.blobs.get(stored) if stored else None


def document_bytes(diary: Diary, document_id: int) -> tuple[DocumentInfo, bytes]:
    """A document's details and its decrypted content."""
    with diary.db.session() as session:
        d = session.get(Document, document_id)
        if d is None:
            raise DocumentError("That document is no longer in the diary.")
        info = DocumentInfo(d.id, d.title, d.category, d.doc_date, d.original_name, d.media_type, d.size, d.added_at)
        stored = d.stored_name
    return info, diary.blobs.get(stored)


def viewing_dir(diary: Diary) -> Path:
    """Where documents are decrypted for the system's viewer; emptied when the diary closes and at start."""
    return diary.data_dir / "viewing"


def export_for_viewing(diary: Diary, document_id: int) -> Path:
    """Decrypt a document to an owner-only file so the system's viewer can open it."""
    info, data = document_bytes(diary, document_id)
    folder = viewing_dir(diary)
    folder.mkdir(mode=0o700, exist_ok=True)
    suffix = Path(info.original_name or "").suffix or mimetypes.guess_extension(info.media_type or "") or ""
    safe_title = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in info.title).strip() or "document"
    path = folder / f"{safe_title}{suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path


def clear_viewing_copies(diary: Diary) -> None:
    """Remove every decrypted viewing copy."""
    folder = viewing_dir(diary)
    if folder.exists():
        for path in folder.iterdir():
            path.unlink(missing_ok=True)
