"""ensure_index shows progress on a terminal, honours --verbosity and says what it did."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_one_progress_line_is_redrawn():
    out = Terminal()
    call_command("ensure_index", "--force", stdout=out)
    text = out.getvalue()
    assert "\r索引 " in text and "个段落（100%" in text
    assert text.rstrip().splitlines()[-1].startswith("已重建检索索引：")


def test_without_a_terminal_verbosity_1_prints_only_the_result():
    out = StringIO()
    call_command("ensure_index", "--force", stdout=out)
    (line,) = out.getvalue().splitlines()
    assert line.startswith("已重建检索索引：")


def test_verbosity_2_prints_progress_lines_and_0_prints_nothing():
    out = StringIO()
    call_command("ensure_index", "--force", verbosity=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("索引 ") and "100%" in line for line in lines)
    assert "\r" not in out.getvalue()
    quiet = StringIO()
    call_command("ensure_index", "--force", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""


def test_a_current_index_is_left_alone():
    call_command("ensure_index", "--force", verbosity=0, stdout=StringIO())
    out = StringIO()
    call_command("ensure_index", stdout=out)
    assert out.getvalue().startswith("检索索引已是最新：")
