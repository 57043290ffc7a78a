from archive.ingest.clean import (
    blocks_from_lines,
    clean_line,
    collapse_spaced,
    fix_punctuation,
    fold_width,
    split_lines,
)


def test_full_width_latin_and_digits_become_ascii_but_chinese_punctuation_stays():
    assert fold_width("ＡＩ大会，２０２５年，ＣＦＥＥ。") == "AI大会，2025年，CFEE。"


def test_letter_spaced_headlines_are_collapsed():
    assert collapse_spaced("包 钢 贺 海 东 调 研") == "包钢贺海东调研"


def test_a_single_space_between_two_phrases_is_kept():
    assert clean_line("京蒙协作成果盈枝 同心同德弦歌不辍")[0] == "京蒙协作成果盈枝 同心同德弦歌不辍"


def test_markdown_remnants_are_stripped_and_reported():
    assert clean_line("## 内蒙古 **19.1** 万P") == ("内蒙古19.1万P", "##")


def test_half_width_punctuation_inside_chinese_becomes_full_width():
    assert (
        fix_punctuation("日前,一列列车(集装箱)驶向天津:效率提升")
        == "日前，一列列车（集装箱）驶向天津：效率提升"
    )


def test_ratios_and_decimals_keep_their_ascii_punctuation():
    assert fix_punctuation("结构为11.7:39.6:48.8,调整") == "结构为11.7:39.6:48.8，调整"


def _paragraphs(text):
    return [b.text for b in blocks_from_lines(lines=split_lines(text=text))]


def test_narrow_columns_are_rejoined_into_paragraphs():
    column = "\n".join(
        [
            "在我国区域协同发展的宏大版图",
            "中，京蒙协作无疑是一抹亮丽而充满",
            "活力的色彩。作为内蒙古自治区的首",
        ]
        + ["府，呼和浩特在京蒙协作的浪潮中积"] * 20
        + ["极作为。"]
    )
    paragraphs = _paragraphs(column)
    assert len(paragraphs) == 1
    assert paragraphs[0].startswith("在我国区域协同发展的宏大版图中，京蒙协作")
    assert paragraphs[0].endswith("积极作为。")


def test_a_sentence_broken_across_a_blank_line_is_rejoined():
    text = "今年以来，京蒙科技合作持续深入：重点研发项目立项45项，京蒙科创\n\n产业园已完成建设。\n\n下一段。"
    assert _paragraphs(text) == [
        "今年以来，京蒙科技合作持续深入：重点研发项目立项45项，京蒙科创产业园已完成建设。",
        "下一段。",
    ]


def test_on_a_page_that_indents_its_paragraphs_the_indent_starts_a_paragraph():
    column = "\n".join(
        [
            "　　　　两地合作的标题",
            "　　第一段的开头，这一行写满了整整一",
            "栏。第二句恰好在行末结束了。",
            "第一段的第三句还在继续，直到这里。",
            "　　第二段另起一行，缩进两格，说的",
            "是另一件事。这件事情也写了不少",
            "内容，一直写到这一行才结束。",
        ]
    )
    assert _paragraphs(column) == [
        "两地合作的标题",
        "第一段的开头，这一行写满了整整一栏。第二句恰好在行末结束了。第一段的第三句还在继续，直到这里。",
        "第二段另起一行，缩进两格，说的是另一件事。这件事情也写了不少内容，一直写到这一行才结束。",
    ]


def test_a_headline_is_not_glued_to_the_byline_under_it():
    assert _paragraphs("看看经开区如何念好节水经\n●本报记者 张三\n\n正文。") == [
        "看看经开区如何念好节水经",
        "●本报记者 张三",
        "正文。",
    ]


def test_lines_remember_their_offsets_in_the_raw_text():
    text = "标题\n\n正文第一句。\n"
    lines = split_lines(text=text)
    assert text[lines[2].start : lines[2].end] == "正文第一句。"
