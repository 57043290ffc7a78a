"""Page PDFs made inside the tests: pages set in a CJK font (reportlab's built-in CID font
STSong-Light, no font file needed) in two and three columns, and the bad PDFs the ingest refuses.
All text here is written for the tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
A4 = (595.0, 842.0)
BODY = 10.0


@dataclass
class Story:
    headline: str
    paragraphs: list[str]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""


def _wrap(text: str, width: float, size: float, indent: bool) -> list[str]:
    per_line = int(width // size)
    text = ("\u3000\u3000" if indent else "") + text
    return [text[i : i + per_line] for i in range(0, len(text), per_line)]


def _story(
    c: canvas.Canvas, story: Story, *, x: float, top: float, width: float, columns: int, bottom: float
) -> float:
    """Set one story in a box: title group across its width, body flowing down its columns."""
    y = top
    if story.kicker:
        c.setFont(FONT, 13)
        y -= 15
        c.drawString(x, y, story.kicker)
    c.setFont(FONT, 22)
    y -= 28
    c.drawString(x, y, story.headline)
    if story.subtitle:
        c.setFont(FONT, 13)
        y -= 20
        c.drawString(x, y, story.subtitle)
    if story.byline:
        c.setFont(FONT, BODY)
        y -= 18
        c.drawString(x, y, story.byline)
    y -= 10
    gutter = 14.0
    col_w = (width - gutter * (columns - 1)) / columns
    lines = [line for p in story.paragraphs for line in _wrap(p, col_w, BODY, indent=True)]
    per_col = max(1, -(-len(lines) // columns))
    c.setFont(FONT, BODY)
    for i, line in enumerate(lines):
        col, row = divmod(i, per_col)
        c.drawString(x + col * (col_w + gutter), y - (row + 1) * BODY * 1.5, line)
    return y - (per_col + 1) * BODY * 1.5


def _pdf(draw, *, pagesize=A4, pages: int = 1, encrypt: str = "") -> bytes:
    buf = io.BytesIO()
    enc = StandardEncryption(encrypt, canPrint=0) if encrypt else None
    c = canvas.Canvas(buf, pagesize=pagesize, encrypt=enc)
    for _ in range(pages):
        draw(c)
        c.showPage()
    c.save()
    return buf.getvalue()


PARAS_A = [
    "本报讯近日，北京一家农业科技企业在四子王旗建设的马铃薯种薯繁育基地正式投产，基地采用智能温室和水肥一体化技术，年产原种可供当地农户种植十万亩。",
    "据介绍，项目由京蒙协作资金和企业自筹资金共同建设，投产后将带动周边三百多户农牧民在家门口就业，人均年增收一万元以上。",
    "当地负责人表示，下一步将与北京的科研院所继续合作，培育适合草原气候的新品种，把马铃薯产业做成富民的大产业。",
    "基地负责人介绍，今年秋天第一批种薯将发往察右中旗、商都县等地，订单已经排到了明年春天。",
]
PARAS_B = [
    "本报讯北京市朝阳区与科右前旗日前举行劳务协作对接会，二十余家北京企业带来了一千多个就业岗位，涵盖物流、餐饮、家政等行业。",
    "对接会现场，不少农牧民青年与企业签订了就业意向书。科右前旗有关部门将为外出务工人员提供技能培训和返乡创业扶持。",
    "两地还商定，今后每年举办两次对接会，让更多农牧民通过稳定就业增加收入。",
]
PARAS_A2 = [
    "村里的种植大户算了一笔账：用上脱毒种薯后，每亩产量提高了三成，收入比过去多出近千元。",
    "北京的技术人员每月来基地两次，在田间地头讲解病虫害防治，不少农户成了种薯生产的行家。",
]
PARAS_B2 = [
    "一位刚签约的青年说，到北京工作既能挣钱又能学本事，过几年想回家乡开一家自己的物流公司。",
    "北京企业负责人表示，内蒙古的年轻人踏实肯干，企业愿意提供住宿和岗前培训。",
]
PARAS_C2 = [
    "义诊期间，专家们完成了多台疑难手术，并与当地医院签订了远程会诊协议。",
    "患者家属说，不出盟就能看上北京专家，省去了来回奔波的辛苦。",
]
PARAS_C = [
    "本报讯首都医疗专家团队日前来到兴安盟人民医院，开展为期一周的义诊和带教活动，累计接诊患者五百余人次。",
    "专家们还为当地医生开设了专题讲座，手把手传授新技术，帮助医院提升诊疗水平。",
]


def two_column_page() -> bytes:
    def draw(c):
        y = _story(
            c,
            Story(
                "草原上的北京种薯基地投产",
                PARAS_A + PARAS_A2,
                kicker="京蒙协作结硕果",
                subtitle="带动三百多户农牧民增收",
                byline="本报记者 张远 李晴",
            ),
            x=40,
            top=800,
            width=515,
            columns=2,
            bottom=420,
        )
        _story(
            c,
            Story("京蒙劳务协作对接会送岗上门", PARAS_B + PARAS_B2, byline="本报记者 王川"),
            x=40,
            top=y - 20,
            width=515,
            columns=2,
            bottom=40,
        )

    return _pdf(draw)


def three_column_page() -> bytes:
    def draw(c):
        _story(
            c,
            Story("草原上的北京种薯基地投产", PARAS_A + PARAS_A2, byline="本报记者 张远"),
            x=40,
            top=800,
            width=336,
            columns=2,
            bottom=40,
        )
        _story(
            c, Story("专家义诊进兴安", PARAS_C + PARAS_C2), x=390, top=800, width=165, columns=1, bottom=40
        )

    return _pdf(draw)


def image_only_page() -> bytes:
    def draw(c):
        c.setFillGray(0.3)
        for i in range(20):
            c.rect(40, 780 - i * 36, 500, 20, fill=1, stroke=0)  # a scan's strokes, no text

    return _pdf(draw)


def encrypted_page() -> bytes:
    def draw(c):
        c.setFont(FONT, 12)
        c.drawString(40, 800, "京蒙协作消费帮扶周在京开幕。" * 3)

    return _pdf(draw, encrypt="secret")


def many_pages(n: int) -> bytes:
    return _pdf(lambda c: c.drawString(40, 800, "page"), pages=n)


def huge_page() -> bytes:
    return _pdf(lambda c: c.drawString(40, 800, "page"), pagesize=(14000.0, 14000.0))
