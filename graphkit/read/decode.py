"""Bytes -> text: encoding from the BOM, binary detection, newline and whitespace clean-up, one-line error messages."""

from __future__ import annotations

import codecs
import re

from graphkit.read.options import Reject

__all__ = [
    "SNIFF_BYTES",
    "bad_utf8",
    "collapse_whitespace",
    "decode",
    "invalid_encoding",
    "one_line",
    "os_message",
    "sniff_encoding",
    "unify_newlines",
]

SNIFF_BYTES = 8192
_MESSAGE_CHARS = 200


def sniff_encoding(head: bytes, name: str) -> str:
    """Codec for a file starting with ``head``; rejects binary content."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head[:SNIFF_BYTES]:
        raise Reject(f"{name}: binary content (NUL bytes), not text")
    return "utf-8-sig"


def decode(data: bytes, name: str) -> str:
    """The whole of ``data`` as text (UTF-8, or UTF-16/32 with a BOM); raises Reject naming the bad byte."""
    encoding = sniff_encoding(data[:SNIFF_BYTES], name)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8-sig":
            raise Reject(invalid_encoding(name, encoding, exc.reason)) from None
        # utf-8-sig reports offsets past the BOM it stripped; report file offsets
        offset = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        raise Reject(bad_utf8(name, data[offset], offset)) from None


def invalid_encoding(name: str, encoding: str, reason: str) -> str:
    """The message for text that does not decode as ``encoding`` (UTF-16/32; UTF-8 has :func:`bad_utf8`)."""
    return f"{name}: not valid {encoding.upper()} ({reason})"


def bad_utf8(name: str, byte: int, offset: int | None = None) -> str:
    """The message for a byte that is not UTF-8, with its file offset when known."""
    at = "" if offset is None else f" at offset {offset}"
    return f"{name}: not valid UTF-8 (byte 0x{byte:02x}{at})"


def os_message(name: str, exc: OSError) -> str:
    """``name: reason`` for an OS error, e.g. ``a.txt: permission denied``."""
    reason = (exc.strerror or str(exc) or type(exc).__name__).lower()
    return f"{name}: {reason}"


def one_line(text: str, limit: int = _MESSAGE_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters, for quoting inside a message (lone surrogates as U+FFFD)."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", collapse_whitespace(text))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (newlines too) as one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


def unify_newlines(text: str) -> str:
    """CRLF and CR line endings as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
