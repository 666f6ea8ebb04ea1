"""Cheap tests that rule a sentence out before a costly pattern is tried on it.

The regex engine tries a pattern at every position of a sentence, and a case-blind alternation of
words ("in the region", "part of a package") gets no help from a scan for its first letters. Most
sentences hold none of the words such a pattern needs: a substring test on the lowered sentence
rules those out at a small fraction of the pattern's cost.
"""
from __future__ import annotations

import re
import sys

# Letters that case-blind patterns take for an ASCII letter which str.lower() does not turn into it
# (dotted and dotless i, long s): a text with one of them is always searched.
ODD_FOLDS = re.compile("[\u0130\u0131\u017f]")


class Guarded:
    """``pattern``, tried only on texts that contain one of ``words``.

    Every match of the pattern must contain one of the words: then a text without any of them cannot
    match, and the result is the pattern's own. A case-blind pattern (``re.I``) takes its words in
    lower case and looks for them in the lowered text; any other takes them as it matches them.
    """

    __slots__ = ("pattern", "words", "caseless", "_any_word")

    def __init__(self, pattern: re.Pattern, words: tuple[str, ...]) -> None:
        self.caseless = bool(pattern.flags & re.I)
        if not words or self.caseless and any(w != w.lower() for w in words):
            raise ValueError(f"a case-blind pattern's guard words must be lower case: {words!r}")
        self.pattern = pattern
        # A match that contains a longer word contains a shorter one inside it: "$" stands for "US$" too.
        self.words = tuple(w for w in dict.fromkeys(words) if not any(o != w and o in w for o in words))
        # One case-sensitive scan for all the words (of the lowered text when the pattern is case-blind).
        self._any_word = re.compile(alternation(self.words))

    def may_match(self, text: str) -> bool:
        if not self.caseless:
            return self._any_word.search(text) is not None
        return self._any_word.search(text.lower()) is not None or ODD_FOLDS.search(text) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        return self.pattern.search(text, pos, endpos) if self.may_match(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        return self.pattern.finditer(text, pos, endpos) if self.may_match(text) else iter(())


def alternation(words) -> str:
    """A pattern matching any of ``words``, written as a tree of their common prefixes: "said|says|
    stated" becomes "s(?:a(?:id|ys)|tated)". At a position where none can begin, the regex engine
    then gives up after a few letters instead of trying every word in turn. Where one word is the
    start of another, the longer is tried first, as in an alternation sorted longest first."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def written(node: dict) -> str:
        branches = [re.escape(ch) + written(child) for ch, child in node.items() if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return (body if len(branches) > 1 or len(body) == 1 else "(?:" + body + ")") + "?"

    return written(tree)
