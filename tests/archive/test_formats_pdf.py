"""Page PDFs made in the tests (tests/archive/pdfmaker.py, a CJK font in two and three columns)
→ text in reading order, headlines marked, article regions and the page image; bad PDFs refused."""

import io

import pytest
from PIL import Image

from archive.ingest.decode import IngestError
from archive.ingest.formats.pdf import MAX_PAGES, extract_pdf

from . import pdfmaker


def _order(text: str, *needles: str) -> list[int]:
    return [text.index(n) for n in needles]


def test_a_two_column_page_reads_down_each_column_and_marks_each_story_headline():
    out = extract_pdf(data=pdfmaker.two_column_page())
    lines = out.text.splitlines()
    assert lines[:3] == ["京蒙协作结硕果", "## 草原上的北京种薯基地投产", "带动三百多户农牧民增收"]
    assert "## 京蒙劳务协作对接会送岗上门" in lines
    assert "本报记者 张远 李晴" in lines
    # every paragraph whole, in order, though the column break cuts one of them
    story = pdfmaker.PARAS_A + pdfmaker.PARAS_A2
    found = [next(i for i, s in enumerate(lines) if s == p) for p in story]
    assert found == sorted(found)
    assert lines.index("## 京蒙劳务协作对接会送岗上门") > found[-1]


def test_a_three_column_page_keeps_the_side_story_apart():
    out = extract_pdf(data=pdfmaker.three_column_page())
    text = out.text
    main = _order(text, "## 草原上的北京种薯基地投产", "村里的种植大户", "北京的技术人员")
    side = _order(text, "## 专家义诊进兴安", "本报讯首都医疗专家团队", "患者家属说")
    assert main == sorted(main) and side == sorted(side) and main[-1] < side[0]
    assert "专家们还为当地医生开设了专题讲座，手把手传授新技术，帮助医院提升诊疗水平。" in text.splitlines()


def test_each_headline_gets_its_region_as_fractions_of_the_page():
    out = extract_pdf(data=pdfmaker.three_column_page())
    regions = {r.headline: r.box for r in out.regions}
    left, right = regions["草原上的北京种薯基地投产"], regions["专家义诊进兴安"]
    assert all(0 <= v <= 1 for v in left + right)
    assert left[2] < right[0]  # side by side, not overlapping
    assert left[1] < 0.1 and right[1] < 0.1


def test_the_page_image_is_a_size_capped_png():
    out = extract_pdf(data=pdfmaker.two_column_page())
    image = Image.open(io.BytesIO(out.image_png))
    assert image.format == "PNG" and max(image.size) <= 1600 and min(image.size) > 500


def test_only_the_first_page_of_a_longer_pdf_is_read_and_a_warning_says_so():
    data = pdfmaker._pdf(
        lambda c: pdfmaker._story(
            c,
            pdfmaker.Story("草原上的北京种薯基地投产", pdfmaker.PARAS_A),
            x=40,
            top=800,
            width=515,
            columns=2,
            bottom=40,
        ),
        pages=3,
    )
    out = extract_pdf(data=data)
    assert out.warnings == ["PDF 共 3 页，只导入了第 1 页（其余各页请分别导出为单页 PDF 再导入）"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (pdfmaker.image_only_page, "PDF 无文字层（可能是扫描件），需要先做 OCR 再导入"),
        (pdfmaker.encrypted_page, "PDF 已加密，需要密码才能打开；请导出未加密的版本"),
        (
            lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a pdf\n%%EOF",
            "PDF 文件已损坏，无法打开",
        ),
        (
            lambda: pdfmaker.many_pages(MAX_PAGES + 1),
            f"PDF 页数过多（{MAX_PAGES + 1} 页，上限 {MAX_PAGES} 页），不像是报纸版面",
        ),
        (pdfmaker.huge_page, "PDF 页面尺寸异常（14000×14000 点），不像是报纸版面"),
        (lambda: b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1), "PDF 文件过大（20 MB，上限 20 MB）"),
    ],
)
def test_bad_pdfs_are_refused_with_a_one_line_reason(make, reason):
    with pytest.raises(IngestError) as exc:
        extract_pdf(data=make())
    assert str(exc.value) == reason
