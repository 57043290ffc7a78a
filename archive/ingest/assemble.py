"""Assemble articles and sections from the classified blocks of a page.

One handler per role kind (``HANDLERS``), all sharing the page's ``Builder``: title groups (column
label, kicker, headline, subheadline, byline) open articles, datelines and article-end marks
(signatures, source notes, continuation markers) close them, subheads open sections, captions are
kept apart. Where the page prints its headlines away from their bodies, headlines are matched to
bodies by shared wording once the page is read, and the article is flagged for review.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from . import patterns as p
from .builder import Builder, set_byline
from .groups import GROUP, credited, following_text, group_end, open_from_group, open_part
from .roles import Role, RoleKind, is_notice
from .titles import bigram_weights, overlap
from .types import ProposedArticle, ProposedSection

SIGNED_PARAGRAPH_MIN = 40  # characters: a paragraph closing with （某某） this long signs the story
TITLE_MATCH_MIN = 0.3  # weighted share of a loose headline's bigrams that a body must share


@dataclass
class Step:
    """The block being assembled, in the page's roles."""

    b: Builder
    roles: list[Role]
    i: int
    photo_before: bool  # the block before ended a picture's text with its credit

    @property
    def role(self) -> Role:
        return self.roles[self.i]

    @property
    def text(self) -> str:
        return self.roles[self.i].block.text

    def kind_at(self, n: int) -> RoleKind | None:
        return self.roles[n].kind if 0 <= n < len(self.roles) else None


# a handler returns the index of the next role to assemble
Handler = Callable[[Step], int]


def assemble(*, roles: list[Role], place_names: Collection[str]) -> list[ProposedArticle]:
    b = Builder(place_names)
    i = 0
    while i < len(roles):
        photo_before, b.photo_done = b.photo_done, False
        i = HANDLERS[roles[i].kind](Step(b=b, roles=roles, i=i, photo_before=photo_before))
    _match_loose_titles(b)
    _hinted_titles(b, hints=[h for r in roles if (h := r.info.get("hint"))])
    for a in b.articles:
        if not a.headline and a.sections and id(a) not in b.runin:
            a.flag("未找到标题")
        elif _unbalanced(a.headline):
            a.flag("标题括号不完整，请核对")
    return b.articles


def _hinted_titles(b: Builder, *, hints: list[str]) -> None:
    """A web page whose story prints no headline of its own: the headline its chrome holds (the
    page's <title>, a title bar, a breadcrumb's last item), for the first story without one."""
    if not hints:
        return
    for a in b.articles:
        if not a.headline and a.sections and id(a) not in b.runin:
            a.headline = hints[0]
            a.flag("标题取自网页标题栏或导航，请核对")
            return


_PAIRS = ("[]", "【】", "（）", "()", "“”", "《》")


def _unbalanced(headline: str) -> bool:
    """[纪实·新闻某某…: a bracket opened and never closed, a forum's category run into the headline."""
    return any(headline.count(pair[0]) != headline.count(pair[1]) for pair in _PAIRS)


def _continued_from(role: Role) -> bool:
    """（上接第1版）: the text that follows continues an article begun on another page."""
    return role.kind == RoleKind.CONTINUED and role.info["note"].startswith(("上接", "接"))


def _title_group(s: Step) -> int:
    roles, i = s.roles, s.i
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
    open_from_group(s.b, group, nxt, body_text=following_text(after))
    return j


def _heading(s: Step) -> int:
    s.b.section(heading=s.text)
    return s.i + 1


def _body(s: Step) -> int:
    b, text = s.b, s.text
    m = p.match(p.active().dateline, text)
    if s.photo_before and not m:
        # a group of pictures: each credited text is an item of its own (outside a named
        # group, one whose headline an editor should find)
        b.open_item() if b.items_column else b.open_article()
    b.photo_done = credited(text)
    if m:
        _take_dateline(b.article_awaiting_text(), m)
    elif b.closed and b.current is not None and b.current.body_sections:
        # text after an article's closing mark and before any new title: most likely the
        # same article continued (a misplaced paragraph); an editor should confirm
        b.current.flag("文末标记后仍有正文")
    if text.startswith("●") and b.current is not None and is_notice(b.current.headline):
        b.section()  # each bulleted notice under one 声明 heading is its own section
    b.add_body(s.role)
    inline = p.match(p.active().inline_signature, text, search=True)
    if inline and len(text) > SIGNED_PARAGRAPH_MIN:
        if not b.article.byline:
            set_byline(b.article, p.filled(inline, "names"))
        b.closed = True
    return s.i + 1


def _run_in(s: Step) -> int:
    b = s.b
    if b.current is not None and not b.closed and is_notice(b.current.headline):
        b.section()
    else:
        b.open_item()  # its place label or number serves as its headline
    b.add_body(s.role)
    inline = p.match(p.active().inline_signature, s.text, search=True)
    if inline:
        set_byline(b.article, p.filled(inline, "names"))
    b.closed = True  # a brief is one paragraph
    return s.i + 1


def _meta(s: Step) -> int:
    b, date = s.b, s.role.info.get("date")
    if date:
        b.pending_date = date.isoformat()
        if b.current is not None and not b.closed and not b.current.date:
            b.current.date, b.pending_date = b.pending_date, ""
    return s.i + 1


def _caption(s: Step) -> int:
    b, block = s.b, s.role.block
    caption = ProposedSection(
        kind="caption",
        text=block.text,
        span_start=block.start,
        span_end=block.end,
        lines=[line.no for line in block.lines],
    )
    # a bare credit line under a picture's text ends the item, as a credit inside it does
    b.photo_done = s.kind_at(s.i - 1) == RoleKind.BODY and credited(block.text, bare=True)
    if b.current is None or (b.closed and s.kind_at(s.i + 1) in (RoleKind.TITLE, RoleKind.COLUMN)):
        b.pending_captions.append(caption)  # printed above the article it belongs to
    else:
        b.current.sections.append(caption)
    return s.i + 1


def _signature(s: Step) -> int:
    b, role = s.b, s.role
    if b.current is None:
        return s.i + 1
    last = b.current.sections[-1] if b.current.sections else None
    part = open_part(b.current)
    # a signature straight under a caption is its credit; under the text, the story's
    if last is not None and last.kind == "caption" and s.kind_at(s.i - 1) == RoleKind.CAPTION:
        last.text += f" {role.block.text}"
    elif part is not None:
        # a package part signed at its end: the part's byline, the package goes on
        part.byline = part.byline or p.strip_decor(role.block.text.strip("（）()"))
        b.current.authors.extend(x.as_dict() for x in p.parse_people(part.byline))
    else:
        if not b.current.byline:
            set_byline(b.current, role.info["names"])
        b.closed = True
    return s.i + 1


def _continued(s: Step) -> int:
    b, role = s.b, s.role
    if _continued_from(role):
        # （上接第1版）: the text that follows continues an article begun on another page
        b.article_awaiting_text().source_note = role.info["note"]
        return s.i + 1
    return _end_note(s)  # （下转第2版） closes the article, as a source note does


def _end_note(s: Step) -> int:
    if s.b.current is not None:
        s.b.current.source_note = s.role.info["note"]
        s.b.closed = True
    return s.i + 1


HANDLERS: dict[RoleKind, Handler] = {
    **dict.fromkeys(GROUP, _title_group),
    RoleKind.HEADING: _heading,
    RoleKind.BODY: _body,
    RoleKind.RUNIN: _run_in,
    RoleKind.META: _meta,
    RoleKind.CAPTION: _caption,
    RoleKind.SIGNATURE: _signature,
    RoleKind.CONTINUED: _continued,
    RoleKind.SOURCE: _end_note,
}


def _take_dateline(article: ProposedArticle, m: dict[str, str | None]) -> None:
    article.dateline = p.filled(m, "dateline")
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
        if score < TITLE_MATCH_MIN or ti in used_t or ai in used_a:
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
