"""URL converters shared by the faces (registered once, in config/urls.py, before their URLs)."""

from __future__ import annotations


class NameConverter:
    """A place or theme name: any text but a slash or a NUL (which no database column can hold)."""

    regex = "[^/\x00]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
