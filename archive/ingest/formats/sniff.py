"""Which format a file is, by its content first and its name only to break a tie."""

from __future__ import annotations

import codecs
import re

from ..decode import IngestError
from .extracted import HTML, PDF, TEXT

_HTML_MARKS = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<!--\s*saved from url", re.I
)
_TAG = re.compile(rb"<(?:p|div|span|table|br|a|h[1-6])[\s/>]", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def sniff(*, data: bytes, name: str) -> str:
    """text/plain, text/html or application/pdf."""
    head = data[:4096]
    # the PDF header may follow a few bytes of junk (the spec allows 1024)
    if b"%PDF-" in data[:1024]:
        return PDF
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if suffix == "pdf":
        raise IngestError("扩展名是 .pdf，但内容不是 PDF（文件可能已损坏）")
    probe = _ascii_view(head)
    if _HTML_MARKS.search(probe):
        return HTML
    if suffix in ("html", "htm", "xhtml", "shtml") and _TAG.search(probe):
        return HTML
    return TEXT


def _ascii_view(head: bytes) -> bytes:
    # UTF-16 pages: look at the markup through their low bytes
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.replace(b"\x00", b"")
    return head[3:] if head.startswith(_BOMS[0]) else head
