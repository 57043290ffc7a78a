"""The archive's analysis (search.analysis) as Whoosh tokenizers, for the haystack backend's schema.

Both report character offsets into the ORIGINAL text (the highlighter needs them),
although they tokenise a normalised copy of it.  Both are module-level classes
without state because whoosh pickles the schema, analyzers included, into the
index's table of contents.  (The index is always opened with the schema haystack
builds, so the pickled copy -- and the class path it names -- is never read back.)
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from search.analysis import Normalised, bigram_spans, normalise_with_offsets, word_tokens


class _SpanAnalyzer(Tokenizer):
    """Turns (start, end) spans of the normalised text into whoosh tokens.

    Positions are consecutive over the kept tokens so a phrase query sees
    neighbouring words as neighbours.  ``mode`` is ignored on purpose: index and
    query analysis must be identical.
    """

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(  # noqa: PLR0913  (Whoosh calls a tokenizer with these arguments)
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

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each term of ``value`` with its positions: what ``__call__`` yields, grouped.

        The bulk index writer's shortcut around one Token object per token
        (``bulkwrite``); a test keeps the two in agreement.
        """
        grouped: dict[str, list[int]] = {}
        for pos, (text, _start, _end) in enumerate(self._spans(normalise_with_offsets(value))):
            positions = grouped.get(text)
            if positions is None:
                grouped[text] = [pos]
            else:
                positions.append(pos)
        return grouped


class JiebaAnalyzer(_SpanAnalyzer):
    """Whole words by jieba; Latin lower-cased and numbers such as 7752.3 kept whole."""

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        return word_tokens(norm.text)


class BigramAnalyzer(_SpanAnalyzer):
    """Overlapping CJK character pairs plus whole Latin/digit runs, for partial words."""

    def _spans(self, norm: Normalised) -> Iterator[tuple[str, int, int]]:
        return bigram_spans(norm.text)
