"""How alike two texts are: the share of character pairs they have in common (spaces ignored).

Cheap and script-agnostic enough to tell the same page or paragraph re-typed, re-extracted or
lightly corrected from a different one."""

from __future__ import annotations


def char_bigrams(text: str) -> set[str]:
    chars = "".join(text.split())
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0
