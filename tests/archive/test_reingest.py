"""A corrected version of a page replaces it and keeps every editor decision, or is refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Page, SectionCity, TagSource

pytestmark = pytest.mark.django_db

FIRST = (
    "草原城市加快建设数据中心\n\n"
    "本报讯（记者 王一）近日，和林格尔新区又一个数据中心投产，算力规模继续扩大，绿色算力产业集聚。\n\n"
    "牧区推广青贮技术\n\n"
    "本报讯（记者 李二）四子王旗推广青贮玉米种植，亩产提高，农牧民增收，青贮玉米种植面积扩大。\n"
)
# the same page with a typo fixed in the second article
CORRECTED = FIRST.replace("亩产提高", "亩产明显提高")


def _ingest(path, *extra):
    call_command("ingest", str(path), *extra, stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def page_file(tmp_path, reindex_after):
    path = tmp_path / "page.txt"
    path.write_text(FIRST, encoding="utf-8")
    _ingest(path)
    return path


def test_a_corrected_file_replaces_the_page_instead_of_adding_one(page_file):
    page_id = Page.objects.get(source_name="page.txt").pk
    page_file.write_text(CORRECTED, encoding="utf-8")
    _ingest(page_file)
    page = Page.objects.get(source_name="page.txt")
    assert page.pk == page_id and page.raw_text == CORRECTED
    assert "亩产明显提高" in page.articles.get(order=2).sections.get().text


def test_curated_tags_and_removals_survive_a_corrected_version(page_file):
    section = Page.objects.get(source_name="page.txt").articles.get(order=2).sections.get()
    removed = SectionCity.objects.get(section=section, city__name="四子王旗")
    removed.active, removed.source = False, TagSource.CURATED
    removed.save()
    SectionCity.objects.create(section=section, city_id=_city("乌兰察布市"), source=TagSource.CURATED)
    page_file.write_text(CORRECTED, encoding="utf-8")
    _ingest(page_file)
    new_section = Page.objects.get(source_name="page.txt").articles.get(order=2).sections.get()
    tags = {(t.city.name, t.active, t.source) for t in new_section.city_tags.all()}
    assert ("四子王旗", False, "curated") in tags
    assert ("乌兰察布市", True, "curated") in tags


def test_a_new_version_that_would_lose_a_curated_decision_is_refused_until_forced(page_file):
    section = Page.objects.get(source_name="page.txt").articles.get(order=2).sections.get()
    SectionCity.objects.create(section=section, city_id=_city("乌兰察布市"), source=TagSource.CURATED)
    page_file.write_text(
        FIRST.split("牧区")[0] + "牧区新闻\n\n本报讯（记者 李二）完全不同的正文内容，讲述另一件事情。\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        call_command("ingest", str(page_file), stdout=StringIO(), stderr=(err := StringIO()))
    assert "--force" in err.getvalue()
    assert Page.objects.get(source_name="page.txt").raw_text == FIRST
    _ingest(page_file, "--force")
    assert "完全不同" in Page.objects.get(source_name="page.txt").raw_text


def _city(name):
    from archive.models import City

    return City.objects.get(name=name).pk
