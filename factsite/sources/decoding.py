"""Bytes of a source or sidecar as text (its own module: the package and the sidecar
reader both need it, and the sidecar reader is imported by the package)."""

from __future__ import annotations


def decode(data: bytes) -> tuple[str | None, str | None, int]:
    """UTF-8 text with LF line ends, or (None, message, line) saying where it breaks."""
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return None, f"binary file: NUL byte at byte offset {offset}", data.count(b"\n", 0, offset) + 1
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, f"not valid UTF-8: byte 0x{data[exc.start]:02x} at byte offset {exc.start}", line
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), None, 0
