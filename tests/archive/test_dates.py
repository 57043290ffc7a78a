import datetime as dt

from archive.ingest.dates import dateline_date, full_date, page_header_date


def test_a_dateline_takes_its_year_from_the_page_date():
    assert dateline_date(dateline="本报11月9日讯", page_date=dt.date(2025, 11, 10)) == dt.date(2025, 11, 9)


def test_a_dateline_later_in_the_year_than_the_page_belongs_to_the_year_before():
    assert dateline_date(dateline="新华社北京12月30日电", page_date=dt.date(2026, 1, 2)) == dt.date(
        2025, 12, 30
    )


def test_without_a_page_date_a_dateline_gives_no_date():
    assert dateline_date(dateline="本报11月9日讯", page_date=None) is None


def test_an_impossible_date_gives_none():
    assert dateline_date(dateline="本报2月30日讯", page_date=dt.date(2025, 3, 1)) is None


def test_full_dates_in_several_spellings_and_scripts():
    assert full_date("四子王旗委保密机要局 2025 年 4 月 29 日") == dt.date(2025, 4, 29)
    assert full_date("发布时间：2025-06-12 09:30") == dt.date(2025, 6, 12)
    assert full_date("2025年6月12日 發佈") == dt.date(2025, 6, 12)
    assert full_date("今年4月29日") is None


def test_a_page_header_date_is_read_from_the_top_of_the_page_only():
    assert page_header_date(["", "内蒙古日报", "2025年8月7日 星期四", "第07版"]) == dt.date(2025, 8, 7)
    assert page_header_date(["标题"] * 6 + ["2025年8月7日 星期四"]) is None


def test_articles_get_dates_only_from_what_the_page_states():
    from archive.ingest.dates import assign_dates
    from archive.ingest.split import split_page

    text = (
        "2025年11月10日 星期一\n\n第一条\n\n本报11月9日讯（记者 甲）正文。\n\n"
        "遗失声明\n\n●某单位遗失公章，声明作废。\n某单位\n2025年4月29日\n\n无日期的标题\n\n本报讯（记者 乙）正文。\n"
    )
    page = split_page(text=text, place_names=set())
    assign_dates(page=page, text=text, page_date=None)
    assert page.date == "2025-11-10" and "页眉" in page.provenance
    assert [a.date for a in page.articles] == ["2025-11-09", "2025-04-29", ""]


def test_datelines_in_chinese_numerals():
    assert dateline_date(dateline="本報北京七月十七日電", page_date=dt.date(2025, 7, 18)) == dt.date(
        2025, 7, 17
    )
    assert dateline_date(dateline="本报十二月二十日讯", page_date=dt.date(2025, 12, 21)) == dt.date(
        2025, 12, 20
    )
