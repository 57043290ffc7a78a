"""The editors' admin as an editor uses it: Chinese search, filters, bulk actions, the review queue,
the article tools, import with a preview, and roles."""

from __future__ import annotations

import datetime as dt
import time
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command
from django.utils import timezone

from archive import curation
from archive.models import Article, City, Page, Section, SectionCity, TagSource
from archive.permissions import EDITOR_GROUP, create_editor
from search.query import SearchParams
from search.services import search

pytestmark = pytest.mark.django_db

RAW_PAGE = (
    "草原书屋走进乌海\n\n"
    "本报讯（记者 张三）近日，乌海市海勃湾区新建草原书屋三处，北京市对口支援图书两万册，乌海市民就近借阅。\n\n"
    "赤峰牧区推广青贮技术\n\n"
    "本报讯（记者 李四）赤峰市巴林左旗推广青贮玉米种植，亩产提高，农牧民增收，青贮玉米面积扩大。\n"
)


@pytest.fixture
def editor(client):
    user = create_editor(username="bianji", password="pw")
    client.force_login(user)
    return user


def _in_city(city: str) -> set[int]:
    params = SearchParams(q="", filters={"city": (city,)}, sort="newest", page=1, per_page=1000)
    return {hit.section_id for hit in search(params=params).hits}


def test_an_editor_sees_content_but_not_users(client, editor):
    for url in (
        "/admin/archive/section/",
        "/admin/archive/article/",
        "/admin/archive/reviewitem/",
        "/admin/archive/page/import/",
        "/admin/archive/city/",
        "/admin/archive/theme/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/archive/indextask/").status_code in (403, 404)  # internal, not shown


def test_the_changelists_show_tag_source_and_score_and_filter_on_active_tags(client, editor):
    removed = SectionCity.objects.filter(active=True).select_related("city").first()
    city = removed.city
    SectionCity.objects.filter(pk=removed.pk).update(active=False, source=TagSource.CURATED)
    page = client.get(f"/admin/archive/section/?city_tag={city.pk}").content.decode()
    assert f"/admin/archive/section/{removed.section_id}/change/" not in page
    active = SectionCity.objects.filter(city=city, active=True).first()
    if active is not None:
        assert f"/admin/archive/section/{active.section_id}/change/" in page
    listing = client.get("/admin/archive/section/?tag_source=removed").content.decode()
    assert f"/admin/archive/section/{removed.section_id}/change/" in listing and "已移除" in listing
    for query in (
        "kind__exact=body",
        "article__needs_review__exact=0",
        "article__page__date__gte=2000-01-01",
    ):
        assert client.get(f"/admin/archive/section/?{query}").status_code == 200, query


def test_admin_search_finds_chinese_words_that_are_not_adjacent(client, editor):
    section = Section.objects.filter(kind="body", text__contains="乌海").first()
    text = section.text
    # two words of the section, far apart, joined without a space: no substring matches
    far = next(w for w in ("京蒙", "协作", "北京", "合作", "发展") if w in text and w not in text[:60])
    query = "乌海" + far
    assert query not in text
    page = client.get("/admin/archive/section/", {"q": query}).content.decode()
    assert f"/admin/archive/section/{section.pk}/change/" in page


def test_a_bulk_action_adds_a_curated_city_logs_it_and_search_follows(
    client, editor, reindex_after, django_capture_on_commit_callbacks
):
    city = City.objects.get(name="阿尔山市")
    ids = list(Section.objects.exclude(city_tags__city=city).values_list("pk", flat=True)[:2])
    data = {"action": "add_city", "_selected_action": ids, "city": city.pk, "index": 0}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/archive/section/", data)
    assert response.status_code == 302
    assert set(ids) <= _in_city("阿尔山市")
    tags = SectionCity.objects.filter(section_id__in=ids, city=city)
    assert {(t.source, t.active) for t in tags} == {(TagSource.CURATED, True)}
    assert LogEntry.objects.filter(user=editor, object_id__in=[str(i) for i in ids]).count() == 2


def test_a_bulk_tag_action_without_a_choice_changes_nothing(client, editor):
    ids = list(Section.objects.values_list("pk", flat=True)[:2])
    before = SectionCity.objects.count()
    client.post("/admin/archive/section/", {"action": "add_city", "_selected_action": ids, "index": 0})
    assert SectionCity.objects.count() == before


def test_the_review_queue_lists_flagged_articles_oldest_first_with_the_reason(client, editor):
    old, new = Article.objects.order_by("pk")[:2]
    Page.objects.filter(pk=old.page_id).update(created=timezone.now() - dt.timedelta(days=30))
    Page.objects.filter(pk=new.page_id).update(created=timezone.now())
    Article.objects.update(needs_review=False)
    Article.objects.filter(pk=old.pk).update(needs_review=True, review_reason="标题疑似被拆开")
    Article.objects.filter(pk=new.pk).update(needs_review=True, review_reason="栏目不明")
    page = client.get("/admin/archive/reviewitem/").content.decode()
    assert page.index("标题疑似被拆开") < page.index("栏目不明")
    # a row opens the article's own editor, where the tools are
    response = client.get(f"/admin/archive/reviewitem/{old.pk}/change/")
    assert response.status_code == 302 and response["Location"].endswith(f"/article/{old.pk}/change/")
    editor_page = client.get(response["Location"]).content.decode()
    assert "并入下一篇" in editor_page and "拆分" in editor_page and "移动段落" in editor_page


def test_an_editor_fixes_a_wrong_split_from_the_queue_and_search_shows_it_at_once(
    client, editor, reindex_after, django_capture_on_commit_callbacks
):
    """The issue's scenario: merge a wrongly split article, give it a city, mark it reviewed."""
    first = next(a for a in Article.objects.order_by("page_id", "order") if curation.next_article(a))
    second = curation.next_article(first)
    Article.objects.filter(pk=first.pk).update(needs_review=True, review_reason="疑似误拆")
    moved = list(second.sections.values_list("pk", flat=True))
    city = City.objects.get(name="阿尔山市")
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/admin/archive/article/{first.pk}/merge/").status_code == 302
        data = {"action": "add_city", "_selected_action": [first.pk], "city": city.pk, "index": 0}
        client.post("/admin/archive/article/", data)
        client.post("/admin/archive/article/", {"action": "mark_reviewed", "_selected_action": [first.pk]})
    hits = {
        h.section_id: h.article_id
        for h in search(
            params=SearchParams(q="", filters={"city": ("阿尔山市",)}, sort="newest", page=1, per_page=1000)
        ).hits
    }
    elapsed = time.monotonic() - started
    assert all(hits.get(pk) == first.pk for pk in moved)
    assert elapsed < 2.0
    assert not Article.objects.filter(pk=second.pk).exists()
    assert first.pk not in set(
        client.get("/admin/archive/reviewitem/").context["cl"].result_list.values_list("pk", flat=True)
    )


def test_split_and_headline_tools_through_the_admin(client, editor, reindex_after):
    article = next(a for a in Article.objects.all() if a.sections.count() >= 2)
    at = article.sections.order_by("order")[1]
    assert client.get(f"/admin/archive/article/{article.pk}/split/").status_code == 200
    response = client.post(
        f"/admin/archive/article/{article.pk}/split/", {"at": at.pk, "headline": "新拆标题"}
    )
    assert response.status_code == 302
    new = Article.objects.get(headline="新拆标题")
    assert new.sections.order_by("order").first().pk == at.pk
    assert article.sections.count() == 1 and curation.next_article(article) == new
    client.post(
        f"/admin/archive/article/{new.pk}/headline/",
        {"headline": "改过的标题", "kicker": "", "subheadline": ""},
    )
    assert Article.objects.get(pk=new.pk).headline == "改过的标题"
    # a refused split is shown as an error, not a server error
    first = new.sections.order_by("order").first()
    refused = client.post(f"/admin/archive/article/{new.pk}/split/", {"at": first.pk})
    assert refused.status_code == 200


def test_import_previews_without_saving_then_saves_on_confirm(client, editor, reindex_after):
    pages = Page.objects.count()
    preview = client.post("/admin/archive/page/import/", {"text": RAW_PAGE, "publication": "乌海日报"})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "导入预览" in body and "草原书屋走进乌海" in body
    assert Page.objects.count() == pages
    token = preview.context["token"]
    confirmed = client.post("/admin/archive/page/import/", {"token": token})
    assert confirmed.status_code == 302
    page = Page.objects.get(publication__name="乌海日报")
    assert page.articles.filter(headline__contains="草原书屋").exists()
    assert LogEntry.objects.filter(user=editor, object_id=str(page.pk)).exists()
    # the same token cannot save twice
    again = client.post("/admin/archive/page/import/", {"token": token})
    assert again.status_code == 302 and Page.objects.count() == pages + 1


def test_import_shows_why_a_file_is_refused(client, editor):
    response = client.post("/admin/archive/page/import/", {"text": ""})
    assert response.status_code == 200 and "请粘贴版面文本或上传文件" in response.content.decode()


def test_create_admin_from_the_environment(monkeypatch):
    monkeypatch.delenv("ADMIN_USERNAME", raising=False)
    with pytest.raises(CommandError):
        call_command("create_admin", stdout=StringIO())
    monkeypatch.setenv("ADMIN_USERNAME", "root")
    monkeypatch.setenv("ADMIN_PASSWORD", "s3cret-pw")
    monkeypatch.setenv("ADMIN_EMAIL", "root@example.org")
    call_command("create_admin", stdout=StringIO())
    from django.contrib.auth.models import Group, User

    user = User.objects.get(username="root")
    assert user.is_superuser and user.check_password("s3cret-pw")
    call_command("create_admin", stdout=StringIO())  # again: unchanged, no error
    group = Group.objects.get(name=EDITOR_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_section", "change_article", "add_page", "change_theme"} <= codenames
    assert not codenames & {"add_user", "change_user", "change_group", "change_indextask"}
