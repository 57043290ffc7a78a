"""The admin's import as an editor's workbench: the page beside its proposed split, in Chinese
words, with near-duplicates and disagreements pointed out before saving."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import Page
from archive.permissions import create_editor
from tests.archive import pdfmaker

pytestmark = pytest.mark.django_db

RAW_PAGE = (
    "草原书屋走进乌海\n\n"
    "本报讯（记者 张三）近日，乌海市海勃湾区新建草原书屋三处，北京市对口支援图书两万册，乌海市民就近借阅。\n\n"
    "赤峰牧区推广青贮技术\n\n"
    "本报赤峰11月9日讯 赤峰市阿鲁科尔沁旗牧民学习青贮技术，京蒙协作专家现场指导，冬季饲草储备增加三成。\n"
)


@pytest.fixture
def editor(client):
    client.force_login(create_editor(username="gongzuotai", password="pw"))


def _preview(client, **fields):
    return client.post("/admin/archive/page/import/", {"text": RAW_PAGE, **fields})


def test_the_preview_shows_the_page_beside_its_split_in_chinese_words(client, editor):
    body = _preview(client).content.decode()
    assert "导入的原文" in body and "拟切分为" in body
    assert "将新建版面" in body and "would-be-created" not in body
    assert "<small>简讯</small>" in body and "brief" not in body
    assert "草原书屋走进乌海" in body and "作者：" in body


def test_a_typed_date_the_datelines_contradict_is_pointed_out(client, editor):
    body = _preview(client, date="2025-08-08").content.decode()
    assert "本报赤峰11月9日讯" in body and "与填写的出版日期 2025-08-08 不符" in body


def test_a_near_duplicate_is_named_and_the_editor_may_replace_it(client, editor, reindex_after):
    first = _preview(client, publication="乌海日报")
    client.post("/admin/archive/page/import/", {"token": first.context["token"]})
    old = Page.objects.get(publication__name="乌海日报")
    corrected = RAW_PAGE.replace("两万册", "两万余册")
    second = client.post("/admin/archive/page/import/", {"text": corrected})
    body = second.content.decode()
    assert "档案中已有相似版面" in body and f"/admin/archive/page/{old.pk}/change/" in body
    pages = Page.objects.count()
    client.post("/admin/archive/page/import/", {"token": second.context["token"], "replace": str(old.pk)})
    assert Page.objects.count() == pages
    assert "两万余册" in Page.objects.get(pk=old.pk).raw_text


def test_keeping_both_adds_a_page(client, editor, reindex_after):
    first = _preview(client)
    client.post("/admin/archive/page/import/", {"token": first.context["token"]})
    pages = Page.objects.count()
    second = client.post("/admin/archive/page/import/", {"text": RAW_PAGE.replace("三处", "四处")})
    client.post("/admin/archive/page/import/", {"token": second.context["token"], "replace": ""})
    assert Page.objects.count() == pages + 1


def test_a_page_pdf_is_previewed_with_its_printed_image(client, editor):
    upload = SimpleUploadedFile("page.pdf", pdfmaker.two_column_page(), content_type="application/pdf")
    body = client.post("/admin/archive/page/import/", {"upload": upload}).content.decode()
    assert "导入预览" in body and 'src="data:image/png;base64,' in body


def test_a_scanned_pdf_is_refused_with_its_reason(client, editor):
    upload = SimpleUploadedFile("scan.pdf", pdfmaker.image_only_page(), content_type="application/pdf")
    body = client.post("/admin/archive/page/import/", {"upload": upload}).content.decode()
    assert "需要先做 OCR" in body and Page.objects.filter(source_name="scan.pdf").count() == 0
