"""A page PDF with a text layer → its text in reading order, an image of the printed page and the
regions of its articles. Bad PDFs are refused with a one-line reason before any heavy work:
over-size files, corrupt or encrypted ones, too many pages, absurd page sizes (a PDF bomb),
pages without a text layer (a scan: OCR first). Only the first page of a longer PDF is read."""

from __future__ import annotations

import io
import logging

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from ..decode import IngestError
from .extracted import PDF, Extracted
from .pdflayout import lay_out, words_from

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PAGES = 50  # a page PDF has one page; a whole issue a few dozen; more is not a page
MAX_SIDE_PT = 5000.0  # ≈ 1.76 m; the largest broadsheet is under 1700 pt
MIN_SIDE_PT = 72.0
MAX_CHARS = 60_000  # a dense broadsheet page holds ~20,000 characters
MIN_CHARS = 20  # fewer characters than this is no text layer, only stray marks
IMAGE_MAX_SIDE = 1600  # pixels: enough to read headlines on screen, ~0.5 MB as PNG
IMAGE_DPI = 150

for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def extract_pdf(*, data: bytes) -> Extracted:
    if len(data) > MAX_PDF_BYTES:
        raise IngestError(
            f"PDF 文件过大（{len(data) // 1024 // 1024} MB，上限 {MAX_PDF_BYTES // 1024 // 1024} MB）"
        )
    doc = _open(data)
    try:
        pages = len(doc)
        page = _first_page(doc, pages)
        image = _render(page)
    finally:
        doc.close()
    out = _layout(data)
    out.image_png = image
    if pages > 1:
        out.warnings.append(f"PDF 共 {pages} 页，只导入了第 1 页（其余各页请分别导出为单页 PDF 再导入）")
    return out


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError("PDF 已加密，需要密码才能打开；请导出未加密的版本") from exc
        raise IngestError("PDF 文件已损坏，无法打开") from exc


def _first_page(doc: pdfium.PdfDocument, pages: int) -> pdfium.PdfPage:
    """Cheap checks on the document's structure before any page is read or drawn."""
    if pages == 0:
        raise IngestError("PDF 没有页面")
    if pages > MAX_PAGES:
        raise IngestError(f"PDF 页数过多（{pages} 页，上限 {MAX_PAGES} 页），不像是报纸版面")
    page = doc[0]
    width, height = page.get_size()
    if max(width, height) > MAX_SIDE_PT or min(width, height) < MIN_SIDE_PT:
        raise IngestError(f"PDF 页面尺寸异常（{width:.0f}×{height:.0f} 点），不像是报纸版面")
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range() if count <= MAX_CHARS else ""
    finally:
        textpage.close()
    if count > MAX_CHARS:
        raise IngestError(f"PDF 页面文字过多（{count} 字，上限 {MAX_CHARS} 字），不像是一个版面")
    if sum(1 for ch in text if ch.isalnum()) < MIN_CHARS:
        raise IngestError("PDF 无文字层（可能是扫描件），需要先做 OCR 再导入")
    return page


def _render(page: pdfium.PdfPage) -> bytes:
    width, height = page.get_size()
    scale = min(IMAGE_DPI / 72, IMAGE_MAX_SIDE / max(width, height))
    bitmap = page.render(scale=scale)
    buf = io.BytesIO()
    bitmap.to_pil().convert("RGB").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _layout(data: bytes) -> Extracted:
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[1]) as pdf:
            page = pdf.pages[0]
            raw = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False)
            x0, top, x1, bottom = page.bbox
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise IngestError("PDF 文件已损坏，无法读取文字") from exc
    words = words_from(raw)
    if not words:
        raise IngestError("PDF 无文字层（可能是扫描件），需要先做 OCR 再导入")
    layout = lay_out(words=words, width=x1 - x0, height=bottom - top, origin=(x0, top))
    return Extracted(text=layout.text, media_type=PDF, regions=layout.regions)
