"""Raw bytes → text: UTF-8, else the encoding charset-normalizer detects; binary and empty refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import IngestError

# Bytes sniffed for NULs and control characters. Text in any 8-bit or UTF-8
# encoding has no NUL; UTF-16/32 are recognised by their byte-order mark first.
SNIFF_BYTES = 8192
# Share of control characters (other than tab/newline/CR/form feed) above which
# decoded data is taken for binary; 0.05 tolerates stray control bytes in real
# scraped text files while catching images, archives and executables.
MAX_CONTROL_SHARE = 0.05
# Bytes given to charset-normalizer: enough for a confident guess, bounded time on large files.
CHARSET_SAMPLE_BYTES = 512 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(source: str, data: bytes) -> str:
    """The text of ``data``; IngestError naming ``source`` when it is empty or not text."""
    if not data.strip():
        raise IngestError(source, "empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(source, data.decode(encoding, errors="replace"))
    if b"\x00" in data[:SNIFF_BYTES]:
        raise IngestError(source, "binary data, not text")
    try:
        return _check_text(source, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:CHARSET_SAMPLE_BYTES]).best()
    if best is None or best.encoding is None:
        raise IngestError(source, "binary data or unknown text encoding")
    return _check_text(source, data.decode(best.encoding, errors="replace"))


def _check_text(source: str, text: str) -> str:
    sample = text[:SNIFF_BYTES]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and control / len(sample) > MAX_CONTROL_SHARE:
        raise IngestError(source, "binary data, not text")
    if not text.strip():
        raise IngestError(source, "empty input")
    return text
