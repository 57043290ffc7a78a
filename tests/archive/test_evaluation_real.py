import json
from io import StringIO

import pytest
from django.core.management import call_command

from archive.evaluation_real import evaluate_real

pytestmark = pytest.mark.django_db

# A page written for this test (real pages' text stays outside the repository): site chrome, a
# headline, a source line and two paragraphs about 察右前旗.
TEXT = """首页 | 新闻 | 政务 | 服务
京蒙协作助力察右前旗产业发展
来源：示例日报 2025-08-07
本报讯 察哈尔右翼前旗与北京市丰台区签订协议，共建农畜产品加工园区，带动农牧民就业增收。
察右前旗相关负责人表示，园区首批项目已经投产，产品销往北京。
版权所有 示例网站
"""
GOLD = {
    "source": "sample.txt",
    "layout": "single",
    "publication": "",
    "date": "",
    "page": "",
    "stated": [],
    "dropped": [[1, 1], [6, 6]],
    "articles": [
        {
            "headline": "京蒙协作助力察右前旗产业发展",
            "source_note": "示例日报",
            "date": "2025-08-07",
            "stated": ["source_note", "date"],
            "cities": ["察哈尔右翼前旗", "丰台区"],
            "title_lines": [[2, 3]],
            "sections": [{"kind": "body", "body": [[4, 5]], "cities": ["察哈尔右翼前旗", "丰台区"]}],
        }
    ],
}


@pytest.fixture
def real_dirs(tmp_path):
    gold, text = tmp_path / "fixtures" / "real", tmp_path / "text"
    gold.mkdir(parents=True)
    text.mkdir()
    (gold / "sample.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (gold / "missing.json").write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    (text / "sample.txt").write_text(TEXT, encoding="utf-8")
    return gold, text


def test_a_page_without_its_text_is_skipped_and_the_rest_is_scored(real_dirs):
    gold, text = real_dirs
    result = evaluate_real(gold_dir=gold, text_dir=text)
    assert result.skipped == ["missing"]
    report = result.layouts["single"]
    assert report.pages == 1
    assert report.headlines_printed == 1
    assert report.stated_fields == 2


def test_places_are_scored_at_the_level_of_their_league_or_city(real_dirs):
    gold, text = real_dirs
    report = evaluate_real(gold_dir=gold, text_dir=text).layouts["single"]
    # 察哈尔右翼前旗 counts as 乌兰察布市 and 丰台区 as 北京市, in gold and prediction alike
    assert report.cities.tp + report.cities.fn == 2


def test_the_command_says_which_pages_it_skipped(real_dirs):
    gold, text = real_dirs
    out = StringIO()
    call_command("evaluate", "--fixtures", str(gold.parent), "--real", str(text), stdout=out)
    assert "skipped: no text — missing" in out.getvalue()
    assert "真实版面：单篇（1 版）" in out.getvalue()
