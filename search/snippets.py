"""Short HTML excerpts of a section with the reader's terms marked.

Matching is done on the normalised text (so "ＡＩ" marks "ai" and the reverse) and
mapped back to the original characters, which are what the reader sees.  Every
piece of text is HTML-escaped; the only markup produced is <mark>…</mark>.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import Normalised, is_cjk, is_word_char, normalise, normalise_with_offsets, words

SNIPPET_LENGTH = 120
LEAD = 30  # characters shown before the first match
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")
# Contiguous letters/digits/CJK; "7752.3" and "5.6%" stay in one piece.
_PIECE = re.compile(r"(?:[^\W_]|(?<=\d)\.(?=\d))+%?")


def _is_latin_edge(ch: str) -> bool:
    return is_word_char(ch) and not is_cjk(ch)


def _occurrences(text: str, needle: str) -> Iterable[tuple[int, int]]:
    """Where ``needle`` occurs in ``text``; Latin/digit needles only as whole runs.

    A query for "ai" matches the word "ai" but not "said" (neither index field
    holds "ai" for "said"), so the snippet must not mark it there either.
    """
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (_is_latin_edge(needle[0]) and _is_latin_edge(text[start - 1]))
        after_ok = end == len(text) or not (_is_latin_edge(needle[-1]) and _is_latin_edge(text[end]))
        if before_ok and after_ok:
            yield start, end
        start = text.find(needle, start + 1)


@functools.lru_cache(maxsize=1024)
def _needles(term: str) -> tuple[tuple[str, ...], ...]:
    """For each contiguous piece of a term: [the piece, then its words as a fallback]."""
    pieces = _PIECE.findall(normalise(term))
    return tuple((piece, *words(piece)) for piece in pieces)


def match_spans(norm: Normalised, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Merged, sorted spans of the normalised text that match any term."""
    found: list[tuple[int, int]] = []
    for term in terms:
        for piece, *piece_words in _needles(term):
            spans = list(_occurrences(norm.text, piece))
            if not spans:
                # The piece is not there verbatim (its words may be split by spaces or
                # punctuation in the text): mark the words on their own.
                spans = [span for word in piece_words for span in _occurrences(norm.text, word)]
            found.extend(spans)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _plain(text: str) -> str:
    return escape(_SPACES.sub(" ", text))


SCAN_CHUNK = 512  # characters normalised at a time while looking for the first match
_CONTEXT = 8  # characters either side a normalised piece needs for its edge checks


def _spans_in(text: str, start: int, end: int, terms: Sequence[str], reach: int) -> list[tuple[int, int]]:
    """Original-text spans of matches in ``text[start:end]`` (only this slice is normalised).

    The slice is widened by ``reach`` on both sides so matches crossing its edges and
    the whole-run checks of Latin terms see their neighbours.
    """
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    norm = normalise_with_offsets(text[lo:hi])
    spans = []
    for s, e in match_spans(norm, terms):
        s, e = norm.original_span(s, e)
        if lo + e > start and lo + s < end and (s > 0 or lo == 0) and (e < hi - lo or hi == len(text)):
            spans.append((lo + s, lo + e))
    return spans


def _first_spans(text: str, terms: Sequence[str], length: int, reach: int) -> list[tuple[int, int]]:
    """Every match from the first one to ``length`` characters after it.

    The text is normalised a chunk at a time (each chunk plus ``length`` more), so a
    long section whose first match is early costs no more than a short one.
    """
    for start in range(0, len(text), SCAN_CHUNK):
        spans = _spans_in(text, start, start + SCAN_CHUNK + length, terms, reach)
        if spans and spans[0][0] < start + SCAN_CHUNK:
            return spans
    return []


def _render(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> SafeString:
    out: list[str] = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, cursor), min(span_end, end)
        if span_start >= span_end:
            continue
        out.append(_plain(text[cursor:span_start]))
        out.append(f"<mark>{_plain(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(_plain(text[cursor:end]))
    if end < len(text):
        out.append(ELLIPSIS)
    return mark_safe("".join(out).strip())


def make_snippet(*, text: str, terms: Sequence[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` around the first match, matches marked.

    With no terms (or no match) the snippet is the start of the text.  Only the text up
    to the first match and the window shown are normalised (a section can be long).
    """
    reach = max((len(t) for t in terms), default=0) + _CONTEXT
    spans = _first_spans(text, terms, length, reach) if terms else []
    # (every match in the window shown is among ``spans``: none lies before the first)
    start = max(0, (spans[0][0] if spans else 0) - LEAD)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    return _render(text, start, end, spans)


def highlight(*, text: str, terms: Sequence[str]) -> SafeString:
    """The whole of a short text (a headline, a heading), escaped, with matches marked."""
    if not terms or not text:
        return mark_safe(_plain(text).strip())
    norm = normalise_with_offsets(text)
    spans = [norm.original_span(s, e) for s, e in match_spans(norm, terms)]
    return _render(text, 0, len(text), spans)
