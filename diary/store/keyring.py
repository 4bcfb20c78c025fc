"""The key file: the diary's random data key, wrapped by the officer's passphrase and by a recovery key."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
import string
import threading
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from diary.store.errors import StoreError
from diary.store.fileio import atomic_write_bytes

KEY_FILE_NAME = "keys.json"
FORMAT = "supervision-diary-keys"
VERSION = 1
PASSPHRASE_ENV = "DIARY_PASSPHRASE"
"""The environment variable that gives scripts (and `diary bench`) the passphrase."""
DATA_KEY_BYTES = 32
SCRYPT_N = 2**16  # 64 MiB of memory; tests may lower it, the app never does
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
RECOVERY_BYTES = 25
RECOVERY_GROUP = 5
WRONG_PASSPHRASE = "That passphrase does not open this diary. Nothing was changed."
WRONG_RECOVERY_KEY = "That recovery key does not open this diary. Nothing was changed."
WRONG_DATA_KEY = "That key does not open this diary. Nothing was changed."
_CIPHER = "aes-256-gcm"
_WRAPPED_BYTES = DATA_KEY_BYTES + 16
_MAX_SCRYPT_MEMORY = 1 << 30
_AAD_PASSPHRASE = b"supervision-diary/keys/v1/data-key/wrapped-by-passphrase"
_AAD_RECOVERY = b"supervision-diary/keys/v1/data-key/wrapped-by-recovery-key"
_INFO_RECOVERY = b"supervision-diary/keys/v1/recovery-wrapping-key"
_INFO_CHECK = b"supervision-diary/keys/v1/key-check"
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
_SEPARATORS = frozenset("-_\u2010\u2011\u2012\u2013\u2014")
_ADVICE = (
    "Too easy to guess. Use at least 12 characters: three or four unrelated words work well.",
    "Weak. Make it longer: three or four unrelated words are easy to remember and hard to guess.",
    "Fair. Another word or two would make it much harder to guess.",
    "Good. A little longer would make it strong.",
    "Strong.",
)
_TOO_COMMON = "This is one of the first things anyone would try. Choose something else: several unrelated words work well."
_COMMON = frozenset(
    "password passw0rd qwerty qwertyuiop letmein welcome iloveyou monkey dragon football abc abcdef "
    "admin secret changeme sunshine princess trustno1 probation diary supervision summer winter "
    "spring autumn london".split()
)


class WrongKey(StoreError):
    """A passphrase, recovery key or data key that does not open this diary."""


class WrongPassphrase(WrongKey):
    """The passphrase does not open this diary."""

    def __init__(self, message: str = WRONG_PASSPHRASE) -> None:
        """The plain-English message for the officer."""
        super().__init__(message)


class WrongRecoveryKey(WrongKey):
    """The recovery key does not open this diary."""

    def __init__(self, message: str = WRONG_RECOVERY_KEY) -> None:
        """The plain-English message for the officer."""
        super().__init__(message)


class KeyFileError(StoreError):
    """The key file is missing, damaged, from a newer app, or already there."""


@dataclass(frozen=True)
class _PassphraseSlot:
    """The data key wrapped by a key derived from the passphrase with scrypt."""

    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class _RecoverySlot:
    """The data key wrapped by a key derived from the recovery key with HKDF."""

    salt: bytes
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class _KeyFile:
    """The whole key file."""

    key_check: bytes
    passphrase: _PassphraseSlot
    recovery: _RecoverySlot


def key_file_path(data_dir: Path) -> Path:
    """The key file inside a data directory."""
    return Path(data_dir) / KEY_FILE_NAME


def has_key_file(data_dir: Path) -> bool:
    """Whether the data directory holds a key file (that is, the diary is encrypted)."""
    return key_file_path(data_dir).is_file()


def create_key_file(path: Path, passphrase: str) -> tuple[bytes, str]:
    """Make a new data key and key file; returns the data key and the recovery key to show once."""
    path = Path(path)
    if path.exists():
        raise KeyFileError(f"There is already a key file at {path}. It was left exactly as it was.")
    _require_passphrase(passphrase)
    data_key = os.urandom(DATA_KEY_BYTES)
    recovery = os.urandom(RECOVERY_BYTES)
    key_file = _KeyFile(
        _key_check(data_key), _wrap_with_passphrase(data_key, passphrase), _wrap_with_recovery(data_key, recovery)
    )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _write(path, key_file)
    return data_key, _format_recovery(recovery)


def unlock(path: Path, passphrase: str) -> bytes:
    """The data key, unwrapped with the officer's passphrase (by the thread `unlock_ahead` started, if any)."""
    path = Path(path)
    ahead = _AHEAD.pop((path, passphrase), None)
    if ahead is not None:
        return ahead.result()
    return _unwrap_passphrase(path, _read(path), passphrase)


class _UnlockAhead(threading.Thread):
    """Unwrapping the data key on another thread: scrypt lets go of Python's lock, so it runs beside the app's loading."""

    def __init__(self, path: Path, passphrase: str) -> None:
        """Start unwrapping the key in path with the passphrase."""
        super().__init__(name="unlock-ahead", daemon=True)
        self.path, self.passphrase = path, passphrase
        self.key: bytes | None = None
        self.error: Exception | None = None
        self.start()

    def run(self) -> None:
        """Unwrap, keeping the key or the error for `result`."""
        try:
            self.key = _unwrap_passphrase(self.path, _read(self.path), self.passphrase)
        except Exception as exc:  # noqa: BLE001 - handed over to the caller of unlock, as it would have been raised there
            self.error = exc

    def result(self) -> bytes:
        """The data key, once unwrapped; the error unlock would have raised, if any."""
        self.join()
        if self.error is not None:
            raise self.error
        assert self.key is not None
        return self.key


_AHEAD: dict[tuple[Path, str], _UnlockAhead] = {}


def unlock_ahead(path: Path, passphrase: str) -> None:
    """Start unwrapping the data key on another thread, for `unlock` with the same path and passphrase to collect."""
    path = Path(path)
    if path.is_file() and (path, passphrase) not in _AHEAD:
        _AHEAD[(path, passphrase)] = _UnlockAhead(path, passphrase)


def unlock_with_recovery(path: Path, recovery_text: str) -> bytes:
    """The data key, unwrapped with the recovery key (spaces, dashes and case do not matter)."""
    path = Path(path)
    key_file = _read(path)
    recovery = _parse_recovery(recovery_text)
    slot = key_file.recovery
    data_key = _decrypt(_recovery_wrapping_key(recovery, slot.salt), slot.nonce, slot.ciphertext, _AAD_RECOVERY)
    if data_key is None:
        raise WrongRecoveryKey()
    _verify(path, key_file, data_key)
    return data_key


def change_passphrase(path: Path, old_or_data_key: str | bytes, new_passphrase: str) -> None:
    """Re-wrap the data key under a new passphrase, given the old passphrase or the data key itself."""
    path = Path(path)
    key_file = _read(path)
    if isinstance(old_or_data_key, str):
        data_key = _unwrap_passphrase(path, key_file, old_or_data_key)
    elif not hmac.compare_digest(_key_check(bytes(old_or_data_key)), key_file.key_check):
        raise WrongKey(WRONG_DATA_KEY)
    else:
        data_key = bytes(old_or_data_key)
    _require_passphrase(new_passphrase)
    _write(path, replace(key_file, passphrase=_wrap_with_passphrase(data_key, new_passphrase)))


MIN_STRENGTH = 2
"""The weakest passphrase_strength score the diary accepts for a new passphrase."""


def passphrase_strength(passphrase: str) -> tuple[int, str]:
    """A 0 (weakest) to 4 (strongest) score for a passphrase, with plain advice."""
    if not passphrase.strip():
        return 0, "Type a passphrase."
    core = passphrase.lower().strip(string.digits + string.punctuation + string.whitespace)
    if core in _COMMON or len(set(passphrase)) <= 2:
        return 0, _TOO_COMMON
    length = len(passphrase)
    variety = sum(
        any(test(ch) for ch in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda ch: not ch.isalnum())
    )
    if length < 8:
        score = 0
    elif length < 12:
        score = 1 + (variety >= 3)
    elif length < 16:
        score = 2 + (variety >= 2)
    else:
        score = 3 + (variety >= 2 or length >= 24)
    if len(set(passphrase)) * 3 < length:
        score = max(0, score - 2)
    if passphrase.isdigit():
        score = min(score, 1)
    return score, _ADVICE[score]


def _require_passphrase(passphrase: str) -> None:
    """Refuse an empty passphrase."""
    if not passphrase:
        raise ValueError("The passphrase must not be empty.")


def _passphrase_bytes(passphrase: str) -> bytes:
    """The passphrase as UTF-8, normalised so the same characters typed on another keyboard still match."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _scrypt(passphrase: str, slot: _PassphraseSlot) -> bytes:
    """The wrapping key derived from a passphrase with the slot's scrypt parameters."""
    kdf = Scrypt(salt=slot.salt, length=DATA_KEY_BYTES, n=slot.n, r=slot.r, p=slot.p)
    return kdf.derive(_passphrase_bytes(passphrase))


def _recovery_wrapping_key(recovery: bytes, salt: bytes) -> bytes:
    """The wrapping key derived from the (high-entropy) recovery key."""
    return HKDF(algorithm=hashes.SHA256(), length=DATA_KEY_BYTES, salt=salt, info=_INFO_RECOVERY).derive(recovery)


def _key_check(data_key: bytes) -> bytes:
    """A value that identifies the data key without revealing it."""
    return HKDF(algorithm=hashes.SHA256(), length=16, salt=None, info=_INFO_CHECK).derive(data_key)


def _wrap_with_passphrase(data_key: bytes, passphrase: str) -> _PassphraseSlot:
    """A fresh passphrase slot at the current (default) scrypt strength."""
    unsealed = _PassphraseSlot(SCRYPT_N, SCRYPT_R, SCRYPT_P, os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES), b"")
    ciphertext = AESGCM(_scrypt(passphrase, unsealed)).encrypt(unsealed.nonce, data_key, _AAD_PASSPHRASE)
    return replace(unsealed, ciphertext=ciphertext)


def _wrap_with_recovery(data_key: bytes, recovery: bytes) -> _RecoverySlot:
    """A fresh recovery slot."""
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    ciphertext = AESGCM(_recovery_wrapping_key(recovery, salt)).encrypt(nonce, data_key, _AAD_RECOVERY)
    return _RecoverySlot(salt, nonce, ciphertext)


def _decrypt(wrapping_key: bytes, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes | None:
    """The unwrapped data key, or None if the wrapping key or the ciphertext is wrong."""
    try:
        return AESGCM(wrapping_key).decrypt(nonce, ciphertext, aad)
    except InvalidTag:
        return None


def _unwrap_passphrase(path: Path, key_file: _KeyFile, passphrase: str) -> bytes:
    """The data key from the passphrase slot, or WrongPassphrase."""
    slot = key_file.passphrase
    data_key = _decrypt(_scrypt(passphrase, slot), slot.nonce, slot.ciphertext, _AAD_PASSPHRASE)
    if data_key is None:
        raise WrongPassphrase()
    _verify(path, key_file, data_key)
    return data_key


def _verify(path: Path, key_file: _KeyFile, data_key: bytes) -> None:
    """Fail closed if an unwrapped key does not match the file's key check."""
    if not hmac.compare_digest(_key_check(data_key), key_file.key_check):
        raise _damaged(path)


def _format_recovery(recovery: bytes) -> str:
    """The recovery key as 8 dash-separated groups of 5 base32 characters."""
    text = base64.b32encode(recovery).decode("ascii")
    return "-".join(text[i : i + RECOVERY_GROUP] for i in range(0, len(text), RECOVERY_GROUP))


def _parse_recovery(text: str) -> bytes:
    """The recovery key's bytes from what the officer typed, ignoring spaces, dashes, case and 0/1/8 look-alikes."""
    kept = (ch for ch in text.upper() if not ch.isspace() and ch not in _SEPARATORS)
    compact = "".join(kept).translate(_LOOKALIKES)
    try:
        recovery = base64.b32decode(compact)
    except (binascii.Error, ValueError):
        recovery = b""
    if len(recovery) != RECOVERY_BYTES:
        raise WrongRecoveryKey(
            "That is not a whole recovery key: it should be 40 letters and digits in 8 groups of 5. Nothing was changed."
        )
    return recovery


def _write(path: Path, key_file: _KeyFile) -> None:
    """Write the key file as JSON, atomically."""
    slot, recovery = key_file.passphrase, key_file.recovery
    document = {
        "format": FORMAT,
        "version": VERSION,
        "key_check": _b64(key_file.key_check),
        "passphrase": {
            "kdf": "scrypt",
            "n": slot.n,
            "r": slot.r,
            "p": slot.p,
            "salt": _b64(slot.salt),
            "cipher": _CIPHER,
            "nonce": _b64(slot.nonce),
            "ciphertext": _b64(slot.ciphertext),
        },
        "recovery": {
            "kdf": "hkdf-sha256",
            "salt": _b64(recovery.salt),
            "cipher": _CIPHER,
            "nonce": _b64(recovery.nonce),
            "ciphertext": _b64(recovery.ciphertext),
        },
    }
    atomic_write_bytes(path, (json.dumps(document, indent=2) + "\n").encode("utf-8"))


def _read(path: Path) -> _KeyFile:
    """The key file, strictly checked; KeyFileError if it is missing, damaged or from a newer app."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"There is no key file at {path}, so this diary cannot be unlocked.") from None
    try:
        document = json.loads(raw)
        if document["format"] != FORMAT:
            raise ValueError("not a key file")
        if _int(document["version"]) > VERSION:
            raise KeyFileError(
                f"The key file at {path} was written by a newer version of Supervision Diary. "
                "Please update the app; nothing was changed."
            )
        if document["version"] != VERSION:
            raise ValueError("unknown version")
        return _KeyFile(
            _bytes(document["key_check"], 16),
            _passphrase_slot(document["passphrase"]),
            _recovery_slot(document["recovery"]),
        )
    except (KeyError, TypeError, ValueError, binascii.Error):
        raise _damaged(path) from None


def _passphrase_slot(entry: dict[str, Any]) -> _PassphraseSlot:
    """The passphrase slot, refusing scrypt parameters that are malformed or absurdly expensive."""
    if entry["kdf"] != "scrypt" or entry["cipher"] != _CIPHER:
        raise ValueError("unknown algorithm")
    n, r, p = _int(entry["n"]), _int(entry["r"]), _int(entry["p"])
    if n < 2 or n & (n - 1) or not 1 <= r <= 64 or not 1 <= p <= 16 or 128 * n * r * p > _MAX_SCRYPT_MEMORY:
        raise ValueError("scrypt parameters out of range")
    salt, nonce = _bytes(entry["salt"], SALT_BYTES), _bytes(entry["nonce"], NONCE_BYTES)
    return _PassphraseSlot(n, r, p, salt, nonce, _bytes(entry["ciphertext"], _WRAPPED_BYTES))


def _recovery_slot(entry: dict[str, Any]) -> _RecoverySlot:
    """The recovery slot."""
    if entry["kdf"] != "hkdf-sha256" or entry["cipher"] != _CIPHER:
        raise ValueError("unknown algorithm")
    salt, nonce = _bytes(entry["salt"], SALT_BYTES), _bytes(entry["nonce"], NONCE_BYTES)
    return _RecoverySlot(salt, nonce, _bytes(entry["ciphertext"], _WRAPPED_BYTES))


def _int(value: Any) -> int:
    """A JSON integer (not a boolean or a float)."""
    if type(value) is not int:
        raise TypeError("expected an integer")
    return value


def _bytes(value: Any, length: int) -> bytes:
    """Strict base64 of exactly length bytes."""
    if not isinstance(value, str):
        raise TypeError("expected base64 text")
    decoded = base64.b64decode(value, validate=True)
    if len(decoded) != length:
        raise ValueError("wrong length")
    return decoded


def _b64(data: bytes) -> str:
    """Base64 text."""
    return base64.b64encode(data).decode("ascii")


def _damaged(path: Path) -> KeyFileError:
    """The error for a key file that cannot be trusted."""
    return KeyFileError(
        f"The key file at {path} is damaged or was changed outside the diary, so the diary stays locked. "
        "Nothing was changed. If you have a backup of the key file, restore it."
    )
