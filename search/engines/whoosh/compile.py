"""The archive's engine-neutral query tree (search.querytree) as Whoosh query objects.

Compiled, not evaluated, here: ``evaluate`` runs Whoosh query objects over numpy
arrays, and the same objects can be handed to Whoosh's own searcher, which the tests
use to prove the two find the same documents.
"""

from __future__ import annotations

import datetime as dt
from functools import singledispatch

from whoosh import query as wq

from search.querytree import (
    AllOf,
    AnyOf,
    Contains,
    DateRange,
    Everything,
    Exact,
    Exclude,
    Node,
    Phrase,
    Term,
)


@singledispatch
def compile_node(node: Node) -> wq.Query:
    raise TypeError(f"no Whoosh query for {node!r}")


@compile_node.register
def _(node: Everything) -> wq.Query:
    return wq.Every()


@compile_node.register
def _(node: Term) -> wq.Query:
    return wq.Term(node.field, node.text, boost=node.boost)


@compile_node.register
def _(node: Phrase) -> wq.Query:
    return wq.Phrase(node.field, list(node.terms), boost=node.boost)


@compile_node.register
def _(node: Contains) -> wq.Query:
    # evaluate reads "*x*" as "every term containing x" from the lexicon, not as a pattern
    return wq.Wildcard(node.field, f"*{node.char}*", boost=node.boost)


@compile_node.register
def _(node: AnyOf) -> wq.Query:
    return wq.Or([compile_node(child) for child in node.children])


@compile_node.register
def _(node: AllOf) -> wq.Query:
    return wq.And([compile_node(child) for child in node.children])


@compile_node.register
def _(node: Exclude) -> wq.Query:
    return wq.AndNot(compile_node(node.base), compile_node(node.excluded))


@compile_node.register
def _(node: Exact) -> wq.Query:
    return wq.Term(node.field, node.value)


@compile_node.register
def _(node: DateRange) -> wq.Query:
    # whole days: from the first moment of the first to the last moment of the last
    start = dt.datetime.combine(node.start, dt.time.min) if node.start else None
    end = dt.datetime.combine(node.end, dt.time.max) if node.end else None
    return wq.DateRange(node.field, start, end)
