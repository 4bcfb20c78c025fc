"""The encrypted file store and the atomic write helper."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diary.store import blobs
from diary.store.blobs import BlobDamaged, BlobMissing, BlobStore
from diary.store.fileio import atomic_write_bytes
from diary.store.database import StoreError

KEY = bytes(range(32))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The attachments folder (not yet created)."""
    return tmp_path / "data" / "attachments"


@pytest.fixture
def store(folder: Path) -> BlobStore:
    """An encrypted store."""
    return BlobStore(folder, KEY)


def _all_bytes(folder: Path) -> bytes:
    """Every byte of every file under folder."""
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_round_trip_and_names_are_random_and_opaque(store: BlobStore, folder: Path) -> None:
    first, second = store.put(b"hello"), store.put(b"hello")
    assert first != second
    assert uuid.UUID(hex=first).version == 4
    assert store.get(first) == store.get(second) == b"hello"
    assert store.exists(first)
    assert sorted(os.listdir(folder)) == sorted([first, second])
    assert (folder / first).read_bytes() != (folder / second).read_bytes()


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_round_trip(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as temp:
        store = BlobStore(Path(temp), KEY)
        assert store.get(store.put(data)) == data


def test_marker_is_nowhere_in_the_folder(store: BlobStore, folder: Path) -> None:
    marker = f"MARKER-{uuid.uuid4().hex}".encode()
    name = store.put(b"Notes on J. Bloggs: " + marker * 3)
    store.write_named("draft", marker)
    store.write_named("draft", b"second draft " + marker)
    everything = _all_bytes(folder)
    assert everything
    assert marker not in everything
    assert marker.hex().encode() not in everything
    assert KEY not in everything
    assert marker in store.get(name) and store.get("draft") == b"second draft " + marker


def test_plain_store_keeps_bytes_as_they_are(folder: Path) -> None:
    store = BlobStore(folder, None)
    assert not store.encrypted
    name = store.put(b"plain text")
    assert (folder / name).read_bytes() == b"plain text"
    assert store.get(name) == b"plain text"


def test_write_named_replaces_and_delete_removes(store: BlobStore, folder: Path) -> None:
    assert not store.exists("draft")
    store.write_named("draft", b"one")
    store.write_named("draft", b"two")
    assert store.get("draft") == b"two"
    assert os.listdir(folder) == ["draft"]
    store.delete("draft")
    store.delete("draft")
    assert not store.exists("draft")
    assert os.listdir(folder) == []
    with pytest.raises(BlobMissing):
        store.get("draft")


@pytest.mark.parametrize("offset", [0, 6, 10, 30, -1, -20])
def test_tampered_blob_is_detected(store: BlobStore, folder: Path, offset: int) -> None:
    name = store.put(b"the original note " * 10)
    raw = bytearray((folder / name).read_bytes())
    raw[offset] ^= 0x01
    (folder / name).write_bytes(bytes(raw))
    with pytest.raises(BlobDamaged, match="damaged") as caught:
        store.get(name)
    assert isinstance(caught.value, StoreError)


@pytest.mark.parametrize("content", [b"", b"short", b"plain text that was never encrypted, long enough" * 3])
def test_truncated_or_unencrypted_file_is_detected(store: BlobStore, folder: Path, content: bytes) -> None:
    store.write_named("draft", b"x")
    (folder / "draft").write_bytes(content)
    with pytest.raises(BlobDamaged):
        store.get("draft")


def test_files_cannot_be_swapped_or_moved_between_diaries(store: BlobStore, folder: Path) -> None:
    first, second = store.put(b"about person A"), store.put(b"about person B")
    shutil.copyfile(folder / first, folder / second)
    with pytest.raises(BlobDamaged):
        store.get(second)
    assert store.get(first) == b"about person A"
    with pytest.raises(BlobDamaged):
        BlobStore(folder, bytes(32)).get(first)


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "x" * 200, "back\\slash", "nul\0"])
def test_names_that_could_escape_the_folder_are_refused(store: BlobStore, name: str) -> None:
    with pytest.raises(ValueError):
        store.write_named(name, b"data")
    with pytest.raises(ValueError):
        store.get(name)


def test_data_key_must_be_32_bytes(folder: Path) -> None:
    with pytest.raises(ValueError):
        BlobStore(folder, b"short")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    for content in (b"first", b"second", b""):
        atomic_write_bytes(target, content)
        assert target.read_bytes() == content
    assert os.listdir(tmp_path) == ["settings.json"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0


def test_failed_atomic_write_keeps_the_old_file_and_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.csv"
    atomic_write_bytes(target, b"old contents")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(blobs.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new contents")
    assert target.read_bytes() == b"old contents"
    assert os.listdir(tmp_path) == ["export.csv"]


def test_failed_blob_write_keeps_the_old_blob(store: BlobStore, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.write_named("draft", b"kept")

    def failing_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(blobs.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        store.write_named("draft", b"lost")
    monkeypatch.undo()
    assert store.get("draft") == b"kept"
    assert os.listdir(folder) == ["draft"]


def test_atomic_write_never_deletes_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "notes.bin"
    atomic_write_bytes(target, b"old")
    seen: list[bytes] = []
    real_replace = os.replace

    def watching_replace(src: str, dst: str) -> None:
        seen.append(Path(dst).read_bytes())
        real_replace(src, dst)

    monkeypatch.setattr(blobs.os, "replace", watching_replace)
    atomic_write_bytes(target, b"new")
    assert seen == [b"old"]
    assert target.read_bytes() == b"new"
