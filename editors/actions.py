"""The editors' bulk actions on selected rows: give or remove a place or theme (as curated)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm

from archive import curation
from archive.models import Article, City, Section, Theme


class SectionActionForm(ActionForm):
    city = forms.ModelChoiceField(City.objects.all(), required=False, label="地区")
    theme = forms.ModelChoiceField(Theme.objects.all(), required=False, label="主题")
    kind = forms.ChoiceField(choices=[("", "——"), *Section.Kind.choices], required=False, label="类型")


class ArticleActionForm(ActionForm):
    city = forms.ModelChoiceField(City.objects.all(), required=False, label="地区")
    theme = forms.ModelChoiceField(Theme.objects.all(), required=False, label="主题")
    kind = forms.ChoiceField(choices=[("", "——"), *Article.Kind.choices], required=False, label="体裁")


def _choice(request, name: str, model):
    value = request.POST.get(name)
    return model.objects.filter(pk=value).first() if value else None


def run_action(model_admin, request, work) -> None:
    """Run one curation step for the admin, reporting the count or the reason it was refused."""
    try:
        count = work()
    except curation.CurationError as exc:
        model_admin.message_user(request, str(exc), messages.ERROR)
    else:
        model_admin.message_user(request, f"已处理 {count} 条，检索结果随即更新", messages.SUCCESS)


def _tag_action(*, add: bool, field: str, label: str):
    def action(model_admin, request, queryset):
        target = _choice(request, field, City if field == "city" else Theme)
        if target is None:
            model_admin.message_user(request, f"请先在下方选择{label}", messages.ERROR)
            return
        tagger = curation.tag_sections if queryset.model is Section else curation.tag_articles
        key = "sections" if queryset.model is Section else "articles"
        run_action(
            model_admin,
            request,
            lambda: tagger(**{key: queryset, field: target}, active=add, actor=request.user),
        )

    action.__name__ = f"{'add' if add else 'remove'}_{field}"
    return admin.action(description=f"{'添加' if add else '移除'}所选{label}（人工）")(action)


TAG_ACTIONS = [
    _tag_action(add=True, field="city", label="地区"),
    _tag_action(add=False, field="city", label="地区"),
    _tag_action(add=True, field="theme", label="主题"),
    _tag_action(add=False, field="theme", label="主题"),
]
