"""Passphrase encryption of package files (they travel by e-mail and USB sticks).

Layout of an encrypted package::

    header (40 bytes)
      magic       8  b"FNPKGENC"
      version     1  1
      kdf         1  1 = scrypt
      log2_n      1  scrypt cost N = 2**log2_n
      r, p        1+1
      salt       16
      nonce      12
    ciphertext      AES-256-GCM of the ZIP bytes, with the whole header as associated data

The header is authenticated (a changed cost, salt or version fails like a wrong passphrase)
and the key is derived with scrypt, which is memory-hard: guessing passphrases of a stolen
stick costs the attacker memory as well as time.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldnotes.errors import PackageError, PassphraseError

MAGIC = b"FNPKGENC"
FORMAT_VERSION = 1
KDF_SCRYPT = 1
_HEADER = struct.Struct(">8sBBBBB16s12s")
HEADER_SIZE = _HEADER.size

# Bounds accepted when reading: a hostile header must not make us allocate gigabytes.
MIN_LOG2_N, MAX_LOG2_N = 10, 20
MAX_KDF_MEMORY = 256 * 1024 * 1024


@dataclass(frozen=True)
class ScryptCost:
    """Scrypt parameters; the default follows current guidance (N=2**17, r=8, p=1: 128 MiB)."""

    log2_n: int = 17
    r: int = 8
    p: int = 1


DEFAULT_COST = ScryptCost()


def is_encrypted(data: bytes) -> bool:
    return data[: len(MAGIC)] == MAGIC


def _normalise(passphrase: str) -> bytes:
    # The same passphrase typed on macOS (decomposed) and Windows (composed) must match.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=2**cost.log2_n, r=cost.r, p=cost.p)
    return kdf.derive(_normalise(passphrase))


def encrypt(data: bytes, passphrase: str, cost: ScryptCost = DEFAULT_COST) -> bytes:
    """The encrypted form of ``data`` (a package's ZIP bytes)."""
    if not passphrase:
        raise PassphraseError("The passphrase is empty.")
    salt = os.urandom(16)
    nonce = os.urandom(12)
    header = _HEADER.pack(
        MAGIC, FORMAT_VERSION, KDF_SCRYPT, cost.log2_n, cost.r, cost.p, salt, nonce
    )
    key = _derive(passphrase, salt, cost)
    return header + AESGCM(key).encrypt(nonce, data, header)


def decrypt(data: bytes, passphrase: str | None) -> bytes:
    """The ZIP bytes inside an encrypted package; PassphraseError/PackageError otherwise."""
    if len(data) < HEADER_SIZE + 16:
        raise PackageError("The encrypted package is truncated.")
    magic, version, kdf, log2_n, r, p, salt, nonce = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise PackageError("This is not an encrypted fieldnotes package.")
    if version != FORMAT_VERSION:
        raise PackageError(
            f"The package uses encryption format {version}, which this version of fieldnotes "
            "does not know (or the file is damaged)."
        )
    if (
        kdf != KDF_SCRYPT
        or not (MIN_LOG2_N <= log2_n <= MAX_LOG2_N)
        or not (1 <= r <= 32 and 1 <= p <= 16 and 128 * r * (2**log2_n) <= MAX_KDF_MEMORY)
    ):
        raise PackageError("The encrypted package's header is damaged.")
    if not passphrase:
        raise PassphraseError("This package is encrypted: give its passphrase.")
    key = _derive(passphrase, salt, ScryptCost(log2_n, r, p))
    try:
        return AESGCM(key).decrypt(nonce, data[HEADER_SIZE:], data[:HEADER_SIZE])
    except InvalidTag:
        raise PassphraseError(
            "The passphrase is wrong, or the package was damaged or altered in transit."
        ) from None
