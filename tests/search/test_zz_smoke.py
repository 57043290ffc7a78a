import pytest
from search.indexing import index_sections, indexed_count
from search.query import parse_params
from search.services import search_sections

@pytest.mark.django_db
def test_smoke(make_section, clean_index):
    a = make_section("和林格尔新区建设绿色算力基地，鄂尔多斯市参与。AI 大模型", headline="京蒙协作", cities=("和林格尔县",), themes=("算力",))
    b = make_section("包头市发展<script>alert(1)</script>稀土产业", cities=("包头市",), date=None)
    assert index_sections(section_ids=[a.pk, b.pk]) == 2
    print(indexed_count())
    for q in ["绿色算力", "尔多斯", "ＡＩ", "", "title:", "*", "AND OR NOT", "script", "和"]:
        r = search_sections(params=parse_params(data={"q": [q]}))
        print(repr(q), r.count, [(h.section_id, h.score, str(h.snippet)) for h in r.hits])
        print({k: [(v.value, v.count) for v in vs] for k, vs in r.facets.items()})
    r = search_sections(params=parse_params(data={"city": ["呼和浩特市", "包头市"], "sort": ["oldest"]}))
    print(r.count, r.hits, {k: [(v.value, v.count, v.selected) for v in vs] for k, vs in r.facets.items()})
