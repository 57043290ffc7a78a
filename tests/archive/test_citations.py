import datetime as dt

import pytest

from archive.citations import bibtex, gbt7714, ris
from archive.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    return Article.objects.select_related("page__publication").get(
        page__publication__name="内蒙古日报", order=1
    )


def test_gbt7714_newspaper_format_with_known_paper_date_and_page(known):
    citation = gbt7714(known)
    assert citation.startswith("刘洋, 郝飙, 李玉琢, 等. 全力推进「六个行动」区域合作深化行动联动共进[N]. ")
    assert citation.endswith("内蒙古日报, 2025-08-07(07).")


def test_gbt7714_online_form_adds_access_date_and_url(known):
    citation = gbt7714(known, url="http://x/articles/1/", accessed=dt.date(2026, 1, 2))
    assert "[N/OL]" in citation and citation.endswith("2025-08-07(07)[2026-01-02]. http://x/articles/1/.")


def test_unknown_paper_and_date_are_left_out_not_invented():
    article = Article.objects.select_related("page__publication").filter(page__publication=None).first()
    citation = gbt7714(article)
    assert citation.endswith("[N].") and "不详" not in citation


def test_ris_is_a_news_record_reference_managers_read(known):
    text = ris(known, url="http://x/a")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - NEWS" and "T2  - 内蒙古日报" in lines and "DA  - 2025/08/07" in lines
    assert lines[-2] == "ER  - " and "UR  - http://x/a" in lines


def test_bibtex_escapes_special_characters(known):
    known.headline = "50% & {more}"
    entry = bibtex(known)
    assert "title = {50\\% \\& \\{more\\}}" in entry and entry.startswith("@article{jingmeng-")
