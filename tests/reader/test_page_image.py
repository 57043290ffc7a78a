"""A page that came in as a PDF shows its printed image beside its articles, each article's region a
link over the image; the image is served as a PNG; a text page has neither."""

import re
from pathlib import Path

import pytest

from archive.models import Page
from archive.services import ingest_bytes
from tests.archive import pdfmaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_page(reindex_after):
    result = ingest_bytes(data=pdfmaker.three_column_page(), source_name="page.pdf")
    return Page.objects.get(pk=result.page_id)


def test_the_page_image_is_served_as_png_with_cache_headers(client, pdf_page):
    response = client.get(f"/pages/{pdf_page.pk}/image.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG") and "max-age" in response["Cache-Control"]
    again = client.get(f"/pages/{pdf_page.pk}/image.png", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_page_without_image_answers_404(client):
    page = Page.objects.filter(image=b"").first()
    assert client.get(f"/pages/{page.pk}/image.png").status_code == 404
    html = client.get(page.get_absolute_url()).content.decode()
    assert "page-zone" not in html and "image.png" not in html


def test_each_article_region_is_a_focusable_link_named_by_its_headline(client, pdf_page):
    html = client.get(pdf_page.get_absolute_url()).content.decode()
    assert f'src="/pages/{pdf_page.pk}/image.png"' in html
    zones = re.findall(
        r'<a class="page-zone" href="(/articles/\d+/)" style="left:[\d.]+%;top:[\d.]+%;width:[\d.]+%;height:[\d.]+%" aria-label="([^"]+)"',
        html,
    )
    assert [name for _, name in zones] == ["草原上的北京种薯基地投产", "专家义诊进兴安"]


def test_markup_in_page_text_is_escaped_on_the_page(client, reindex_after):
    data = (Path(__file__).parents[1] / "archive" / "formats_pages" / "script_attack.html").read_bytes()
    result = ingest_bytes(data=data, source_name="attack.html")
    page = Page.objects.get(pk=result.page_id)
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;ESCAPED-TEXT&quot;)" in html
    for marker in ("ONCLICK-ATTR", "ONERROR-ATTR", "SCRIPT-IN-HEAD"):
        assert marker not in html
    article = page.articles.first()
    assert "<script>alert" not in client.get(article.get_absolute_url()).content.decode()
