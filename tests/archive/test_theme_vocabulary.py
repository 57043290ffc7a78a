"""The shipped theme keywords (archive/data/themes.json) on sentences written for these tests.

The rules are tested on synthetic keyword lists in test_tag.py; these tests check that the
vocabulary an archive starts with tells apart the themes editors most often confuse."""

import json
from pathlib import Path

import pytest

from archive.ingest.themes import ThemeRule, score_themes
from archive.ingest.types import ProposedSection

THEMES_JSON = Path(__file__).resolve().parents[2] / "archive" / "data" / "themes.json"
SHIPPED = [
    ThemeRule(name=row["name"], parent=row["parent"], keywords=tuple(row["keywords"]))
    for row in json.loads(THEMES_JSON.read_text(encoding="utf-8"))
]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "今年以来，锡林郭勒盟的牛羊肉、奶制品和杂粮走进北京20多家机关食堂和连锁超市，"
            "线上线下销售渠道不断拓宽，全年销售额超过3亿元。",
            "消费帮扶",
        ),
        (
            "通州区在区内开设特色农产品展卖专区，把帮扶产品纳入社区团购和商超货架，产品很快成为热销货。",
            "消费帮扶",
        ),
        (
            "今年以来，锡林郭勒盟新建肉牛养殖基地3个，推广良种繁育和饲草种植，带动农牧民增收。",
            "农牧业",
        ),
    ],
    ids=["products-sold-through-canteens-and-supermarkets", "sales-channels-alone", "farming"],
)
def test_products_sold_in_beijing_are_consumer_assistance_and_products_raised_are_farming(text, theme):
    assert set(score_themes(section=ProposedSection(text=text), rules=SHIPPED)) == {theme}


def test_no_theme_lists_a_keyword_twice():
    seen: dict[tuple[str, str], int] = {}
    for rule in SHIPPED:
        for keyword in rule.keywords:
            seen[rule.name, keyword] = seen.get((rule.name, keyword), 0) + 1
    assert [key for key, count in seen.items() if count > 1] == []
