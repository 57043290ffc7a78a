"""Provenance read from the lines a page prints (archive/ingest/provenance.py, attribute.py).

Every line here is written for the test (names 甲乙丙 and made-up papers), imitating the forms of
real pages: mastheads, citation lines, web date lines, e-paper navigation, bylines, datelines.
"""

from __future__ import annotations

import pytest

from archive.ingest.attribute import read_provenance
from archive.ingest.classify import classify
from archive.ingest.clean import Block, Line
from archive.ingest.provenance import ARTICLE, PAGE, is_provenance_line
from archive.services import propose_page


def one(line: str) -> list:
    return read_provenance(text=line)


def test_a_masthead_with_its_weekday_gives_the_page_publication_and_date():
    [s] = one("岭北日报 2022年07月22日 星期五")
    assert (s.level, s.publication, s.date, s.whole) == (PAGE, "岭北日报", "2022-07-22", True)


def test_a_chinese_numeral_masthead_date():
    [s] = one("岭北日报 二〇二二年七月二十二日 星期五")
    assert s.date == "2022-07-22"


def test_a_citation_line_with_its_byline():
    [s] = one("作者：本报记者 甲乙 丙丁 《岭北日报》（ 2022年07月22日 04版）")
    assert s.level == ARTICLE
    assert (s.publication, s.date, s.label) == ("岭北日报", "2022-07-22", "04版")
    assert s.byline == "本报记者 甲乙 丙丁"
    assert s.authors == [{"name": "甲乙", "role": "记者"}, {"name": "丙丁", "role": "记者"}]


def test_a_citation_line_alone():
    [s] = one("《岭北晚报》（2021年3月5日 第03版）")
    assert (s.publication, s.date, s.label, s.byline) == ("岭北晚报", "2021-03-05", "第03版", "")


def test_a_date_and_time_then_the_paper():
    found = one("2005年12月14日12:00 岭北日报")
    assert [(s.level, s.publication, s.date) for s in found] == [
        (PAGE, "岭北日报", ""),
        (ARTICLE, "", "2005-12-14"),
    ]


def test_fields_run_together_on_one_line():
    [s] = one("来源：草原融媒 发布时间:2017-12-16 19:44作者：甲乙")
    assert (s.source_note, s.date, s.byline) == ("草原融媒", "2017-12-16", "甲乙")
    assert s.authors == [{"name": "甲乙", "role": "作者"}]


def test_a_source_run_into_the_date_label():
    [s] = one("来源 : 区文化馆发布日期:2022-08-15")
    assert (s.source_note, s.date) == ("区文化馆", "2022-08-15")


def test_a_web_date_line_with_a_view_count():
    [s] = one("2023-08-28 15:30:59 来源：岭北网 浏览次数：123")
    assert (s.level, s.date, s.source_note, s.whole) == (ARTICLE, "2023-08-28", "岭北网", True)


def test_a_site_name_two_digit_year_and_a_print_button():
    found = one("岭北新闻网  18-11-16 12:12  【打印本页】  来源:草原新报")
    assert [(s.level, s.publication, s.date, s.source_note) for s in found] == [
        (PAGE, "岭北新闻网", "", ""),
        (ARTICLE, "", "2018-11-16", "草原新报"),
    ]


def test_a_year_then_month_and_day_with_a_slash():
    [s] = one("2023 08/28 15:30:59")
    assert (s.level, s.date) == (ARTICLE, "2023-08-28")


def test_an_account_name_and_date_dates_the_page():
    [s] = one("岭北人大 2023-12-23")
    assert (s.level, s.publication, s.date) == (PAGE, "岭北人大", "2023-12-23")


def test_a_posters_name_is_not_a_publication():
    [s] = one("甲乙丙 1999-03-26 00:00")
    assert (s.level, s.publication, s.date) == (PAGE, "", "1999-03-26")


def test_source_labels_are_left_out_and_attributing_verbs_kept():
    assert one("稿源：岭北日报")[0].source_note == "岭北日报"
    assert one("出处：岭北晚报")[0].source_note == "岭北晚报"
    assert one("源自:岭北日报客户端")[0].source_note == "源自:岭北日报客户端"


def test_editor_lines_are_furniture_without_a_byline():
    for line in ("责任编辑：甲乙", "[责任编辑: 甲乙]", "（责编：甲乙、丙丁）"):
        [s] = one(line)
        assert s.whole and not s.byline


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("当前版: 07版 上一版  下一版", "07版"),
        ("第03版：要闻", "第03版"),
        ("版次：A3", "A3"),
        ("第2版(经济)", "第2版"),
        ("P. 66", "P. 66"),
    ],
)
def test_e_paper_navigation_and_page_numbers_give_the_page_label(line, label):
    [s] = one(line)
    assert (s.level, s.label) == (PAGE, label)


def test_wire_and_site_datelines_with_their_reporters():
    [s] = one("新华社呼和浩特7月21日电（记者 甲乙）近日，岭北召开会议，部署下一阶段的工作。")
    assert (s.dateline, s.byline, s.whole) == ("新华社呼和浩特7月21日电", "记者 甲乙", False)
    [s] = one("岭北网北京4月28日消息(記者丙丁)今天上午，两地签下合作项目，总投资额达二十亿元。")
    assert (s.dateline, s.byline) == ("岭北网北京4月28日消息", "記者丙丁")
    [s] = one("岭北讯(记者甲乙丙 )近日在全区工作推进会上获悉，协作成效显著。")
    assert (s.dateline, s.byline) == ("岭北讯", "记者甲乙丙")


def test_local_datelines():
    assert one("本报讯 近日，岭北召开会议，部署下一阶段的工作，各旗县负责人参加。")[0].dateline == "本报讯"
    assert one("本报北京7月21日讯 近日，岭北召开会议，部署工作。")[0].dateline == "本报北京7月21日讯"


def test_parenthesised_bylines_closing_a_paragraph():
    [s] = one("截至10月底，已惠及一万余人。(岭北新报融媒体记者 甲 乙)")
    assert (s.byline, s.header, s.whole) == ("岭北新报融媒体记者 甲 乙", False, False)
    assert s.authors == [{"name": "甲乙", "role": "记者"}]
    [s] = one("（记者 甲乙 丙丁）")
    assert s.whole and s.byline == "记者 甲乙 丙丁"


def test_a_picture_credit_is_not_a_byline():
    assert one("两地签约现场。（图片由区融媒体中心提供）") == []
    assert one("两地签约现场。（记者 甲乙 摄）") == []


def test_labelled_bylines():
    [s] = one("作者|甲乙")
    assert (s.byline, s.authors) == ("作者|甲乙", [{"name": "甲乙", "role": "作者"}])
    [s] = one("文 |《岭北》新闻周刊记者 甲乙 丙丁")
    assert (s.byline, s.publication) == ("《岭北》新闻周刊记者 甲乙 丙丁", "岭北新闻周刊")
    assert one("文/图 甲乙")[0].authors  # 文/图 credits


def test_breadcrumbs_and_a_masthead_name_over_the_story():
    text = "岭北网>>内蒙古频道>>民生\n\n标题在此\n\n" + "正文，" * 20 + "。"
    [s] = read_provenance(text=text)
    assert (s.level, s.publication, s.whole) == (PAGE, "岭北网", False)
    text = "岭北網\n\n标题在此\n\n" + "正文，" * 20 + "。"
    assert read_provenance(text=text)[0].publication == "岭北網"
    assert read_provenance(text="首页 > 新闻中心\n\n" + "正文，" * 20 + "。") == []


def test_a_site_logo_far_above_the_story_is_not_its_masthead():
    chrome = "\n".join(["岭北网", "找回密码", "免费注册", "登录", "快速开始", "跳转到指定楼层", "标题在此"])
    assert read_provenance(text=chrome + "\n" + "正文，" * 20 + "。") == []


@pytest.mark.parametrize(
    "line",
    [
        "2019年以来，据岭北日报报道，两地合作项目达到三十个，带动群众增收。",
        "服务热线：010-80886096",
        "第2025期",
        "今年6月，岭北07版刊登了两地合作的报道，引起读者关注，反响热烈，各方点赞。",
        "记者从自治区农牧厅获悉，2023年12月1日起施行新规，岭北日报对此进行了报道。",
        "内蒙古日报",  # a paper's name alone inside the text, not over a story
    ],
)
def test_prose_mentioning_a_paper_or_a_date_is_not_provenance(line):
    text = "标题\n\n" + "正文，" * 20 + "。\n" + line
    assert [s for s in read_provenance(text=text) if s.line == 4] == []


def test_a_provenance_line_is_page_furniture_for_the_splitter():
    assert is_provenance_line(text="岭北日报 2022年07月22日 星期五")
    assert is_provenance_line(text="2024年03月19日09:08 | 来源：岭北日报")
    assert not is_provenance_line(text="新华社呼和浩特7月21日电（记者 甲乙）近日，岭北召开会议。")
    assert not is_provenance_line(text="2025年4月29日")  # a notice's signed date stays its text
    line = Line(no=1, start=0, end=0, text="2023-08-28 15:30:59 来源：岭北网", raw="")
    block = Block(lines=[line], gap_before=2, text=line.text)
    role = classify(block=block, prev=None, next_=None, place_names=())
    assert (role.kind, role.rule) == ("meta", "provenance_line")


PAGE_TEXT = """岭北日报 2022年07月22日 星期五

草原城市加快建设数据中心

作者：本报记者 甲乙 丙丁 《岭北日报》（ 2022年07月22日 04版）

　　近日，岭北市数据中心项目开工建设，项目总投资约九亿元，建成后将服务京津冀地区的算力需求。
　　项目负责人介绍，数据中心采用绿色电力，年底前完成一期工程，明年投入运营。

牧区推广青贮技术

2022-07-21 09:30 来源：岭北新闻网

　　新华社呼和浩特7月21日电（记者 戊己）岭北市各旗县近日推广青贮技术，帮助牧民储备过冬饲草。
　　技术人员深入嘎查，手把手指导牧民制作青贮饲料，受到牧民欢迎。（见习记者 庚辛）
"""


@pytest.mark.django_db
def test_propose_page_fills_the_page_and_each_article_from_what_it_prints():
    page = propose_page(text=PAGE_TEXT)
    assert (page.publication, page.date, page.label) == ("岭北日报", "2022-07-22", "")
    first, second = page.articles
    assert first.headline == "草原城市加快建设数据中心"
    assert (first.byline, first.date, first.label) == ("本报记者 甲乙 丙丁", "2022-07-22", "04版")
    assert second.headline == "牧区推广青贮技术"
    assert (second.date, second.source_note, second.dateline) == (
        "2022-07-21",
        "岭北新闻网",
        "新华社呼和浩特7月21日电",
    )
    assert second.byline == "记者 戊己"  # the dateline's reporter, the first byline the story prints
    texts = "\n".join(s.text for a in page.articles for s in a.sections)
    assert "星期五" not in texts and "来源" not in texts and "《岭北日报》" not in texts
    recorded = {n for d in page.dropped for n in range(d["lines"][0], d["lines"][-1] + 1)}
    assert {1, 5, 12} <= recorded  # the furniture is recorded, so no line is lost


@pytest.mark.django_db
def test_a_page_that_prints_nothing_gets_nothing():
    page = propose_page(
        text="草原城市加快建设数据中心\n\n" + "近日，岭北市数据中心项目开工建设，2019年以来投资不断增加。" * 3
    )
    assert (page.publication, page.date, page.label) == ("", "", "")
    [article] = page.articles
    assert (article.byline, article.date, article.source_note, article.dateline) == ("", "", "", "")
