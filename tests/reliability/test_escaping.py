"""Markup in ingested text, headlines, tags, queries and file names is inert on every page, snippet,
feed, export, admin view and JSON response."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from archive.models import Article, City, Page, SectionCity, TagSource

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = "<svg onload=alert(3)>"
RAW = [SCRIPT, IMG, SVG]  # escaped text may contain "onerror=", but never as markup


@pytest.fixture
def hostile(tmp_path, reindex_after):
    path = tmp_path / f"{IMG}.txt"
    path.write_text(
        f"{SCRIPT}京蒙协作恶意标题\n\n本报讯（记者 王一）呼和浩特京蒙协作正文{IMG}数据中心项目投产，京蒙协作持续深化。\n",
        encoding="utf-8",
    )
    call_command("ingest", str(path), stdout=StringIO(), stderr=StringIO())
    page = Page.objects.get(source_name=path.name)
    article = page.articles.get()
    city = City.objects.create(name=SVG + "城", kind=City.Kind.PLACE)
    section = article.sections.get()
    SectionCity.objects.create(section=section, city=city, source=TagSource.CURATED)
    call_command("ensure_index", "--force", stdout=StringIO())
    return article


def _inert(body: bytes) -> None:
    text = body.decode("utf-8")
    for raw in RAW:
        assert raw not in text, raw


def test_html_pages_escape_everything(client, hostile):
    for path in [
        "/",
        hostile.get_absolute_url(),
        hostile.page.get_absolute_url(),
        "/search/?q=京蒙协作恶意标题",
        f"/search/?q={SCRIPT}",
        "/cities/呼和浩特市/",
        "/api/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        _inert(response.content)
    assert "&lt;script&gt;" in client.get(hostile.get_absolute_url()).content.decode()


def test_json_responses_carry_no_markup_bytes(client, hostile):
    for path in [
        f"/api/articles/{hostile.pk}",
        "/api/search?q=京蒙协作恶意标题",
        f"/api/search?q={IMG}",
        "/api/articles",
    ]:
        response = client.get(path)
        _inert(response.content)
    data = client.get(f"/api/articles/{hostile.pk}").json()
    assert data["headline"].startswith(SCRIPT)  # the text itself is unchanged once decoded


def test_feeds_and_exports(client, hostile):
    _inert(client.get("/feeds/latest/").content)
    _inert(client.get("/feeds/search/", {"q": "京蒙协作恶意标题"}).content)
    json_export = b"".join(client.get("/api/search/export.json", {"q": "京蒙协作恶意标题"}).streaming_content)
    _inert(json_export)
    csv_export = b"".join(
        client.get("/api/search/export.csv", {"q": "京蒙协作恶意标题"}).streaming_content
    ).decode()
    # CSV is data for spreadsheets, not markup; the text is kept, and nothing makes it a formula
    assert SCRIPT in csv_export and not any(
        line.startswith(("=", "+", "@")) for line in csv_export.splitlines()
    )


def test_admin_views_escape_everything(client, hostile):
    admin = User.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    for path in [
        "/admin/archive/article/",
        f"/admin/archive/article/{hostile.pk}/change/",
        "/admin/archive/page/",
        f"/admin/archive/page/{hostile.page.pk}/change/",
        "/admin/archive/city/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        _inert(response.content)


def test_a_hostile_file_name_is_escaped_in_the_ingest_report(tmp_path):
    path = tmp_path / f"{SCRIPT.replace('/', '')}.txt"
    path.write_bytes(b"")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=StringIO(), stderr=err)
    assert Article.objects.filter(page__source_name=path.name).count() == 0
