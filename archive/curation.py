"""Editors' corrections: tags, review state, kinds and article structure.

Each function runs in one transaction, records what it did in the admin history (LogEntry) when an
actor is given, and never touches the search index: model saves and deletes are announced by
Django's model signals, bulk updates by archive.signals; the search layer listens.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Max

from .models import (
    Article,
    ArticleCity,
    ArticleTheme,
    City,
    Section,
    SectionCity,
    SectionTheme,
    TagSource,
    Theme,
)
from .retagging import retag_articles
from .selectors import section_ids_of_articles
from .signals import announce_sections_changed


class CurationError(ValueError):
    """A correction that cannot be made as asked; the message is shown to the editor."""


# ---------------------------------------------------------------- history


def log_action(*, actor, obj: models.Model, message: str, flag: int = CHANGE) -> None:
    if actor is None or not getattr(actor, "pk", None):
        return
    LogEntry.objects.create(
        user_id=actor.pk,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=flag,
        change_message=message,
    )


# ---------------------------------------------------------------- tags


def _tag_models(city: City | None, theme: Theme | None):
    if (city is None) == (theme is None):
        raise CurationError("请选择一个地区或一个主题")
    if city is not None:
        return SectionCity, ArticleCity, "city", city
    return SectionTheme, ArticleTheme, "theme", theme


def _set_tag(model, owner_field: str, owner: models.Model, target_field: str, target, active: bool) -> None:
    model.objects.update_or_create(
        **{owner_field: owner, target_field: target},
        defaults={"source": TagSource.CURATED, "score": 1.0, "active": active},
    )


@transaction.atomic
def tag_sections(
    *, sections: Iterable[Section], city: City | None = None, theme: Theme | None = None, active: bool, actor
) -> int:
    """Add (active=True) or remove (active=False) a city or theme on sections, as a curated decision."""
    section_model, _, field, target = _tag_models(city, theme)
    count = 0
    for section in sections:
        _set_tag(section_model, "section", section, field, target, active)
        log_action(actor=actor, obj=section, message=f"{'添加' if active else '移除'}{target}（人工）")
        count += 1
    return count


@transaction.atomic
def tag_articles(
    *, articles: Iterable[Article], city: City | None = None, theme: Theme | None = None, active: bool, actor
) -> int:
    """The same on whole articles: the article and each of its sections, since search filters by the
    sections' tags and an editor saying "this article is about X" means all of it."""
    section_model, article_model, field, target = _tag_models(city, theme)
    count = 0
    for article in articles:
        _set_tag(article_model, "article", article, field, target, active)
        for section in article.sections.all():
            _set_tag(section_model, "section", section, field, target, active)
        log_action(
            actor=actor, obj=article, message=f"{'添加' if active else '移除'}{target}（人工，含全部段落）"
        )
        count += 1
    return count


# ---------------------------------------------------------------- review state and kinds


@transaction.atomic
def mark_reviewed(*, articles: Iterable[Article], actor) -> int:
    """Reviewed: off the queue, and its structure counts as an editor's (re-ingest keeps it)."""
    count = 0
    for article in articles:
        article.needs_review, article.curated = False, True
        article.save(update_fields=["needs_review", "curated"])
        log_action(actor=actor, obj=article, message="标记为已审核")
        count += 1
    return count


@transaction.atomic
def set_article_kind(*, articles: Iterable[Article], kind: str, actor) -> int:
    if kind not in Article.Kind.values:
        raise CurationError(f"未知的体裁：{kind}")
    count = 0
    for article in articles:
        article.kind = kind
        article.save(update_fields=["kind"])
        log_action(actor=actor, obj=article, message=f"体裁改为{article.get_kind_display()}")
        count += 1
    return count


@transaction.atomic
def set_section_kind(*, sections: Iterable[Section], kind: str, actor) -> int:
    if kind not in Section.Kind.values:
        raise CurationError(f"未知的段落类型：{kind}")
    count = 0
    for section in sections:
        section.kind = kind
        section.save(update_fields=["kind"])
        log_action(actor=actor, obj=section, message=f"类型改为{section.get_kind_display()}")
        count += 1
    return count


@transaction.atomic
def edit_headline(
    *, article: Article, headline: str, kicker: str | None = None, subheadline: str | None = None, actor
) -> Article:
    article.headline = headline.strip()
    if kicker is not None:
        article.kicker = kicker.strip()
    if subheadline is not None:
        article.subheadline = subheadline.strip()
    article.curated = True
    article.save(update_fields=["headline", "kicker", "subheadline", "curated"])
    log_action(actor=actor, obj=article, message=f"标题改为“{article.headline}”")
    return article


# ---------------------------------------------------------------- structure


def _lock(article: Article) -> Article:
    # Re-read inside the transaction: another editor may have changed the page since the form opened.
    try:
        return Article.objects.select_for_update().get(pk=article.pk)
    except Article.DoesNotExist:
        raise CurationError("这篇文章已被删除或合并") from None


def _renumber(queryset, ordered: list) -> None:
    """Give rows the orders 1..n without tripping the (owner, order) unique constraint midway."""
    offset = (queryset.aggregate(m=Max("order"))["m"] or 0) + len(ordered) + 1
    for i, row in enumerate(ordered, start=1):
        queryset.filter(pk=row.pk).update(order=offset + i)
    queryset.filter(pk__in=[r.pk for r in ordered]).update(order=F("order") - offset)
    for i, row in enumerate(ordered, start=1):
        row.order = i


def next_article(article: Article) -> Article | None:
    return Article.objects.filter(page_id=article.page_id, order__gt=article.order).order_by("order").first()


@transaction.atomic
def merge_articles(*, first: Article, second: Article, actor) -> Article:
    """Append the second article (the one right after the first on its page) to the first."""
    first, second = _lock(first), _lock(second)
    if first.page_id != second.page_id or next_article(first) != second:
        raise CurationError("只能合并同一版面上相邻的两篇文章（后一篇并入前一篇）")
    moved = list(second.sections.order_by("order"))
    base = first.sections.aggregate(m=Max("order"))["m"] or 0
    sections = Section.objects.filter(pk__in=[s.pk for s in moved])
    sections.update(order=F("order") + base + len(moved) + 1_000)  # clear of the first's orders
    sections.update(article=first)
    _renumber(first.sections.all(), list(first.sections.order_by("order")))
    _move_article_tags(source=second, target=first)
    first.authors = first.authors + [a for a in second.authors if a not in first.authors]
    if second.needs_review:
        first.needs_review = True
        first.review_reason = "；".join(r for r in (first.review_reason, second.review_reason) if r)[:300]
    first.curated = True
    first.save()
    second_repr, second_pk = str(second), second.pk
    second.delete()
    retag_articles(articles=Article.objects.filter(pk=first.pk))
    announce_sections_changed(section_ids=section_ids_of_articles(article_ids=[first.pk]))
    log_action(actor=actor, obj=first, message=f"并入其后的文章 #{second_pk}“{second_repr}”")
    return first


def _move_article_tags(*, source: Article, target: Article) -> None:
    """The second article's curated decisions survive a merge, unless the first already has one."""
    for model, field in ((ArticleCity, "city_id"), (ArticleTheme, "theme_id")):
        have = dict(model.objects.filter(article=target).values_list(field, "source"))
        for tag in model.objects.filter(article=source, source=TagSource.CURATED):
            if have.get(getattr(tag, field)) != TagSource.CURATED:
                model.objects.update_or_create(
                    article=target,
                    **{field: getattr(tag, field)},
                    defaults={"source": TagSource.CURATED, "score": tag.score, "active": tag.active},
                )


@transaction.atomic
def split_article(*, article: Article, at: Section, headline: str = "", actor) -> Article:
    """Sections from `at` onwards become a new article right after this one on the page."""
    article = _lock(article)
    sections = list(article.sections.order_by("order"))
    if at.pk not in [s.pk for s in sections]:
        raise CurationError("该段落不属于这篇文章")
    index = [s.pk for s in sections].index(at.pk)
    if index == 0:
        raise CurationError("不能从第一个段落拆分：拆分后前一篇文章将没有段落")
    articles = list(Article.objects.filter(page_id=article.page_id).order_by("order"))
    new = Article(
        page_id=article.page_id,
        order=0,  # placed below
        kind=article.kind,
        headline=(headline or at.heading).strip()[:300],
        date=article.date,
        curated=True,
    )
    # Make room right after the article: renumber the page with a gap, then insert.
    position = [a.pk for a in articles].index(article.pk)
    page_articles = Article.objects.filter(page_id=article.page_id)
    _renumber(page_articles, articles[: position + 1] + [Article(pk=-1)] + articles[position + 1 :])
    new.order = position + 2
    new.save()
    moving = Section.objects.filter(pk__in=[s.pk for s in sections[index:]])
    moving.update(article=new)
    _renumber(new.sections.all(), sections[index:])
    article.curated = True
    article.save(update_fields=["curated"])
    retag_articles(articles=Article.objects.filter(pk__in=[article.pk, new.pk]))
    announce_sections_changed(section_ids=[s.pk for s in sections])
    log_action(actor=actor, obj=article, message=f"从段落 #{at.pk} 起拆分为新文章 #{new.pk}")
    log_action(actor=actor, obj=new, message=f"由文章 #{article.pk} 拆分而来", flag=ADDITION)
    return new


@transaction.atomic
def move_section(*, section: Section, to: Article, actor) -> Article:
    """Move a section to the end of another article on the same page; an article left without
    sections is deleted. Returns the receiving article."""
    source, to = _lock(section.article), _lock(to)
    section = Section.objects.get(pk=section.pk)
    if source.pk == to.pk:
        raise CurationError("段落已在这篇文章中")
    if source.page_id != to.page_id:
        raise CurationError("只能在同一版面的文章之间移动段落")
    last = to.sections.aggregate(m=Max("order"))["m"] or 0
    Section.objects.filter(pk=section.pk).update(article=to, order=last + 1)
    remaining = list(source.sections.order_by("order"))
    for article in (source, to):
        article.curated = True
        article.save(update_fields=["curated"])
    if remaining:
        _renumber(source.sections.all(), remaining)
        retag_articles(articles=Article.objects.filter(pk__in=[source.pk, to.pk]))
    else:
        log_action(actor=actor, obj=source, message="最后一个段落移出后删除", flag=DELETION)
        source.delete()
        retag_articles(articles=Article.objects.filter(pk=to.pk))
    announce_sections_changed(
        section_ids=[section.pk, *section_ids_of_articles(article_ids=[to.pk, source.pk])]
    )
    log_action(actor=actor, obj=section, message=f"从文章 #{source.pk} 移到文章 #{to.pk}")
    return to
