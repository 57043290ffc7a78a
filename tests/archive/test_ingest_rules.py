"""The rules file is what runs: its words change what the ingest recognises, and a broken file fails at
load with its section and key named."""

import pytest

from archive.ingest import rules
from archive.ingest.classify import classify
from archive.ingest.clean import blocks_from_lines, split_lines
from archive.ingest.roles import RoleKind
from archive.ingest.split import split_page

SHIPPED = rules.DEFAULT_PATH.read_text(encoding="utf-8")
LINE = "欢迎订阅本报，"


def _changed(tmp_path, old: str, new: str):
    assert old in SHIPPED
    path = tmp_path / "rules.toml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def _role(text: str):
    (block,) = blocks_from_lines(lines=split_lines(text=text))
    return classify(block=block, prev=None, next_=None, place_names=())


def test_an_added_furniture_phrase_makes_a_line_furniture(tmp_path):
    path = _changed(tmp_path, 'whole_lines = ["阅读原文"', 'whole_lines = ["欢迎订阅本报", "阅读原文"')
    page = "某地举办协作推进会\n\n本报讯 某地举办协作推进会，会上签约项目十个。\n\n" + LINE + "\n"
    assert _role(LINE).kind == RoleKind.BODY
    assert LINE in split_page(text=page).articles[0].sections[0].text
    with rules.use_rules(path=path) as active:
        assert active.furniture.whole_lines[0] == "欢迎订阅本报"
        role = _role(LINE)
        assert (role.kind, role.rule) == (RoleKind.META, "furniture")
        assert LINE not in split_page(text=page).articles[0].sections[0].text
    # outside the block the shipped rules are back
    assert _role(LINE).kind == RoleKind.BODY
    assert rules.active() is rules.load_rules()


def test_the_shipped_file_is_the_default_and_is_read_once():
    assert rules.active().path == rules.DEFAULT_PATH.resolve()
    assert rules.load_rules() is rules.load_rules(path=rules.DEFAULT_PATH)
    assert "本报记者" in rules.active().bylines.roles


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'wire_services = ["新华社"',
            'wire_servics = ["新华社"',
            r"\[datelines\]: missing \['wire_services'\]",
        ),
        ("recommended_labels = [", "recommended_labels = 3\nx = [", r"\[furniture\]"),
        ('question_labels = ["本报记者"', 'question_labels = ["", "本报记者"', r"question_labels"),
        ("[kinds]", "[kinds]\nextra = 1", r"unknown \['extra'\]"),
    ],
)
def test_a_broken_rules_file_fails_at_load_naming_the_entry(tmp_path, old, new, message):
    with pytest.raises(rules.RulesError, match=message):
        rules.load_rules(path=_changed(tmp_path, old, new))
