"""The proposed structure of a page, shared by the automatic splitter and the curated loader."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ProposedSection:
    kind: str = "body"
    heading: str = ""
    subheading: str = ""
    byline: str = ""
    text: str = ""
    span_start: int = 0
    span_end: int = 0
    lines: list[int] = field(default_factory=list)
    cities: dict[str, float] = field(default_factory=dict)  # name → score
    themes: dict[str, float] = field(default_factory=dict)


@dataclass
class ProposedArticle:
    kind: str = "news"
    column: str = ""
    kicker: str = ""
    headline: str = ""
    subheadline: str = ""
    byline: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    dateline: str = ""
    date: str = ""  # ISO date stated by the text, "" when unknown
    source_note: str = ""
    publication: str = ""  # the paper a citation line or byline names for this story, as printed
    label: str = ""  # the page (版次) its citation line names, as printed: 04版
    region: list[float] = field(default_factory=list)  # [x0, y0, x1, y1] on the page image, as fractions
    needs_review: bool = False
    review_reason: str = ""
    sections: list[ProposedSection] = field(default_factory=list)
    cities: dict[str, float] = field(default_factory=dict)
    themes: dict[str, float] = field(default_factory=dict)

    def flag(self, reason: str) -> None:
        self.needs_review = True
        self.review_reason = "；".join(r for r in (self.review_reason, reason) if r)

    @property
    def body_sections(self) -> list[ProposedSection]:
        return [s for s in self.sections if s.kind == "body"]


@dataclass
class ProposedPage:
    articles: list[ProposedArticle]
    dropped: list[dict] = field(default_factory=list)  # {"lines": [s, e], "text": ...}
    publication: str = ""
    date: str = ""
    label: str = ""
    provenance: str = ""
    source_url: str = ""  # the page's address when the page gives one
    date_inferred: bool = False  # date only implied (e.g. by source_url), never printed
    media_type: str = "text/plain"  # what came in: text/plain, text/html, application/pdf

    def as_dict(self) -> dict:
        return asdict(self)
