"""Text analysis shared by indexing and querying, independent of any search engine.

Everything that turns text into index terms lives here, so that a document and a
query are always cut the same way, whichever engine stores the terms:

* ``words`` cuts text into words with jieba's algorithm (precise mode, HMM on;
  rjieba by default, see ``Segmenter``): the word fields, whole-word and phrase matching.
* ``bigrams`` cuts CJK runs into overlapping character pairs: the shadow n-gram
  field, so that part of a word ("尔多斯") finds the whole word.

``word_tokens`` and ``bigram_spans`` give the same terms with character spans of the
normalised text (``normalise_with_offsets`` maps them back to the original), which is
what an engine's own tokenizer wraps (search.engines.whoosh.analyzers).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import jieba

# re-exported: callers import all text analysis from this one module
from search.normalise import (  # noqa: F401
    CJK_CHARS,
    Normalised,
    is_cjk,
    is_word_char,
    normalise,
    normalise_with_offsets,
    to_simplified,
)

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
CITIES_FILE = REPO_ROOT / "archive" / "data" / "cities.json"
USERDICT_FILE = Path(__file__).resolve().parent / "data" / "userdict.txt"

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


class Segmenter:
    """jieba's word cutter with the project dictionary, behind one small interface.

    Two implementations of the same algorithm and dictionary: ``rjieba`` (jieba in
    Rust, about 15x faster -- it is what makes a 100k-section rebuild fit in minutes)
    and ``jieba`` itself, the reference, used when ``SEARCH_SEGMENTER=jieba`` or when
    rjieba is not installed.  They cut identically except runs mixing digits and
    Latin letters ("0.27MPa", "52403-10"), which rjieba keeps whole.  The choice is
    part of the index fingerprint, so switching it triggers a rebuild.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        if name == "rjieba":
            import rjieba  # optional (no wheel on some platforms): imported only when chosen

            self._cutter = rjieba.Jieba()  # its own dictionary copy: others' add_word cannot reach it
            self._add = lambda word, freq: self._cutter.add_word(word, freq, None)
            self._tokenize = lambda text: self._cutter.tokenize(text, "default", True)
        elif name == "jieba":
            # A private jieba.Tokenizer whose prefix dictionary is built straight from
            # the bundled dict.txt: initialize() would read and write a cache file in
            # the shared system temp directory and log on every start.
            cutter = jieba.Tokenizer()
            cutter.FREQ, cutter.total = cutter.gen_pfdict(cutter.get_dict_file())
            cutter.initialized = True
            self._cutter = cutter
            self._add = lambda word, freq: cutter.add_word(word, freq=freq)
            self._tokenize = lambda text: cutter.tokenize(text, mode="default", HMM=True)
        else:
            raise ValueError(f"Unknown segmenter {name!r}: use 'rjieba' or 'jieba'.")

    def add_word(self, word: str, freq: int | None) -> None:
        """Without a frequency, the smallest one that keeps the word whole (jieba's rule)."""
        self._add(word, freq)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """(word, start, end) of each word of ``text``, precise mode with HMM."""
        return list(self._tokenize(text))


def _segmenter_name() -> str:
    name = os.environ.get("SEARCH_SEGMENTER", "").strip()
    if name:
        return name
    try:
        import rjieba  # noqa: F401
    except ImportError:  # no wheel for this platform: the reference still works
        return "jieba"
    return "rjieba"


def _build_segmenter() -> tuple[Segmenter, str]:
    segmenter = Segmenter(_segmenter_name())
    words = _dictionary_words()
    for word, freq in words:
        segmenter.add_word(word, freq)
    fingerprint = hashlib.sha256(repr((segmenter.name, words)).encode("utf-8")).hexdigest()[:16]
    return segmenter, fingerprint


_SEGMENTER_LOCK = threading.Lock()
_SEGMENTER: Segmenter | None = None
_FINGERPRINT = ""


def segmenter() -> Segmenter:
    """The process-wide segmenter with the project dictionary loaded."""
    global _SEGMENTER, _FINGERPRINT
    if _SEGMENTER is None:
        with _SEGMENTER_LOCK:
            if _SEGMENTER is None:
                _SEGMENTER, _FINGERPRINT = _build_segmenter()
    return _SEGMENTER


def dictionary_fingerprint() -> str:
    """Short hash of the segmenter and project words; if it changes, the index needs a rebuild."""
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
    for _word, start, end in segmenter().tokenize(text):
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
        for left, right in itertools.pairwise(indexes):
            yield text[left] + text[right], left, right + 1


def word_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of the jieba words of already-normalised ``text``."""
    for start, end in word_spans(text):
        yield text[start:end], start, end


def words(text: str) -> list[str]:
    """The word-field terms of ``text`` (what a query for ``text`` looks up)."""
    return [word for word, _start, _end in word_tokens(normalise_with_offsets(text).text)]


def bigrams(text: str) -> list[str]:
    """The n-gram-field terms of ``text``."""
    return [gram for gram, _start, _end in bigram_spans(normalise_with_offsets(text).text)]


# Load the dictionary when the module is imported so the cost (about half a second)
# is paid once per process at start-up rather than by the first search.
segmenter()
