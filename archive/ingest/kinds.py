"""What kind an article is (news, feature, brief, photo, commentary, notice), decided once it is read."""

from __future__ import annotations

from . import patterns as p
from .roles import is_notice
from .types import ProposedArticle


def is_commentary(article: ProposedArticle) -> bool:
    return article.column in p.active().rules.kinds.commentary_columns or any(
        a["role"] == "评论员" for a in article.authors
    )


def is_interview(article: ProposedArticle) -> bool:
    """Questions and answers (记者：… / 某某：…)."""
    paragraphs = [line for s in article.body_sections for line in s.text.split("\n")]
    return sum(1 for line in paragraphs if p.active().question.match(line)) >= 2


def finish(article: ProposedArticle) -> None:
    """Tidy the sections, credit the photographers, decide the kind, flag text that stops mid-sentence."""
    for sec in article.sections:
        sec.text = sec.text.strip()
        credit = (
            p.match(p.PHOTO_CREDIT_RE, sec.text, search=True)
            or p.match(p.active().picture_by, sec.text, search=True)
            if sec.kind == "caption"
            else None
        )
        if credit:
            known = {(a["name"], a["role"]) for a in article.authors}
            for person in p.parse_people(p.filled(credit, "names"), default_role="摄影"):
                if (person.name, "摄影") not in known:
                    article.authors.append({"name": person.name, "role": "摄影"})
    article.sections = [s for s in article.sections if s.text]
    body = "".join(s.text for s in article.body_sections)
    captions = [s for s in article.sections if s.kind == "caption"]
    if is_notice(article.headline):
        article.kind = "notice"
    elif is_commentary(article):
        article.kind = "commentary"
    elif (captions or p.PHOTO_CREDIT_RE.search(body)) and len(body) < 300:
        article.kind = "photo"
    elif len(body) < 300:
        article.kind = "brief"
    elif len(article.body_sections) >= 2 or len(body) > 1800:
        article.kind = "feature"
    else:
        article.kind = "news"
    last = body.split("\n")[-1] if body else ""
    list_item = last.startswith(("■", "◆", "●", "·", "-")) or p.TABLE_RE.search(last)
    if (
        body
        and not list_item
        and not p.ends_sentence(body)
        and not p.ends_sentence(body.rstrip("）)"))
        and not p.PHOTO_CREDIT_RE.search(last)
        and not article.source_note
    ):
        article.flag("正文似乎不完整")
