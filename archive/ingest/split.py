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
from .builder import Builder, set_byline
from .classify import classify
from .clean import (
    Block,
    blocks_from_lines,
    drop_running_heads,
    looks_like_heading,
    split_lines,
)
from .groups import GROUP, credited, following_text, group_end, open_from_group, open_part
from .kinds import finish
from .roles import Role, RoleKind, is_notice
from .runs import drop_furniture_runs
from .titles import bigram_weights, overlap
from .types import ProposedArticle, ProposedPage, ProposedSection


def split_page(*, text: str, place_names: Collection[str] = ()) -> ProposedPage:
    blocks = blocks_from_lines(lines=drop_running_heads(split_lines(text=text)))
    blocks, dropped = drop_repeats(blocks=blocks)
    roles = drop_furniture_runs(
        [
            classify(
                block=b,
                prev=blocks[i - 1] if i else None,
                next_=blocks[i + 1] if i + 1 < len(blocks) else None,
                place_names=place_names,
            )
            for i, b in enumerate(blocks)
        ]
    )
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
    return role.kind == RoleKind.CONTINUED and role.info["note"].startswith(("上接", "接"))


def _assemble(*, roles: list[Role], place_names: Collection[str]) -> list[ProposedArticle]:
    b = Builder(place_names)
    i = 0
    while i < len(roles):
        role = roles[i]
        kind = role.kind
        photo_done, b.photo_done = b.photo_done, False
        if kind in GROUP:
            j = group_end(roles, i)
            # a place name inside a title group starts a package part: the titles before it
            # belong to the package itself
            places = [k for k in range(i + 1, j) if roles[k].kind == RoleKind.PLACE]
            if places:
                j = places[0]
            # furniture inside a title group (a post's 原创 line, a follow prompt) is not part of it
            group = [r for r in roles[i:j] if r.kind != RoleKind.META]
            # furniture between a headline and its text (来源/发布时间) does not separate them
            k = j
            while k < len(roles) and (roles[k].kind == RoleKind.META or _continued_from(roles[k])):
                k += 1
            nxt = roles[k] if k < len(roles) else None
            # an editor's note under the headline: the story's text is what follows the note
            after = roles[k + 1] if nxt is not None and nxt.info.get("note") and k + 1 < len(roles) else nxt
            i = j
            open_from_group(b, group, nxt, body_text=following_text(after))
            continue
        if kind == RoleKind.HEADING or (
            kind == RoleKind.TITLE and looks_like_heading(role.block.text) and b.current and not b.closed
        ):
            b.section(heading=role.block.text)
        elif kind == RoleKind.BODY:
            m = p.match(p.DATELINE_RE, role.block.text)
            if photo_done and not m:
                # a group of pictures: each credited text is an item of its own (outside a named
                # group, one whose headline an editor should find)
                b.open_item() if b.items_column else b.open_article()
            b.photo_done = credited(role.block.text)
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
                    set_byline(b.current, inline["names"])
                b.closed = True
        elif kind == RoleKind.RUNIN:
            if b.current is not None and not b.closed and is_notice(b.current.headline):
                b.section()
            else:
                b.open_item()  # its place label or number serves as its headline
            b.add_body(role)
            inline = p.match(p.INLINE_SIGNATURE_RE, role.block.text, search=True)
            if inline:
                set_byline(b.current, inline["names"])
            b.closed = True  # a brief is one paragraph
        elif kind == RoleKind.META:
            if role.info.get("date"):
                b.pending_date = role.info["date"].isoformat()
                if b.current is not None and not b.closed and not b.current.date:
                    b.current.date, b.pending_date = b.pending_date, ""
        elif kind == RoleKind.CAPTION:
            caption = ProposedSection(
                kind="caption",
                text=role.block.text,
                span_start=role.block.start,
                span_end=role.block.end,
                lines=[line.no for line in role.block.lines],
            )
            # a bare credit line under a picture's text ends the item, as a credit inside it does
            b.photo_done = (
                i > 0 and roles[i - 1].kind == RoleKind.BODY and credited(role.block.text, bare=True)
            )
            if b.current is None or (
                b.closed and i + 1 < len(roles) and roles[i + 1].kind in (RoleKind.TITLE, RoleKind.COLUMN)
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
        elif kind == RoleKind.SIGNATURE:
            if b.current is not None:
                last = b.current.sections[-1] if b.current.sections else None
                part = open_part(b.current)
                # a signature straight under a caption is its credit; under the text, the story's
                if (
                    last is not None
                    and last.kind == "caption"
                    and i > 0
                    and roles[i - 1].kind == RoleKind.CAPTION
                ):
                    last.text += f" {role.block.text}"
                elif part is not None:
                    # a package part signed at its end: the part's byline, the package goes on
                    part.byline = part.byline or p.strip_decor(role.block.text.strip("（）()"))
                    b.current.authors.extend(x.as_dict() for x in p.parse_people(part.byline))
                else:
                    if not b.current.byline:
                        set_byline(b.current, role.info["names"])
                    b.closed = True
        elif _continued_from(role):
            # （上接第1版）: the text that follows continues an article begun on another page
            if b.current is None or b.closed or any(s.text for s in b.current.body_sections):
                b.open_article()
            b.current.source_note = role.info["note"]
        elif kind in (RoleKind.SOURCE, RoleKind.CONTINUED):
            if b.current is not None:
                b.current.source_note = role.info["note"]
                b.closed = True
        elif kind == RoleKind.TITLE:
            b.add_body(role) if (b.current and not b.closed) else b.loose_titles.append(role)
        else:  # a stray byline/column/place with nothing after it
            b.loose_titles.append(role)
        i += 1
    _match_loose_titles(b)
    return b.articles


def _take_dateline(article: ProposedArticle, m: dict[str, str]) -> None:
    article.dateline = m["dateline"]
    credit = m["credit"] or ""
    if credit and not article.byline:
        # names in a wire dateline's brackets are its reporters
        article.byline = credit
        article.authors.extend(x.as_dict() for x in p.parse_people(credit, default_role="记者"))


def _match_loose_titles(b: Builder) -> None:
    """Give headline-less articles the loose headline that shares most wording with their text."""
    titles = [r for r in b.loose_titles if r.kind == RoleKind.TITLE]
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
            if follower.kind == RoleKind.BYLINE and not article.byline:
                set_byline(article, follower.block.text)
            elif follower.kind == RoleKind.COLUMN and not article.column:
                article.column = follower.info["label"]
            else:
                break
    for a in candidates:
        if not a.headline:
            a.flag("未找到标题")
