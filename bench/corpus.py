"""A deterministic synthetic archive recombined from the seed pages' sentences.

Numbers are redrawn and some place and person names are swapped so the vocabulary
grows with the corpus instead of repeating the seeds' few thousand words.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# Syllables for invented names (companies, villages, people); two or three of them
# make names the seeds never contain, which is what a growing archive looks like.
_SYLLABLES = "安宝昌达德丰福海和华吉嘉锦康乐林隆茂明宁平庆瑞盛顺泰通旺祥兴鑫旭阳益永裕远泽正志中"
_NAME_SUFFIXES = ("村", "嘎查", "合作社", "公司", "产业园", "牧场", "小学", "卫生院")
PUBLICATIONS = ("内蒙古日报", "北京日报", "鄂尔多斯日报")


@dataclass(frozen=True)
class FakeSection:
    headline: str
    heading: str
    text: str
    date: dt.date
    publication: str
    cities: tuple[str, ...]
    themes: tuple[str, ...]


def seed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for sentence in _SENTENCE_END.split(line.strip()):
                if 8 <= len(sentence) <= 200:
                    sentences.append(sentence)
    return sentences


def _name(rng: random.Random) -> str:
    return "".join(rng.choices(_SYLLABLES, k=rng.choice((2, 3)))) + rng.choice(_NAME_SUFFIXES)


def _vary(sentence: str, rng: random.Random, places: list[str]) -> str:
    def number(match: re.Match[str]) -> str:
        text = match.group()
        if "." in text:
            return f"{rng.uniform(0.1, 9999):.{len(text.split('.')[1])}f}"
        return str(rng.randint(1, 10 ** min(len(text), 5)))

    sentence = _NUMBER.sub(number, sentence)
    if rng.random() < 0.3:
        sentence = f"{rng.choice(places)}{_name(rng)}" + sentence
    return sentence


def generate(
    *, sections: int, cities: list[str], themes: list[str], seed: int = 20250501
) -> Iterator[FakeSection]:
    """``sections`` sections, the same ones for the same arguments."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    start = dt.date(2012, 1, 1)
    for _ in range(sections):
        length = rng.choice((2, 3, 4, 6, 8, 12))
        body = "".join(_vary(rng.choice(sentences), rng, cities) for _ in range(length))
        headline = _vary(rng.choice(sentences), rng, cities)[:40]
        yield FakeSection(
            headline=headline,
            heading=_vary(rng.choice(sentences), rng, cities)[:20] if rng.random() < 0.4 else "",
            text=body,
            date=start + dt.timedelta(days=rng.randrange(365 * 14)),
            publication=rng.choice(PUBLICATIONS),
            cities=tuple(sorted(set(rng.sample(cities, rng.choice((0, 1, 1, 2, 3)))))),
            themes=tuple(sorted(set(rng.sample(themes, rng.choice((0, 1, 1, 2)))))),
        )
