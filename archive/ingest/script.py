"""A Simplified-script shadow of a text, character for character, for recognising patterns.

Pages printed in Traditional script (本報訊, 記者, 攝) are recognised by the same rules as Simplified
ones. The shadow has exactly the same length, so a match found in it is sliced from the text as
printed, which is never rewritten.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC

_T2S = OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char(ch: str) -> str:
    converted = _T2S.convert(ch)
    return converted if len(converted) == 1 else ch


def simplified(text: str) -> str:
    """Same length as `text`; every character in its Simplified form where one exists."""
    if text.isascii():
        return text
    return "".join(_char(ch) if ord(ch) > 0x2E7F else ch for ch in text)
