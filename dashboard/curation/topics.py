"""Topic of an event, from the words of its own sentence (or the clause around its place).

A small weighted lexicon: each topic's cue words add to its score and the best
score wins. Casualty figures and money are passed in by the caller, since they
are found by `quantities` and weigh more than any single word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

# (pattern, weight) per topic, from data/lexicon/topics.toml: each topic's cue patterns are matched
# case-insensitively on word boundaries and add their weight to the topic's score.
LEXICON: dict[str, list[tuple[str, float]]] = {
    topic: [(pattern, float(weight)) for pattern, weight in lists["cues"]]
    for topic, lists in lexicon.load("topics").items() if isinstance(lists, dict)
}


def _anchors(pattern: str) -> tuple[str, ...] | None:
    """Literal lowercase prefixes, one per top-level alternative; None when one has no literal prefix.

    A cue can only match where one of its anchors occurs, so a plain substring test skips most regexes.
    """
    alternatives, depth, current = [], 0, ""
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
        else:
            current += ch
    alternatives.append(current)
    anchors = []
    for alt in alternatives:
        m = re.match(r"[A-Za-z \-]*", alt)
        literal = m.group(0)
        if m.end() < len(alt) and alt[m.end()] in "?*{":
            literal = literal[:-1]  # the last letter is optional
        if len(literal.strip()) < 3:
            return None
        anchors.append(literal.lower())
    return tuple(anchors)


# Ties between topics go to the one listed first in topics.toml.
_RANK = {topic: i for i, topic in enumerate(LEXICON)}

_CUES = [(t, re.compile(r"\b(?:" + p + r")\b", re.I), w, _anchors(p)) for t, cues in LEXICON.items() for p, w in cues]


# Cues indexed by the first three letters of their anchors; cues without anchors are always tried.
_WORD = re.compile(r"[a-z]{3,}")
_BY_PREFIX: dict[str, set[int]] = {}
for _i, (_t, _p, _w, _anchors_) in enumerate(_CUES):
    for _a in _anchors_ or ():
        _BY_PREFIX.setdefault(_a[:3], set()).add(_i)
# An anchor that does not open with a word of three letters ("to supply") is found by no word's prefix:
# its cue is tried on every sentence (the anchor test below still skips most).
_ALWAYS = {i for i, c in enumerate(_CUES) if c[3] is None or any(not _WORD.fullmatch(a[:3]) for a in c[3])}
# Cues with no literal prefix, keyed by their pattern in topics.toml: words one of which every match
# contains. These cues were tried on every sentence; a changed pattern just loses its entry here.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "(?:for|to) (?:the |its )?(?:security|armed) forces|(?:for|to) (?:the |its )?(?:army|military)":
        ("forces", "army", "military"),
    "IRIS-T|Patriot|HIMARS|F-16s?|ATACMS|Storm Shadow|Leopard|Abrams|Bradley":
        ("iris-t", "patriot", "himars", "f-16", "atacms", "storm shadow", "leopard", "abrams", "bradley"),
    "\\baid\\b": ("aid",),
    "(?:reported|reporting|suffered|caused|causing)\\s+(?:\\w+\\s+)?casualties": ("casualties",),
    "(?:sent|sends|sending|delivered|supplied|shipped|transferred)\\s+(?:\\w+\\s+){0,4}?(?:drones|missiles|shells|"
    "rockets|weapons|ammunition|tanks|artillery)\\s+to\\b": ("sen", "deliver", "suppl", "shipp", "transferr"),
    "(?:received|receives|receiving|obtained|acquired)\\s+(?:\\w+\\s+){0,4}?(?:drones|missiles|shells|rockets|"
    "weapons|ammunition|tanks|artillery)\\s+from\\b": ("receiv", "obtained", "acquired"),
    "(?:pledged|promised|committed|agreed) to (?:deliver|supply|send|provide|give)": (" to ",),
    "(?:have|has|had) frozen|froze": ("froz",),
    "holding (?:on|out)|(?:heavily |fiercely |hotly )?contested|defend(?:ing|ed) the city": ("holding", "contested",
                                                                                              "defend"),
}
_REQUIRED_BY_CUE = {i: _REQUIRED[p] for i, p in enumerate(p for cues in LEXICON.values() for p, _w in cues)
                    if i in _ALWAYS and p in _REQUIRED}   # the order of _CUES
# Letters the case-blind patterns take for an ASCII one that str.lower() leaves otherwise (dotted and
# dotless i, long s): in a text with one of them, the required words are not looked for.
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f]")


@lru_cache(maxsize=4096)
def _base_scores(text: str) -> tuple[tuple[str, float], ...]:
    lowered = text.lower()
    scores = dict.fromkeys(LEXICON, 0.0)
    candidates = set(_ALWAYS)
    for word in set(_WORD.findall(lowered)):
        hit = _BY_PREFIX.get(word[:3])
        if hit:
            candidates |= hit
    plain = _ODD_FOLDS.search(text) is None
    for i in sorted(candidates):
        topic, pattern, weight, anchors = _CUES[i]
        if anchors is not None and not any(a in lowered for a in anchors):
            continue
        required = _REQUIRED_BY_CUE.get(i) if plain else None
        if required is not None and not any(r in lowered for r in required):
            continue
        hits = len(pattern.findall(text))
        if hits:
            scores[topic] += weight * hits
    return tuple(scores.items())


def topic_scores(text: str, *, casualties: bool = False, money: bool = False,
                 quantities: tuple[str, ...] = ()) -> dict[str, float]:
    """Score every topic for a piece of text; extra evidence found by other stages adds weight."""
    scores = dict(_base_scores(text))
    if casualties:
        scores["attack"] += 4
    if money:
        for t in ("financial_aid", "military_aid", "humanitarian_aid"):
            scores[t] += 1.5
        scores["arms_transfer"] -= 1
    units = set(quantities)
    if units & {"troops"}:
        scores["troop_movement"] += 2
    if units & {"shipments", "containers", "shells", "rounds", "munitions"} and scores["attack"] < 2:
        scores["arms_transfer"] += 1.5  # munitions counted in a strike ("attacked with eight munitions") are no transfer
    return scores


def classify(text: str, *, casualties: bool = False, money: bool = False,
             quantities: tuple[str, ...] = (), fallback: str = "other") -> str:
    """The best-scoring topic, or ``fallback`` when no cue is present."""
    scores = topic_scores(text, casualties=casualties, money=money, quantities=quantities)
    if money and max(scores["financial_aid"], scores["military_aid"], scores["humanitarian_aid"]) > 1.5:
        # Money in a sentence is aid or finance unless the words say sanctions.
        for t in ("attack", "combat", "troop_movement", "arms_transfer", "diplomacy", "maritime_security"):
            scores[t] -= 2
    best = max(scores, key=lambda t: (scores[t], -_RANK[t]))
    return best if scores[best] >= 1.5 else fallback


def has_cue(text: str, minimum: float = 2.0) -> bool:
    """True when some topic's cues reach ``minimum``: the sentence reports something happening."""
    return max(topic_scores(text).values()) >= minimum
