"""Normalisation shared by every index term, every query term and the reader.

Unicode NFKC with case folding (full-width Latin and digits become searchable ASCII)
and Traditional to Simplified conversion with opencc, done character by character so
that every character of the normalised text maps back to an offset in the original:
the highlighter and the article reader mark the ORIGINAL text.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from dataclasses import dataclass

from opencc import OpenCC

# Ideographs (with extensions and compatibility forms), the ideographic zero used in
# dates such as 二〇二五, and kana.  These are written without spaces between words.
CJK_CHARS = "\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{CJK_CHARS}]")


# --------------------------------------------------------------------------- normalising


_T2S = OpenCC("t2s")
_T2S_LOCK = threading.Lock()


@functools.lru_cache(maxsize=20_000)
def _simplified_char(ch: str) -> str:
    with _T2S_LOCK:  # the converter keeps per-call state and is not thread-safe
        out = _T2S.convert(ch)
    # t2s maps one character to one character; anything else would break offsets.
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified, character by character (OpenCC's t2s table).

    Per character, not per phrase, so offsets into the original text stay exact and
    analysis stays cheap (each character is converted once and cached).  The price is
    OpenCC's phrase-level exceptions: 乾隆 is indexed as 干隆 -- harmless because
    documents and queries go through the same conversion.  Changing it changes index
    terms: bump ``search.engines.whoosh.indexing.ANALYSIS_VERSION``.
    """
    if text.isascii():
        return text
    return "".join(_simplified_char(ch) for ch in text)


@dataclass(frozen=True)
class Normalised:
    """Normalised text plus, for each of its characters, the span it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) offsets of the normalised slice [start, end)."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return at, at
        return self.starts[start], self.ends[end - 1]


# Per-character results: (folded text, is a combining mark).  The alphabet of real
# text is small, so caching pays; the cap keeps hostile input from growing it forever.
_FOLD_CACHE: dict[str, tuple[str, bool]] = {}
_FOLD_CACHE_MAX = 50_000
_MAX_CLUSTER = 16


def _fold_piece(piece: str) -> str:
    folded = unicodedata.normalize("NFKC", piece).casefold()
    out = []
    for ch in folded:
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Zl", "Zp"):
            # Controls (NUL included) and lone surrogates become spaces: they separate
            # words, and surrogates cannot be encoded as UTF-8 index terms.
            out.append(" ")
        elif category == "Cf":
            # Zero-width spaces, soft hyphens, BOMs... are invisible and must not split
            # a word in two, so they disappear.
            continue
        else:
            out.append(to_simplified(ch))
    return "".join(out)


def _fold_char(ch: str) -> tuple[str, bool]:
    cached = _FOLD_CACHE.get(ch)
    if cached is None:
        cached = (_fold_piece(ch), unicodedata.combining(ch) != 0)
        if len(_FOLD_CACHE) < _FOLD_CACHE_MAX:
            _FOLD_CACHE[ch] = cached
    return cached


# Characters that fold to exactly one character and are not combining marks, with
# that character: a text made only of them is normalised by one ``str.translate`` and
# its offsets are the identity (the common case: nearly all of a Chinese text).
_ONE_TO_ONE: dict[int, str] = {}
_ONE_TO_ONE_CHARS: set[str] = set()
_NOT_ONE_TO_ONE: set[str] = set()


def _one_to_one(chars: set[str]) -> bool:
    if chars <= _ONE_TO_ONE_CHARS:
        return True
    if chars & _NOT_ONE_TO_ONE:
        return False
    simple = True
    for ch in chars - _ONE_TO_ONE_CHARS:
        folded, combining = _fold_char(ch)
        if len(folded) == 1 and not combining and len(_ONE_TO_ONE) < _FOLD_CACHE_MAX:
            _ONE_TO_ONE[ord(ch)] = folded
            _ONE_TO_ONE_CHARS.add(ch)
        else:
            if len(_NOT_ONE_TO_ONE) < _FOLD_CACHE_MAX:
                _NOT_ONE_TO_ONE.add(ch)
            simple = False
    return simple


@functools.lru_cache(maxsize=8)  # a document's text is analysed for two fields in a row
def normalise_with_offsets(text: str) -> Normalised:
    """NFKC + casefold ``text`` and remember where each output character came from.

    Full-width Latin and digits become half-width ("ＡＩ２０" → "ai20"), Latin is
    case-folded, controls become spaces and invisible format characters vanish.
    The work is done per character (a base character plus any combining marks after
    it) so that every output character maps back to a span of the input.
    """
    if _one_to_one(set(text)):
        return Normalised(text.translate(_ONE_TO_ONE), list(range(len(text))), list(range(1, len(text) + 1)))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cluster_start = 0  # where the current base character starts in ``text``
    cluster_piece = 0  # index in ``pieces`` of the current cluster's output
    cluster_chars = 0  # how many output characters it has produced so far
    for index, ch in enumerate(text):
        folded, combining = _fold_char(ch)
        if combining and 0 < index - cluster_start < _MAX_CLUSTER:
            # A combining mark may compose with the characters before it ("e" + "́"
            # → "é"), so the whole cluster is normalised again and replaces its output.
            # (Capped: a run of thousands of marks would make this quadratic.)
            folded = _fold_piece(text[cluster_start : index + 1])
            del pieces[cluster_piece:]
            del starts[len(starts) - cluster_chars :]
            del ends[len(ends) - cluster_chars :]
        else:
            cluster_start, cluster_piece = index, len(pieces)
        pieces.append(folded)
        count = len(folded)
        if count == 1:
            starts.append(cluster_start)
            ends.append(index + 1)
        elif count:
            starts.extend([cluster_start] * count)
            ends.extend([index + 1] * count)
        cluster_chars = count
    return Normalised("".join(pieces), starts, ends)


def normalise(text: str) -> str:
    """The normalised form used for every index term and every query term."""
    return normalise_with_offsets(text).text


def is_word_char(ch: str) -> bool:
    """Letters, digits (any script) and combining marks; not punctuation or space."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))
