"""Snippets: escaped text, <mark> around matches, a window around the first match."""

from __future__ import annotations

from search.snippets import SNIPPET_LENGTH, make_snippet


def test_matched_words_are_wrapped_in_mark():
    assert (
        make_snippet(text="和林格尔新区建设绿色算力基地", terms=["绿色算力"])
        == "和林格尔新区建设<mark>绿色算力</mark>基地"
    )


def test_part_of_a_word_is_marked():
    assert "鄂<mark>尔多斯</mark>市" in make_snippet(text="鄂尔多斯市的风电项目", terms=["尔多斯"])


def test_html_in_the_text_is_escaped_even_inside_a_mark():
    snippet = make_snippet(text='包头<script>alert("x")</script>稀土', terms=["script"])
    assert "<script>" not in snippet
    assert "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;" in snippet


def test_full_width_text_is_matched_by_a_half_width_query_and_shown_as_written():
    assert make_snippet(text="发展ＡＩ产业", terms=["ai"]) == "发展<mark>ＡＩ</mark>产业"


def test_latin_terms_are_not_marked_inside_longer_words():
    assert make_snippet(text="he said AI", terms=["ai"]) == "he said <mark>AI</mark>"


def test_the_window_starts_a_little_before_a_distant_first_match():
    text = "前" * 300 + "绿色算力" + "后" * 300
    snippet = make_snippet(text=text, terms=["绿色算力"])
    assert snippet.startswith("…前")
    assert snippet.endswith("后…")
    assert "<mark>绿色算力</mark>" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_LENGTH + 2


def test_without_terms_the_snippet_is_the_start_of_the_text_with_spaces_collapsed():
    assert (
        make_snippet(text="第一段\n\n第二段" + "字" * 200, terms=[])
        == "第一段 第二段" + "字" * (SNIPPET_LENGTH - 8) + "…"
    )


def test_words_of_a_phrase_split_by_punctuation_in_the_text_are_marked_separately():
    assert make_snippet(text="产业，合作", terms=["产业合作"]) == "<mark>产业</mark>，<mark>合作</mark>"


def test_the_snippet_is_safe_for_templates():
    assert hasattr(make_snippet(text="a", terms=[]), "__html__")


def test_a_match_far_into_a_long_text_is_found_and_marked_like_a_near_one():
    text = "前" * 5000 + "ＡＩ算力" + "后" * 5000
    snippet = make_snippet(text=text, terms=["ai"])
    assert "<mark>ＡＩ</mark>算力" in snippet and snippet.startswith("…前")


def test_a_latin_term_at_a_chunk_edge_is_still_only_marked_as_a_whole_word():
    text = "字" * 510 + "said ai" + "字" * 10
    assert make_snippet(text=text, terms=["ai"]).count("<mark>") == 1


def test_highlight_marks_a_whole_headline():
    from search.snippets import highlight

    assert (
        highlight(text="呼和浩特 <b>绿色算力</b>", terms=["算力"])
        == "呼和浩特 &lt;b&gt;绿色<mark>算力</mark>&lt;/b&gt;"
    )
    assert highlight(text="标题", terms=[]) == "标题"
