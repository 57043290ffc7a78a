"""The classify table: every rule is needed by some page of the fixtures, and each answers for its case;
the assembly has a handler for every role kind."""

from collections import Counter

import pytest

from archive.ingest.assemble import HANDLERS
from archive.ingest.classify import RULES, classify
from archive.ingest.clean import blocks_from_lines, drop_running_heads, split_lines
from archive.ingest.decode import decode_page
from archive.ingest.roles import Role, RoleKind
from archive.ingest.split import drop_repeats
from archive.reference import gazetteer_from_db
from tests.conftest import ROOT

PAGES = sorted(p for sub in ("seeds", "extra", "heldout") for p in (ROOT / "fixtures" / sub).glob("*.txt"))


def _rules_used(place_names) -> Counter:
    used: Counter = Counter()
    for path in PAGES:
        text = decode_page(data=path.read_bytes())
        blocks, _ = drop_repeats(blocks=blocks_from_lines(lines=drop_running_heads(split_lines(text=text))))
        for i, block in enumerate(blocks):
            role = classify(
                block=block,
                prev=blocks[i - 1] if i else None,
                next_=blocks[i + 1] if i + 1 < len(blocks) else None,
                place_names=place_names,
            )
            used[role.rule] += 1
    return used


@pytest.mark.django_db
def test_every_rule_of_the_classify_table_is_reached_by_a_fixture_page():
    # a rule no page needs is either dead or untested: add a page (or a case) that shows it
    used = _rules_used(gazetteer_from_db().names())
    assert [r.__name__ for r in RULES if not used[r.__name__]] == []
    assert set(used) <= {r.__name__ for r in RULES}


def test_rule_names_are_unique_and_the_last_one_always_answers():
    names = [r.__name__ for r in RULES]
    assert len(names) == len(set(names))
    assert RULES[-1].__name__ == "body"


def test_a_misspelt_role_kind_fails_where_it_is_written():
    (block,) = blocks_from_lines(lines=split_lines(text="一行"))
    assert Role("title", block).kind is RoleKind.TITLE and Role("title", block).kind == "title"
    with pytest.raises(ValueError):
        Role("tittle", block)


@pytest.mark.parametrize(
    ("text", "rule", "kind"),
    [
        ("本报记者 王一", "byline", RoleKind.BYLINE),
        ("责任编辑：李二", "meta_line", RoleKind.META),
        ("往期推荐", "run_label", RoleKind.META),
        ("【包头】稀土高新区进京招商", "place_label", RoleKind.PLACE),
        ("（下转第2版）", "continued_note", RoleKind.CONTINUED),
        ("编者按", "editors_note", RoleKind.HEADING),
        ("【要闻快讯】", "column_label", RoleKind.COLUMN),
        ("一、产业协作", "ordinal_subhead", RoleKind.HEADING),
        (
            "正文说了一件事，又说了另一件事，而且说得很长很长，一直说到这一行足够长为止。",
            "body",
            RoleKind.BODY,
        ),
    ],
)
def test_each_rule_names_what_it_recognises(text, rule, kind):
    (block,) = blocks_from_lines(lines=split_lines(text=text))
    role = classify(block=block, prev=None, next_=None, place_names={"包头"})
    assert (role.rule, role.kind) == (rule, kind)


def test_every_role_kind_has_an_assembly_handler():
    assert set(HANDLERS) == set(RoleKind)
