"""Formats other than plain text: saved web and e-paper pages (HTML) and printed pages (PDF).

Each extractor turns a file into text the text pipeline understands plus what the page's
structure states (publication, date, page label, address, page image, article regions)."""

from __future__ import annotations

from .extracted import HTML, PDF, TEXT, Extracted, Region
from .html import extract_html
from .pdf import MAX_PDF_BYTES, extract_pdf
from .sniff import sniff

__all__ = ["HTML", "MAX_FILE_BYTES", "PDF", "TEXT", "Extracted", "Region", "extract", "sniff"]

MAX_FILE_BYTES = MAX_PDF_BYTES  # the largest file of any format worth reading at all


def extract(*, data: bytes, media_type: str) -> Extracted:
    """The extractor for a sniffed HTML or PDF file (plain text needs none)."""
    return extract_pdf(data=data) if media_type == PDF else extract_html(data=data)
