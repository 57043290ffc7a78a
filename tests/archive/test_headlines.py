"""Headlines on web and e-paper layouts: a page banner is not the first story's kicker; a headline
carries its column label or a subtitle on its line; a headline printed twice counts once; a date,
view-count or author line is never the headline; a headline only in the page's chrome is taken
from there and flagged; a doubtful one is flagged. Synthetic pages, written for these tests."""

from pathlib import Path

from archive.ingest.split import split_page
from archive.ingest.titles import parse_title_line

PAGES = Path(__file__).parent / "pages"

WEB_TITLE_REPEATED = """\
某旗与北京某区共建蔬菜基地- 某某网某某频道
某某网 > > 正文
2023 08/28 15:30:59
来源：某某网

某旗与北京某区共建蔬菜基地

字体：

今年以来，某旗与北京某区共建的蔬菜基地陆续投产，基地生产的西红柿、黄瓜等蔬菜每天通过冷链车运往北京，日供应量达到二十吨。
"""

AUTHOR_LINE_FIRST = """\
作者|某某

10月17日，北京某展览馆开启消费帮扶专场，来自内蒙古多个旗县的企业带来了牛羊肉、奶制品和杂粮，现场人头攒动。

展位边的工作人员说，这次带来的产品都是当地合作社的特色产品，很多北京市民一次买了好几样。
"""

CHROME_HOLDS_HEADLINE = """\
某某论坛 - 资料 -> 1999年03月 -> 某市对口帮扶 三万农牧民受益
某网友 1999-03-26 00:00

本报讯 1998年，某市对口帮扶工作取得明显成效，一批帮扶项目使三万农牧民受益，帮扶资金主要用于修建道路和学校。
"""

COLUMN_AND_SUBTITLE = """\
【京蒙协作】北京某区帮扶某县 农畜产品走上北京餐桌

在某县的农畜产品展销中心，来自北京某区的采购商正在挑选莜面、土豆和牛羊肉，展销中心的产品通过直营店进入北京社区。
"""

FORUM_CATEGORY = """\
[纪实·新闻某旗贫困人口全部脱贫

近日，某旗宣布全部贫困人口脱贫，北京帮扶资金支持建设的产业项目带动了上千户农牧民增收。
"""


def test_a_banner_over_several_stories_is_not_the_first_storys_kicker():
    text = (PAGES / "epaper_banner.txt").read_text(encoding="utf-8")
    page = split_page(text=text)
    assert [a.headline for a in page.articles] == [
        "某旗肉牛产业园迎来首批北京客商",
        "某市职业学校开设北京订单班",
        "北京医生在某县坐诊满一年",
    ]
    assert all(not a.kicker for a in page.articles)
    assert any(d["text"] == "携手共进 京蒙协作结硕果" for d in page.dropped)


def test_a_headline_in_the_pages_title_and_again_over_the_story_counts_once():
    (article,) = split_page(text=WEB_TITLE_REPEATED).articles
    assert (article.kicker, article.headline) == ("", "某旗与北京某区共建蔬菜基地")
    assert article.sections[0].text.startswith("今年以来")


def test_an_author_line_is_never_the_headline():
    (article,) = split_page(text=AUTHOR_LINE_FIRST).articles
    assert article.headline == ""
    assert "未找到标题" in article.review_reason


def test_a_headline_only_in_the_breadcrumb_is_taken_from_it_and_flagged():
    (article,) = split_page(text=CHROME_HOLDS_HEADLINE).articles
    assert article.headline == "某市对口帮扶 三万农牧民受益"
    assert article.needs_review and "标题栏" in article.review_reason


def test_a_column_label_run_into_the_headline_is_the_column():
    (article,) = split_page(text=COLUMN_AND_SUBTITLE).articles
    assert (article.column, article.headline) == ("京蒙协作", "北京某区帮扶某县 农畜产品走上北京餐桌")


def test_a_subtitle_printed_on_the_headlines_line():
    line = parse_title_line("守望相助奔小康——北京对口帮扶某盟纪实（六）")
    assert (line.headline, line.subheadline) == ("守望相助奔小康", "——北京对口帮扶某盟纪实（六）")
    line = parse_title_line("某市代表团来我区考察推动协作工作 甲乙丙丁参加活动")
    assert (line.headline, line.subheadline) == ("某市代表团来我区考察推动协作工作", "甲乙丙丁参加活动")
    line = parse_title_line("京蒙携手谱新篇 合作帮扶结硕果")
    assert (line.headline, line.subheadline) == ("京蒙携手谱新篇 合作帮扶结硕果", "")


def test_a_headline_with_an_unclosed_bracket_is_flagged():
    (article,) = split_page(text=FORUM_CATEGORY).articles
    assert article.needs_review and "括号" in article.review_reason
