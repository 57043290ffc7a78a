"""Admin pages for the article tools (merge, split, move a section, edit the headline) and for
importing a raw page (paste or upload → dry-run preview → confirm). Thin: the work is done by
archive.curation and archive.services."""

from __future__ import annotations

import base64
import datetime as dt
import secrets

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from archive import curation
from archive.checks import disagreements
from archive.ingest.decode import IngestError, checksum
from archive.models import Article, Page, Section
from archive.selectors import similar_pages
from archive.services import ingest_bytes

from .preview import article_rows, status_label

TOOL_TEMPLATE = "editors/tool.html"


def _render(request, *, title: str, form=None, article=None, opts=Article._meta, **extra):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "form": form,
        "article": article,
        "opts": opts,
        **extra,
    }
    return TemplateResponse(request, TOOL_TEMPLATE, context)


def _article(request, pk: int) -> Article:
    if not request.user.has_perm("archive.change_article"):
        raise PermissionDenied
    return get_object_or_404(Article.objects.select_related("page"), pk=pk)


def _done(request, article: Article, message: str):
    messages.success(request, f"{message}；检索结果随即更新")
    return redirect("admin:archive_article_change", article.pk)


def _attempt(request, work):
    """Run a curation; a refusal becomes the form's error message instead of a server error."""
    try:
        return work(), None
    except curation.CurationError as exc:
        return None, str(exc)


class SectionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Section) -> str:
        return f"{obj.order}. {obj.heading or obj.text[:40]}"


class ArticleChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Article) -> str:
        return f"{obj.order}. {obj}"


def merge(request, pk: int):
    article = _article(request, pk)
    following = curation.next_article(article)
    error = None if following else "这是本版最后一篇文章，后面没有可并入的文章"
    if request.method == "POST" and following:
        merged, error = _attempt(
            request, lambda: curation.merge_articles(first=article, second=following, actor=request.user)
        )
        if merged:
            return _done(request, merged, f"已把“{following}”并入本文")
    return _render(
        request, title=f"合并：把下一篇并入“{article}”", article=article, following=following, error=error
    )


class SplitForm(forms.Form):
    at = SectionChoice(queryset=Section.objects.none(), label="从这个段落起另成一篇")
    headline = forms.CharField(
        label="新文章标题", required=False, max_length=300, help_text="留空则用该段落的小标题"
    )

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, **kwargs)
        ids = list(article.sections.order_by("order").values_list("pk", flat=True))[1:]
        self.fields["at"].queryset = Section.objects.filter(pk__in=ids).order_by("order")


def split(request, pk: int):
    article = _article(request, pk)
    form = SplitForm(request.POST or None, article=article)
    error = None
    if request.method == "POST" and form.is_valid():
        new, error = _attempt(
            request,
            lambda: curation.split_article(
                article=article,
                at=form.cleaned_data["at"],
                headline=form.cleaned_data["headline"],
                actor=request.user,
            ),
        )
        if new:
            return _done(request, new, f"已拆分出新文章“{new}”")
    return _render(request, title=f"拆分“{article}”", form=form, article=article, error=error)


class MoveForm(forms.Form):
    section = SectionChoice(queryset=Section.objects.none(), label="要移动的段落")
    to = ArticleChoice(queryset=Article.objects.none(), label="移到这篇文章的末尾")

    def __init__(self, *args, article: Article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = article.sections.order_by("order")
        self.fields["to"].queryset = (
            Article.objects.filter(page_id=article.page_id).exclude(pk=article.pk).order_by("order")
        )


def move(request, pk: int):
    article = _article(request, pk)
    form = MoveForm(request.POST or None, article=article)
    error = None
    if request.method == "POST" and form.is_valid():
        to, error = _attempt(
            request,
            lambda: curation.move_section(
                section=form.cleaned_data["section"], to=form.cleaned_data["to"], actor=request.user
            ),
        )
        if to:
            return _done(request, to, "段落已移入本文")
    return _render(request, title=f"移动“{article}”的段落", form=form, article=article, error=error)


class HeadlineForm(forms.Form):
    kicker = forms.CharField(label="引题", required=False, max_length=300)
    headline = forms.CharField(label="标题", max_length=300)
    subheadline = forms.CharField(label="副题", required=False, max_length=300)


def headline(request, pk: int):
    article = _article(request, pk)
    initial = {"kicker": article.kicker, "headline": article.headline, "subheadline": article.subheadline}
    form = HeadlineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        curation.edit_headline(article=article, **form.cleaned_data, actor=request.user)
        return _done(request, article, "标题已修改")
    return _render(request, title=f"修改标题：“{article}”", form=form, article=article)


ARTICLE_TOOLS = {"merge": merge, "split": split, "move": move, "headline": headline}


# ---------------------------------------------------------------- import


class ImportForm(forms.Form):
    text = forms.CharField(label="粘贴版面文本", required=False, widget=forms.Textarea(attrs={"rows": 16}))
    upload = forms.FileField(
        label="或上传文件",
        required=False,
        help_text="版面文本（UTF-8、GB18030、UTF-16 均可）、浏览器保存的网页（.html）或单页 PDF（带文字层）",
    )
    publication = forms.CharField(label="报纸", required=False, max_length=100)
    date = forms.DateField(label="出版日期", required=False, help_text="YYYY-MM-DD；留空则从版面文字推断")
    label = forms.CharField(label="版次", required=False, max_length=50)
    force = forms.BooleanField(label="确认替换已人工整理的旧版本", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("upload"):
            raise forms.ValidationError("请粘贴版面文本或上传文件")
        return data

    def payload(self) -> tuple[bytes, str]:
        upload = self.cleaned_data.get("upload")
        if upload:
            return upload.read(), upload.name
        data = self.cleaned_data["text"].encode("utf-8")
        # A name of its own per text: the same name would make it "a new version" of an earlier paste.
        return data, f"粘贴-{checksum(text=self.cleaned_data['text'])[:12]}.txt"


def _ingest(*, data: bytes, source_name: str, options: dict, dry_run: bool):
    return ingest_bytes(
        data=data,
        source_name=source_name,
        publication=options.get("publication") or "",
        date=options.get("date"),
        label=options.get("label") or "",
        force=bool(options.get("force")),
        dry_run=dry_run,
        replace_id=options.get("replace"),
    )


def import_page(request):
    """Step 1 (POST without token): dry run and preview; the bytes wait in the session.
    Step 2 (POST with token): save exactly what was previewed."""
    if not request.user.has_perm("archive.add_page"):
        raise PermissionDenied
    token = request.POST.get("token")
    if request.method == "POST" and token:
        return _confirm(request, token=token)
    form = ImportForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        data, name = form.payload()
        options = {k: form.cleaned_data[k] for k in ("publication", "date", "label", "force")}
        try:
            result = _ingest(data=data, source_name=name, options=options, dry_run=True)
        except IngestError as exc:
            error = str(exc)
        else:
            return _preview(request, data=data, name=name, options=options, result=result)
    return _render(request, title="导入版面", form=form, opts=Page._meta, error=error, multipart=True)


def _preview(request, *, data: bytes, name: str, options: dict, result):
    """The page beside its proposed split, with what the editor should check; nothing saved yet."""
    token = secrets.token_urlsafe(16)
    # what the dry run read: a page PDF is not parsed a second time for the preview
    text, image = result.text, preview_image(result=result)
    similar = [] if result.status == "unchanged" else _similar(text=text, options=options)
    if result.proposed is not None:
        result.notes += disagreements(
            text=text, proposed=result.proposed, publication=options["publication"], date=options["date"]
        )
    options["date"] = options["date"].isoformat() if options["date"] else ""
    request.session[f"import:{token}"] = {
        "data": base64.b64encode(data).decode("ascii"),
        "name": name,
        "options": options,
        "similar": [page.pk for page, _ in similar],
    }
    return _render(
        request,
        title="导入预览（尚未保存）",
        opts=Page._meta,
        result=result,
        status_label=status_label(result.status),
        rows=article_rows(result=result),
        original_text=text,
        original_image=image,
        similar=similar,
        token=token,
        source_name=name,
        import_url=reverse("admin:archive_page_import"),
    )


def _confirm(request, *, token: str):
    """Save exactly what was previewed, replacing the similar page the editor chose, if any."""
    pending = request.session.pop(f"import:{token}", None)
    if pending is None:
        messages.error(request, "预览已过期，请重新导入")
        return redirect("admin:archive_page_import")
    options = {**pending["options"], "date": _date(pending["options"].get("date"))}
    chosen = request.POST.get("replace", "")
    if chosen.isdigit() and int(chosen) in pending.get("similar", []):
        options["replace"], options["force"] = int(chosen), True
    try:
        result = _ingest(
            data=base64.b64decode(pending["data"]),
            source_name=pending["name"],
            options=options,
            dry_run=False,
        )
    except IngestError as exc:
        messages.error(request, f"未能导入：{exc}")
        return redirect("admin:archive_page_import")
    page = Page.objects.get(pk=result.page_id)
    if result.status == "unchanged":
        messages.success(request, f"这一版面已在档案中（“{page}”），未作改动")
    else:
        curation.log_action(
            actor=request.user, obj=page, message=f"后台导入（{status_label(result.status)}）", flag=ADDITION
        )
        counts = result.counts
        messages.success(
            request,
            f"已导入“{page}”：{counts.get('articles', 0)} 篇文章，其中 {counts.get('flags', 0)} 篇待审核",
        )
    return redirect("admin:archive_page_change", page.pk)


def _similar(*, text: str, options: dict) -> list:
    return similar_pages(text=text, publication=options.get("publication") or "", date=options.get("date"))


def preview_image(*, result) -> str:
    """A PDF page's printed image as a data: URL for the preview ("" when there is none)."""
    return "data:image/png;base64," + base64.b64encode(result.image).decode("ascii") if result.image else ""


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
