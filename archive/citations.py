"""Citations of an article: GB/T 7714-2015 (newspaper, [N] / [N/OL]), RIS and BibTeX.

Unknown elements are left out, never filled in: an article whose paper or date is unknown is cited
without them.
"""

from __future__ import annotations

import datetime as dt
import re

from .models import Article

CITED_ROLES = ("记者", "通讯员", "评论员", "作者")
MAX_GBT_AUTHORS = 3  # GB/T 7714: list three, then 等


def authors(article: Article) -> list[str]:
    names = [a["name"] for a in article.authors if a.get("role") in CITED_ROLES and a.get("name")]
    return list(dict.fromkeys(names))


def _page_number(label: str) -> str:
    m = re.search(r"\d+", label.translate({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)}))
    return m.group(0) if m else ""


def gbt7714(article: Article, *, url: str = "", accessed: dt.date | None = None) -> str:
    """丁文祥. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15). — with [N/OL] and the URL when given."""
    names = authors(article)
    parts = []
    if names:
        shown = names[:MAX_GBT_AUTHORS] + (["等"] if len(names) > MAX_GBT_AUTHORS else [])
        parts.append(", ".join(shown) + ". ")
    kind = "N/OL" if url else "N"
    parts.append(f"{article.headline or '（无标题）'}[{kind}]. ")
    source = []
    if article.page.publication:
        source.append(article.page.publication.name)
    date = article.page.date
    page_no = _page_number(article.page.label)
    if date:
        source.append(f"{date.isoformat()}({page_no})" if page_no else date.isoformat())
    if source:
        parts.append(", ".join(source))
        if url and accessed:
            parts.append(f"[{accessed.isoformat()}]")
        parts.append(". ")
    elif url and accessed:
        parts.append(f"[{accessed.isoformat()}]. ")
    if url:
        parts.append(f"{url}.")
    return "".join(parts).strip()


def ris(article: Article, *, url: str = "") -> str:
    lines = ["TY  - NEWS"]
    lines += [f"AU  - {name}" for name in authors(article)]
    lines.append(f"TI  - {article.headline or '（无标题）'}")
    if article.page.publication:
        lines.append(f"T2  - {article.page.publication.name}")
    if article.page.date:
        lines.append(f"PY  - {article.page.date.year}")
        lines.append(f"DA  - {article.page.date:%Y/%m/%d}")
    if _page_number(article.page.label):
        lines.append(f"SP  - {_page_number(article.page.label)}")
    if url:
        lines.append(f"UR  - {url}")
    lines += ["LA  - zh", "ER  - "]
    return "\r\n".join(lines) + "\r\n"


def _bib(value: str) -> str:
    return re.sub(r"([{}\\%&$#_^~])", r"\\\1", value)


def bibtex(article: Article, *, url: str = "") -> str:
    fields = {"title": article.headline or "（无标题）"}
    if authors(article):
        fields["author"] = " and ".join(authors(article))
    if article.page.publication:
        fields["journal"] = article.page.publication.name
    if article.page.date:
        fields["date"] = article.page.date.isoformat()
        fields["year"] = str(article.page.date.year)
    if _page_number(article.page.label):
        fields["pages"] = _page_number(article.page.label)
    if url:
        fields["url"] = url
    fields["langid"] = "chinese"
    body = ",\n".join(f"  {key} = {{{_bib(value)}}}" for key, value in fields.items())
    return f"@article{{jingmeng-{article.pk},\n{body}\n}}\n"
