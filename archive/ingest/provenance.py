"""The provenance a page prints, read from its lines by their form: the publication, date and page
label (版次) of the page; each story's byline and people, date, source note and dateline.

One small recogniser per form (mastheads, date lines, citation lines, e-paper navigation, bylines,
datelines, closing credits, breadcrumbs); the words they are built from are data ([provenance] in
the rules file). A line either is provenance as a whole (page furniture, left out of the text but
its information kept) or opens running text (a dateline). Nothing is guessed: a field a line does
not state stays empty, and a paper or a date named inside running text is not provenance.
``attribute.py`` reads the page's lines where they stand and gives the page and each article theirs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import patterns as p
from . import rules as ingest_rules
from .clean import fix_punctuation, fold_width
from .dates import StampedDate, stamped_dates
from .script import simplified

PAGE, ARTICLE = "page", "article"
CJK = p.CJK
LINE_MAX = 120  # characters: a date line, masthead or citation line is no longer
_MONTH_DAY = r"[\d一二三四五六七八九十〇]{1,3}月\s?[\d一二三四五六七八九十〇]{1,3}日"
_LABEL = r"第?\s*[A-Z]?\s*\d{1,3}\s*版?"  # 07版 / 第03版 / A3


@dataclass
class Stated:
    """What one line of the page states, and at which level (the page, or the story it is next to)."""

    line: int
    level: str
    whole: bool = True  # the line is nothing but provenance: page furniture
    header: bool | None = True  # printed over its story (True), closing it (False), either (None)
    publication: str = ""
    date: str = ""
    label: str = ""
    byline: str = ""
    source_note: str = ""
    dateline: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    text: str = ""  # the line as printed


@dataclass(frozen=True)
class Line:
    """A line as printed (stripped), and its shadow of the same length for matching: Simplified,
    full-width digits folded, Chinese punctuation."""

    no: int
    printed: str
    shadow: str

    def value(self, start: int, end: int) -> str:
        return re.sub(r"\s+", " ", self.printed[start:end]).strip()


def line_view(*, no: int, text: str) -> Line:
    printed = text.strip()
    return Line(no=no, printed=printed, shadow=simplified(fix_punctuation(fold_width(printed))))


def alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Forms:
    """The patterns built from the [provenance] words."""

    words: ingest_rules.Provenance
    suffix_end: re.Pattern
    field: re.Pattern
    nav: re.Pattern
    page_number: re.Pattern
    citation: re.Pattern
    editor: re.Pattern
    byline_line: re.Pattern
    source_verb: re.Pattern
    weekday: re.Pattern
    dateline: re.Pattern
    closing: re.Pattern
    roles: re.Pattern


@functools.lru_cache(maxsize=8)
def _compile(r: ingest_rules.IngestRules) -> _Forms:
    # the splitter's roles, a one-character role (图, 文) only before a separator
    w, roles = r.provenance, p.active().role_split.pattern[1:-1]
    labels = w.source_labels + w.date_labels + w.editor_labels + w.counter_labels + w.page_labels
    authors = alternation(w.author_labels)
    return _Forms(
        words=w,
        suffix_end=re.compile(f"(?:{alternation(w.publication_suffixes)})$"),
        field=re.compile(
            f"(?P<label>{alternation(labels + tuple(a for a in w.author_labels if len(a) > 1))})\\s*[:：]\\s*"
        ),
        nav=re.compile(
            f"^(?:(?:{alternation(w.page_labels)})\\s*[:：]\\s*(?P<a>{_LABEL})(?:\\s+\\S{{1,6}}){{0,4}}"
            f"|(?P<b>第\\s*[\\dA-Z一二三四五六七八九十]{{1,3}}\\s*版)\\s*(?:（[^）]{{1,8}}）|[:：]\\s*\\S{{1,10}})?)$"
        ),
        page_number=re.compile(f"^(?:{alternation(w.page_number_prefixes)})\\s*\\d{{1,3}}$"),
        citation=re.compile(
            f"^(?:(?:{authors})\\s*[:：|｜丨]\\s*(?P<byline>[^《]{{2,50}}?)\\s*)?"
            f"《(?P<pub>[^》]{{2,14}})》\\s*（\\s*(?P<date>[^）]{{6,24}}?)\\s*(?P<label>{_LABEL})?\\s*）$"
        ),
        editor=re.compile(
            f"^[\\[【（]?\\s*(?:{alternation(w.editor_labels)})\\s*[:：]\\s*[^\\]】）。]{{1,30}}?\\s*[\\]】）]?$"
        ),
        byline_line=re.compile(
            f"^{p.DECOR}?\\s*(?P<label>{authors})\\s*[:：|｜丨/／]\\s*(?P<rest>[^，。；！？]{{2,60}})$"
        ),
        source_verb=re.compile(f"^(?:{alternation(w.source_verbs)})\\s*[:：]?\\s*[^\\s，。；]{{2,30}}$"),
        weekday=re.compile(f"\\s*(?:{alternation(w.weekday_words)})[一二三四五六日天]"),
        dateline=re.compile(
            f"^(?P<dateline>[{CJK}]{{2,10}}?(?:{alternation(w.publication_suffixes)})[{CJK}]{{0,8}}?{_MONTH_DAY}"
            f"(?:{alternation(w.dateline_endings)})|[{CJK}]{{2,6}}讯(?=\\s*（[^）]*(?:{roles})))"
            r"\s*(?:（(?P<credit>[^）]{1,40})）)?"
        ),
        closing=re.compile(
            f"(?:^|[。！？”])\\s*（\\s*(?P<byline>[^（），。；]{{0,16}}?(?:{roles})[^（），。；]{{1,30}}?)\\s*）$"
        ),
        roles=re.compile(f"(?:{roles})"),
    )


def forms() -> _Forms:
    return _compile(ingest_rules.active())


def is_publication(name: str) -> bool:
    """A name that ends as a paper's, a site's or an app's does (内蒙古日报, 新华网, …客户端)."""
    return bool(re.fullmatch(f"[{CJK}A-Za-z]{{2,16}}", name)) and bool(forms().suffix_end.search(name))


def people(byline: str, *, default_role: str) -> list[dict[str, str]]:
    """The people of a byline; a name printed letter-spaced (刘 睿) is one name."""
    joined = re.sub(f"(?<![{CJK}])([{CJK}]) ([{CJK}])(?![{CJK}])", r"\1\2", byline)
    return [x.as_dict() for x in p.parse_people(joined, default_role=default_role)]


# -- recognisers of one line, whatever stands around it ---------------------------------------------


def page_nav(line: Line) -> list[Stated]:
    """当前版：07版 上一版 下一版 / 第2版（经济）: the e-paper page's label, as printed."""
    m = forms().nav.match(line.shadow)
    if m is None:
        return []
    group = "a" if m.group("a") else "b"
    return [Stated(line.no, PAGE, label=line.value(m.start(group), m.end(group)))]


def page_number(line: Line) -> list[Stated]:
    """P. 66: a magazine's or a PDF's page number alone on its line."""
    return (
        [Stated(line.no, PAGE, label=line.value(0, len(line.printed)))]
        if forms().page_number.match(line.shadow)
        else []
    )


def citation(line: Line) -> list[Stated]:
    """[作者：本报记者 甲 乙] 《X日报》（2022年07月22日 04版）: the story's citation line."""
    m = forms().citation.match(line.shadow)
    dates = stamped_dates(line.shadow[m.start("date") : m.end("date")]) if m else []
    if m is None or not dates:
        return []
    found = Stated(line.no, ARTICLE, publication=line.value(m.start("pub"), m.end("pub")))
    found.date = dates[0].date.isoformat()
    if m.group("label"):
        found.label = line.value(m.start("label"), m.end("label"))
    if m.group("byline"):
        _set_byline(found, line.value(m.start("byline"), m.end("byline")), whole="")
    return [found]


def editor_line(line: Line) -> list[Stated]:
    """责任编辑：甲 / [责编：甲、乙]: the page's editors, furniture closing a story (not its byline)."""
    return [Stated(line.no, ARTICLE, header=False)] if forms().editor.match(line.shadow) else []


def byline_line(line: Line) -> list[Stated]:
    """作者|甲 / 文 |《X》新闻周刊记者 甲 乙: a labelled byline on its own line."""
    m = forms().byline_line.match(line.shadow)
    if m is None or forms().citation.match(line.shadow):
        return []
    rest = line.value(m.start("rest"), m.end("rest"))
    names = re.sub(f"^[《》{CJK}]*?{forms().roles.pattern}", "", simplified(rest))
    if not re.fullmatch(f"\\s*{p.NAME}(?:[\\s、，,]+{p.NAME})*\\s*", people_spacing(names)):
        return []
    found = Stated(line.no, ARTICLE)
    _set_byline(found, rest, whole=line.value(0, len(line.printed)))
    return [found]


def people_spacing(text: str) -> str:
    return re.sub(f"(?<![{CJK}])([{CJK}]) ([{CJK}])(?![{CJK}])", r"\1\2", text)


def _set_byline(found: Stated, rest: str, *, whole: str) -> None:
    """Before a role (本报记者) the label 作者 is only a field's name; before bare names the line
    is kept as printed. A role prefixed by its outlet (《瞭望》新闻周刊记者) names the publication."""
    shadow = simplified(rest)
    role = forms().roles.search(shadow)
    found.byline = rest if role or not whole else whole
    found.authors = people(rest, default_role="记者" if role else "作者")
    outlet = re.sub("[《》]", "", rest[: role.start()]) if role else ""
    if role and "《" in rest[: role.start()] and is_publication(simplified(outlet)):
        found.publication = outlet


def source_verb(line: Line) -> list[Stated]:
    """源自：北京日报客户端: the story's source, attributed by a verb kept with it."""
    if forms().source_verb.match(line.shadow):
        return [Stated(line.no, ARTICLE, header=None, source_note=line.value(0, len(line.printed)))]
    return []


def dateline(line: Line) -> list[Stated]:
    """新华社北京7月21日电（记者 甲） / 央广网北京4月28日消息 / 内蒙古讯（记者 甲）, opening a paragraph."""
    m = p.active().dateline.match(line.shadow) or forms().dateline.match(line.shadow)
    if m is None:
        return []
    found = Stated(line.no, ARTICLE, whole=False, dateline=line.value(m.start("dateline"), m.end("dateline")))
    credit = line.value(m.start("credit"), m.end("credit")) if m.group("credit") else ""
    if credit and forms().roles.search(simplified(credit)):
        found.byline, found.authors = credit, people(credit, default_role="记者")
    return [found]


def closing_credit(line: Line) -> list[Stated]:
    """…。（北方新报融媒体记者 刘 睿）: the story's byline closing its last paragraph."""
    m = forms().closing.search(line.shadow)
    if m is None or m.group("byline").rstrip().endswith("摄"):
        return []
    byline = line.value(m.start("byline"), m.end("byline"))
    whole = m.start() == 0
    return [
        Stated(
            line.no,
            ARTICLE,
            whole=whole,
            header=False,
            byline=byline,
            authors=people(byline, default_role="记者"),
        )
    ]


STANDALONE: tuple[Callable[[Line], list[Stated]], ...] = (
    page_nav,
    page_number,
    citation,
    editor_line,
    byline_line,
    source_verb,
)


def recognise(line: Line) -> list[Stated]:
    """What the line states by its form alone (its place on the page aside)."""
    if not line.printed:
        return []
    if len(line.printed) > LINE_MAX and not forms().closing.search(line.shadow):
        return dateline(line)  # running text: only a dateline opening it
    for rule in STANDALONE:
        found = rule(line)
        if found:
            return found
    return date_line(line) or dateline(line) or closing_credit(line)


def is_provenance_line(*, text: str) -> bool:
    """The whole line is provenance (a masthead, a date line, a citation…): furniture of the page."""
    found = recognise(line_view(no=0, text=text))
    return bool(found) and all(s.whole for s in found)


# -- date lines: mastheads, web stamps, labelled fields run together ---------------------------------


def date_line(line: Line) -> list[Stated]:
    """光明日报 2022年07月22日 星期五 / 2018-04-28 15:41:00来源：央广网 / 来源：X 发布时间：… 作者：甲 /
    北京人大 2023-12-23 / 内蒙古新闻网 18-11-16 12:12 【打印本页】: a masthead or a story's date line."""
    shadow = line.shadow
    dates = stamped_dates(shadow)
    fields = list(forms().field.finditer(shadow))
    if not dates and not fields:
        return []
    covered = [(d.start, d.end) for d in dates]
    weekday = _weekday(shadow, dates)
    if weekday:
        covered.append(weekday)
    article = Stated(line.no, ARTICLE, header=None)
    for i, f in enumerate(fields):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(shadow)
        covered.append((f.start(), _take_field(line, f, end, article, dates)))
    leftover = _leftover(shadow, covered)
    if leftover is None:
        return []
    return _levels(line, article, leftover, dates=dates, labelled=bool(fields), masthead=bool(weekday))


def _weekday(shadow: str, dates: list[StampedDate]) -> tuple[int, int] | None:
    for d in dates:
        m = forms().weekday.match(shadow, d.end)
        if m:
            return (d.start, m.end())
    return None


def _take_field(line: Line, f: re.Match, end: int, into: Stated, dates: list[StampedDate]) -> int:
    """Read one labelled field into `into`; return where the field ends."""
    w, label, start = forms().words, f.group("label"), f.end()
    if label in w.source_labels or label in w.counter_labels:
        stop = re.search(r"\s|[|｜【\[]", line.shadow[start:end])
        end = start + stop.start() if stop else end
        if label in w.source_labels and end > start:
            into.source_note = line.value(start, end)
        return end
    if label in w.date_labels:
        inside = [d for d in dates if d.start >= start and d.start <= start + 1]
        if inside:
            into.date = inside[0].date.isoformat()
            return inside[0].end
        return end
    if label in w.author_labels and end > start:
        into.byline = line.value(start, end)
        into.authors = people(into.byline, default_role="作者")
    return end


def _leftover(shadow: str, covered: list[tuple[int, int]]) -> list[str] | None:
    """The words of the line outside its dates and fields: None when they are more than a name
    (then the line is running text, not a date line)."""
    chars = list(shadow)
    for start, end in covered:
        chars[start:end] = " " * (end - start)
    rest = re.sub(r"【[^】]{1,8}】|\[[^\]]{1,8}\]|[|｜·•/]", " ", "".join(chars))
    words = [t for t in rest.split() if not re.fullmatch(f"[{CJK}]{{2,8}}[:：]\\S*", t)]
    if len(words) > 1 or any(not re.fullmatch(f"[{CJK}A-Za-z]{{2,16}}", t) for t in words):
        return None
    return words


def _levels(
    line: Line,
    article: Stated,
    leftover: list[str],
    *,
    dates: list[StampedDate],
    labelled: bool,
    masthead: bool,
) -> list[Stated]:
    """A masthead dates the page; a story's date line (labelled, or a site's name and time) dates
    the story; an account's or a poster's name with a date dates the post, i.e. the page."""
    name = leftover[0] if leftover else ""
    start = line.shadow.find(name) if name else -1
    printed = line.value(start, start + len(name)) if name else ""
    is_pub = bool(name) and is_publication(name)
    person = bool(name) and not is_pub and len(name) <= forms().words.person_name_max
    date = dates[0].date.isoformat() if dates else ""
    if masthead or (name and not is_pub and not labelled):
        return [Stated(line.no, PAGE, publication="" if person else printed, date=date)]
    if dates and not article.date:
        article.date = date
    # a date alone, without a time of day, signs a notice or a letter: it stays in the text
    article.whole = bool(name or labelled or dates[0].timed) if dates else True
    found = [article]
    if is_pub:
        found.insert(0, Stated(line.no, PAGE, publication=printed))
    return found
