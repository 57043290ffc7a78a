"""Feeds, sitemap, robots, OpenSearch and citation downloads as other software reads them."""

import xml.etree.ElementTree as ET

import pytest

from archive.models import Article, City

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_the_latest_feed_lists_articles_newest_first_with_links(client):
    entries = _entries(client.get("/feeds/latest/"))
    assert len(entries) == min(Article.objects.count(), 30)
    first_link = entries[0].find(f"{ATOM}link").get("href")
    assert first_link.startswith("http://testserver/articles/")


def test_a_city_feed_holds_only_articles_about_that_city_or_places_in_it(client):
    titles = {e.find(f"{ATOM}title").text for e in _entries(client.get("/feeds/cities/乌兰察布市/"))}
    expected = set(
        Article.objects.filter(
            sections__city_tags__city__name__in=["乌兰察布市", "察哈尔右翼前旗", "四子王旗"]
        ).values_list("headline", flat=True)
    )
    assert titles and {t if t != "（无标题）" else "" for t in titles} <= expected | {""}


def test_theme_and_search_feeds_answer(client):
    assert _entries(client.get("/feeds/themes/绿色算力/"))
    assert _entries(client.get("/feeds/search/", {"q": "和林格尔"}))
    assert client.get("/feeds/cities/不存在/").status_code == 404


def test_sitemap_lists_every_article(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for article in Article.objects.all():
        assert f"http://testserver{article.get_absolute_url()}" in locs


def test_robots_points_to_the_sitemap_and_keeps_crawlers_off_search(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /search/" in text


def test_opensearch_description_offers_the_search_page(client):
    response = client.get("/opensearch.xml")
    root = ET.fromstring(response.content)
    urls = [u.get("template") for u in root.findall("{http://a9.com/-/spec/opensearch/1.1/}Url")]
    assert "http://testserver/search/?q={searchTerms}" in urls


@pytest.mark.parametrize(("fmt", "marker"), [("ris", "TY  - NEWS"), ("bib", "@article{")])
def test_citation_downloads(client, fmt, marker):
    article = Article.objects.first()
    response = client.get(f"/articles/{article.pk}/cite.{fmt}")
    assert response.status_code == 200 and marker in response.content.decode()
    assert "attachment" in response["Content-Disposition"]


def test_the_article_page_and_api_carry_the_citation(client):
    article = Article.objects.filter(page__publication__name="内蒙古日报").first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "[N/OL]. 内蒙古日报, 2025-08-07(07)" in html
    data = client.get(f"/api/articles/{article.pk}").json()
    assert data["citation"]["gbt7714"].endswith("内蒙古日报, 2025-08-07(07).")
    assert data["citation"]["ris"].endswith(f"/articles/{article.pk}/cite.ris")


def test_an_unknown_citation_format_is_404(client):
    assert client.get(f"/articles/{Article.objects.first().pk}/cite.doc").status_code == 404


def test_city_pages_link_their_feed(client):
    city = City.objects.get(name="包头市")
    assert "/feeds/cities/" in client.get(city.get_absolute_url()).content.decode()


def test_every_documented_endpoint_answers_with_the_documented_fields(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    article_id = Article.objects.first().pk
    for path, item in schema["paths"].items():
        url = path.replace("{id}", str(article_id))
        response = client.get(url, {"q": "京蒙"} if "search" in path else {})
        assert response.status_code == 200, path
        content = item["get"]["responses"]["200"]["content"]
        body = content.get("application/json", {}).get("schema", {})
        if body.get("required") and "export" not in path:
            assert set(body["required"]) <= set(response.json()), path


def test_the_api_docs_page_lists_the_endpoints(client):
    html = client.get("/api/").content.decode()
    assert "GET /api/search" in html and "/api/openapi.json" in html
