"""Site chrome is furniture, scored from a line's features: never an article, never inside one, and
recorded in the page's dropped list so that nothing is lost silently. The pages are synthetic,
written for these tests after the structures of news, government and forum sites."""

import pytest

from archive.ingest import chrome
from archive.ingest.accounting import FURNITURE, unaccounted
from archive.ingest.split import split_page

NEWS_SITE = """\
网站首页
  • 时政
  • 经济
  • 社会
  • 文化
  • 更多>>
您当前的位置：首页 > 新闻中心 > 京蒙协作
某旗与北京某区签订劳务协作协议_某某新闻网
2024-05-06 09:30:12 来源：某某新闻网
【字体：大 中 小】 【打印本页】 【关闭窗口】
分享到： 微信 微博 QQ空间

某旗与北京某区签订劳务协作协议

5月5日，某旗与北京市某区在北京签订劳务协作协议，双方将在岗位对接、技能培训、权益保障等方面深化合作，计划年内帮助八百名农牧民到北京稳定就业。

协议签订后，某区人力资源部门将定期向某旗推送岗位信息，并在某旗设立劳务工作站，为外出务工人员提供一站式服务。两地还将联合开办家政、养老护理等技能培训班。

（责任编辑：某某）
扫描二维码下载某某新闻客户端，关注更多本地新闻
版权与免责声明：
• 凡本网注明“来源：某某新闻网”的作品，版权均属于某某新闻网，未经授权不得转载。
• 凡注明其他来源的作品，均转载自其它媒体，转载目的在于传递更多信息，并不代表本网赞同其观点。
返回顶部
"""

FORUM = """\
某某论坛
找回密码
免费注册
只需一步，快速开始
查看：2031|回复：3
1# 某网友
跳转到指定楼层
[复制链接]

北京某区帮扶某旗建起肉牛养殖基地

近日，北京某区帮扶某旗建设的肉牛养殖基地投入使用，首批引进的三百头基础母牛已经入栏，基地采用“企业+合作社+农户”的模式带动周边农户增收。

基地负责人介绍，北京帮扶资金主要用于建设标准化牛舍和饲草料库，今后还将建设屠宰加工车间，把产业链留在当地。

只看该作者
回复 引用
"""


def _texts(page) -> str:
    return "\n".join(s.text for a in page.articles for s in a.sections)


@pytest.mark.parametrize(
    "line",
    [
        "您当前的位置：首页 > 新闻中心 > 京蒙协作",
        "【字体：大 中 小】 【打印本页】 【关闭窗口】",
        "分享到： 微信 微博 QQ空间",
        "（责任编辑：某某）",
        "扫描二维码下载某某新闻客户端，关注更多本地新闻",
        "查看：2031|回复：3",
        "2024-05-06 09:30:12 来源：某某新闻网",
        "某网友 2019-03-26 00:00",
        '<i id="x1"></i>',
        "上一篇 下一篇",
        "返回顶部",
    ],
)
def test_a_line_of_site_chrome_scores_as_chrome(line):
    assert chrome.is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "某旗与北京某区签订劳务协作协议",
        "京蒙携手谱新篇 合作帮扶结硕果",
        "本报记者 某某 某某",
        "遗失声明",
        "评论",
        "5月5日，某旗与北京市某区在北京签订劳务协作协议，双方将在岗位对接等方面深化合作。",
    ],
)
def test_headlines_bylines_and_text_are_not_chrome(line):
    assert not chrome.is_chrome(line)


def test_a_news_site_page_keeps_its_chrome_out_of_the_article():
    page = split_page(text=NEWS_SITE)
    (article,) = page.articles
    assert article.headline == "某旗与北京某区签订劳务协作协议"
    text = _texts(page)
    assert text.startswith("5月5日") and text.endswith("技能培训班。")
    for chrome_word in ("首页", "责任编辑", "二维码", "版权", "返回顶部", "分享到"):
        assert chrome_word not in text
    recorded = {
        n for d in page.dropped if d["reason"] == FURNITURE for n in range(d["lines"][0], d["lines"][1] + 1)
    }
    assert {1, 7, 8, 9, 10, 19, 20, 21, 22, 23, 24} <= recorded
    assert unaccounted(page=page, text=NEWS_SITE) == []


def test_a_forum_repost_is_one_article_under_its_headline():
    page = split_page(text=FORUM)
    (article,) = page.articles
    assert article.headline == "北京某区帮扶某旗建起肉牛养殖基地"
    text = _texts(page)
    assert text.startswith("近日") and "回复" not in text and "只看该作者" not in text
    assert unaccounted(page=page, text=FORUM) == []


def test_a_breadcrumb_or_a_title_bar_holds_the_headline():
    assert (
        chrome.headline_hint("论坛 -> 1999年03月 -> 某地对口帮扶 六万农牧民受益")
        == "某地对口帮扶 六万农牧民受益"
    )
    assert (
        chrome.headline_hint("查看完整版本：[-- 某地对口帮扶 六万农牧民受益 --]")
        == "某地对口帮扶 六万农牧民受益"
    )
    assert (
        chrome.headline_hint("某旗与北京某区签订劳务协作协议_某某新闻网") == "某旗与北京某区签订劳务协作协议"
    )
    assert chrome.headline_hint("首页 > 新闻中心") == ""


def test_a_sentence_naming_an_address_or_quoting_a_tag_is_text_not_chrome():
    assert not chrome.is_chrome(
        "详情可登录 www.example.gov.cn 查询，报名截止到本月底，欢迎牧民群众踊跃参加。"
    )
    assert not chrome.is_chrome("<script>alert(1)</script>京蒙协作项目推进会在呼和浩特召开")
    assert chrome.is_chrome("image001.png")
