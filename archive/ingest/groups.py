"""Title groups: what a run of title, column, byline and place lines opens — an article, a section,
a package part, a run of briefs or pictures — or a headline printed away from its body."""

from __future__ import annotations

from . import patterns as p
from .builder import Builder, set_byline
from .clean import is_subhead, letter_spaced, looks_like_heading
from .kinds import is_commentary, is_interview
from .roles import Role, RoleKind, is_notice
from .script import simplified
from .titles import is_series, merge_wrapped_titles, overlap
from .types import ProposedArticle, ProposedSection

# the roles a title group is made of
GROUP = (RoleKind.TITLE, RoleKind.COLUMN, RoleKind.BYLINE, RoleKind.PLACE)


def group_end(roles: list[Role], i: int) -> int:
    """Past the title group that starts at i; furniture between a headline and its byline (a
    post's 原创 line, a follow prompt) does not part them."""
    j = i
    while j < len(roles):
        if roles[j].kind in GROUP:
            j += 1
            continue
        k = j
        while k < len(roles) and roles[k].kind == RoleKind.META and not roles[k].info.get("date"):
            k += 1
        if k == j or k == len(roles) or not _goes_with_title(roles, k):
            return j
        j = k
    return j


def _goes_with_title(roles: list[Role], k: int) -> bool:
    """Past furniture under a headline: its byline, or a channel label straight over the text
    (a post's 要闻 under its date line)."""
    if roles[k].kind == RoleKind.BYLINE:
        return True
    nxt = roles[k + 1] if k + 1 < len(roles) else None
    return roles[k].kind == RoleKind.COLUMN and nxt is not None and nxt.kind == RoleKind.BODY


ITEMS_LABEL_MAX = 8  # characters: a label straight over briefs names their column
APART_OVERLAP_MAX = 0.15  # three titles sharing less wording with the text below are printed apart


def open_from_group(b: Builder, group: list[Role], nxt: Role | None, *, body_text: str) -> None:
    titles = [r for r in group if r.kind in (RoleKind.TITLE, RoleKind.PLACE)]
    has_byline = any(r.kind == RoleKind.BYLINE for r in group)
    b.items_column = ""
    # the text the group stands over, when text follows it
    body = nxt if nxt is not None and nxt.kind in (RoleKind.BODY, RoleKind.HEADING, RoleKind.PLACE) else None
    followed_by_body = body is not None
    if _opens_items(b, group, nxt, body=body):
        return
    if group[0].kind == RoleKind.PLACE and (len(titles) >= 2 or has_byline or group[0].info.get("sub")):
        _open_package_part(b, group)
        return
    if _goes_on_in_article(b, group, body=body):
        return
    if (
        has_byline
        and all(r.kind == RoleKind.BYLINE for r in group)
        and followed_by_body
        and b.current is not None
        and _after_editors_note(b.current)
    ):
        # 编者按 between the headline and the byline: the story begins after the note
        for r in group:
            set_byline(b.current, r.block.text)
        b.section()
        return
    if not followed_by_body or _printed_apart(titles, body_text=body_text):
        # headlines printed apart from their bodies: matched by wording once the page is read
        b.loose_titles.extend(group)
        return
    article = (
        b.current
        if (b.current is not None and not b.closed and not any(s.text for s in b.current.sections))
        else b.open_article()
    )
    b.apply_title_group(group, article=article)


def _opens_items(b: Builder, group: list[Role], nxt: Role | None, *, body: Role | None) -> bool:
    """A label over a run of items (briefs, pictures): it names their column and opens no article."""
    label = group[0]
    if (
        nxt is not None
        and nxt.kind == RoleKind.RUNIN
        and len(group) == 1
        and len(label.block.text) <= ITEMS_LABEL_MAX
    ):
        # a short label straight over numbered or place-led briefs: their column
        b.items_column = label.info.get("label", label.block.text)
        return True
    if len(group) == 1 and is_series(label.block.text) and body is not None and credited(body.block.text):
        # 镜头·京蒙协作在锡林郭勒 over credited pictures: the name of the group, each picture an item
        b.items_column = label.block.text
        b.open_item()
        return True
    return False


def _goes_on_in_article(b: Builder, group: list[Role], *, body: Role | None) -> bool:
    """Title-like lines inside the article being read (`body`: the text under them, if any): a
    sidebar's label, subheads, or lines of the text itself. False when they start something new."""
    current = b.current
    if current is None or b.closed:
        return False
    in_notice = is_notice(current.headline)
    inside_article = any(s.text for s in current.body_sections)
    if inside_article and body is not None and group[0].kind == RoleKind.COLUMN and _sidebar(group[0]):
        sec = b.section(heading=group[0].info["label"])
        sec.subheading = " ".join(r.block.text for r in group[1:] if r.kind == RoleKind.TITLE)
        return True
    if in_notice or (inside_article and body is not None and not _starts_article(current, group, body)):
        # short unpunctuated lines inside running text: subheads, infographic labels, signatures
        for r in group:
            if (
                r.kind == RoleKind.TITLE
                and body is not None
                and (
                    looks_like_heading(r.block.text) or _subhead(r, group, body, before=b.body_section().text)
                )
            ):
                b.section(heading=r.block.text)
            else:
                b.add_body(r)
        return True
    return False


def _starts_article(article: ProposedArticle, group: list[Role], nxt: Role) -> bool:
    """Inside an article's text, a title group that still starts a new article: one with a byline,
    a marked or column line, a notice's headline, or a dateline under it; any after a commentary
    or an interview (which have no subheads)."""
    titles = [r for r in group if r.kind in (RoleKind.TITLE, RoleKind.PLACE)]
    return (
        any(r.kind == RoleKind.BYLINE for r in group)
        or any(r.block.markup for r in group)
        or any(r.kind == RoleKind.COLUMN for r in group)
        # a notice (遗失声明) is never part of the story printed above it
        or any(is_notice(r.block.text) for r in titles)
        or p.match(p.active().dateline, nxt.block.text) is not None
        or is_commentary(article)
        or is_interview(article)
    )


def _printed_apart(titles: list[Role], *, body_text: str) -> bool:
    """More titles than one article has (a headline set over two lines counts once), or three that
    share little wording with the text below: headlines printed away from their bodies."""
    count = len(merge_wrapped_titles([r for r in titles if r.kind == RoleKind.TITLE])) + sum(
        r.kind == RoleKind.PLACE for r in titles
    )
    return count > 3 or (
        count == 3 and max(overlap(t.block.text, body_text) for t in titles) < APART_OVERLAP_MAX
    )


def _after_editors_note(article: ProposedArticle) -> bool:
    """The article so far is its headline and an editor's note."""
    bodies = article.body_sections
    return len(bodies) == 1 and p.active().editor_note.match(simplified(bodies[0].heading)) is not None


def credited(text: str, *, bare: bool = False) -> bool:
    """Text that ends with a photographer's credit (…（记者 某某 摄）); bare: the credit alone."""
    m = p.match(p.PHOTO_CREDIT_RE, text, search=True)
    if m is None or not bare:
        return m is not None
    before = text[: text.rfind(p.filled(m, "names"))].strip(" \u3000（(")
    return before == "" or before in p.active().rules.bylines.roles


def _sidebar(role: Role) -> bool:
    # the label of a box printed with an article (background, a glossary): part of that article
    return simplified(role.info["label"]).strip() in p.active().rules.labels.sidebar_labels


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
        and nxt.kind == RoleKind.BODY
        and len(text) >= 60
        and p.ends_sentence(text)
    )


def _open_package_part(b: Builder, group: list[Role]) -> None:
    article = b.current or b.open_article()
    head = group[0]
    sec = b.section(heading=head.info.get("label", head.block.text))
    subs = [head.info["sub"]] if head.info.get("sub") else []
    sec.subheading = " ".join(subs + [r.block.text for r in group[1:] if r.kind == RoleKind.TITLE])
    bylines = [p.strip_decor(r.block.text) for r in group if r.kind == RoleKind.BYLINE]
    sec.byline = " ".join(bylines)
    for byline in bylines:
        article.authors.extend(person.as_dict() for person in p.parse_people(byline, default_role="记者"))
    b.closed = False


def open_part(article: ProposedArticle) -> ProposedSection | None:
    """The package part being read, if the article is a package (its last part has a place heading)."""
    bodies = article.body_sections
    return bodies[-1] if len(bodies) >= 1 and bodies[-1].heading and bodies[-1].subheading else None


def following_text(nxt: Role | None) -> str:
    return nxt.block.text[:800] if nxt is not None else ""
