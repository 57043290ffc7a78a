"""Haystack field classes whose values are indexed verbatim (no analysis).

``search.engines.whoosh.backend`` gives any field with ``exact = True`` an unanalysed whoosh field,
so "呼和浩特市" and "2025" are stored and matched exactly as written.
"""

from __future__ import annotations

from haystack import indexes


class ExactCharField(indexes.CharField):
    """A single exact value: filterable and countable, never tokenised."""

    exact = True


class ExactMultiValueField(indexes.MultiValueField):
    """Several exact values per document (e.g. a section's cities)."""

    exact = True
