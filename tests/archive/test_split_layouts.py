"""The splitter on the furniture and title conventions of social-media posts, scanned pages and
e-paper pages: each test is one convention, on a small synthetic page."""

from archive.ingest.split import split_page

PLACES = {"包头", "赤峰", "通辽"}
PARAGRAPH = (
    "两地合作推进顺利，产业园新签约项目陆续落地，承接产业转移的企业已有二十多家，"
    "当地群众在家门口就业，得到了实实在在的好处。"
)


def _split(text):
    return split_page(text=text, place_names=PLACES).articles


def _body(article):
    return "\n".join(s.text for s in article.body_sections)


def test_a_posts_follow_prompts_placeholders_and_share_bar_are_not_its_text():
    (article,) = _split(
        "某地合作的故事｜一条新闻的标题\n\n原创 某某融媒 某某发布 2025年06月18日 18:30 内蒙古\n\n"
        "👆点击上方蓝字 关注我们\n\n[图片]\n\n记者丨王一 李二\n通讯员丨赵三\n\n"
        f"{PARAGRAPH}💪\n\n—END—\n\n来源：某某融媒体中心\n编辑：孙四\n\n往期推荐\n\n"
        "📌 另一篇文章的标题\n📌 好消息！再一篇文章的标题\n\n[图片]\n长按识别二维码 关注我们\n\n点击阅读原文\n分享 点赞 在看\n"
    )
    assert article.headline == "某地合作的故事｜一条新闻的标题"
    assert [a["name"] for a in article.authors] == ["王一", "李二", "赵三"]
    assert _body(article) == f"{PARAGRAPH}💪"


def test_a_running_header_printed_inside_a_paragraph_is_left_out_and_the_paragraph_reads_on():
    paragraphs = [f"{month}月，{PARAGRAPH}" for month in range(1, 6)]
    column = []
    for text in paragraphs:
        wrapped = [text[i : i + 12] for i in range(0, len(text), 12)]
        column += ["　　" + wrapped[0], *wrapped[1:]]
    column.insert(len(column) // 2, "2025年9月16日　星期二　某某日报　综合新闻")
    (article,) = _split("这一版的标题\n\n" + "\n".join(column) + "\n")
    assert _body(article) == "\n".join(paragraphs)


def test_a_contents_box_and_a_page_number_are_page_furniture():
    (article,) = _split(
        "┌──── 导　读 ────┐\n│▶ 另一版的一篇文章　　第3版\n│▶ 又一版的一篇文章　　第5版\n└────────────┘\n\n"
        f"这一版的标题\n\n{PARAGRAPH}\n\n-3-\n"
    )
    assert (article.headline, _body(article)) == ("这一版的标题", PARAGRAPH)


def test_an_advertisement_under_its_label_is_not_part_of_the_notice_above_it():
    articles = _split(
        "遗失声明\n　　某某商店遗失营业执照正本一份，声明作废。\n\n广　告\n某某镇种苗直销\n品种齐全　送货上门\n联系电话：0476-3828816\n"
    )
    assert [(a.kind, _body(a)) for a in articles] == [("notice", "某某商店遗失营业执照正本一份，声明作废。")]


def test_a_correction_is_a_notice_of_its_own():
    articles = _split(f"一条新闻的标题\n\n{PARAGRAPH}\n\n更正\n　　本报昨日一文中的数字有误，特此更正。\n")
    assert [a.headline for a in articles] == ["一条新闻的标题", "更正"]
    assert articles[1].kind == "notice"


def test_a_headline_line_ending_in_a_colon_runs_on_to_the_next_line_under_its_kicker():
    (article,) = _split(
        f"产值突破12亿元　入驻企业27家\n某某产业园：\n承接产业转移跑出加速度\n■本报记者 王一\n\n{PARAGRAPH}\n"
    )
    assert (article.kicker, article.headline) == (
        "产值突破12亿元 入驻企业27家",
        "某某产业园：承接产业转移跑出加速度",
    )


def test_a_line_of_figures_over_a_phrase_is_the_kicker_not_half_of_the_headline():
    (article,) = _split(
        "结对帮扶五年累计投入资金4.3亿元\n两地“桃乡”牵手“谷乡”\n小米今年销售额突破1.6亿元\n\n"
        "本报讯　结对帮扶五年来，两地累计投入帮扶资金4.3亿元。“谷乡”的小米进入“桃乡”的超市和食堂，今年销售额突破1.6亿元。\n"
    )
    assert (article.kicker, article.headline, article.subheadline) == (
        "结对帮扶五年累计投入资金4.3亿元",
        "两地“桃乡”牵手“谷乡”",
        "小米今年销售额突破1.6亿元",
    )


def test_numbered_briefs_under_a_label_are_briefs_of_their_own_in_that_column():
    articles = _split(
        f"一条新闻的标题\n\n{PARAGRAPH}\n\n要闻快讯\n①第一条简讯说的是图书节在某地举办，设置八个展区，参展机构六百余家，其间举办阅读活动三百余场。\n"
        "②第二条简讯说的是电网送电量创新高，同比增长百分之十二，迎峰度夏期间最高送电负荷也创了新高。\n"
        "③第三条简讯说的是口袋公园全部完工开放，周边居民步行五分钟即可到达，配有健身器材和座椅。\n"
    )
    assert [a.headline for a in articles] == ["一条新闻的标题", "", "", ""]
    assert [a.column for a in articles[1:]] == ["要闻快讯"] * 3
    assert _body(articles[2]).startswith("②第二条简讯")


def test_an_editors_note_between_headline_and_byline_opens_the_article_it_introduces():
    (article,) = _split(
        "访谈\n把首都资源“嫁接”到\n湖畔\n——访一位挂职干部\n\n编者按\n　　一批挂职干部扎根基层，把首都资源带到湖畔。本版今起推出挂职干部访谈系列报道，倾听他们的故事。\n\n"
        f"本报记者　王一　通讯员　李二\n\n　　{PARAGRAPH}\n\n问：您的印象是什么？\n\n答：{PARAGRAPH}\n"
    )
    assert (article.column, article.headline, article.byline) == (
        "访谈",
        "把首都资源“嫁接”到湖畔",
        "本报记者 王一 通讯员 李二",
    )
    assert [s.heading for s in article.body_sections] == ["编者按", ""]
    assert article.body_sections[1].text.startswith("两地合作推进顺利")


def test_each_credited_picture_of_a_group_is_an_item_of_its_own_under_the_groups_name():
    articles = _split(
        "镜头·京蒙协作在某地\n\n"
        "　　10月15日，一家肉类加工企业的工人在分拣即将发往北京的冷鲜羊肉。今年以来，该企业向北京供应羊肉一千余吨。（记者 王一 摄）\n\n"
        "　　10月12日，北京一所小学的学生在结对学校与同学一起学习传统手工艺。两校结对以来，已互派师生交流六批次。\n通讯员　李二　摄\n\n"
        "　　10月17日，一处风电场的风机迎风转动。该风电场所发绿电经特高压通道送往京津冀地区，年送出电量约十八亿千瓦时。（记者 赵三 摄）\n"
    )
    assert [(a.kind, a.column) for a in articles] == [("photo", "镜头·京蒙协作在某地")] * 3
    assert not any(a.needs_review for a in articles)  # a picture of a named group needs no headline
    assert [_body(a)[:6] for a in articles] == ["10月15日", "10月12日", "10月17日"]


def test_a_subhead_after_a_paragraph_closed_by_an_emoji_opens_a_section():
    (article,) = _split(
        f"总标题\n\n1月，{PARAGRAPH}\n\n【一】第一个小标题\n\n2月，{PARAGRAPH}🌾\n\n【二】第二个小标题\n\n3月，{PARAGRAPH}\n"
    )
    assert [s.heading for s in article.body_sections] == ["", "【一】第一个小标题", "【二】第二个小标题"]


def test_a_sites_menu_search_box_and_breadcrumb_do_not_swallow_the_release_headline():
    (article,) = _split(
        "某某行政公署\n无障碍  |  长者模式  |  蒙古文版  |  English  |  登录\n\n"
        "首页\n政务公开\n政务服务\n互动交流\n新闻中心\n请输入关键词\t搜索\n\n当前位置：首页 > 新闻中心 > 工作动态\n\n"
        f"产业园召开项目推进会\n\n发布时间：2025-10-09 10:32  来源：某某局  浏览次数：1024\n\n{PARAGRAPH}\n"
    )
    assert (article.headline, article.date, _body(article)) == (
        "产业园召开项目推进会",
        "2025-10-09",
        PARAGRAPH,
    )


def test_a_closing_credit_written_with_a_slash_signs_the_story_above_it():
    articles = _split(
        f"人物\n\n她把课堂搬到了草原\n——记一位支教教师\n\n{PARAGRAPH}\n\n"
        f"学生们在课后向老师请教问题。图/刘晓东\n\n一年下来，{PARAGRAPH}\n\n文/本报记者 郝佳\n\n"
        f"读者来信\n\n一包药 一份暖\n\n编辑同志：{PARAGRAPH}\n"
    )
    assert [(a.headline, a.byline) for a in articles] == [
        ("她把课堂搬到了草原", "本报记者 郝佳"),
        ("一包药 一份暖", ""),
    ]
    assert [s.kind for s in articles[0].sections] == ["body", "caption"]
    assert {"name": "刘晓东", "role": "摄影"} in articles[0].authors


def test_a_long_line_over_a_headline_set_in_two_short_lines_is_its_kicker():
    (article,) = _split(
        "百余家企业带来千余种特色农畜产品\n青城好物走进首都\n百姓“菜篮子”\n"
        "2025京蒙消费帮扶产品展销会在京开幕 首日签约采购额1.26亿元\n\n"
        "本报讯　京蒙消费帮扶产品展销会在京开幕，百余家企业带来的特色农畜产品走进首都百姓的“菜篮子”。\n"
    )
    assert (article.kicker, article.headline) == (
        "百余家企业带来千余种特色农畜产品",
        "青城好物走进首都百姓“菜篮子”",
    )


def test_a_story_after_a_list_of_recommended_posts_keeps_its_headline():
    articles = _split(
        f"产业园迎来新项目\n\n{PARAGRAPH}\n\n推荐阅读\n\n📌 另一篇文章的标题\n📌 再一篇文章的标题\n\n"
        f"职教基地正式揭牌\n\n本报讯　{PARAGRAPH}\n"
    )
    assert [a.headline for a in articles] == ["产业园迎来新项目", "职教基地正式揭牌"]


def test_a_plain_kicker_over_a_letter_spaced_headline_stays_a_kicker():
    (article,) = _split(
        "丰镇市举办京蒙劳务协作专场招聘会\n岗 位 送 到 家 门 口\n\n"
        "　　本报讯（记者 张宏宇）丰镇市京蒙劳务协作专场招聘会举办，北京企业把岗位送到了家门口。\n"
    )
    assert (article.kicker, article.headline) == ("丰镇市举办京蒙劳务协作专场招聘会", "岗位送到家门口")


def test_three_title_lines_with_the_shortest_in_the_middle_are_kicker_headline_and_subtitle():
    (article,) = _split(
        "香江商報　　二〇二五年十月九日　星期四\nA14　　中國新聞\n\n"
        "京蒙攜手建設綠色算力基地\n「東數西算」草原有底氣\n和林格爾新區近六成算力服務北京用戶\n\n"
        "　　【本報訊】「北京的數據，內蒙古來算。」京蒙攜手建設綠色算力基地，和林格爾新區的算力服務北京用戶。\n\n"
        "【廣告】金秋草原遊　八天團　每位HK$6,980起　查詢熱線：2388 6688\n"
    )
    assert (article.kicker, article.headline, article.subheadline) == (
        "京蒙攜手建設綠色算力基地",
        "「東數西算」草原有底氣",
        "和林格爾新區近六成算力服務北京用戶",
    )
    assert "廣告" not in _body(article)
