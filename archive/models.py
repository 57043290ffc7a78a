"""The archive's domain: pages split into articles and sections, tagged with cities and themes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from .querysets import ArticleQuerySet, SectionQuerySet, TagQuerySet, TagSource


class Publication(models.Model):
    name = models.CharField("名称", max_length=100, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "报纸"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Page(models.Model):
    """One ingested newspaper page; the raw text is kept verbatim and never rewritten."""

    publication = models.ForeignKey(
        Publication, verbose_name="报纸", null=True, blank=True, on_delete=models.PROTECT
    )
    date = models.DateField("出版日期", null=True, blank=True)
    label = models.CharField("版次", max_length=50, blank=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    checksum = models.CharField("校验和", max_length=64, unique=True)
    raw_text = models.TextField("原始文本")
    provenance = models.TextField("来源说明", blank=True)
    dropped = models.JSONField("未收入文章的行（版面杂项、重复段落，各附原因）", default=list, blank=True)
    curated = models.BooleanField("已人工整理", default=False)
    created = models.DateTimeField("导入时间", auto_now_add=True)
    # The file as it came in (a saved web page, a PDF), so that a better ingest can redo it; empty
    # for pasted text, whose raw_text is the original.
    original = models.BinaryField("原始文件", blank=True, default=b"", editable=False)
    media_type = models.CharField("原始格式", max_length=100, blank=True, default="text/plain")
    # The printed page as a PNG (from a PDF page), shown beside its articles; empty when there is none.
    image = models.BinaryField("版面图像", blank=True, default=b"", editable=False)
    source_url = models.URLField("原文网址", max_length=500, blank=True)
    # The date is only implied (by the page's address, say), not printed: shown as inferred.
    date_inferred = models.BooleanField("日期为推断", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "版面"
        ordering = ["-date", "source_name"]

    def __str__(self) -> str:
        if self.publication is None and self.date is None:
            return f"{self.source_name}（报纸、日期不详）"
        parts = [str(self.publication or "报纸不详"), str(self.date or "日期不详"), self.label]
        return " ".join(p for p in parts if p)

    def get_absolute_url(self) -> str:
        return reverse("reader:page", args=[self.pk])


class ActiveTags:
    """The active tags of an article or a section: what readers, the API, exports and feeds show.

    An inactive row is an editor's removal (Tag), kept so that re-tagging never brings the tag back;
    it is never shown. Prefetched by ``with_active_tags()`` (as ``active_city_tags`` and
    ``active_theme_tags``), else read with one query each."""

    # the reverse relations of the model that mixes this in (ArticleCity/SectionCity, …)
    city_tags: Any
    theme_tags: Any

    @property
    def active_cities(self) -> list[City]:
        tags = getattr(self, "active_city_tags", None)
        if tags is None:
            tags = self.city_tags.active().select_related("city").order_by("pk")
        return [t.city for t in tags]

    @property
    def active_themes(self) -> list[Theme]:
        tags = getattr(self, "active_theme_tags", None)
        if tags is None:
            tags = self.theme_tags.active().select_related("theme").order_by("pk")
        return [t.theme for t in tags]


class Article(ActiveTags, models.Model):
    class Kind(models.TextChoices):
        NEWS = "news", "消息"
        FEATURE = "feature", "通讯"
        BRIEF = "brief", "简讯"
        COMMENTARY = "commentary", "评论"
        PHOTO = "photo", "图片新闻"
        NOTICE = "notice", "公告"

    page = models.ForeignKey(Page, verbose_name="版面", related_name="articles", on_delete=models.CASCADE)
    order = models.PositiveIntegerField("顺序")
    kind = models.CharField("体裁", max_length=20, choices=Kind.choices, default=Kind.NEWS)
    column = models.CharField("栏目", max_length=100, blank=True)
    kicker = models.CharField("引题", max_length=300, blank=True)
    headline = models.CharField("标题", max_length=300, blank=True)
    subheadline = models.CharField("副题", max_length=300, blank=True)
    byline = models.CharField("署名", max_length=300, blank=True)
    authors = models.JSONField("作者", default=list, blank=True)
    dateline = models.CharField("电头", max_length=100, blank=True)
    date = models.DateField("文中日期", null=True, blank=True)
    source_note = models.CharField("来源/转版说明", max_length=200, blank=True)
    needs_review = models.BooleanField("待审核", default=False)
    review_reason = models.CharField("审核原因", max_length=300, blank=True)
    # Where the article stands on the printed page image: [x0, y0, x1, y1] as fractions of the
    # page's width and height (empty when the page gives no layout).
    region = models.JSONField("版面区域", default=list, blank=True)
    curated = models.BooleanField("结构已人工确认", default=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "文章"
        ordering = ["page", "order"]
        constraints = [models.UniqueConstraint(fields=["page", "order"], name="article_order_unique")]

    def __str__(self) -> str:
        return self.headline or "（无标题）"

    def get_absolute_url(self) -> str:
        return reverse("reader:article", args=[self.pk])

    @property
    def display_date(self):
        return self.page.date or self.date

    @property
    def display_byline(self) -> str:
        """The printed byline, else the people named in the article's parts (a package)."""
        if self.byline:
            return self.byline
        names = dict.fromkeys(a["name"] for a in self.authors if a.get("role") != "摄影")
        return "、".join(names)


class Section(ActiveTags, models.Model):
    class Kind(models.TextChoices):
        BODY = "body", "正文"
        CAPTION = "caption", "图片说明"

    article = models.ForeignKey(
        Article, verbose_name="文章", related_name="sections", on_delete=models.CASCADE
    )
    order = models.PositiveIntegerField("顺序")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.BODY)
    heading = models.CharField("小标题", max_length=300, blank=True)
    subheading = models.CharField("分题", max_length=300, blank=True)
    byline = models.CharField("署名", max_length=300, blank=True)
    text = models.TextField("正文")
    # Character offsets of the section's first and last body line in Page.raw_text.
    span_start = models.PositiveIntegerField("起始位置", default=0)
    span_end = models.PositiveIntegerField("结束位置", default=0)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "段落"
        ordering = ["article", "order"]

    def __str__(self) -> str:
        return self.heading or self.text[:30]

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#s{self.pk}"

    @property
    def anchor(self) -> str:
        return f"s{self.pk}"

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n") if p.strip()]


class City(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", "自治区"
        MUNICIPALITY = "municipality", "直辖市"
        LEAGUE = "league", "盟"
        PREFECTURE_CITY = "prefecture_city", "地级市"
        DISTRICT = "district", "市辖区"
        BANNER = "banner", "旗"
        COUNTY = "county", "县"
        COUNTY_CITY = "county_city", "县级市"
        PLACE = "place", "地名"

    name = models.CharField("名称", max_length=50, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    aliases = models.JSONField("别名", default=list, blank=True)
    # the list the last release shipped: a later release adds only aliases new to it, so an alias an
    # editor removed stays removed (archive/reference.py)
    shipped_aliases = models.JSONField("随版本提供的别名", default=list, blank=True, editable=False)
    code = models.CharField("区划代码", max_length=6, blank=True)
    description = models.TextField("简介", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "地区"
        ordering = ["code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:city", args=[self.name])

    def ancestors(self) -> list[City]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Theme(models.Model):
    name = models.CharField("名称", max_length=50, unique=True)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, related_name="children", on_delete=models.PROTECT
    )
    order = models.PositiveIntegerField("顺序", default=0)
    description = models.TextField("说明", blank=True)
    keywords = models.JSONField("关键词", default=list, blank=True, help_text="出现这些词即可能属于该主题")
    # the list the last release shipped: a later release adds only keywords new to it, so a keyword
    # an editor removed stays removed (archive/reference.py)
    shipped_keywords = models.JSONField("随版本提供的关键词", default=list, blank=True, editable=False)
    # a child that is its field put to work for another field: a section about both is about the
    # child (科技金融 serves 科技创新), archive/ingest/themes.py
    serves = models.ForeignKey(
        "self",
        verbose_name="服务领域",
        null=True,
        blank=True,
        related_name="served_by",
        on_delete=models.SET_NULL,
        limit_choices_to={"parent__isnull": True},
        help_text="一节同时涉及上级领域与该领域时，标为本主题而不是上级领域（如科技金融服务于科技创新）",
    )

    class Meta:
        verbose_name = verbose_name_plural = "主题"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:theme", args=[self.name])

    def ancestors(self) -> list[Theme]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain


class Tag(models.Model):
    """A tag decision. A curated row with active=False records an editor's removal,
    so that re-tagging never brings the tag back."""

    source = models.CharField("来源", max_length=10, choices=TagSource.choices, default=TagSource.AUTO)
    score = models.FloatField("得分", default=1.0)
    active = models.BooleanField("有效", default=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        state = "" if self.active else "（已移除）"
        return f"{self.get_source_display()}标签{state}"


class SectionCity(Tag):
    section = models.ForeignKey(Section, related_name="city_tags", on_delete=models.CASCADE)
    city = models.ForeignKey(City, verbose_name="地区", related_name="section_tags", on_delete=models.CASCADE)

    class Meta:
        verbose_name = verbose_name_plural = "段落地区标签"
        constraints = [models.UniqueConstraint(fields=["section", "city"], name="section_city_unique")]


class SectionTheme(Tag):
    section = models.ForeignKey(Section, related_name="theme_tags", on_delete=models.CASCADE)
    theme = models.ForeignKey(
        Theme, verbose_name="主题", related_name="section_tags", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = verbose_name_plural = "段落主题标签"
        constraints = [models.UniqueConstraint(fields=["section", "theme"], name="section_theme_unique")]


class ArticleCity(Tag):
    article = models.ForeignKey(Article, related_name="city_tags", on_delete=models.CASCADE)
    city = models.ForeignKey(City, verbose_name="地区", related_name="article_tags", on_delete=models.CASCADE)

    class Meta:
        verbose_name = verbose_name_plural = "文章地区标签"
        constraints = [models.UniqueConstraint(fields=["article", "city"], name="article_city_unique")]


class ArticleTheme(Tag):
    article = models.ForeignKey(Article, related_name="theme_tags", on_delete=models.CASCADE)
    theme = models.ForeignKey(
        Theme, verbose_name="主题", related_name="article_tags", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = verbose_name_plural = "文章主题标签"
        constraints = [models.UniqueConstraint(fields=["article", "theme"], name="article_theme_unique")]


class ReviewItem(Article):
    """The review queue: articles flagged by ingest, shown oldest first (a view on Article)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "待审核队列"
