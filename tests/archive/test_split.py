"""The splitter on small synthetic pages: each test is one typographic convention."""

from archive.ingest.split import split_page

PLACES = {"包头", "赤峰", "通辽"}


def _split(text):
    return split_page(text=text, place_names=PLACES).articles


def test_datelines_separate_consecutive_news_items_and_give_their_reporters():
    articles = _split(
        "第一条消息的标题\n\n本报讯（记者 王一）第一条消息的正文说了一件事。\n\n"
        "第二条消息的标题\n\n本报3月2日讯（记者 李二 通讯员 赵三）第二条消息的正文又说了一件事。\n"
    )
    assert [a.headline for a in articles] == ["第一条消息的标题", "第二条消息的标题"]
    assert articles[1].dateline == "本报3月2日讯"
    assert articles[1].authors == [{"name": "李二", "role": "记者"}, {"name": "赵三", "role": "通讯员"}]


def test_kicker_headline_and_byline_are_told_apart():
    (article,) = _split(
        "一产稳中有进 二产提质增效\n\n现代化产业体系建设蹄疾步稳\n\n◎本报记者 王一\n\n正文第一段，讲了产业体系建设的情况。\n"
    )
    assert (article.kicker, article.headline, article.byline) == (
        "一产稳中有进 二产提质增效",
        "现代化产业体系建设蹄疾步稳",
        "本报记者 王一",
    )


def test_a_byline_printed_before_its_headline_still_belongs_to_that_article():
    articles = _split(
        "前一篇的标题\n\n本报讯（记者 王一）前一篇的正文。\n\n◎本报记者 李二\n\n后一篇的标题？\n\n后一篇的正文，讲了很多事情。\n"
    )
    assert [(a.headline, a.byline) for a in articles] == [
        ("前一篇的标题", "记者 王一"),
        ("后一篇的标题？", "本报记者 李二"),
    ]


def test_chinese_ordinal_subheads_open_sections():
    (article,) = _split(
        "总标题\n\n导语一段，说明全文。\n\n一、第一部分\n\n第一部分的正文。\n\n二、第二部分\n\n第二部分的正文。\n"
    )
    assert [s.heading for s in article.sections] == ["", "一、第一部分", "二、第二部分"]


def test_a_package_has_one_section_per_place_with_its_own_headline_and_byline():
    text = "系列报道总标题\n\n"
    for city in ("包头", "赤峰"):
        text += f"{city}\n\n{city}的分标题 合作共赢\n\n□本报记者 王{city[0]}\n\n{city}的正文，讲述{city}的合作。\n\n"
    (article,) = _split(text)
    assert article.headline == "系列报道总标题"
    assert [(s.heading, s.subheading, s.byline) for s in article.sections] == [
        ("包头", "包头的分标题 合作共赢", "本报记者 王包"),
        ("赤峰", "赤峰的分标题 合作共赢", "本报记者 王赤"),
    ]


def test_captions_and_photo_credits_are_kept_out_of_the_body():
    (article,) = _split(
        "标题\n\n正文第一段，介绍情况。\n\n\n\n工人在车间作业 王五 摄\n\n正文第二段，继续介绍。\n"
    )
    assert [s.kind for s in article.sections] == ["body", "caption"]
    assert "摄" not in article.sections[0].text
    assert article.sections[0].text.endswith("继续介绍。")


def test_a_trailing_signature_closes_the_article_and_becomes_its_byline():
    articles = _split("甲标题\n\n甲文的正文，内容很多很多。\n\n（赵六）\n\n乙标题\n\n乙文的正文。\n")
    assert [(a.headline, a.byline) for a in articles] == [("甲标题", "赵六"), ("乙标题", "")]


def test_a_byline_in_parentheses_under_each_headline_starts_each_article():
    articles = _split(
        "【京蒙协作】\n甲地的新闻标题\n（记者　张文博　通讯员　李慧）\n\n甲地的正文第一段，说了一件事。\n\n"
        "【京蒙协作】\n乙地的新闻标题\n（本报记者　包红梅　实习生　赵一鸣）\n\n乙地的正文，说了另一件事。\n\n（记者　斯琴）\n"
    )
    # two articles: after a finished paragraph the same form is a closing signature, not a byline
    assert [(a.column, a.headline, a.byline) for a in articles] == [
        ("京蒙协作", "甲地的新闻标题", "记者 张文博 通讯员 李慧"),
        ("京蒙协作", "乙地的新闻标题", "本报记者 包红梅 实习生 赵一鸣"),
    ]
    # a one-character role (文) inside a name is part of the name
    assert articles[0].authors == [{"name": "张文博", "role": "记者"}, {"name": "李慧", "role": "通讯员"}]


def test_a_column_label_is_metadata_not_a_headline():
    (article,) = _split("【口岸观察】\n\n口岸贸易值增长\n\n今年一季度，口岸进出口贸易值增长。\n")
    assert (article.column, article.headline) == ("口岸观察", "口岸贸易值增长")


def test_a_block_repeated_verbatim_is_dropped_and_recorded():
    para = "这是一段足够长的正文，用来检验重复段落会被识别并删除，而不是出现两次。"
    page = split_page(text=f"标题\n\n{para}\n\n另一段不同的正文。\n\n{para}\n", place_names=PLACES)
    assert [d["lines"] for d in page.dropped] == [[7, 7]]
    assert page.articles[0].sections[0].text.count(para) == 1


def test_headlines_printed_away_from_their_bodies_are_matched_by_wording_and_flagged():
    articles = _split(
        "草原牧区推广新型青贮技术\n\n城市供热管网完成检修\n\n老年人错峰出游成为新风尚\n\n湖泊治理取得成效\n\n"
        "本报讯（记者 甲）城市供热管网检修全部完成，供热管网运行平稳。\n\n"
        "本报讯（记者 乙）牧区推广新型青贮技术，青贮玉米亩产提高。\n"
    )
    assert [a.headline for a in articles] == ["城市供热管网完成检修", "草原牧区推广新型青贮技术"]
    assert all(a.needs_review for a in articles)


def test_an_article_without_any_headline_is_flagged_for_review():
    articles = _split("本报讯（记者 甲）只有正文，没有标题的一条简讯。\n")
    assert articles[0].headline == ""
    assert articles[0].needs_review and "标题" in articles[0].review_reason


def test_notices_are_recognised_and_each_bulleted_notice_is_a_section():
    (article,) = _split(
        "遗失声明\n\n●某单位遗失开户许可证，声明作废。\n\n●某牧民遗失草原承包经营权证，声明作废。\n"
    )
    assert article.kind == "notice"
    assert len(article.sections) == 2


def test_commentary_is_recognised_from_its_column_or_byline():
    (article,) = _split("短评\n\n谋新重质\n\n评论员 王丰\n发展新质生产力是推动高质量发展的内在要求。\n")
    assert article.kind == "commentary"
    assert article.authors == [{"name": "王丰", "role": "评论员"}]


def test_photographers_named_in_captions_become_authors():
    (article,) = _split(
        "标题\n\n正文第一段，介绍情况。\n\n\n\n车间一角\n\n（本版图片均由张家辉 摄）\n\n正文第二段。\n"
    )
    assert {"name": "张家辉", "role": "摄影"} in article.authors


def _column(paragraph: str, width: int = 16) -> str:
    """A paragraph hard-wrapped the way a narrow print column extracts."""
    return "\n".join(paragraph[i : i + width] for i in range(0, len(paragraph), width))


def test_short_lines_between_finished_paragraphs_of_a_wrapped_column_open_sections():
    body = "这是一段正文，讲述了当地的做法和取得的成效，群众普遍表示满意，" * 4
    page = "\n\n".join(
        [
            "某地推进城市精细治理",
            _column("本报讯（记者 王一）" + body + "各项工作稳步推进。"),
            "道路改出新模样\n" + _column(body + "道路面貌明显改善。"),
            "“热线”接诉即办\n" + _column(body + "诉求办结率明显提高。"),
        ]
    )
    (article,) = _split(page)
    assert [s.heading for s in article.sections if s.kind == "body"] == [
        "",
        "道路改出新模样",
        "“热线”接诉即办",
    ]


def test_a_short_line_that_breaks_off_a_sentence_stays_in_the_running_text():
    body = "这是一段正文，讲述了当地的做法和取得的成效，群众普遍表示满意，" * 4
    page = "\n\n".join(
        [
            "某地推进城市精细治理",
            _column("本报讯（记者 王一）" + body + "各项工作稳步推进"),  # no full stop: not finished
            "道路改出新模样\n" + _column(body + "道路面貌明显改善。"),
            "下 一 步 将 继 续\n" + _column("推进，" + body + "完。"),
        ]
    )
    (article,) = _split(page)
    assert [s.heading for s in article.sections if s.kind == "body"] == [""]
    assert "道路改出新模样" in article.sections[0].text and "下一步将继续" in article.sections[0].text


def test_briefs_led_by_a_place_label_are_one_article_each_even_when_the_space_before_the_date_is_lost():
    articles = _split(
        "简讯\n\n【包头】9月5日，包头的一条简讯说了一件事情，内容足够长，已经超过了三十个字。（记者 王一）\n\n"
        "■ 赤峰　9月6日，赤峰的一条简讯说了另一件事情，内容也足够长，同样超过了四十个字，不会被当作标签。\n"
    )
    assert [a.sections[0].text[:4] for a in articles] == ["【包头】", "■ 赤峰"]


def test_web_page_furniture_in_brackets_is_not_a_headline():
    (article,) = _split(
        "网页文章的标题\n\n【字体：大 中 小】 【打印本页】 【关闭窗口】\n\n正文第一段，说了一件事情。\n"
    )
    assert article.headline == "网页文章的标题"


def test_the_name_of_a_series_over_a_headline_is_its_kicker():
    (article,) = _split("京蒙协作·旗县纪行\n\n携手同行 四个旗县的新答卷\n\n正文第一段，说了一件事情。\n")
    assert (article.kicker, article.headline) == ("京蒙协作·旗县纪行", "携手同行 四个旗县的新答卷")


def test_an_interview_keeps_its_questions_and_a_headline_after_it_starts_the_next_article():
    articles = _split(
        "访谈的标题\n\n记者：第一个问题是什么？\n\n嘉宾：第一个回答，说了很多内容。\n\n"
        "记者：第二个问题是什么？\n\n嘉宾：第二个回答，也说了很多内容。\n\n"
        "图片新闻的标题\n\n图片新闻的正文，说了一件事情。\n"
    )
    assert [a.headline for a in articles] == ["访谈的标题", "图片新闻的标题"]
    assert "记者：第二个问题是什么？" in articles[0].sections[0].text


def test_a_marked_headline_line_does_not_run_into_the_subheadline_under_it():
    (article,) = _split("## 飞地一年孵化项目17个\n已有9个项目在包头落地转化\n\n正文第一段，说了一件事情。\n")
    assert (article.headline, article.subheadline) == ("飞地一年孵化项目17个", "已有9个项目在包头落地转化")


def test_a_short_line_over_a_headline_is_its_kicker_not_the_first_half_of_it():
    (article,) = _split("协作在基层\n突泉与通州：七百公里外的“亲戚”\n\n正文第一段，说了一件事情。\n")
    assert (article.kicker, article.headline) == ("协作在基层", "突泉与通州：七百公里外的“亲戚”")


def test_continued_from_another_page_opens_the_article_after_its_headline():
    articles = _split(
        "甲地的新闻标题\n\n甲地的正文说了一件事情，还没有说完，\n（下转第6版）\n\n"
        "乙地的新闻标题\n\n（上接第1版）\n乙地的正文接着上一版说下去。\n"
    )
    assert [(a.headline, a.source_note) for a in articles] == [
        ("甲地的新闻标题", "下转第6版"),
        ("乙地的新闻标题", "上接第1版"),
    ]
    assert articles[1].sections[0].text == "乙地的正文接着上一版说下去。"


def test_a_series_name_directly_over_a_headline_of_its_length_is_not_half_of_it():
    (article,) = _split(
        "合作交流·深度观察\n从“一块煤”到“一片新天地”\n——副题说明这篇报道\n\n本报记者 王一\n\n正文第一段，说了一块煤怎样变成一片新天地。\n"
    )
    assert (article.kicker, article.headline) == ("合作交流·深度观察", "从“一块煤”到“一片新天地”")


def test_a_short_marked_label_over_a_long_title_is_a_label_and_the_title_the_headline():
    (article,) = _split(
        "## 数说协作\n**1—5月两地对口协作工作的成绩单**\n\n今年以来，各项工作稳步推进，进展如下。\n"
    )
    assert (article.kicker, article.headline) == ("数说协作", "1—5月两地对口协作工作的成绩单")


def test_a_marked_headline_keeps_its_longer_subtitle():
    (article,) = _split("## 让更多游客走进草原\n——访一位挂职干部、副旗长某某某\n\n记者：第一个问题是什么？\n")
    assert article.headline == "让更多游客走进草原"


def test_a_related_links_box_after_an_article_is_a_section_of_it():
    articles = _split(
        "报道的标题\n\n本报讯 正文第一段，说了一件事情，又说了另一件事情。\n\n"
        "相关链接\n一份合作方案\n\n方案明确在十个领域深化合作，推动两地合作走深走实。\n\n"
        "下一篇报道的标题\n\n本报讯 下一篇的正文，说了别的事情。\n"
    )
    assert [a.headline for a in articles] == ["报道的标题", "下一篇报道的标题"]
    box = articles[0].sections[-1]
    assert (box.heading, box.subheading) == ("相关链接", "一份合作方案")
    assert "十个领域" in box.text


def test_a_subtitle_naming_its_genre_is_not_the_second_half_of_the_headline():
    (article,) = _split(
        "飞地运行得怎么样了\n在京科创飞地运行两年调查\n\n在北京的一处园区里，研发团队的工位几乎坐满。\n"
    )
    assert (article.headline, article.subheadline) == ("飞地运行得怎么样了", "在京科创飞地运行两年调查")


def test_a_notice_after_a_photo_and_its_caption_is_an_article_of_its_own():
    articles = _split(
        "图片新闻的标题\n\n8月18日，一场招聘会在镇上举行，企业带来了上千个岗位，现场有不少人达成意向。\n\n"
        "图为求职者在招聘会现场咨询岗位信息。　本报记者　某某　摄\n\n"
        "遗失声明\n\n某某合作社不慎遗失营业执照副本一份，声明作废。\n"
    )
    assert [a.headline for a in articles] == ["图片新闻的标题", "遗失声明"]
