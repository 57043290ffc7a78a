"""What an editor should see before saving a page: where what they typed disagrees with what the
page prints. Pointed out, never corrected: the editor decides."""

from __future__ import annotations

import datetime as dt

from .ingest.dates import dateline_date, page_header_date
from .ingest.types import ProposedPage

# A story is dated the day before its paper, or a few days before for a weekly page; further than
# this from the typed date, a dateline says the typed date is probably wrong.
DATELINE_SLACK = dt.timedelta(days=7)


def disagreements(*, text: str, proposed: ProposedPage, publication: str, date: dt.date | None) -> list[str]:
    """Chinese sentences, one per disagreement between the typed paper or date and the page."""
    notes: list[str] = []
    if date is not None:
        printed = page_header_date(text.split("\n"))
        if printed is not None and printed != date:
            notes.append(f"版面页眉印有出版日期 {printed.isoformat()}，与填写的 {date.isoformat()} 不符")
        notes += _dateline_notes(proposed=proposed, date=date)
    printed_paper = proposed.publication
    if publication and printed_paper and printed_paper != publication:
        notes.append(f"版面印有报纸名“{printed_paper}”，与填写的“{publication}”不符")
    return notes


def _dateline_notes(*, proposed: ProposedPage, date: dt.date) -> list[str]:
    notes = []
    for article in proposed.articles:
        if not article.dateline:
            continue
        stated = dateline_date(dateline=article.dateline, page_date=date)
        if stated is not None and not dt.timedelta(0) <= date - stated <= DATELINE_SLACK:
            title = article.headline or "（无标题）"
            notes.append(f"《{title}》印有“{article.dateline}”，与填写的出版日期 {date.isoformat()} 不符")
    return notes
