import codecs

import pytest

from archive.ingest.decode import IngestError, decode_page

PAGE = "内蒙古新闻\n\n本报讯（记者 张三）今天，呼和浩特市召开会议。\n"


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        PAGE.encode("utf-16"),  # with BOM
        PAGE.encode("gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "gb18030"],
)
def test_supported_encodings_decode_to_the_same_text(data):
    assert decode_page(data=data) == PAGE


def test_mixed_line_endings_become_newlines():
    assert decode_page(data="一行\r\n二行\r三行\n".encode()) == "一行\n二行\n三行\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "为空"),
        (b"   \n\t\n", "没有可读的文字"),
        ("。，！？——……\n".encode(), "没有可读的文字"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL"),
        ("正文\x00正文".encode(), "NUL"),
        (bytes(range(1, 32)) * 40, "控制字符"),
    ],
    ids=["empty", "whitespace", "punctuation", "binary", "nul", "controls"],
)
def test_unusable_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_page(data=data)


def test_a_huge_file_is_refused_before_decoding():
    with pytest.raises(IngestError, match="过大"):
        decode_page(data=("正文。" * 4_000_000).encode())
