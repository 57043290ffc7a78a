"""Places: roll-up of 旗县区 to their 盟市 (and districts to Beijing), the press's abbreviations,
Traditional script, package parts naming their 旗县, and names that stand for something else
(an organisation, a meeting's venue, a word that only contains a place's name).

The sentences are written for these tests; the gazetteer is the shipped one (archive/data/cities.json).
"""

import json

from archive.ingest.tag import Gazetteer, Place, score_cities, tag_article
from archive.ingest.themes import ThemeRule
from archive.ingest.types import ProposedArticle, ProposedSection
from archive.reference import DATA_DIR


def _shipped_gazetteer() -> Gazetteer:
    rows = json.loads((DATA_DIR / "cities.json").read_text(encoding="utf-8"))
    return Gazetteer(
        (
            Place(
                name=row["name"],
                parent=row.get("parent"),
                taggable=row["kind"] != "region",
                partner=row["kind"] == "municipality",
                site=row["kind"] == "place",
            ),
            row.get("aliases", []),
        )
        for row in rows
    )


GAZETTEER = _shipped_gazetteer()
RULES = [ThemeRule(name="劳务协作", parent=None, keywords=("劳务",))]
FILLER = "各方合作不断深入，成效持续显现，群众得到实惠。" * 8


def _cities(text: str, *, heading: str = "", package_city: str | None = None, brief: bool | None = False):
    section = ProposedSection(heading=heading, text=text)
    return set(score_cities(section=section, gazetteer=GAZETTEER, package_city=package_city, brief=brief))


def _article_cities(headline: str, *texts: str) -> set[str]:
    article = ProposedArticle(headline=headline)
    article.sections = [ProposedSection(text=t) for t in texts]
    tag_article(article=article, gazetteer=GAZETTEER, rules=RULES)
    return set(article.cities)


# -- roll-up -----------------------------------------------------------------------------------------


def test_a_banners_mentions_count_toward_its_league():
    text = (
        "在距北京不远的乌兰察布市一个村子里，温室连片，北京的企业在这里建起了园区。"
        + FILLER
        + "\n北京派来的挂职干部介绍，察右前旗今年引进项目十余个，察右前旗的农民在家门口就业。"
        + FILLER
        + "\n苏尼特右旗风光资源丰富，北京企业投资的苏尼特右旗牧光储项目已经开工。"
        + FILLER
        + "\n北京和内蒙古的合作还在继续。"
    )
    tagged = _cities(text)
    assert tagged != {"北京市"}
    assert "察哈尔右翼前旗" in tagged  # the most specific unit the text gives for 乌兰察布
    assert "苏尼特右旗" in tagged


def test_a_league_named_only_through_a_list_of_its_banners_is_tagged_itself():
    # no one banner carries the story: the tag is the 盟市 its banners add up to
    text = (
        "北京的消费帮扶展销会开幕。"
        + FILLER
        + "\n来自化德县、兴和县、凉城县的企业带来了特色产品。"
        + "\n化德县的燕麦、兴和县的马铃薯和凉城县的羊肉最受欢迎。"
        + FILLER
    )
    assert "乌兰察布市" in _cities(text)


def test_a_beijing_districts_mentions_count_toward_beijing_and_the_district_stays_the_tag():
    text = (
        FILLER
        + "\n丰台区的企业到锡林浩特考察，北京的专家随行。"
        + FILLER
        + "\n丰台区还将组织更多企业，北京市有关部门给予支持。"
        + FILLER
    )
    tagged = _cities(text)
    assert "丰台区" in tagged
    assert "北京市" not in tagged


def test_a_paragraph_about_a_county_makes_the_section_about_it_too():
    text = (
        "今年乌兰察布市与北京签约项目二十余个，集宁区的数据中心、察右后旗的制氢项目、"
        "丰镇市的物流园和乌兰察布市的农畜产品加工项目都在其中。"
        + FILLER
        + "\n农畜产品加工项目与群众增收联系紧密。商都县与北京一家流通企业签约建设净菜加工中心，"
        "商都县的西芹、马铃薯将直供北京的学校食堂，企业每年在商都县订单采购蔬菜三万吨。" + FILLER
    )
    assert "商都县" in _cities(text)


# -- aliases and script ------------------------------------------------------------------------------

SHIPPED_ABBREVIATIONS = {
    "察右前旗": "察哈尔右翼前旗",
    "察右中旗": "察哈尔右翼中旗",
    "察右后旗": "察哈尔右翼后旗",
    "科右前旗": "科尔沁右翼前旗",
    "科右中旗": "科尔沁右翼中旗",
    "科左后旗": "科尔沁左翼后旗",
    "科左中旗": "科尔沁左翼中旗",
    "达茂旗": "达尔罕茂明安联合旗",
    "土左旗": "土默特左旗",
    "杭锦后旗": "杭锦后旗",
    "鄂托克前旗": "鄂托克前旗",
    "阿左旗": "阿拉善左旗",
    "阿右旗": "阿拉善右旗",
    "东乌旗": "东乌珠穆沁旗",
    "西乌旗": "西乌珠穆沁旗",
    "东苏旗": "苏尼特左旗",
    "西苏旗": "苏尼特右旗",
    "锡盟": "锡林郭勒盟",
    "乌盟": "乌兰察布市",
    "呼市": "呼和浩特市",
    "鄂市": "鄂尔多斯市",
    "巴盟": "巴彦淖尔市",
    "阿盟": "阿拉善盟",
    "伊盟": "鄂尔多斯市",
    "兴安盟": "兴安盟",
    "商都": "商都县",
    "太仆寺": "太仆寺旗",
    "平谷": "平谷区",
}


def test_the_abbreviations_the_press_uses_are_aliases():
    wrong = {
        short: GAZETTEER.resolve(short)
        for short, full in SHIPPED_ABBREVIATIONS.items()
        if GAZETTEER.resolve(short) != full
    }
    assert wrong == {}


def test_a_story_about_a_league_by_its_former_name_is_tagged_with_it():
    assert _article_cities("乌盟劳务品牌叫响京城", "乌盟今年组织劳务输出两万人。" + FILLER) >= {"乌兰察布市"}


def test_traditional_names_tag_exactly_as_simplified():
    for traditional, simplified in [
        ("包頭市", "包头市"),
        ("阿拉善盟", "阿拉善盟"),
        ("錫林郭勒盟", "锡林郭勒盟"),
        ("烏蘭察布", "乌兰察布"),
        ("鄂爾多斯", "鄂尔多斯"),
        ("錫盟", "锡盟"),
        ("察右後旗", "察右后旗"),
    ]:
        text = f"{{}}與北京簽約。{FILLER}\n{{}}的項目已開工。"
        assert _cities(text.format(traditional, traditional)) == _cities(
            text.format(simplified, simplified)
        ), traditional
        assert _cities(text.format(traditional, traditional)) - {"北京市"}, traditional


def test_an_alias_an_editor_types_in_traditional_script_is_found_in_either_script():
    gazetteer = Gazetteer(
        [
            (Place("锡林郭勒盟", None, True), ["錫盟"]),
            (Place("北京市", None, True, partner=True), ["北京"]),
        ]
    )
    assert gazetteer.mentions("锡盟与北京签约") == {"锡林郭勒盟": 1, "北京市": 1}


# -- package parts -----------------------------------------------------------------------------------


def test_a_leagues_part_of_a_package_carries_the_banners_where_its_projects_are():
    text = (
        "我市与北京的协作成效显著。四子王旗马铃薯产业园建成投产，察右中旗的肉牛养殖基地扩建，"
        "商都县的蔬菜直供北京。" + FILLER
    )
    tagged = _cities(text, heading="乌兰察布", package_city="乌兰察布市")
    assert {"乌兰察布市", "四子王旗", "察哈尔右翼中旗", "商都县"} <= tagged


def test_a_package_part_in_traditional_script_counts_its_deictic_words():
    text = "全縣與北京的協作" + FILLER.replace("，", "，全縣")
    plain = score_cities(
        section=ProposedSection(heading="太仆寺旗", text=text.replace("縣", "x")),
        gazetteer=GAZETTEER,
        package_city="太仆寺旗",
    )
    deictic = score_cities(
        section=ProposedSection(heading="太僕寺旗", text=text), gazetteer=GAZETTEER, package_city="太仆寺旗"
    )
    assert deictic["太仆寺旗"] > plain["太仆寺旗"]


# -- names that stand for something else -------------------------------------------------------------


def test_a_place_inside_an_organisations_name_does_not_make_the_story_about_it():
    text = (
        "北京朝阳医院的专家来到兴安盟义诊。包头钢铁、鄂尔多斯集团和乌兰察布职业学院的代表参加了签约，"
        "北京宏福集团负责建设。" + FILLER + "\n兴安盟卫健委表示，义诊将常态化开展，兴安盟的牧民受益。"
    )
    tagged = _cities(text)
    assert "兴安盟" in tagged
    assert not tagged & {"朝阳区", "包头市", "鄂尔多斯市", "乌兰察布市", "北京市"}


def test_a_countys_own_public_hospital_still_stands_for_the_county():
    text = "北京专家进驻乌拉特后旗人民医院。" + FILLER + "\n乌拉特后旗人民医院新开设了三个科室。"
    assert "乌拉特后旗" in _cities(text)


def test_a_meetings_venue_alone_does_not_make_the_story_about_it():
    text = (
        "会上，通辽市介绍了与北京的合作进展。"
        + FILLER
        + "\n通辽市将继续扩大农畜产品进京规模，通辽市的牛肉已进入北京超市。"
    )
    tagged = _cities(text, heading="京蒙协作推进会在呼和浩特召开")
    assert "通辽市" in tagged
    assert "呼和浩特市" not in tagged


def test_a_word_that_only_contains_a_places_name_is_no_mention_of_it():
    assert GAZETTEER.mentions("大兴安岭林区的朝阳产业") == {}
    assert GAZETTEER.mentions("大兴与乌兰察布签约，朝阳六里屯街道赴卓资") == {
        "大兴区": 1,
        "乌兰察布市": 1,
        "朝阳区": 1,
        "卓资县": 1,
    }
