"""The state of a page being assembled: the article and section being read, what waits for them."""

from __future__ import annotations

import re
from collections.abc import Collection

from . import patterns as p
from .clean import Block
from .roles import Role, RoleKind
from .titles import main_title, merge_wrapped_titles, parse_title_line
from .types import ProposedArticle, ProposedSection


class Builder:
    """Walks the classified blocks once, opening and closing articles and sections."""

    def __init__(self, place_names: Collection[str]):
        self.place_names = place_names
        self.articles: list[ProposedArticle] = []
        self.current: ProposedArticle | None = None
        self.pending: list[Role] = []  # title-group roles not yet attached
        self.loose_titles: list[Role] = []  # headlines printed away from any body
        self.closed = True
        self.pending_captions: list[ProposedSection] = []  # captions printed above their article
        self.pending_date = ""  # a 发布时间 line printed above its article
        # items that need no headline: briefs led by a place label or a number, pictures of a group
        self.runin: set[int] = set()
        self.items_column = ""  # the label over a run of briefs or pictures (要闻快讯, 镜头·…)
        self.photo_done = False  # the last block ended a picture's text with its credit (某某 摄)

    @property
    def article(self) -> ProposedArticle:
        """The article being read, for a step that has opened one or added text (which opens one).
        It may be closed already: text after an article's closing mark still goes to it."""
        assert self.current is not None, "no article has been opened"
        return self.current

    def article_awaiting_text(self) -> ProposedArticle:
        """The article a dateline or a continuation mark begins: the one open (by its title) while it
        has no text yet, the mark being its beginning, not the beginning of another; else a new one."""
        current = self.current
        if current is not None and not self.closed and not any(s.text for s in current.body_sections):
            return current
        return self.open_article()

    # -- articles -------------------------------------------------------------------------
    def open_article(self) -> ProposedArticle:
        self.current = ProposedArticle(sections=self.pending_captions, date=self.pending_date)
        self.pending_captions, self.pending_date = [], ""
        self.articles.append(self.current)
        self.closed = False
        return self.current

    def open_item(self) -> ProposedArticle:
        """An item of a run (a brief, a picture) in the column its label names, with no headline."""
        article = self.open_article()
        article.column = self.items_column
        self.runin.add(id(article))
        return article

    def section(self, **kwargs) -> ProposedSection:
        article = self.current or self.open_article()
        sec = ProposedSection(**kwargs)
        article.sections.append(sec)
        return sec

    def body_section(self) -> ProposedSection:
        article = self.current
        bodies = article.body_sections if article else []
        if article is None or not bodies or article.sections[-1].kind != "body":
            # after a caption the body continues in the last body section
            return bodies[-1] if bodies else self.section()
        return bodies[-1]

    def add_body(self, role: Role) -> None:
        sec = self.body_section()
        append_block(sec, role.block)

    def apply_title_group(self, group: list[Role], *, article: ProposedArticle) -> None:
        for r in group:
            if r.kind == RoleKind.COLUMN:
                article.column = r.info["label"]
            elif r.kind == RoleKind.BYLINE:
                set_byline(article, r.block.text)
        titles = _once(merge_wrapped_titles([r for r in group if r.kind == RoleKind.TITLE]))
        if len(titles) == 1:
            line = parse_title_line(titles[0][0])
            article.headline, article.column = line.headline, article.column or line.column
            article.subheadline = line.subheadline
        elif len(titles) >= 2:
            main = main_title(titles)
            article.headline = titles[main][0]
            if main > 0:
                article.kicker = " ".join(t for t, _ in titles[:main])
            article.subheadline = " ".join(t.lstrip("—") for t, _ in titles[main + 1 :])


def _once(titles: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """A headline printed twice in one title group (a page's title bar and the story's own) counts once."""
    seen: set[str] = set()
    out = []
    for text, marked in titles:
        key = re.sub(r"\s", "", text)
        if key not in seen:
            out.append((text, marked))
        seen.add(key)
    return out


def append_block(sec: ProposedSection, block: Block) -> None:
    sec.text = f"{sec.text}\n{block.text}" if sec.text else block.text
    if not sec.lines:
        sec.span_start = block.start
    sec.span_end = block.end
    sec.lines.extend(line.no for line in block.lines)


def set_byline(article: ProposedArticle, text: str) -> None:
    byline = p.strip_decor(text)
    article.byline = f"{article.byline} {byline}".strip() if article.byline else byline
    article.authors.extend(person.as_dict() for person in p.parse_people(byline, default_role="记者"))
