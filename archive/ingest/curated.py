"""Build a page's proposed structure from an editor's curated description (fixtures/curated/*.json).

The curated file names raw line ranges; text is rebuilt from the raw page with the same cleaning
the automatic pipeline uses, so curated and automatic output are directly comparable.
"""

from __future__ import annotations

from .clean import blocks_from_lines, column_width, indents_mark_paragraphs, split_lines
from .decode import IngestError
from .types import ProposedArticle, ProposedPage, ProposedSection

CURATED_SCORE = 1.0


def proposed_from_curated(*, data: dict, text: str) -> ProposedPage:
    lines = split_lines(text=text)
    width = column_width(lines)
    indents = indents_mark_paragraphs(lines)
    articles = []
    for entry in data.get("articles", []):
        article = ProposedArticle(
            **{key: entry.get(key, default) for key, default in _ARTICLE_FIELDS.items()},
            cities=dict.fromkeys(entry.get("cities", []), CURATED_SCORE),
            themes=dict.fromkeys(entry.get("themes", []), CURATED_SCORE),
        )
        for sec in entry.get("sections", []):
            chosen = [line for s, e in sec["body"] for line in lines[s - 1 : e]]
            if not any(line.text for line in chosen):
                raise IngestError(f"整理文件 {data.get('source')} 的段落行号 {sec['body']} 没有文字")
            blocks = blocks_from_lines(lines=chosen, width=width, indents=indents)
            article.sections.append(
                ProposedSection(
                    kind=sec.get("kind", "body"),
                    heading=sec.get("heading", ""),
                    subheading=sec.get("subheading", ""),
                    byline=sec.get("byline", ""),
                    text="\n".join(b.text for b in blocks),
                    span_start=min(b.start for b in blocks),
                    span_end=max(b.end for b in blocks),
                    lines=[line.no for b in blocks for line in b.lines],
                    cities=dict.fromkeys(sec.get("cities", []), CURATED_SCORE),
                    themes=dict.fromkeys(sec.get("themes", []), CURATED_SCORE),
                )
            )
        articles.append(article)
    return ProposedPage(
        articles=articles,
        dropped=[{"lines": list(r)} for r in data.get("dropped", [])],
        publication=data.get("publication", ""),
        date=data.get("date", ""),
        label=data.get("page", ""),
        provenance=data.get("provenance", ""),
    )


_ARTICLE_FIELDS = {
    "kind": "news",
    "column": "",
    "kicker": "",
    "headline": "",
    "subheadline": "",
    "byline": "",
    "authors": [],
    "dateline": "",
    "date": "",
    "source_note": "",
    "needs_review": False,
    "review_reason": "",
}
