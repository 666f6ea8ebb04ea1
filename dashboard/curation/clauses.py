"""Clauses: where a sentence parts, so that a figure stays with the places of its own clause.

"Two were killed in A, while three were injured in B" has two clauses; the break words come from
data/lexicon/clauses.toml, and an elliptic figure ("and one in B") opens a clause of its own.
"""
from __future__ import annotations

import re

from . import lexicon

_CLAUSES = lexicon.load("clauses")
CLAUSE_BREAK = re.compile(r"[,\u2013\u2014]\s*(?:" + "|".join(_CLAUSES["after_comma"]) + r")\s+|;\s+|(?:\s+|[\u2013\u2014])(?:"
                          + "|".join(_CLAUSES["alone"]) + r")\s+")


def clause_bounds(text: str, casualties=()) -> list[int]:
    """Offsets where the sentence's clauses start, with 0 and len(text) at the ends."""
    bounds = {0, len(text)}
    bounds.update(m.start() for m in CLAUSE_BREAK.finditer(text))
    bounds.update(c.start for c in casualties if c.elliptic)
    return sorted(bounds)


def clause_of(pos: int, bounds: list[int]) -> int:
    """Index of the clause holding offset ``pos``."""
    for i in range(len(bounds) - 1):
        if bounds[i] <= pos < bounds[i + 1]:
            return i
    return len(bounds) - 2
