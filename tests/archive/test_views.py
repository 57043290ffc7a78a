"""Reader pages and the JSON API over the curated archive (loaded once per session, see conftest)."""

import pytest

from archive.models import Article, City, Section, Theme

pytestmark = pytest.mark.django_db


def test_home_lists_the_twelve_leagues_and_the_ten_fields(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    leagues = City.objects.filter(parent__kind=City.Kind.REGION)
    assert leagues.count() == 12
    for city in leagues:
        assert city.name in html
    for theme in Theme.objects.filter(parent=None):
        assert theme.name in html
    assert 'lang="zh-CN"' in html


def test_an_article_page_shows_headline_sections_with_anchors_and_tag_links(client):
    article = Article.objects.filter(sections__heading="乌海").get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.headline in html
    for section in article.sections.all():
        assert f'id="s{section.pk}"' in html
    assert 'href="/cities/%E4%B9%8C%E6%B5%B7%E5%B8%82/"' in html or 'href="/cities/乌海市/"' in html


def test_unknown_publication_and_date_are_shown_as_unknown(client):
    article = Article.objects.filter(page__publication=None, date=None).first()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "报纸不详" in html and "日期不详" in html


def test_the_page_view_lists_its_articles_in_order(client):
    article = Article.objects.filter(order=2).select_related("page").first()
    html = client.get(article.page.get_absolute_url()).content.decode()
    first = article.page.articles.get(order=1).headline or "（无标题）"
    assert html.index(first) < html.index(article.headline or "（无标题）")


@pytest.mark.parametrize(
    "path", ["/cities/不存在市/", "/themes/不存在/", "/articles/999999/", "/pages/999999/"]
)
def test_unknown_objects_are_404(client, path):
    assert client.get(path).status_code == 404


def test_city_page_lists_sections_of_its_counties_too(client):
    county = City.objects.get(name="察哈尔右翼前旗")
    assert Section.objects.filter(city_tags__city=county).exists()
    html = client.get("/cities/乌兰察布市/").content.decode()
    tagged = Section.objects.filter(city_tags__city=county).first()
    assert f"#s{tagged.pk}" in html


def test_healthz_counts_articles_sections_and_indexed_documents(client):
    data = client.get("/healthz").json()
    assert data == {
        "status": "ok",
        "articles": Article.objects.count(),
        "sections": Section.objects.count(),
        "indexed": Section.objects.count(),
    }


def test_api_articles_pages_through_every_article(client):
    seen, url = [], "/api/articles?page=1"
    while url:
        data = client.get(url).json()
        seen.extend(a["id"] for a in data["results"])
        url = data["next"]
    assert sorted(seen) == sorted(Article.objects.values_list("pk", flat=True))


def test_api_article_has_the_documented_shape(client):
    article = Article.objects.filter(page__publication__name="内蒙古日报").first()
    data = client.get(f"/api/articles/{article.pk}").json()
    assert set(data) >= {
        "id",
        "url",
        "kind",
        "kicker",
        "headline",
        "subheadline",
        "byline",
        "publication",
        "date",
        "page",
        "cities",
        "themes",
        "needs_review",
        "sections",
    }
    assert data["publication"] == "内蒙古日报" and data["date"] == "2025-08-07" and data["page"] == "第07版"
    assert set(data["sections"][0]) >= {"id", "order", "heading", "text", "cities", "themes"}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1e9", ""])
def test_api_articles_rejects_bad_page_numbers_with_a_message(client, page):
    response = client.get(f"/api/articles?page={page}")
    assert response.status_code == 400
    assert response.json()["error"]


def test_api_article_404_is_json(client):
    response = client.get("/api/articles/999999")
    assert response.status_code == 404 and response.json()["error"]
