"""Split an article into paragraphs and sentences, keeping character offsets.

Offsets index the original text, so every event row can point at the exact
evidence a reader can check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen",
    "rep", "st", "no", "vs", "etc", "approx", "inc", "corp", "co", "ltd", "jr", "sr", "u.s",
    "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g", "mt", "ft", "km", "lt.-gen", "adm",
}

# A news sentence has a few hundred characters. Longer "sentences" (pasted text with no full stops)
# are cut at the last space before this many characters: the extraction compares every place
# mention of a sentence with the others, so its cost grows with the square of a sentence's length.
MAX_SENTENCE_CHARS = 1_500

_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)|\n")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int          # offset of the first character in the article
    end: int            # offset one past the last character
    paragraph: int      # index of the paragraph (blank-line or line separated)
    index: int          # index of the sentence in the article


def _ends_sentence(text: str, match: re.Match) -> bool:
    if match.group(0) == "\n":
        return True
    stop = match.start()
    word = re.search(r"([A-Za-z][A-Za-z.\-]*)$", text[max(0, stop - 12):stop])
    if match.group(0).startswith(".") and word:
        w = word.group(1).lower()
        if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
            return False
    rest = text[match.end():match.end() + 3].lstrip()
    # "in the U.S. military" : a lowercase continuation is not a new sentence.
    return not rest or not rest[0].islower()


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` with their offsets and paragraph numbers."""
    sentences: list[Sentence] = []
    paragraph = 0
    pos = 0
    pending_break = False
    for m in _BOUNDARY.finditer(text + "\n"):
        if not _ends_sentence(text, m):
            continue
        end = min(m.end(), len(text))
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            if pending_break and sentences:
                paragraph += 1
            pending_break = False
            for piece_start, piece in _pieces(stripped, start):
                sentences.append(Sentence(piece, piece_start, piece_start + len(piece), paragraph, len(sentences)))
        if m.group(0) == "\n" or "\n" in chunk.strip(" \t"):
            pending_break = True
        pos = end
    return sentences


def _pieces(sentence: str, start: int):
    """``(offset, text)`` pieces of at most MAX_SENTENCE_CHARS, cut after a space where there is one."""
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = sentence.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut + 1 if cut > 0 else MAX_SENTENCE_CHARS
        head = sentence[:cut].rstrip()
        if head:
            yield start, head
        rest = sentence[cut:]
        skipped = len(rest) - len(rest.lstrip())
        start, sentence = start + cut + skipped, rest.lstrip()
    if sentence:
        yield start, sentence


_HEADING_END = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")


def is_heading(text: str) -> bool:
    """A line of a few words with no closing punctuation ("Frozen Russian assets")."""
    return not _HEADING_END.search(text) and len(text.split()) >= 3
