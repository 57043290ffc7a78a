"""Turn the bytes of a raw page file into text, or refuse with a one-line reason."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata

MAX_BYTES = 5 * 1024 * 1024  # a newspaper page is ~20 KB of text; anything this large is not a page


class IngestError(Exception):
    """A raw file that cannot be ingested; the message is a one-line reason for the user."""


def checksum(*, text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_page(*, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM or GB18030; normalise line endings."""
    if not data:
        raise IngestError("文件为空")
    if len(data) > MAX_BYTES:
        raise IngestError(f"文件过大（{len(data) // 1024} KB，上限 {MAX_BYTES // 1024} KB），不像是一个版面")
    text = _decode(data)
    if "\x00" in text:
        raise IngestError("文件含有 NUL 字节，像是二进制文件")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(5, len(text) // 200):
        raise IngestError("文件含有大量控制字符，像是二进制文件")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not any(ch.isalnum() for ch in text):
        raise IngestError("文件没有可读的文字（只有空白或标点）")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        raise IngestError("文件含有 NUL 字节，像是二进制文件")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError("无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-16、GB18030）")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"文件不是有效的 {encoding.upper()} 文本") from exc
