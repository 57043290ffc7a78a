"""The analysis shared by indexing and querying (no database, no index)."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from search.analysis import (
    CJK_CHARS,
    bigrams,
    dictionary_fingerprint,
    normalise,
    normalise_with_offsets,
    words,
)
from search.engines.whoosh.analyzers import BigramAnalyzer, JiebaAnalyzer


def tokens(analyzer, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]


def test_normalise_folds_full_width_latin_and_digits_and_case():
    assert normalise("ＡＩ　２０２５ Ｇｄｐ") == "ai 2025 gdp"


def test_normalise_turns_nul_and_lone_surrogates_into_spaces_and_drops_zero_width_characters():
    assert normalise("a\x00b\ud800c\u200bd") == "a b cd"


def test_offsets_map_each_normalised_character_back_to_the_original():
    original = "ＡＩ……㎡"
    norm = normalise_with_offsets(original)
    assert norm.text == "ai......m2"
    assert norm.original_span(0, 2) == (0, 2)
    assert norm.original_span(2, 8) == (2, 4)  # six dots come from two ellipses
    assert norm.original_span(8, 10) == (4, 5)  # "m2" comes from "㎡"


def test_combining_marks_normalise_like_the_precomposed_letter():
    assert normalise("e\u0301") == normalise("é")


def test_jieba_tokens_have_consecutive_positions_and_offsets_into_the_original_text():
    text = "ＧＤＰ增长7752.3亿元，同比增长5.6%"
    result = tokens(JiebaAnalyzer(), text)
    assert [t[0] for t in result] == ["gdp", "增长", "7752.3亿元", "同比", "增长", "5.6%"]
    assert [t[1] for t in result] == list(range(6))
    assert [text[start:end] for _, _, start, end in result] == [
        "ＧＤＰ",
        "增长",
        "7752.3亿元",
        "同比",
        "增长",
        "5.6%",
    ]


def test_jieba_drops_punctuation_and_whitespace():
    assert words("“京蒙协作” ， 成果——盈枝！") == ["京蒙协作", "成果", "盈枝"]


def test_project_dictionary_keeps_city_names_and_domain_terms_whole():
    assert words("和林格尔新区推进东数西算和绿色算力，呼包鄂乌协同") == [
        "和林格尔新区",
        "推进",
        "东数西算",
        "和",
        "绿色算力",
        "呼包鄂乌",
        "协同",
    ]
    assert "鄂尔多斯市" in words("鄂尔多斯市的风电项目")


def test_bigrams_overlap_within_cjk_runs_and_keep_latin_and_numbers_whole():
    assert bigrams("鄂尔多斯市AI算力7752.3亿") == [
        "鄂尔",
        "尔多",
        "多斯",
        "斯市",
        "ai",
        "算力",
        "7752.3",
        "亿",
    ]


def test_bigram_positions_are_consecutive_and_chars_point_at_the_original():
    text = "包头　稀土"
    result = tokens(BigramAnalyzer(), text)
    assert [(t[0], t[1]) for t in result] == [("包头", 0), ("头稀", 1), ("稀土", 2)]
    assert text[result[1][2] : result[1][3]] == "头　稀"


def test_a_lone_cjk_character_is_indexed_as_a_unigram():
    assert bigrams("市，AI") == ["市", "ai"]


@pytest.mark.parametrize("analyzer_class", [JiebaAnalyzer, BigramAnalyzer])
def test_analyzers_survive_pickling_because_whoosh_stores_them_in_the_index(analyzer_class):
    restored = pickle.loads(pickle.dumps(analyzer_class()))
    assert restored == analyzer_class()
    assert [t.text for t in restored("京蒙协作")] == [t.text for t in analyzer_class()("京蒙协作")]


@pytest.mark.parametrize("text", ["", "   ", "，。！", "\x00", "\ud800", "*" * 50])
def test_analyzers_yield_nothing_for_text_without_words(text):
    assert words(text) == []
    assert bigrams(text) == []


def test_the_dictionary_fingerprint_is_stable_within_a_process():
    assert dictionary_fingerprint() == dictionary_fingerprint()
    assert len(dictionary_fingerprint()) == 16


def test_a_number_keeps_its_unit_but_a_spaced_or_non_unit_word_stays_apart():
    assert words("羊肉3.5万吨，压力0.27MPa") == ["羊肉", "3.5万吨", "压力", "0.27mpa"]
    assert words("7752.3 亿元") == ["7752.3", "亿元"]
    assert words("100个项目") == ["100个", "项目"]


def test_traditional_script_is_indexed_as_simplified_with_offsets_into_the_original():
    assert words("鄂爾多斯市經濟") == words("鄂尔多斯市经济")
    assert bigrams("錫林郭勒") == ["锡林", "林郭", "郭勒"]
    text = "阿爾山"
    result = tokens(JiebaAnalyzer(), text)
    assert [t[0] for t in result] == ["阿尔山"]
    assert text[result[0][2] : result[0][3]] == "阿爾山"


def test_rjieba_cuts_the_pages_like_reference_jieba_except_runs_with_latin_letters_or_digits():
    pytest.importorskip("rjieba")
    from search.analysis import Segmenter, _dictionary_words

    cutters = {name: Segmenter(name) for name in ("rjieba", "jieba")}
    for cutter in cutters.values():
        for word, freq in _dictionary_words():
            cutter.add_word(word, freq)
    pages = sorted((Path(__file__).resolve().parents[2] / "fixtures").glob("*/*.txt"))
    assert len(pages) >= 5
    compared = 0
    for page in pages:
        text = normalise(page.read_text(encoding="utf-8"))
        cuts = {name: set(cutter.tokenize(text)) for name, cutter in cutters.items()}
        differing = cuts["rjieba"] ^ cuts["jieba"]
        compared += len(cuts["jieba"])
        # disagreements stay inside runs of Latin letters, digits and their punctuation
        runs = [
            m.span() for m in re.finditer(rf"[^\s{CJK_CHARS}]+", text) if re.search("[0-9a-z]", m.group())
        ]
        outside = [t for t in differing if not any(a <= t[1] and t[2] <= b for a, b in runs)]
        assert not outside, (page.name, sorted(outside, key=lambda token: token[1])[:10])
    assert compared > 5000
