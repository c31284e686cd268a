"""Bytes → text: UTF-8 when it is, else a detected encoding; empty, binary and corrupt input is refused with a reason."""

from __future__ import annotations

import codecs
import re

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Preferred when charset-normalizer finds several encodings equally plausible (lower index wins).
_PREFERRED = ("cp1252", "iso8859_15", "latin_1", "cp1251", "cp1250", "iso8859_2", "mac_roman")
# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding). Raises ValueError with the reason for empty, binary or undecodable input.

    A byte-order mark decides (UTF-8, UTF-16 or UTF-32, little or big endian). Valid UTF-8 is taken as is. A
    file that is mostly UTF-8 (more valid multi-byte sequences than invalid bytes) with some invalid bytes is
    corrupt or mixes encodings: rejected rather than silently patched. Otherwise the encoding is detected
    (charset-normalizer: cp1252, Shift-JIS, ...); among equally plausible candidates the widely used Western
    ones are preferred, since short texts rarely tell cp1252 from cp1250.
    """
    bom = next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)
    if not data[len(bom[0]) if bom else 0 :].strip():
        raise ValueError("empty file")
    if bom is not None and bom[1] != "utf-8-sig":
        try:
            text, encoding = data.decode(bom[1]), bom[1]
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"invalid {bom[1].upper()} (at byte offset {exc.start}) after its byte-order mark") from None
        if not text.strip():
            raise ValueError("empty file")
        if "\x00" in text:
            raise ValueError("binary file (contains NUL characters)")
    else:
        if b"\x00" in data:
            raise ValueError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8-sig" if bom else "utf-8"
        except UnicodeDecodeError as exc:
            if _mostly_utf8(data):
                raise ValueError(
                    f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) in a file that is otherwise "
                    "UTF-8") from None
            text, encoding = _detect(data, exc.start)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 200):
        raise ValueError("binary file (control characters)")
    return text, encoding


def _mostly_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 sequences than invalid bytes: UTF-8 with damage, not another encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return len(_UTF8_MULTIBYTE.findall(data)) > invalid


def _detect(data: bytes, bad_at: int) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches or min(m.chaos for m in matches) > 0.2:
        raise ValueError(f"not UTF-8 (invalid byte at offset {bad_at}) and no other encoding fits")
    floor = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= floor + 0.1]
    best = min(close, key=lambda m: (_PREFERRED.index(m.encoding) if m.encoding in _PREFERRED else len(_PREFERRED), m.chaos))
    return str(best), best.encoding
