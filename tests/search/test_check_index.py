"""check_index against the real index: sound, then missing, stale and orphaned entries."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import services


def test_check_index_reports_each_kind_of_drift(clean_index, make_section):
    make_section("风电项目落地包头", cities=("包头市", "呼和浩特市"), themes=("算力",))
    edited = make_section("光伏基地开工")
    dropped = make_section("稀土新材料")
    gone = make_section("草原旅游")
    services.rebuild()
    assert services.check().problems == 0

    edited.text = "光伏基地并网发电"
    edited.save()
    services.remove(section_ids=[dropped.pk])
    gone_pk = gone.pk
    gone.delete()

    result = services.check()
    assert result.stale == [edited.pk]
    assert result.missing == [dropped.pk]
    assert result.orphaned == [gone_pk]
    with pytest.raises(CommandError):
        call_command("check_index", stdout=StringIO())

    services.index(section_ids=[edited.pk, dropped.pk, gone_pk])
    out = StringIO()
    call_command("check_index", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0"
