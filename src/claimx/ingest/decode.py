"""Bytes → text: UTF-8 when it is, else a detected encoding; empty, binary and corrupt input is refused with a reason."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Preferred when charset-normalizer finds several encodings equally plausible (lower index wins).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1251", "cp1250", "iso8859_2", "mac_roman")


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises ValueError with the reason for empty, binary or undecodable input.

    Valid UTF-8 (with or without BOM) is taken as is. A file with valid multi-byte UTF-8 sequences *and*
    invalid bytes is corrupt or mixes encodings: rejected rather than silently patched. Otherwise the
    encoding is detected (charset-normalizer); among equally plausible candidates the widely used Western
    ones are preferred, since short texts rarely tell cp1252 from cp1250.
    """
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            raise ValueError(
                f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) in a file that is otherwise UTF-8"
            ) from None
        text, encoding = _detect(data, exc.start)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise ValueError("binary file (control characters)")
    return text, encoding


def _detect(data: bytes, bad_at: int) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches or min(m.chaos for m in matches) > 0.2:
        raise ValueError(f"not UTF-8 (invalid byte at offset {bad_at}) and no other encoding fits")
    floor = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= floor + 0.1]
    best = min(close, key=lambda m: (_PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED), m.chaos))
    return str(best), best.encoding
