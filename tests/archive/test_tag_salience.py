"""Salience rules of the tagger: most specific places, Beijing's side, labels, recurrence, themes."""

from archive.ingest.tag import Gazetteer, Place, score_cities, tag_article
from archive.ingest.themes import ThemeRule, score_themes
from archive.ingest.types import ProposedArticle, ProposedSection

GAZETTEER = Gazetteer(
    [
        (Place("内蒙古自治区", None, taggable=False), ["内蒙古"]),
        (Place("呼和浩特市", "内蒙古自治区", True), ["呼和浩特"]),
        (Place("和林格尔县", "呼和浩特市", True), ["和林格尔"]),
        (Place("和林格尔新区", "和林格尔县", True, site=True), []),
        (Place("乌海市", "内蒙古自治区", True), ["乌海"]),
        (Place("乌兰察布市", "内蒙古自治区", True), ["乌兰察布"]),
        (Place("锡林郭勒盟", "内蒙古自治区", True), ["锡林郭勒"]),
        (Place("正蓝旗", "锡林郭勒盟", True), []),
        (Place("兴安盟", "内蒙古自治区", True), []),
        (Place("乌兰浩特市", "兴安盟", True), ["乌兰浩特"]),
        (Place("北京市", None, True, partner=True), ["北京", "首都"]),
        (Place("大兴区", "北京市", True), []),
        (Place("西城区", "北京市", True), []),
    ]
)
FILLER = "各方合作不断深入，成效持续显现。" * 12


def _cities(text, heading="", brief=None):
    section = ProposedSection(heading=heading, text=text)
    return set(score_cities(section=section, gazetteer=GAZETTEER, package_city=None, brief=brief))


def test_beijing_gives_way_to_the_district_that_names_its_side_more_precisely():
    text = (
        "北京市大兴区一所学校与乌海共建实训基地。"
        + FILLER
        + "\n大兴区派出教师。北京的企业参与，北京和乌海共育。"
    )
    assert _cities(text) == {"大兴区", "乌海市"}


def test_a_brief_label_only_qualifies_a_place_inside_the_labelled_unit():
    assert _cities("【锡林郭勒】7月3日，正蓝旗奶食品体验店在北京开业。") == {"正蓝旗", "北京市"}


def test_a_brief_label_still_locates_a_brief_that_names_nothing_inside_it():
    assert "锡林郭勒盟" in _cities("【锡林郭勒】7月3日，一家奶食品体验店开业，首日接待顾客800人。")


def test_a_short_section_of_a_long_article_keeps_its_passing_mentions_passing():
    text = "1.算力规模居全国前列\n投资落地79个项目\n呼和浩特国家互联网骨干直联点互联"
    assert "呼和浩特市" in _cities(text)  # judged alone it reads as a brief
    assert _cities(text, brief=False) == set()


def test_a_lead_never_runs_past_its_first_paragraph():
    text = "1.算力规模居全国前列\n" + "投资落地79个项目，" * 20 + "\n其中有呼和浩特的项目"
    assert _cities(text, brief=False) == set()


def test_a_place_that_recurs_through_a_long_survey_is_one_of_its_subjects():
    places = "乌海、乌兰察布、锡林郭勒、兴安盟、呼和浩特"
    text = "\n".join(
        [
            f"今年{places}等地与北京合作。" + FILLER,
            "和林格尔新区算力平台上线。" + FILLER,
            "和林格尔数据中心集群扩容，和林格尔成为枢纽。" + FILLER,
        ]
    )
    assert "和林格尔县" in _cities(text)


def test_a_place_named_three_times_in_one_paragraph_does_not_recur():
    listed = "乌海、锡林郭勒、兴安盟、呼和浩特、正蓝旗"
    text = FILLER + "\n" + f"{listed}和乌兰察布推介。乌兰察布市推介。乌兰察布市表示。" + FILLER
    assert "乌兰察布市" not in _cities(text)


def test_a_headline_place_gives_way_to_a_place_inside_it():
    article = ProposedArticle(
        kicker="学习首都经验",
        headline="兴安盟城市治理见实效",
        sections=[
            ProposedSection(text="乌兰浩特市借鉴北京市西城区经验。" + FILLER + "乌兰浩特市与西城区交流。")
        ],
    )
    tag_article(article=article, gazetteer=GAZETTEER, rules=[])
    assert set(article.cities) == {"乌兰浩特市", "西城区"}


def test_a_package_is_also_about_what_its_introduction_is_about():
    article = ProposedArticle(
        headline="协作各出彩",
        sections=[
            ProposedSection(text="北京市与两地携手。北京的企业纷纷前来，北京的资金持续投入。"),
            ProposedSection(heading="乌海", text="我市推进合作。" + FILLER),
            ProposedSection(heading="乌兰察布", text="我市推进合作。" + FILLER),
        ],
    )
    tag_article(article=article, gazetteer=GAZETTEER, rules=[])
    assert set(article.cities) == {"北京市", "乌海市", "乌兰察布市"}


RULES = [
    ThemeRule("科技创新", None, ("科技创新", "研发")),
    ThemeRule("金融", None, ("金融", "贷款", "银行")),
    ThemeRule("科技金融", "金融", ("科技贷款", "科技创新债券", "科创基金")),
    ThemeRule("绿色算力", None, ("算力", "数据中心", "算力枢纽")),
    ThemeRule("数据中心", "绿色算力", ("数据中心", "机架", "服务器")),
    ThemeRule("社会事业", None, ("教育", "医疗")),
    ThemeRule("教育", "社会事业", ("学校", "教师", "教育")),
]


def test_a_keyword_inside_a_longer_keyword_of_another_field_is_that_fields_evidence():
    text = "银行发行科技创新债券，科技创新债券和科技贷款增长，科技贷款余额创新高，金融支持力度加大。"
    assert list(score_themes(section=ProposedSection(text=text), rules=RULES)) == ["科技金融"]


def test_an_article_about_a_field_in_one_section_folds_in_the_child_another_section_names():
    article = ProposedArticle(
        headline="远不远",
        sections=[
            ProposedSection(heading="一、算力优势", text="算力规模领先，算力枢纽建成，算力调度顺畅。"),
            ProposedSection(heading="二、规模", text="数据中心投产，机架上架，服务器到位，机架扩容。"),
        ],
    )
    tag_article(article=article, gazetteer=GAZETTEER, rules=RULES)
    assert set(article.themes) == {"绿色算力"}


def test_every_theme_that_leads_a_section_stays_on_the_article():
    article = ProposedArticle(
        headline="金融协作",
        sections=[
            ProposedSection(text="金融机构加大贷款投放，银行贷款增长，金融服务提升。" * 2),
            ProposedSection(heading="一、", text="金融支持，贷款投放。"),
            ProposedSection(heading="二、", text="学校新建，教师交流，学校扩容。"),
        ],
    )
    tag_article(article=article, gazetteer=GAZETTEER, rules=RULES)
    assert set(article.themes) == {"金融", "教育"}


CITY_RULES = [
    ThemeRule("城市管理", None, ("城市治理",)),
    ThemeRule("城市更新与住房", "城市管理", ("老旧小区", "加装电梯")),
]
RENEWAL = "老旧小区改造全面铺开，老旧小区加装电梯二十部，老旧小区环境明显改善，加装电梯惠及居民。"


def _article(*texts, headline="合作报道"):
    article = ProposedArticle(headline=headline, sections=[ProposedSection(text=t) for t in texts])
    tag_article(article=article, gazetteer=GAZETTEER, rules=CITY_RULES)
    return article


def test_a_story_that_names_beijing_and_nothing_of_the_region_carries_no_theme():
    article = _article(f"西城区{RENEWAL}西城区还将继续推进。")
    assert set(article.cities) == {"西城区"}
    assert article.themes == {} and article.sections[0].themes == {}


def test_the_same_story_naming_a_place_of_the_region_keeps_its_theme():
    article = _article(f"西城区与乌海市交流经验，{RENEWAL}西城区和乌海市还将继续推进。")
    assert set(article.themes) == {"城市更新与住房"}


def test_the_article_names_beijings_side_by_the_district_another_section_gives():
    article = _article(
        "北京的企业来到乌海，北京的资金和北京的技术带动了当地发展。" + FILLER,
        "西城区派出干部来到乌海，西城区的学校也与乌海结对。" + FILLER,
    )
    assert "西城区" in article.cities and "北京市" not in article.cities


def test_a_place_inside_a_title_in_book_marks_is_part_of_the_title():
    notice = "本报昨日第5版《草原上的“北京课堂”》一文中，“派出教师12名”应为“派出教师21名”。特此更正。"
    assert _cities(notice, brief=True) == set()
