"""The domain's reads: the place and theme trees."""

from __future__ import annotations

import pytest

from archive.models import City, Theme
from archive.selectors import descendant_ids

pytestmark = pytest.mark.django_db


def _below(node) -> set[int]:
    """The plain recursive walk, one query a node, to check against."""
    found = {node.pk}
    for child in node.children.all():
        found |= _below(child)
    return found


@pytest.mark.parametrize("model", [City, Theme])
def test_descendant_ids_is_the_node_and_everything_below_it(model):
    for node in model.objects.all():
        ids = descendant_ids(model=model, roots=[node])
        assert ids[0] == node.pk
        assert len(ids) == len(set(ids))
        assert set(ids) == _below(node)


def test_descendant_ids_lists_roots_first_then_level_by_level_in_one_query(django_assert_num_queries):
    region = City.objects.get(name="内蒙古自治区")
    with django_assert_num_queries(1):
        ids = descendant_ids(model=City, roots=[region])
    depth = {pk: len(City.objects.get(pk=pk).ancestors()) for pk in ids}
    assert [depth[pk] for pk in ids] == sorted(depth[pk] for pk in ids)
    assert City.objects.get(name="回民区").pk in ids  # a district of a league's city, two levels down


def test_descendant_ids_takes_several_roots_as_objects_or_ids_and_lists_each_node_once():
    city = City.objects.get(name="呼和浩特市")
    district = City.objects.get(name="回民区")
    ids = descendant_ids(model=City, roots=[district.pk, city, district])
    assert ids[:2] == [district.pk, city.pk]
    assert sorted(ids) == sorted(_below(city))
    leaf = City.objects.filter(children=None).first()
    assert descendant_ids(model=City, roots=[leaf]) == [leaf.pk]
    assert descendant_ids(model=City, roots=[]) == []


def test_descendant_ids_stops_at_a_parent_cycle():
    first = Theme.objects.create(name="环甲")
    second = Theme.objects.create(name="环乙", parent=first)
    Theme.objects.filter(pk=first.pk).update(parent=second)  # a cycle entered by mistake
    assert descendant_ids(model=Theme, roots=[first]) == [first.pk, second.pk]
