"""Content-addressed keys: digests of everything a piece of work depends on."""

from __future__ import annotations

import hashlib


def key(*parts) -> str:
    """A stable digest of strings, bytes, numbers, None and nested tuples or lists.

    repr() of such values is deterministic and unambiguous (strings are quoted and
    escaped), and computed in C, so hashing it is fast even for large inputs.
    """
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def short_key(*parts) -> bytes:
    """`key` as 16 raw bytes: for the many small digests kept in the cache."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()[:16]


def bytes_key(data: bytes) -> bytes:
    """`short_key` of bytes already made (an output file): hashed as they are, since
    repr() of a large byte string costs more than hashing it."""
    return hashlib.sha256(data).digest()[:16]


def joined(digests: list[bytes]) -> str:
    """One digest of many short ones (hashing their bytes, not their repr)."""
    return hashlib.sha256(b"".join(digests)).hexdigest()
