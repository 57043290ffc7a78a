from archive.ingest.tag import Gazetteer, Place, score_cities, tag_article
from archive.ingest.themes import ThemeRule, score_themes
from archive.ingest.types import ProposedArticle, ProposedSection

GAZETTEER = Gazetteer(
    [
        (Place("内蒙古自治区", None, taggable=False), ["内蒙古"]),
        (Place("呼和浩特市", "内蒙古自治区", True), ["呼和浩特", "青城"]),
        (Place("和林格尔县", "呼和浩特市", True), ["和林格尔"]),
        (Place("乌海市", "内蒙古自治区", True), ["乌海"]),
        (Place("北京市", None, True), ["北京"]),
        (Place("海淀区", "北京市", True), ["海淀"]),
    ]
)
RULES = [
    ThemeRule("绿色算力", None, ("算力", "数据中心")),
    ThemeRule("数据中心", "绿色算力", ("数据中心", "机房")),
    ThemeRule("社会事业", None, ("学校", "医院")),
]


def _section(text, heading=""):
    return ProposedSection(heading=heading, text=text)


def _tagged_article(*sections):
    article = ProposedArticle(headline="合作报道", sections=list(sections))
    tag_article(article=article, gazetteer=GAZETTEER, rules=RULES)
    return article


def test_a_place_in_the_lead_makes_the_section_about_it():
    scores = score_cities(
        section=_section("和林格尔新建数据中心投产。" + "其他内容。" * 50),
        gazetteer=GAZETTEER,
        package_city=None,
    )
    assert "和林格尔县" in scores


def test_a_passing_mention_deep_in_the_text_does_not():
    text = "今年以来，各地合作不断深入。" * 30 + "其中包括乌海等地。"
    assert score_cities(section=_section(text), gazetteer=GAZETTEER, package_city=None) == {}


def test_repeated_mentions_make_a_section_about_a_place():
    text = "今年以来，各地合作不断深入。" * 20 + "乌海的企业、乌海的学校、乌海的医院、乌海的园区。"
    assert "乌海市" in score_cities(section=_section(text), gazetteer=GAZETTEER, package_city=None)


def test_the_longest_name_wins_and_aliases_resolve_to_the_place():
    assert GAZETTEER.mentions("北京市与海淀区、青城") == {"北京市": 1, "海淀区": 1, "呼和浩特市": 1}


def test_a_place_written_only_to_locate_the_next_one_is_not_counted():
    assert GAZETTEER.mentions("北京市海淀区与呼和浩特市和林格尔新区") == {"海淀区": 1, "和林格尔县": 1}


def test_the_region_itself_is_never_a_tag():
    text = "内蒙古" * 10
    assert (
        score_cities(section=_section(text, heading="内蒙古"), gazetteer=GAZETTEER, package_city=None) == {}
    )


def test_a_package_part_carries_its_place_even_when_the_text_says_only_wo_shi():
    scores = score_cities(
        section=_section("我市今年推进多项工作。"), gazetteer=GAZETTEER, package_city="乌海市"
    )
    assert set(scores) == {"乌海市"} and scores["乌海市"] > 5


def test_keywords_tag_the_most_specific_theme_and_leave_the_parent_to_be_derived():
    scores = score_themes(section=_section("新建数据中心机房，数据中心规模扩大，机房扩容。"), rules=RULES)
    assert list(scores) == ["数据中心"]


def test_a_theme_needs_more_than_one_passing_keyword():
    assert score_themes(section=_section("附近有一所学校。"), rules=RULES) == {}


def test_article_tags_aggregate_its_sections():
    article = _tagged_article(
        ProposedSection(heading="乌海", text="我市推进数据中心建设，数据中心机房扩容，机房上架。"),
        ProposedSection(heading="和林格尔", text="和林格尔的学校和医院，学校扩建，医院新建。"),
    )
    assert set(article.cities) == {"乌海市", "和林格尔县"}
    assert set(article.themes) == {"数据中心", "社会事业"}


def test_in_a_brief_every_named_place_is_part_of_the_story():
    text = "今年以来，各地合作不断深入，其中包括乌海的一个项目。"
    assert "乌海市" in score_cities(section=_section(text), gazetteer=GAZETTEER, package_city=None)


def test_the_most_specific_place_wins_over_a_weakly_supported_enclosing_unit():
    text = "和林格尔新建数据中心投产，呼和浩特市" + "其他内容。" * 80
    assert set(score_cities(section=_section(text), gazetteer=GAZETTEER, package_city=None)) == {"和林格尔县"}


def test_evidence_for_two_children_of_one_field_tags_the_field_not_both_children():
    rules = [
        *RULES,
        ThemeRule("教育", "社会事业", ("学校", "教师", "校长")),
        ThemeRule("医疗卫生", "社会事业", ("医院", "医生", "患者")),
    ]
    text = "学校、教师、校长。" * 3 + "医院、医生、患者。" * 3
    assert list(score_themes(section=_section(text), rules=rules)) == ["社会事业"]


def test_an_article_carries_every_sections_theme_and_a_field_takes_in_its_children():
    article = _tagged_article(
        ProposedSection(heading="一、算力优势", text="算力规模领先，算力调度顺畅，算力网络建成。"),
        ProposedSection(heading="二、", text="数据中心投产，机房上架，数据中心扩容，机房扩建。"),
        ProposedSection(heading="三、", text="学校扩建，医院新建，学校和医院增加。"),
    )
    assert set(article.themes) == {"绿色算力", "社会事业"}


def test_an_introduction_naming_a_field_does_not_fold_in_the_children_its_parts_are_about():
    article = _tagged_article(
        ProposedSection(text="算力和数据中心两方面发力，算力提升，算力扩容。"),
        ProposedSection(heading="一、", text="数据中心投产，机房上架，数据中心扩容，机房扩建。"),
        ProposedSection(heading="二、", text="学校扩建，医院新建，学校和医院增加。"),
    )
    assert set(article.themes) == {"数据中心", "社会事业"}


def test_the_clear_topic_of_one_paragraph_counts_however_long_the_rest_of_the_section():
    rules = [
        ThemeRule("绿色算力", None, ("算力",)),
        ThemeRule("数据中心", "绿色算力", ("数据中心", "机房", "服务器", "上架率", "机柜")),
        ThemeRule("社会事业", None, ("学校", "医院")),
    ]
    main = "数据中心机房陆续投产，服务器和机柜不断增加，数据中心上架率持续提升，新机房年内交付。" * 3
    schools = "教育和医疗方面，两地合作新建学校三所、医院一所，学校的师资和课程同步引进，医院的专家定期坐诊，新学校今秋开学，服务周边的群众。"
    themes = score_themes(section=_section(f"{main}\n{schools}\n{main}"), rules=rules)
    assert set(themes) == {"数据中心", "社会事业"}
    passing = "教育方面，有一所学校也参与了合作，但更多的还是数据中心建设、服务器和机柜的采购以及机房的运营和维护工作。"
    assert set(score_themes(section=_section(f"{main}\n{passing}\n{main}"), rules=rules)) == {"数据中心"}


MAIN = "数据中心机房陆续投产，服务器和机柜不断增加，数据中心上架率持续提升，新机房年内交付。" * 3
FIELDS = [
    ThemeRule("绿色算力", None, ("算力",)),
    ThemeRule("数据中心", "绿色算力", ("数据中心", "机房", "服务器", "上架率", "机柜")),
    ThemeRule("社会事业", None, ("社会事业",)),
    ThemeRule("教育", "社会事业", ("学校", "教师")),
    ThemeRule("医疗卫生", "社会事业", ("医院", "医生")),
    ThemeRule("绿色能源", None, ("能源",)),
    ThemeRule("新能源", "绿色能源", ("新能源", "风电", "光伏")),
    ThemeRule("电力外送", "绿色能源", ("送电", "特高压")),
    ThemeRule("科技创新", None, ("研发", "实验室")),
]


def _paragraph_themes(paragraph):
    return set(score_themes(section=_section(f"{MAIN}\n{paragraph}\n{MAIN}"), rules=FIELDS))


def test_a_paragraph_that_names_its_topic_in_its_first_clause_is_about_it():
    stated = "学校建设再上台阶，今年两地合作推进的项目多点开花，新学校的课程安排已经确定，秋季就会迎来第一批新生，家长们普遍感到满意。"
    assert _paragraph_themes(stated) == {"数据中心", "教育"}
    # the same words, the topic no longer up front: two mentions are a passing remark
    buried = "今年两地合作推进的项目多点开花，学校建设再上台阶，新学校的课程安排已经确定，秋季就会迎来第一批新生，家长们普遍感到满意。"
    assert _paragraph_themes(buried) == {"数据中心"}


def test_a_paragraph_on_two_children_of_one_field_is_about_the_field():
    both = "两地还合作新建学校和医院，学校引进北京的教师，医院请来北京的医生，帮助当地群众在家门口就能上好学、看好病，这些举措得到广泛好评。"
    assert _paragraph_themes(both) == {"数据中心", "社会事业"}


def test_a_paragraph_goes_to_the_field_its_words_add_up_to_though_no_child_alone_leads():
    energy = "今年新增风电和光伏装机规模可观，蒙西送电工程和特高压通道建设加快，相关企业的研发中心和实验室也已投用，风电光伏送电特高压齐头并进。"
    assert _paragraph_themes(energy) == {"数据中心", "绿色能源"}


def test_a_notice_carries_no_theme_whatever_its_words():
    article = ProposedArticle(
        headline="遗失声明",
        kind="notice",
        sections=[_section("某数据中心有限公司遗失机房钥匙及服务器机柜登记证，声明作废。")],
    )
    tag_article(article=article, gazetteer=GAZETTEER, rules=RULES)
    assert article.themes == {} and article.sections[0].themes == {}


def test_a_paragraph_on_a_sibling_of_the_sections_child_makes_the_section_about_the_field():
    schools = "学校和教师方面，两地结对的学校又增加了十所，北京派来的教师在当地学校任教，学校的课程和教师培训同步推进。"
    hospitals = "医院建设同样在推进，北京的医院派出医生常驻，当地医院的医生到北京进修，两地医院共建了远程会诊平台，方便了当地的群众就近看病。医院的专科建设也有了起色，新开的两个专科门诊由北京的医生坐诊，当地医院的手术量明显增加。"
    assert set(score_themes(section=_section(f"{schools}\n{schools}\n{hospitals}"), rules=FIELDS)) == {
        "社会事业"
    }


def test_fields_named_in_a_list_are_not_what_a_paragraph_is_about():
    listed = "在学校、医院、教师等方面，两地今年继续加强合作，签订了新的协议，各项工作正在有序推进，取得了阶段性的成效，群众普遍满意。"
    assert _paragraph_themes(listed) == {"数据中心"}


def test_a_paragraph_that_touches_two_children_lightly_names_neither_nor_their_field():
    thin = "与此同时，两地的合作还在不断延伸，新的学校和医院项目相继签约，教师和医生的交流也更加频繁，首都的优质资源正在源源不断地惠及当地。"
    assert _paragraph_themes(thin) == {"数据中心"}


def test_a_theme_the_heading_names_outright_is_kept_beside_a_bigger_one():
    section = _section(f"{MAIN}附近新建一所学校。", heading="数据中心集群建设暨学校教育合作推进会")
    assert set(score_themes(section=section, rules=FIELDS)) == {"数据中心", "教育"}
    section = _section(f"{MAIN}附近新建一所学校。", heading="数据中心集群建设暨学校合作推进会")
    assert set(score_themes(section=section, rules=FIELDS)) == {"数据中心"}


def test_a_fields_word_inside_its_childs_word_is_not_a_second_piece_of_evidence():
    once = "今年以来，当地的合作项目稳步推进，其中有新能源方面的，也有其他方面的，新能源企业也参加了对接，各项工作进展顺利，成效明显。"
    assert _paragraph_themes(once) == {"数据中心"}


FINANCE_RULES = [
    ThemeRule("科技创新", None, ("科技创新", "研发", "创新平台")),
    ThemeRule("金融", None, ("基金", "贷款", "金融")),
    ThemeRule("科技金融", "金融", ("创投", "科创板"), serves="科技创新"),
]
FUND = "两地金融机构共同发起专项基金，基金首期规模十亿元，基金投向已确定。"


def test_a_fund_in_a_section_on_technology_is_the_child_that_serves_technology():
    text = "两地共建创新平台，联合研发攻关，科技创新成果不断涌现，研发投入持续增长。\n" + FUND
    assert set(score_themes(section=_section(text), rules=FINANCE_RULES)) == {"科技创新", "科技金融"}


def test_a_fund_in_a_section_on_nothing_else_stays_finance_at_large():
    assert set(score_themes(section=_section(FUND * 2), rules=FINANCE_RULES)) == {"金融"}


def test_without_a_served_field_a_fund_beside_technology_stays_finance():
    rules = [*FINANCE_RULES[:2], ThemeRule("科技金融", "金融", ("创投", "科创板"))]
    text = "两地共建创新平台，联合研发攻关，科技创新成果不断涌现，研发投入持续增长。\n" + FUND
    assert set(score_themes(section=_section(text), rules=rules)) == {"科技创新", "金融"}
