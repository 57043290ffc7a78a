"""Dates the text itself states. Nothing is guessed: no year, no date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .script import simplified
from .types import ProposedArticle, ProposedPage

_NUM = r"[\d一二三四五六七八九十〇]{1,3}"
_MONTH_DAY = re.compile(f"({_NUM})月\\s?({_NUM})日")
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _number(text: str) -> int:
    """'17', '十七', '二十', '七' → int (the numbers a month or a day needs)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)
    return _DIGITS.get(text, 0)


_FULL = re.compile(r"(20\d{2}|19\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_PAGE_HEADER = re.compile(r"(20\d{2}|19\d{2})年\s*(\d{1,2})月\s*(\d{1,2})日\s*(?:星期|周)[一二三四五六日天]")
_PAGE_LABEL = re.compile(r"第\s*([\d０-９一二三四五六七八九十]{1,3})\s*版")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A date as a page's date line or stamp prints it: 2022年07月22日, 2017-12-16, 2023 08/28,
# 二〇二二年七月二十二日, and a two-digit year only before a time of day (18-11-16 12:12).
_STAMP = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:[年\-/.]\s*|\s+(?=\d{1,2}/))(?P<m>\d{1,2})\s*[月\-/.]\s*"
    r"(?P<d>\d{1,2})(?!\d)\s*日?"
    r"|(?P<cy>[一二][〇零○一二三四五六七八九]{3})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
    r"|(?<![\d.\-/])(?P<sy>\d{2})-(?P<sm>\d{1,2})-(?P<sd>\d{1,2})(?=\s*\d{1,2}:\d{2})"
)
_CLOCK = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_CN_YEAR_DIGITS = {**_DIGITS, "零": 0, "○": 0}


@dataclass(frozen=True)
class StampedDate:
    """A date printed on a date line: where it stands in the line, and whether a time follows."""

    date: dt.date
    start: int
    end: int  # past the date and its time of day, if any
    timed: bool


def stamped_dates(text: str) -> list[StampedDate]:
    """Every date the line prints as a date (not 2019年以来, not a phone number), in order."""
    shadow = simplified(text)
    found = []
    for m in _STAMP.finditer(shadow):
        date = _stamp_date(m)
        if date is None:
            continue
        clock = _CLOCK.match(shadow, m.end())
        end = clock.end() if clock else m.end()
        found.append(StampedDate(date=date, start=m.start(), end=end, timed=clock is not None))
    return found


def _stamp_date(m: re.Match) -> dt.date | None:
    if m.group("y"):
        return _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if m.group("cy"):
        year = int("".join(str(_CN_YEAR_DIGITS[c]) for c in m.group("cy")))
        return _date(year, _number(m.group("cm")), _number(m.group("cd")))
    # a two-digit year as a web page's stamp prints it (18-11-16 12:12): 00–49 are 20xx, 50–99 19xx
    year = int(m.group("sy"))
    return _date(2000 + year if year < 50 else 1900 + year, int(m.group("sm")), int(m.group("sd")))


def full_date(text: str) -> dt.date | None:
    """A date with its year, as in 2025年4月29日 or 2025-06-12."""
    m = _FULL.search(simplified(text))
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def dateline_date(*, dateline: str, page_date: dt.date | None) -> dt.date | None:
    """本报11月9日讯 takes its year from the page's date: the latest such day not after the page."""
    m = _MONTH_DAY.search(simplified(dateline))
    if m is None or page_date is None:
        return None
    month, day = _number(m.group(1)), _number(m.group(2))
    year = page_date.year if (month, day) <= (page_date.month, page_date.day) else page_date.year - 1
    return _date(year, month, day)


def page_header_date(lines: list[str]) -> dt.date | None:
    """A page header such as '2025年8月7日 星期四' in the first lines of the page."""
    for line in [line.strip() for line in lines if line.strip()][:5]:
        m = _PAGE_HEADER.search(simplified(line))
        if m:
            return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def page_header_label(lines: list[str]) -> str:
    """'第２版' printed in the page header (the first lines), as printed."""
    for line in [line.strip() for line in lines if line.strip()][:3]:
        m = _PAGE_LABEL.search(line)
        if m and (_PAGE_HEADER.search(simplified(line)) or len(line) <= 12):
            return m.group(0).replace(" ", "")
    return ""


def assign_dates(*, page: ProposedPage, text: str, page_date: dt.date | None) -> None:
    """Fill in the page's and each article's date where the text states them (marked in provenance)."""
    if not page.label:
        page.label = page_header_label(text.split("\n"))
    if page_date is None:
        page_date = page_header_date(text.split("\n"))
        if page_date is not None and not page.date:
            page.date = page_date.isoformat()
            page.provenance = "；".join(x for x in (page.provenance, "出版日期据版面页眉") if x)
    for article in page.articles:
        if article.date:
            continue
        found = dateline_date(dateline=article.dateline, page_date=page_date) if article.dateline else None
        if found is None:
            found = _signed_date(article)
        if found is not None:
            article.date = found.isoformat()


def _signed_date(article: ProposedArticle) -> dt.date | None:
    # a notice or letter ends with its date on a line of its own
    for section in reversed(article.body_sections):
        for line in reversed(section.text.split("\n")[-2:]):
            if len(line) <= 20:
                found = full_date(line)
                if found is not None:
                    return found
    return None
