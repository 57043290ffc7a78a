"""Text analysis shared by indexing and querying.

Everything that turns text into index terms lives here, so that a document and a
query are always cut the same way.  Two analyzers are provided:

* ``JiebaAnalyzer`` cuts text into words with jieba (precise mode, HMM on).  It is
  used for the word fields and makes whole-word and phrase matching possible.
* ``BigramAnalyzer`` cuts CJK runs into overlapping character pairs.  It backs the
  shadow n-gram field and lets part of a word ("尔多斯") find the whole word.

Both report character offsets into the ORIGINAL text (the highlighter needs them),
although they tokenise a normalised copy of it.  Both are module-level classes
without state because whoosh pickles the schema, analyzers included, into the
index's table of contents and unpickles it in every process that opens the index.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jieba
from opencc import OpenCC
from whoosh.analysis import Token, Tokenizer

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
CITIES_FILE = REPO_ROOT / "archive" / "data" / "cities.json"
USERDICT_FILE = Path(__file__).resolve().parent / "data" / "userdict.txt"

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
    terms: bump ``search.indexing.ANALYSIS_VERSION``.
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


# --------------------------------------------------------------------------- jieba setup


def _read_userdict(path: Path) -> list[tuple[str, int | None]]:
    entries: list[tuple[str, int | None]] = []
    if not path.is_file():
        return entries
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        freq = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        entries.append((fields[0], freq))
    return entries


def _read_city_names(path: Path) -> list[str]:
    """City names and aliases; a missing or malformed file only costs dictionary words."""
    if not path.is_file():
        return []
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable city list %s: %s", path, exc)
        return []
    names: list[str] = []
    if not isinstance(records, list):
        log.warning("Ignoring city list %s: expected a JSON list", path)
        return names
    for record in records:
        if not isinstance(record, dict):
            continue
        candidates = [record.get("name")]
        aliases = record.get("aliases")
        if isinstance(aliases, list):
            candidates.extend(aliases)
        names.extend(c for c in candidates if isinstance(c, str))
    return names


def _dictionary_words() -> list[tuple[str, int | None]]:
    """Every project word, normalised, de-duplicated and sorted.

    The order matters: a word added without a frequency gets one computed against
    the dictionary as it stands, so a fixed order keeps segmentation deterministic.
    """
    chosen: dict[str, int | None] = {}
    for raw, freq in [(name, None) for name in _read_city_names(CITIES_FILE)] + _read_userdict(USERDICT_FILE):
        word = normalise(raw).strip()
        # jieba only keeps a dictionary word whole if it has no spaces or punctuation.
        if 2 <= len(word) <= 30 and all(is_word_char(ch) for ch in word) and chosen.get(word) is None:
            chosen[word] = freq
    return sorted(chosen.items())


def _build_segmenter() -> tuple[jieba.Tokenizer, str]:
    # A private jieba.Tokenizer, not the module-level one: other code calling
    # jieba.add_word() must not change how our index is cut.  The prefix dictionary is
    # built straight from jieba's bundled dict.txt instead of initialize(), which
    # would read and write a cache file in the system temp directory (outside the
    # repo, shared with anyone) and log several lines on every start.
    segmenter = jieba.Tokenizer()
    segmenter.FREQ, segmenter.total = segmenter.gen_pfdict(segmenter.get_dict_file())
    segmenter.initialized = True
    words = _dictionary_words()
    for word, freq in words:
        segmenter.add_word(word, freq=freq)
    fingerprint = hashlib.sha256(repr(words).encode("utf-8")).hexdigest()[:16]
    return segmenter, fingerprint


_SEGMENTER_LOCK = threading.Lock()
_SEGMENTER: jieba.Tokenizer | None = None
_FINGERPRINT = ""


def segmenter() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the project dictionary loaded."""
    global _SEGMENTER, _FINGERPRINT
    if _SEGMENTER is None:
        with _SEGMENTER_LOCK:
            if _SEGMENTER is None:
                _SEGMENTER, _FINGERPRINT = _build_segmenter()
    return _SEGMENTER


def dictionary_fingerprint() -> str:
    """Short hash of the project words; if it changes, the index needs a rebuild."""
    segmenter()
    return _FINGERPRINT


# --------------------------------------------------------------------------- tokens


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink [start, end) to its word characters; None if there are none.

    jieba keeps characters such as "." "-" "%" inside Latin/number chunks ("7752.3",
    "5.6%") but can also leave them dangling at an edge ("-ai").  A trailing "%"
    after a digit stays: "5.6%" and "5.6" are different things.
    """
    while start < end and not is_word_char(text[start]):
        start += 1
    while end > start and not is_word_char(text[end - 1]):
        if text[end - 1] == "%" and end - 1 > start and text[end - 2].isdigit():
            break
        end -= 1
    return (start, end) if start < end else None


# Units that belong to the number before them: "7752.3亿元" is one thing a reader
# looks up, and as two words a query for it would also match 7752.3 of anything.
UNITS = frozenset(
    [
        "元",
        "万元",
        "亿元",
        "万亿元",
        "美元",
        "亿",
        "万",
        "万亿",
        "千",
        "百",
        "吨",
        "万吨",
        "亿吨",
        "公斤",
        "千克",
        "克",
        "斤",
        "公里",
        "千米",
        "米",
        "平方米",
        "平方公里",
        "万平方米",
        "亩",
        "万亩",
        "公顷",
        "立方米",
        "万立方米",
        "千瓦",
        "万千瓦",
        "亿千瓦",
        "兆瓦",
        "吉瓦",
        "千瓦时",
        "度",
        "人",
        "万人",
        "人次",
        "万人次",
        "个",
        "家",
        "户",
        "万户",
        "项",
        "台",
        "座",
        "所",
        "倍",
        "头",
        "只",
        "辆",
        "架",
        "套",
        "条",
        "张",
        "篇",
        "次",
        "年",
        "月",
        "日",
        "天",
        "岁",
        "小时",
        "分钟",
        "秒",
        "%",
    ]
)
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_LATIN_UNIT_RE = re.compile(r"[a-z]{1,4}")


def _is_unit(word: str) -> bool:
    return word in UNITS or bool(_LATIN_UNIT_RE.fullmatch(word))


def word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the jieba words of already-normalised ``text``, punctuation dropped.

    A number directly followed by a unit ("7752.3亿元", "0.27mpa", "5.6%") is one span.
    """
    pending: tuple[int, int] | None = None  # a number that may still take a unit
    for _word, start, end in segmenter().tokenize(text, mode="default", HMM=True):
        trimmed = _trim(text, start, end)
        if trimmed is None:
            if pending is not None:
                yield pending
                pending = None
            continue
        if pending is not None:
            if trimmed[0] == pending[1] and _is_unit(text[trimmed[0] : trimmed[1]]):
                yield pending[0], trimmed[1]
                pending = None
                continue
            yield pending
            pending = None
        if _NUMBER_RE.fullmatch(text, trimmed[0], trimmed[1]):
            pending = trimmed
        else:
            yield trimmed
    if pending is not None:
        yield pending


_BIGRAM_RUN_RE = re.compile(
    # A CJK run may continue across whitespace (line breaks inside a sentence); any
    # other character ends it.  Word runs are letters/digits of other scripts, with a
    # decimal point allowed between digits so "7752.3" stays whole.
    rf"(?P<cjk>[{CJK_CHARS}](?:\s*[{CJK_CHARS}])*)"
    rf"|(?P<word>(?:(?![{CJK_CHARS}])[^\W_]|(?<=\d)\.(?=\d))+)"
)


def bigram_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) of the character bigrams of already-normalised ``text``."""
    for match in _BIGRAM_RUN_RE.finditer(text):
        if match.group("word") is not None:
            yield match.group(), match.start(), match.end()
            continue
        indexes = [i for i in range(match.start(), match.end()) if not text[i].isspace()]
        if len(indexes) == 1:
            # A lone character has no pair; index it alone so it can still be found.
            yield text[indexes[0]], indexes[0], indexes[0] + 1
            continue
        for left, right in zip(indexes, indexes[1:], strict=False):
            yield text[left] + text[right], left, right + 1


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


class _SpanAnalyzer(Tokenizer):
    """Turns (start, end) spans of the normalised text into whoosh tokens.

    Positions are consecutive over the kept tokens so a phrase query sees
    neighbouring words as neighbours.  ``mode`` is ignored on purpose: index and
    query analysis must be identical.
    """

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions=positions, chars=chars, removestops=removestops, mode=mode, **kwargs)
        norm = normalise_with_offsets(value)
        if tokenize:
            spans = self._spans(norm)
        else:
            spans = iter([(norm.text, 0, len(norm.text))] if norm.text.strip() else [])
        for pos, (text, start, end) in enumerate(spans, start=start_pos):
            # Whoosh expects one Token object re-used for every token.
            token.text = text
            token.stopped = False
            token.boost = 1.0
            if keeporiginal or chars:
                original_start, original_end = norm.original_span(start, end)
                if keeporiginal:
                    token.original = value[original_start:original_end]
                if chars:
                    token.startchar = start_char + original_start
                    token.endchar = start_char + original_end
            if positions:
                token.pos = pos
            yield token


class JiebaAnalyzer(_SpanAnalyzer):
    """Whole words by jieba; Latin lower-cased and numbers such as 7752.3 kept whole."""

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        text = norm.text
        for start, end in word_spans(text):
            yield text[start:end], start, end


class BigramAnalyzer(_SpanAnalyzer):
    """Overlapping CJK character pairs plus whole Latin/digit runs, for partial words."""

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        return bigram_spans(norm.text)


def words(text: str) -> list[str]:
    """The word-field terms of ``text`` (what a query for ``text`` looks up)."""
    return [t.text for t in JiebaAnalyzer()(text)]


def bigrams(text: str) -> list[str]:
    """The n-gram-field terms of ``text``."""
    return [t.text for t in BigramAnalyzer()(text)]


# Load the dictionary when the module is imported so the cost (about half a second)
# is paid once per process at start-up rather than by the first search.
segmenter()
