"""Files kept beside the database (attachments, photos, drafts), encrypted with the diary's data key."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from diary.store.database import StoreError
from diary.store.fileio import atomic_write_bytes, fsync_dir

MAGIC = b"SDBLOB"
VERSION = 1
SALT_BYTES = 16
NONCE_BYTES = 12
HEADER_BYTES = len(MAGIC) + 1 + SALT_BYTES + NONCE_BYTES
KEY_BYTES = 32
_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")
_INFO_PREFIX = b"supervision-diary/blob/v1/"


class BlobDamaged(StoreError):
    """A stored file that is damaged, was changed outside the diary, or belongs to another diary."""


class BlobMissing(StoreError):
    """A stored file that is not there."""


class BlobStore:
    """A folder of opaque stored files, each sealed with its own key when the diary is encrypted."""

    def __init__(self, folder: Path, data_key: bytes | None) -> None:
        """Use folder (created on first write); data_key is the diary's 32-byte data key, or None for a plain diary."""
        if data_key is not None and len(data_key) != KEY_BYTES:
            raise ValueError(f"The data key must be {KEY_BYTES} bytes.")
        self.folder = Path(folder)
        self._data_key = data_key

    @property
    def encrypted(self) -> bool:
        """Whether files are sealed with the data key."""
        return self._data_key is not None

    def put(self, data: bytes) -> str:
        """Store data under a new random name and return that name."""
        name = uuid.uuid4().hex
        self.write_named(name, data)
        return name

    def write_named(self, name: str, data: bytes) -> None:
        """Store data under a fixed name, replacing whatever was there all at once."""
        path = self._path(name)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(path, data if self._data_key is None else _seal(self._data_key, name, data))

    def get(self, name: str) -> bytes:
        """The contents stored under name."""
        try:
            stored = self._path(name).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(f"The stored file {name} is missing from {self.folder}.") from None
        if self._data_key is None:
            return stored
        plain = _unseal(self._data_key, name, stored)
        if plain is None:
            raise BlobDamaged(
                f"The stored file {name} in {self.folder} could not be read: it is damaged, was changed "
                "outside the diary, or belongs to a different diary. Nothing was changed."
            )
        return plain

    def exists(self, name: str) -> bool:
        """Whether something is stored under name."""
        return self._path(name).is_file()

    def delete(self, name: str) -> None:
        """Remove the file stored under name (doing nothing if it is already gone)."""
        path = self._path(name)
        try:
            path.unlink()
        except FileNotFoundError:
            return
        fsync_dir(self.folder)

    def _path(self, name: str) -> Path:
        """The file for a stored name, refusing names that could point outside the folder."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"{name!r} is not a valid stored-file name.")
        return self.folder / name


def _file_key(data_key: bytes, name: str, salt: bytes) -> bytes:
    """The key for one write of one stored name, so files cannot be swapped or renamed unnoticed."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_INFO_PREFIX + name.encode("ascii"))
    return hkdf.derive(data_key)


def _seal(data_key: bytes, name: str, data: bytes) -> bytes:
    """Header (magic, version, salt, nonce) followed by the AES-256-GCM ciphertext of data."""
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    header = MAGIC + bytes([VERSION]) + salt + nonce
    return header + AESGCM(_file_key(data_key, name, salt)).encrypt(nonce, data, header)


def _unseal(data_key: bytes, name: str, stored: bytes) -> bytes | None:
    """The plaintext of a sealed file, or None if it does not check out."""
    header = stored[:HEADER_BYTES]
    if len(stored) < HEADER_BYTES + 16 or not header.startswith(MAGIC) or header[len(MAGIC)] != VERSION:
        return None
    salt = header[len(MAGIC) + 1 : len(MAGIC) + 1 + SALT_BYTES]
    nonce = header[-NONCE_BYTES:]
    try:
        return AESGCM(_file_key(data_key, name, salt)).decrypt(nonce, stored[HEADER_BYTES:], header)
    except InvalidTag:
        return None
