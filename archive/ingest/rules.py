"""The ingest's words and weights, read from a TOML file (archive/data/ingest_rules.toml).

Loaded once per file and checked against the dataclasses below: a missing, unknown or mistyped
entry fails at load with its section and key named, not later as a rule that silently never fires.
The shipped file is active by default; ``use_rules`` makes another one active for a block of code
(``manage.py evaluate --rules PATH`` measures a changed file that way).
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

if typing.TYPE_CHECKING:
    from _typeshed import DataclassInstance

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "ingest_rules.toml"

Words = tuple[str, ...]
Section = typing.TypeVar("Section", bound="DataclassInstance")


class RulesError(ValueError):
    """The rules file is missing an entry, has one too many, or one of the wrong type."""


@dataclass(frozen=True)
class Bylines:
    roles: Words
    photographer_roles: Words
    normalised_roles: Words


@dataclass(frozen=True)
class Datelines:
    wire_services: Words


@dataclass(frozen=True)
class Interview:
    question_labels: Words


@dataclass(frozen=True)
class Furniture:
    meta_labels: Words
    page_buttons: Words
    meta_phrases: Words
    follow_prompts: Words
    follow_targets: Words
    whole_lines: Words
    share_buttons: Words
    share_bar_followers: Words
    media_placeholders: Words
    search_prompts: Words
    recommended_labels: Words
    advert_labels: Words


@dataclass(frozen=True)
class EndMarks:
    source_words: Words
    jump_to: Words
    jump_from: Words


@dataclass(frozen=True)
class Captions:
    caption_prefixes: Words
    picture_credit_labels: Words


@dataclass(frozen=True)
class Labels:
    editor_note_labels: Words
    sidebar_labels: Words
    subtitle_endings: Words
    attendance_endings: Words
    statistic_units: Words
    not_final_characters: str


@dataclass(frozen=True)
class Kinds:
    notice_words: Words
    commentary_columns: Words


@dataclass(frozen=True)
class Chrome:
    """Site chrome scored from a line's features (chrome.py); see the file's comments for each weight."""

    threshold: float
    word_weight: float
    separated_weight: float
    short_weight: float
    dated_weight: float
    sentence_penalty: float
    length_penalty: float
    short_max: int
    item_max: int
    run_min: int
    words: Words
    block_words: Words
    site_suffixes: Words


@dataclass(frozen=True)
class Cities:
    """Place-tag salience (tag.py); see the file's comments for each weight."""

    threshold: float
    lead_chars: int
    short_text: int
    strong: float
    share_weight: float
    full_share_mentions: int
    partner_per_mention: float
    partner_mention_cap: int
    recurring_mentions: int
    recurring_paragraphs: int
    lead_bonus: float
    brief_bonus: float
    heading_bonus: float
    label_bonus: float
    package_bonus: float
    deictic_bonus: float
    deictic_words: Words
    cooperation_words: Words
    rollup_mentions: int
    member_mentions: int
    member_share: float
    paragraph_subject_bonus: float
    paragraph_subject_mentions: int
    package_member_bonus: float
    org_suffixes: Words
    org_gap_chars: int
    public_bodies: Words
    org_gap_stops: str
    paragraph_subject_share: float
    venue_verbs: Words
    venue_gap_chars: int
    not_places: Words


@dataclass(frozen=True)
class Themes:
    """Theme-tag evidence and cut-offs (themes.py); see the file's comments for each weight."""

    threshold: float
    max_themes: int
    text_count_cap: int
    heading_weight: int
    first_child: float
    second_child: float
    child_share: float
    parent_share: float
    salient: float
    paragraph_min: int
    sibling_min: int
    paragraph_threshold: float
    paragraph_lead: float
    paragraph_second: float


@dataclass(frozen=True)
class Provenance:
    """The words of printed provenance (provenance.py); see the file's comments for each."""

    publication_suffixes: Words
    source_labels: Words
    source_verbs: Words
    date_labels: Words
    author_labels: Words
    editor_labels: Words
    page_labels: Words
    counter_labels: Words
    page_number_prefixes: Words
    weekday_words: Words
    crumb_separators: Words
    crumb_ends: Words
    dateline_endings: Words
    person_name_max: int
    masthead_reach: int


@dataclass(frozen=True, eq=False)  # compared by identity: the compiled patterns are cached per object
class IngestRules:
    path: Path
    bylines: Bylines
    datelines: Datelines
    interview: Interview
    furniture: Furniture
    end_marks: EndMarks
    captions: Captions
    labels: Labels
    kinds: Kinds
    cities: Cities
    themes: Themes
    provenance: Provenance
    chrome: Chrome


def _value(expected: object, value: object, where: str) -> object:
    """`value` as the annotation `expected` asks for (lists become tuples, an int may be a float).
    The annotations are Words or a class (str, int, float)."""
    if expected == Words:
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RulesError(f"{where}: expected a list of non-empty strings")
        return tuple(value)
    if not isinstance(expected, type):
        raise TypeError(f"{where}: unsupported annotation {expected!r}")
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, expected) or isinstance(value, bool):
        raise RulesError(f"{where}: expected {expected.__name__}, got {type(value).__name__}")
    return value


def _section(cls: type[Section], table: object, where: str) -> Section:
    if not isinstance(table, dict):
        raise RulesError(f"[{where}]: expected a table")
    hints = typing.get_type_hints(cls, globals())
    names = {f.name for f in dataclasses.fields(cls)}
    missing, unknown = names - set(table), set(table) - names
    if missing or unknown:
        raise RulesError(f"[{where}]: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return cls(**{name: _value(hints[name], table[name], f"[{where}] {name}") for name in names})


def load_rules(*, path: Path | str = DEFAULT_PATH) -> IngestRules:
    """The rules in the TOML file at `path`, read once per process."""
    return _load(Path(path).resolve())


@functools.lru_cache(maxsize=8)
def _load(path: Path) -> IngestRules:
    with path.open("rb") as f:
        data = tomllib.load(f)
    hints = typing.get_type_hints(IngestRules, globals())
    sections = {f.name for f in dataclasses.fields(IngestRules)} - {"path"}
    if unknown := set(data) - sections:
        raise RulesError(f"{path}: unknown sections {sorted(unknown)}")
    kwargs = {name: _section(hints[name], data.get(name), name) for name in sections}
    return IngestRules(path=path, **kwargs)


_ACTIVE: ContextVar[IngestRules | None] = ContextVar("ingest_rules", default=None)


def active() -> IngestRules:
    """The rules the ingest runs with now: the shipped file unless ``use_rules`` says otherwise."""
    return _ACTIVE.get() or _shipped()


@functools.cache
def _shipped() -> IngestRules:
    return load_rules()


@contextmanager
def use_rules(*, path: Path | str) -> Iterator[IngestRules]:
    """Run the ingest with the rules file at `path` inside the block."""
    rules = load_rules(path=path)
    token = _ACTIVE.set(rules)
    try:
        yield rules
    finally:
        _ACTIVE.reset(token)
