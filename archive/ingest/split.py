"""Split a cleaned page (blocks) into articles and sections.

The rules are typographic and generic: title groups (column label, kicker, headline, subheadline,
byline) open articles, datelines and article-end marks (signatures, source notes, continuation
markers) close them, subheads open sections, captions are kept apart. Where the page prints its
headlines away from their bodies, headlines are matched to bodies by shared wording and the article
is flagged for review.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from . import patterns as p
from .clean import Block, blocks_from_lines, is_subhead, letter_spaced, looks_like_heading, split_lines
from .kinds import finish, is_commentary, is_interview
from .roles import Role, classify, is_notice
from .script import simplified
from .titles import bigram_weights, main_title, merge_wrapped_titles, overlap
from .types import ProposedArticle, ProposedPage, ProposedSection

# the label of a box printed with an article (background, a glossary): part of that article
SIDEBAR_LABELS = (
    "相关链接",
    "链接",
    "新闻链接",
    "背景链接",
    "知识链接",
    "延伸阅读",
    "背景",
    "背景资料",
    "名词解释",
    "小知识",
)


def split_page(*, text: str, place_names: Collection[str] = ()) -> ProposedPage:
    blocks = blocks_from_lines(lines=split_lines(text=text))
    blocks, dropped = drop_repeats(blocks=blocks)
    roles = [
        classify(
            block=b,
            prev=blocks[i - 1] if i else None,
            next_=blocks[i + 1] if i + 1 < len(blocks) else None,
            place_names=place_names,
        )
        for i, b in enumerate(blocks)
    ]
    articles = _assemble(roles=roles, place_names=place_names)
    for article in articles:
        finish(article)
    return ProposedPage(articles=[a for a in articles if a.sections], dropped=dropped)


def drop_repeats(*, blocks: list[Block]) -> tuple[list[Block], list[dict]]:
    """Drop paragraphs repeated verbatim on the page (and short furniture inside a repeated run)."""
    seen: set[str] = set()
    kept: list[Block] = []
    dropped: list[dict] = []
    in_run = False
    for block in blocks:
        key = re.sub(r"\s", "", block.text)
        repeat = key in seen and (len(key) >= 20 or in_run)
        if repeat:
            dropped.append({"lines": [block.first_no, block.last_no], "text": block.text})
        else:
            kept.append(block)
        in_run = repeat
        seen.add(key)
    return kept, dropped


def _continued_from(role: Role) -> bool:
    return role.kind == "continued" and role.info["note"].startswith(("上接", "接"))


class _Builder:
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
        self.runin: set[int] = set()  # briefs led by a place label, which need no headline

    # -- articles -------------------------------------------------------------------------
    def open_article(self) -> ProposedArticle:
        self.current = ProposedArticle(sections=self.pending_captions, date=self.pending_date)
        self.pending_captions, self.pending_date = [], ""
        self.articles.append(self.current)
        self.closed = False
        return self.current

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
        _append(sec, role.block)

    def apply_title_group(self, group: list[Role], *, article: ProposedArticle) -> None:
        for r in group:
            if r.kind == "column":
                article.column = r.info["label"]
            elif r.kind == "byline":
                _set_byline(article, r.block.text)
        titles = merge_wrapped_titles([r for r in group if r.kind == "title"])
        if len(titles) == 1:
            article.headline = titles[0][0]
        elif len(titles) >= 2:
            main = main_title(titles)
            article.headline = titles[main][0]
            if main > 0:
                article.kicker = " ".join(t for t, _ in titles[:main])
            article.subheadline = " ".join(t.lstrip("—") for t, _ in titles[main + 1 :])


def _append(sec: ProposedSection, block: Block) -> None:
    sec.text = f"{sec.text}\n{block.text}" if sec.text else block.text
    if not sec.lines:
        sec.span_start = block.start
    sec.span_end = block.end
    sec.lines.extend(line.no for line in block.lines)


def _set_byline(article: ProposedArticle, text: str) -> None:
    byline = p.strip_decor(text)
    article.byline = f"{article.byline} {byline}".strip() if article.byline else byline
    article.authors.extend(person.as_dict() for person in p.parse_people(byline, default_role="记者"))


def _assemble(*, roles: list[Role], place_names: Collection[str]) -> list[ProposedArticle]:
    b = _Builder(place_names)
    i = 0
    while i < len(roles):
        role = roles[i]
        kind = role.kind
        if kind in ("title", "column", "byline", "place"):
            j = i
            while j < len(roles) and roles[j].kind in ("title", "column", "byline", "place"):
                j += 1
            # a place name inside a title group starts a package part: the titles before it
            # belong to the package itself
            places = [k for k in range(i + 1, j) if roles[k].kind == "place"]
            if places:
                j = places[0]
            group = roles[i:j]
            # furniture between a headline and its text (来源/发布时间) does not separate them
            k = j
            while k < len(roles) and (roles[k].kind == "meta" or _continued_from(roles[k])):
                k += 1
            nxt = roles[k] if k < len(roles) else None
            i = j
            _open_from_group(b, group, nxt)
            continue
        if kind == "heading" or (
            kind == "title" and looks_like_heading(role.block.text) and b.current and not b.closed
        ):
            b.section(heading=role.block.text)
        elif kind == "body":
            m = p.match(p.DATELINE_RE, role.block.text)
            if m:
                if b.current is None or b.closed or any(s.text for s in b.current.body_sections):
                    b.open_article()
                _take_dateline(b.current, m)
            elif b.closed and b.current is not None and b.current.body_sections:
                # text after an article's closing mark and before any new title: most likely the
                # same article continued (a misplaced paragraph); an editor should confirm
                b.current.flag("文末标记后仍有正文")
            inline = p.match(p.INLINE_SIGNATURE_RE, role.block.text, search=True)
            if role.block.text.startswith("●") and b.current is not None and is_notice(b.current.headline):
                b.section()  # each bulleted notice under one 声明 heading is its own section
            b.add_body(role)
            if inline and len(role.block.text) > 40:
                if not b.current.byline:
                    _set_byline(b.current, inline["names"])
                b.closed = True
        elif kind == "runin":
            if b.current is not None and not b.closed and is_notice(b.current.headline):
                b.section()
            else:
                b.open_article()
                b.runin.add(id(b.current))  # its place label serves as its headline
            b.add_body(role)
            inline = p.match(p.INLINE_SIGNATURE_RE, role.block.text, search=True)
            if inline:
                _set_byline(b.current, inline["names"])
            b.closed = True  # a brief is one paragraph
        elif kind == "meta":
            if role.info.get("date"):
                b.pending_date = role.info["date"].isoformat()
                if b.current is not None and not b.closed and not b.current.date:
                    b.current.date, b.pending_date = b.pending_date, ""
        elif kind == "caption":
            caption = ProposedSection(
                kind="caption",
                text=role.block.text,
                span_start=role.block.start,
                span_end=role.block.end,
                lines=[line.no for line in role.block.lines],
            )
            if b.current is None or (
                b.closed and i + 1 < len(roles) and roles[i + 1].kind in ("title", "column")
            ):
                b.pending_captions.append(caption)
            else:
                b.current.sections.append(caption)
            i += 1
            continue
            b.section(
                kind="caption",
                text=role.block.text,
                span_start=role.block.start,
                span_end=role.block.end,
                lines=[line.no for line in role.block.lines],
            )
        elif kind == "signature":
            if b.current is not None:
                last = b.current.sections[-1] if b.current.sections else None
                part = _open_part(b.current)
                if last is not None and last.kind == "caption":
                    last.text += f" {role.block.text}"
                elif part is not None:
                    # a package part signed at its end: the part's byline, the package goes on
                    part.byline = part.byline or p.strip_decor(role.block.text.strip("（）()"))
                    b.current.authors.extend(x.as_dict() for x in p.parse_people(part.byline))
                else:
                    if not b.current.byline:
                        _set_byline(b.current, role.info["names"])
                    b.closed = True
        elif _continued_from(role):
            # （上接第1版）: the text that follows continues an article begun on another page
            if b.current is None or b.closed or any(s.text for s in b.current.body_sections):
                b.open_article()
            b.current.source_note = role.info["note"]
        elif kind in ("source", "continued"):
            if b.current is not None:
                b.current.source_note = role.info["note"]
                b.closed = True
        elif kind == "title":
            b.add_body(role) if (b.current and not b.closed) else b.loose_titles.append(role)
        else:  # a stray byline/column/place with nothing after it
            b.loose_titles.append(role)
        i += 1
    _match_loose_titles(b)
    return b.articles


def _open_from_group(b: _Builder, group: list[Role], nxt: Role | None) -> None:
    titles = [r for r in group if r.kind in ("title", "place")]
    has_byline = any(r.kind == "byline" for r in group)
    followed_by_body = nxt is not None and nxt.kind in ("body", "heading", "place")
    if group[0].kind == "place" and (len(titles) >= 2 or has_byline or group[0].info.get("sub")):
        _open_package_part(b, group)
        return
    in_notice = b.current is not None and not b.closed and is_notice(b.current.headline)
    inside_article = b.current is not None and not b.closed and any(s.text for s in b.current.body_sections)
    strong = (
        has_byline
        or any(r.block.markup for r in group)
        or any(r.kind == "column" for r in group)
        # a notice (遗失声明) is never part of the story printed above it
        or any(is_notice(r.block.text) for r in titles)
    )
    dateline_next = followed_by_body and p.match(p.DATELINE_RE, nxt.block.text) is not None
    # a commentary or an interview has no subheads: a headline after its text starts the next article
    in_commentary = inside_article and (is_commentary(b.current) or is_interview(b.current))
    if inside_article and followed_by_body and group[0].kind == "column" and _sidebar(group[0]):
        sec = b.section(heading=group[0].info["label"])
        sec.subheading = " ".join(r.block.text for r in group[1:] if r.kind == "title")
        return
    if in_notice or (inside_article and followed_by_body and not (strong or dateline_next or in_commentary)):
        # short unpunctuated lines inside running text: subheads, infographic labels, signatures
        for r in group:
            if (
                r.kind == "title"
                and followed_by_body
                and (
                    looks_like_heading(r.block.text) or _subhead(r, group, nxt, before=b.body_section().text)
                )
            ):
                b.section(heading=r.block.text)
            else:
                b.add_body(r)
        return
    body_text = _following_text(nxt)
    if (
        len(titles) > 3
        or not followed_by_body
        or (len(titles) == 3 and max(overlap(t.block.text, body_text) for t in titles) < 0.15)
    ):
        # headlines printed apart from their bodies: matched by wording once the page is read
        b.loose_titles.extend(group)
        return
    article = (
        b.current
        if (b.current is not None and not b.closed and not any(s.text for s in b.current.sections))
        else b.open_article()
    )
    b.apply_title_group(group, article=article)


def _sidebar(role: Role) -> bool:
    return simplified(role.info["label"]).strip() in SIDEBAR_LABELS


def _subhead(role: Role, group: list[Role], nxt: Role, *, before: str) -> bool:
    """A lone short line between finished running text and a paragraph of it: a subhead.

    Labels of an infographic are followed by figures or short lines, not by running text;
    a line of a sentence the extraction set apart follows text that has not ended, or is
    letter-spaced like the justified line of running text it is.
    """
    text = nxt.block.text
    return (
        len(group) == 1
        and p.ends_sentence(before)
        and not letter_spaced(role.block)
        and is_subhead(role.block.text)
        and nxt.kind == "body"
        and len(text) >= 60
        and p.ends_sentence(text)
    )


def _open_package_part(b: _Builder, group: list[Role]) -> None:
    article = b.current or b.open_article()
    head = group[0]
    sec = b.section(heading=head.info.get("label", head.block.text))
    subs = [head.info["sub"]] if head.info.get("sub") else []
    sec.subheading = " ".join(subs + [r.block.text for r in group[1:] if r.kind == "title"])
    bylines = [p.strip_decor(r.block.text) for r in group if r.kind == "byline"]
    sec.byline = " ".join(bylines)
    for byline in bylines:
        article.authors.extend(person.as_dict() for person in p.parse_people(byline, default_role="记者"))
    b.closed = False


def _open_part(article: ProposedArticle) -> ProposedSection | None:
    """The package part being read, if the article is a package (its last part has a place heading)."""
    bodies = article.body_sections
    return bodies[-1] if len(bodies) >= 1 and bodies[-1].heading and bodies[-1].subheading else None


def _following_text(nxt: Role | None) -> str:
    return nxt.block.text[:800] if nxt is not None else ""


def _take_dateline(article: ProposedArticle, m: dict[str, str]) -> None:
    article.dateline = m["dateline"]
    credit = m["credit"] or ""
    if credit and not article.byline:
        # names in a wire dateline's brackets are its reporters
        article.byline = credit
        article.authors.extend(x.as_dict() for x in p.parse_people(credit, default_role="记者"))


def _match_loose_titles(b: _Builder) -> None:
    """Give headline-less articles the loose headline that shares most wording with their text."""
    titles = [r for r in b.loose_titles if r.kind == "title"]
    candidates = [a for a in b.articles if not a.headline and a.sections and id(a) not in b.runin]
    leads = [" ".join(s.text for s in a.body_sections)[:600] for a in candidates]
    weights = bigram_weights(leads)
    scores = []
    for ti, t in enumerate(titles):
        for ai, lead in enumerate(leads):
            scores.append((overlap(t.block.text, lead, weights=weights), ti, ai))
    used_t, used_a = set(), set()
    for score, ti, ai in sorted(scores, reverse=True):
        if score < 0.3 or ti in used_t or ai in used_a:
            continue
        used_t.add(ti)
        used_a.add(ai)
        article = candidates[ai]
        article.headline = titles[ti].block.text
        article.flag("标题与正文分离，按内容匹配")
        for follower in b.loose_titles[b.loose_titles.index(titles[ti]) + 1 :]:
            if follower.kind == "byline" and not article.byline:
                _set_byline(article, follower.block.text)
            elif follower.kind == "column" and not article.column:
                article.column = follower.info["label"]
            else:
                break
    for a in candidates:
        if not a.headline:
            a.flag("未找到标题")
