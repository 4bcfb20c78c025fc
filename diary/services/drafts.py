"""Unsaved writing kept as drafts in the diary's (encrypted) file store, so a crash loses next to nothing."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from diary.store.blobs import BlobDamaged, BlobMissing, BlobStore

PREFIX = "draft-"
_KEY = re.compile(r"[a-z0-9-]{1,100}")


@dataclass(frozen=True)
class Draft:
    """The state of an unsaved window: which window, whose record, what was typed."""

    key: str
    person_id: int
    title: str
    fields: dict[str, Any] = field(default_factory=dict)
    saved_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


def session_key(appointment_id: int | None, person_id: int) -> str:
    """The draft key of a Record session window (one per appointment, or per person for unplanned contacts)."""
    return f"session-{appointment_id}" if appointment_id is not None else f"session-person-{person_id}"


def note_key(person_id: int, note_id: int | None = None) -> str:
    """The draft key of a contact-note window (a new note for a person, or an edit of one note)."""
    return f"note-edit-{note_id}" if note_id is not None else f"note-person-{person_id}"


def save_draft(blobs: BlobStore, draft: Draft) -> None:
    """Store a draft, replacing the earlier one under its key all at once."""
    payload = {
        "key": draft.key,
        "person_id": draft.person_id,
        "title": draft.title,
        "fields": draft.fields,
        "saved_at": draft.saved_at.isoformat(),
    }
    blobs.write_named(_name(draft.key), json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def load_draft(blobs: BlobStore, key: str) -> Draft | None:
    """The draft under key, or None if there is none (or it cannot be read)."""
    try:
        payload = json.loads(blobs.get(_name(key)).decode("utf-8"))
    except (BlobMissing, BlobDamaged, ValueError):
        return None
    return Draft(
        key=payload["key"],
        person_id=int(payload["person_id"]),
        title=payload["title"],
        fields=dict(payload["fields"]),
        saved_at=datetime.fromisoformat(payload["saved_at"]),
    )


def list_drafts(blobs: BlobStore) -> list[Draft]:
    """Every readable draft, oldest first."""
    if not blobs.folder.is_dir():
        return []
    keys = (path.name[len(PREFIX) :] for path in blobs.folder.glob(f"{PREFIX}*") if path.is_file())
    drafts = [d for d in (load_draft(blobs, k) for k in keys if _KEY.fullmatch(k)) if d is not None]
    return sorted(drafts, key=lambda d: (d.saved_at, d.key))


def discard_draft(blobs: BlobStore, key: str) -> None:
    """Remove the draft under key (after a save or a deliberate discard)."""
    blobs.delete(_name(key))


def _name(key: str) -> str:
    """The stored-file name for a draft key."""
    if not _KEY.fullmatch(key):
        raise ValueError(f"{key!r} is not a valid draft key.")
    return PREFIX + key
