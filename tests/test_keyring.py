"""The key file: the data key wrapped by passphrase and recovery key, failing closed and never changed by a failure."""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from diary.store import keyring
from diary.store.database import Database, StoreError
from diary.store.keyring import (
    KeyFileError,
    WrongKey,
    WrongPassphrase,
    WrongRecoveryKey,
    change_passphrase,
    create_key_file,
    has_key_file,
    key_file_path,
    passphrase_strength,
    unlock,
    unlock_with_recovery,
)
from diary.store.schema_version import SCHEMA_HEAD

PASSPHRASE = "gravel lantern orchard 42"
TEST_SCRYPT_N = 2**10
DEFAULT_SCRYPT = (keyring.SCRYPT_N, keyring.SCRYPT_R, keyring.SCRYPT_P)


@pytest.fixture(autouse=True)
def _fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap scrypt for speed; the production default is checked separately."""
    monkeypatch.setattr(keyring, "SCRYPT_N", TEST_SCRYPT_N)


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    """Where the key file goes."""
    return key_file_path(tmp_path / "data")


def _snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mtime and its folder's listing, to prove nothing was touched."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def _edit(path: Path, change: dict[str, object], slot: str | None = None) -> None:
    """Rewrite fields of the key file (top level, or inside one slot)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    (document[slot] if slot else document).update(change)
    path.write_text(json.dumps(document), encoding="utf-8")


def _flip_base64(value: str) -> str:
    """The same base64 value with one bit of its first byte flipped."""
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 1
    return base64.b64encode(bytes(raw)).decode("ascii")


def test_default_scrypt_cost_is_strong_and_round_trips(key_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert DEFAULT_SCRYPT == (2**16, 8, 1)
    monkeypatch.setattr(keyring, "SCRYPT_N", DEFAULT_SCRYPT[0])
    data_key, _ = create_key_file(key_path, PASSPHRASE)
    assert json.loads(key_path.read_text(encoding="utf-8"))["passphrase"]["n"] == 2**16
    assert unlock(key_path, PASSPHRASE) == data_key


def test_create_then_unlock_gives_the_same_random_key(key_path: Path) -> None:
    assert not has_key_file(key_path.parent)
    data_key, recovery = create_key_file(key_path, PASSPHRASE)
    assert has_key_file(key_path.parent)
    assert len(data_key) == 32
    assert unlock(key_path, PASSPHRASE) == data_key
    assert re.fullmatch(r"[A-Z2-7]{5}(-[A-Z2-7]{5}){7}", recovery)
    other_key, other_recovery = create_key_file(key_file_path(key_path.parent / "other"), PASSPHRASE)
    assert other_key != data_key and other_recovery != recovery


def test_key_file_is_json_with_params_and_no_secrets(key_path: Path) -> None:
    data_key, recovery = create_key_file(key_path, PASSPHRASE)
    raw = key_path.read_bytes()
    document = json.loads(raw)
    assert document["version"] == 1
    assert document["passphrase"]["kdf"] == "scrypt"
    assert (document["passphrase"]["n"], document["passphrase"]["r"], document["passphrase"]["p"]) == (2**10, 8, 1)
    assert document["recovery"]["kdf"] == "hkdf-sha256"
    for secret in (data_key, PASSPHRASE.encode(), recovery.encode(), base64.b32decode(recovery.replace("-", ""))):
        assert secret not in raw
        assert base64.b64encode(secret) not in raw
    assert data_key.hex().encode() not in raw
    if os.name == "posix":
        assert key_path.stat().st_mode & 0o077 == 0
    assert sorted(os.listdir(key_path.parent)) == ["keys.json"]


def test_create_refuses_to_overwrite(key_path: Path) -> None:
    create_key_file(key_path, PASSPHRASE)
    before = _snapshot(key_path)
    with pytest.raises(KeyFileError, match="already a key file"):
        create_key_file(key_path, "something else entirely")
    assert _snapshot(key_path) == before


def test_empty_passphrase_is_refused(key_path: Path) -> None:
    with pytest.raises(ValueError):
        create_key_file(key_path, "")
    assert not key_path.exists()


def test_wrong_passphrase_fails_and_changes_nothing(key_path: Path) -> None:
    create_key_file(key_path, PASSPHRASE)
    before = _snapshot(key_path)
    with pytest.raises(WrongPassphrase) as caught:
        unlock(key_path, PASSPHRASE + " ")
    assert str(caught.value) == "That passphrase does not open this diary. Nothing was changed."
    assert isinstance(caught.value, StoreError)
    with pytest.raises(WrongPassphrase):
        change_passphrase(key_path, "not it", "a brand new passphrase")
    assert _snapshot(key_path) == before


def test_passphrase_is_unicode_normalised(key_path: Path) -> None:
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    data_key, _ = create_key_file(key_path, composed)
    assert unlock(key_path, decomposed) == data_key


def test_recovery_key_unlocks_however_it_is_typed(key_path: Path) -> None:
    data_key, recovery = create_key_file(key_path, PASSPHRASE)
    compact = recovery.replace("-", "")
    spaced = " ".join(compact[i : i + 5] for i in range(0, 40, 5))
    lookalikes = compact.replace("O", "0").replace("I", "1").replace("B", "8")
    for typed in (recovery, recovery.lower(), compact, f"  {spaced}\n", spaced.lower(), lookalikes):
        assert unlock_with_recovery(key_path, typed) == data_key


def test_wrong_or_partial_recovery_key_fails_and_changes_nothing(key_path: Path) -> None:
    _, recovery = create_key_file(key_path, PASSPHRASE)
    _, someone_elses = create_key_file(key_file_path(key_path.parent / "other"), PASSPHRASE)
    before = _snapshot(key_path)
    with pytest.raises(WrongRecoveryKey, match="does not open this diary"):
        unlock_with_recovery(key_path, someone_elses)
    for garbled in (recovery[:-1], recovery + "A", "", "not a key at all!", PASSPHRASE):
        with pytest.raises(WrongRecoveryKey, match="not a whole recovery key"):
            unlock_with_recovery(key_path, garbled)
    assert _snapshot(key_path) == before


def test_change_passphrase_rewraps_without_changing_the_data_key(key_path: Path, tmp_path: Path) -> None:
    data_key, recovery = create_key_file(key_path, PASSPHRASE)
    db_path = tmp_path / "data" / "diary.sqlite3"
    db = Database(db_path, data_key)
    db.ensure_schema()
    with db.transaction() as session:
        session.execute(text("CREATE TABLE probe (note TEXT)"))
        session.execute(text("INSERT INTO probe VALUES ('still here')"))
    db.close()
    db_before = db_path.read_bytes()

    change_passphrase(key_path, PASSPHRASE, "a completely new passphrase")

    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)
    new_key = unlock(key_path, "a completely new passphrase")
    assert new_key == data_key
    assert unlock_with_recovery(key_path, recovery) == data_key
    assert db_path.read_bytes() == db_before
    reopened = Database(db_path, new_key)
    reopened.ensure_schema()
    assert reopened.schema_revision() == SCHEMA_HEAD
    with reopened.session() as session:
        assert session.execute(text("SELECT note FROM probe")).scalar_one() == "still here"
    assert reopened.check() == []
    reopened.close()


def test_change_passphrase_with_the_data_key_after_recovery(key_path: Path) -> None:
    data_key, recovery = create_key_file(key_path, PASSPHRASE)
    change_passphrase(key_path, unlock_with_recovery(key_path, recovery), "remembered this time")
    assert unlock(key_path, "remembered this time") == data_key
    before = _snapshot(key_path)
    with pytest.raises(WrongKey, match="That key does not open this diary"):
        change_passphrase(key_path, os.urandom(32), "sneaky")
    assert _snapshot(key_path) == before


def test_change_passphrase_uses_fresh_salt_and_nonce(key_path: Path) -> None:
    create_key_file(key_path, PASSPHRASE)
    old = json.loads(key_path.read_text(encoding="utf-8"))
    change_passphrase(key_path, PASSPHRASE, PASSPHRASE)
    new = json.loads(key_path.read_text(encoding="utf-8"))
    assert new["passphrase"]["salt"] != old["passphrase"]["salt"]
    assert new["passphrase"]["nonce"] != old["passphrase"]["nonce"]
    assert new["recovery"] == old["recovery"]
    assert sorted(os.listdir(key_path.parent)) == ["keys.json"]


@pytest.mark.parametrize(
    ("slot", "field"),
    [("passphrase", "ciphertext"), ("passphrase", "nonce"), ("passphrase", "salt")],
)
def test_tampered_passphrase_slot_fails_closed(key_path: Path, slot: str, field: str) -> None:
    create_key_file(key_path, PASSPHRASE)
    document = json.loads(key_path.read_text(encoding="utf-8"))
    _edit(key_path, {field: _flip_base64(document[slot][field])}, slot)
    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)


def test_tampered_recovery_slot_fails_closed(key_path: Path) -> None:
    _, recovery = create_key_file(key_path, PASSPHRASE)
    document = json.loads(key_path.read_text(encoding="utf-8"))
    _edit(key_path, {"ciphertext": _flip_base64(document["recovery"]["ciphertext"])}, "recovery")
    with pytest.raises(WrongRecoveryKey):
        unlock_with_recovery(key_path, recovery)


def test_slots_cannot_be_swapped(key_path: Path) -> None:
    _, recovery = create_key_file(key_path, PASSPHRASE)
    document = json.loads(key_path.read_text(encoding="utf-8"))
    _edit(key_path, {k: document["recovery"][k] for k in ("nonce", "ciphertext")}, "passphrase")
    with pytest.raises(WrongPassphrase):
        unlock(key_path, PASSPHRASE)


def test_tampered_key_check_fails_closed(key_path: Path) -> None:
    _, recovery = create_key_file(key_path, PASSPHRASE)
    document = json.loads(key_path.read_text(encoding="utf-8"))
    _edit(key_path, {"key_check": _flip_base64(document["key_check"])})
    with pytest.raises(KeyFileError, match="damaged"):
        unlock(key_path, PASSPHRASE)
    with pytest.raises(KeyFileError, match="damaged"):
        unlock_with_recovery(key_path, recovery)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: b"\xff\xfe not json",
        lambda raw: b"[]",
        lambda raw: raw.replace(b'"scrypt"', b'"md5"'),
        lambda raw: raw.replace(b'"n": 1024', b'"n": 1000'),
        lambda raw: raw.replace(b'"n": 1024', b'"n": 1073741824'),
        lambda raw: raw.replace(b'"n": 1024', b'"n": true'),
        lambda raw: raw.replace(b'"version": 1', b'"version": 0'),
        lambda raw: raw.replace(b'"format": "supervision-diary-keys"', b'"format": "other"'),
        lambda raw: re.sub(rb'"salt": "[^"]*"', b'"salt": "!!"', raw, count=1),
        lambda raw: re.sub(rb'"nonce": "[^"]*"', b'"nonce": "AAAA"', raw, count=1),
    ],
)
def test_damaged_key_file_fails_closed_and_is_left_alone(key_path: Path, damage: Callable[[bytes], bytes]) -> None:
    create_key_file(key_path, PASSPHRASE)
    key_path.write_bytes(damage(key_path.read_bytes()))
    before = _snapshot(key_path)
    with pytest.raises(KeyFileError, match="damaged"):
        unlock(key_path, PASSPHRASE)
    with pytest.raises(KeyFileError, match="damaged"):
        change_passphrase(key_path, PASSPHRASE, "new")
    assert _snapshot(key_path) == before


def test_key_file_from_a_newer_app_is_refused(key_path: Path) -> None:
    create_key_file(key_path, PASSPHRASE)
    _edit(key_path, {"version": 2})
    with pytest.raises(KeyFileError, match="newer version"):
        unlock(key_path, PASSPHRASE)


def test_missing_key_file(key_path: Path) -> None:
    with pytest.raises(KeyFileError, match="no key file"):
        unlock(key_path, PASSPHRASE)
    assert not key_path.parent.exists()


@pytest.mark.parametrize(
    ("passphrase", "low", "high"),
    [
        ("", 0, 0),
        ("   ", 0, 0),
        ("password", 0, 0),
        ("Password1!", 0, 0),
        ("aaaaaaaaaaaaaaaaaaaa", 0, 0),
        ("k7#Q", 0, 0),
        ("12345678901", 0, 1),
        ("sunflower", 1, 1),
        ("Tr0ub4dor&3", 2, 2),
        ("gravel lantern", 3, 3),
        ("abcabcabcabcabcabcabc", 0, 2),
        ("correct horse battery staple", 4, 4),
        ("correcthorsebatterystaple", 4, 4),
    ],
)
def test_strength_scores(passphrase: str, low: int, high: int) -> None:
    score, advice = passphrase_strength(passphrase)
    assert low <= score <= high
    assert advice and advice[0].isupper() and advice.endswith(".")


def test_strength_never_drops_when_a_word_is_added() -> None:
    words = ["gravel", "lantern", "orchard", "meadow", "copper", "thistle"]
    scores = [passphrase_strength(" ".join(words[:i]))[0] for i in range(1, len(words) + 1)]
    assert scores == sorted(scores)
    assert scores[-1] == 4
