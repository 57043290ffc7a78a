"""Reader pages and the JSON API over the curated archive (loaded once per session, see conftest)."""

import pytest

from archive.models import Article, ArticleCity, City, Section, SectionCity, TagSource, Theme

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


def test_an_article_page_shows_only_active_tags_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    tag = SectionCity.objects.active().select_related("city", "section").first()
    url = tag.section.article.get_absolute_url()
    link = f'class="tag tag-city" href="{tag.city.get_absolute_url()}"'
    assert link in client.get(url).content.decode()
    others = SectionCity.objects.filter(section__article=tag.section.article_id, city=tag.city, active=True)
    others.update(active=False, source=TagSource.CURATED)  # an editor's removal
    ArticleCity.objects.filter(article=tag.section.article_id, city=tag.city).update(active=False)
    with django_assert_max_num_queries(8):  # the article's details (six) and the related sections
        html = client.get(url).content.decode()
    assert link not in html


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


def _hrefs(html: str) -> list[str]:
    import re
    from html import unescape

    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


def test_home_map_links_every_league_and_beijing_with_the_search_counts(client):
    html = client.get("/").content.decode()
    facets = {v["value"]: v["count"] for v in client.get("/api/search").json()["facets"]["city"]}
    svg = html[
        html.index('<svg class="tile-map"') : html.index("</svg>", html.index('<svg class="tile-map"'))
    ]
    for city in [*City.objects.filter(parent__kind=City.Kind.REGION), City.objects.get(name="北京市")]:
        assert f'href="{city.get_absolute_url()}"' in svg
        assert (
            f"{city.name}{'（合作方）' if city.name == '北京市' else ''}：{facets.get(city.name, 0)} 个段落"
            in svg
        )
    assert 'class="bar-chart"' in html  # coverage over time


def test_pages_stay_under_100_kb_and_run_no_inline_script(client):
    import re

    article = max(Article.objects.all(), key=lambda a: sum(len(s.text) for s in a.sections.all()))
    for path in [
        "/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?q=京蒙",
        "/cities/乌兰察布市/",
    ]:
        html = client.get(path).content.decode()
        assert len(html.encode()) < 100_000, path
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path


def test_an_article_opened_with_a_query_marks_the_words(client):
    article = Article.objects.filter(sections__heading="乌海").get()
    html = client.get(article.get_absolute_url(), {"q": "乌海"}).content.decode()
    assert "<mark>乌海</mark>" in html
    assert "<mark>" not in client.get(article.get_absolute_url()).content.decode().split("<article", 1)[1]


def test_an_article_opened_from_results_links_the_previous_and_next_result(client):
    results = client.get("/api/search", {"q": "京蒙", "sort": "newest"}).json()["results"]
    second = results[1]
    html = client.get(
        f"/articles/{second['article_id']}/", {"from": "q=京蒙&sort=newest", "n": "2"}
    ).content.decode()
    hrefs = _hrefs(html)
    prev = next(h for h in hrefs if h.endswith(f"#s{results[0]['section_id']}") and "n=1" in h)
    nxt = next(h for h in hrefs if h.endswith(f"#s{results[2]['section_id']}") and "n=3" in h)
    assert prev.startswith(f"/articles/{results[0]['article_id']}/") and nxt
    assert "/search/?q=%E4%BA%AC%E8%92%99&sort=newest" in hrefs  # back to the results
    assert "第 2 /" in html


def test_the_article_page_has_toc_related_sections_citation_copy_button_and_page_link(client):
    article = Article.objects.filter(sections__heading="乌海").get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="toc"' in html and article.page.get_absolute_url() in html
    assert 'data-copy="citation-text"' in html and 'id="citation-text"' in html
    assert "/static/js/copy.js" in html
    from reader.reading import related

    expected = related(article)
    assert expected and all(s.article_id != article.pk for s in expected)
    related_part = html[html.index('id="related-h"') :]
    assert [h for h in _hrefs(related_part) if "#s" in h] == [s.get_absolute_url() for s in expected]


def test_city_page_has_a_chart_its_counties_and_newest_first_sections(client):
    html = client.get("/cities/乌兰察布市/").content.decode()
    assert 'class="bar-chart"' in html and "下辖地区" in html
    assert 'href="/cities/%E5%AF%9F%E5%93%88%E5%B0%94%E5%8F%B3%E7%BF%BC%E5%89%8D%E6%97%97/"' in html or (
        'href="/cities/察哈尔右翼前旗/"' in html
    )
    # the fixed city is shown as selected but offers no link that would remove it
    assert "去掉城市：乌兰察布市" not in html


def test_date_browsing_counts_articles_by_year_and_month(client):
    from django.db.models.functions import Coalesce

    html = client.get("/dates/").content.decode()
    dated = Article.objects.annotate(d=Coalesce("page__date", "date")).exclude(d=None)
    for year in {a.d.year for a in dated}:
        assert f'{year} 年 <span class="count">{sum(a.d.year == year for a in dated)} 篇' in html
    august = client.get("/dates/2025/8/").content.decode()
    in_august = [a for a in dated if (a.d.year, a.d.month) == (2025, 8)]
    assert in_august and all((a.headline or "（无标题）") in august for a in in_august)
    assert client.get("/dates/2025/13/").status_code == 404
