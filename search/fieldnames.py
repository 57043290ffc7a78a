"""Names of index fields that the query builder and the engine rely on.

They must agree with ``search.search_indexes.SectionIndex`` (word fields) and
``search.engines.whoosh.backend`` (which adds ``<document field>_ngram``).
"""

from __future__ import annotations

CONTENT_FIELD = "text"  # the SectionIndex document field, analysed into jieba words
NGRAM_SUFFIX = "_ngram"
NGRAM_FIELD = CONTENT_FIELD + NGRAM_SUFFIX  # the same text as character bigrams

# Word fields searched for each user term, with their boosts.  A whole-word hit in
# the body outweighs a bigram-only (partial word) hit; title hits outweigh body hits.
WORD_FIELD_BOOSTS: tuple[tuple[str, float], ...] = (
    ("headline", 6.0),
    ("heading", 4.0),
    (CONTENT_FIELD, 2.0),
)
NGRAM_BOOST = 1.0

SNIPPET_SOURCE_FIELD = "body"  # stored section text the snippet is cut from
