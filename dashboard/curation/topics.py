"""Topic of an event, from the words of its own sentence (or the clause around its place).

A small weighted lexicon: each topic's cue words add to its score and the best
score wins. Casualty figures and money are passed in by the caller, since they
are found by `quantities` and weigh more than any single word.
"""
from __future__ import annotations

import re
from functools import lru_cache

# (pattern, weight) per topic. Patterns are matched case-insensitively on word boundaries.
LEXICON: dict[str, list[tuple[str, float]]] = {
    "attack": [
        (r"attack(?:s|ed|ing)?", 2), (r"strikes?|struck|striking", 2), (r"shell(?:ed|ing|s)", 2),
        (r"missiles?", 1), (r"drones?", 1), (r"shaheds?", 1.5), (r"bomb(?:s|ed|ing|ardment)?", 2),
        (r"hit|hits", 1.5), (r"target(?:ed|ing)", 1.5), (r"explosions?|blasts?", 1.5), (r"killed|killing", 2),
        (r"injur(?:ed|ing|ies)|wounded", 2), (r"shot down|downed|intercepted|air defen[cs]es?", 2),
        (r"damag(?:ed|ing|e)|destroyed", 1), (r"fire|fired", 1), (r"barrage", 2), (r"air raid", 2),
        (r"came under", 2), (r"mined", 1), (r"kamikaze", 1), (r"artillery", 1),
    ],
    "combat": [
        (r"clash(?:es|ed)?", 3), (r"fighting|fought|battles?", 3), (r"advanc(?:ed|es|ing)", 2.5),
        (r"captur(?:ed|e|ing)|seized", 2.5), (r"repel(?:led|s)?|repulsed", 3), (r"offensive|counteroffensive", 3),
        (r"front ?line|frontline", 2), (r"assaults?", 2.5), (r"liberat(?:ed|ion)", 2.5), (r"encircle(?:d|ment)", 3),
        (r"retreat(?:ed)?|withdr[ae]w from", 2), (r"ground (?:forces|operation)", 2), (r"incursion", 2.5),
        (r"positions", 1), (r"eastern front", 1),
    ],
    "troop_movement": [
        (r"troops", 1), (r"deploy(?:ed|ing|ment|s)?", 2.5), (r"dispatch(?:ed|ing)?", 2.5), (r"crossed into", 3),
        (r"special forces", 2), (r"soldiers", 1), (r"stationed|redeploy(?:ed|ment)?|transferred", 2),
        (r"mobili[sz](?:ed|ation)", 2), (r"training", 1), (r"forces", 0.5), (r"arriv(?:ed|al)", 1),
        (r"withdrawal of .{0,20}(?:forces|troops)", 2),
    ],
    "arms_transfer": [
        (r"shipments?|shipped|shipping of", 2.5), (r"munitions", 2), (r"ammunition", 2), (r"containers?", 1.5),
        (r"rounds", 1), (r"shells", 1.5), (r"arms|weapons", 1.5), (r"suppl(?:y|ied|ier|ies)", 1.5),
        (r"sent|sending|send", 1), (r"transfer(?:red|s)?", 1.5), (r"ballistic missiles", 1), (r"provided", 1),
        (r"tanks|aircraft", 1), (r"exports?", 1),
    ],
    "military_aid": [
        (r"military aid|military assistance|security assistance|military support", 4),
        (r"aid package|assistance package|support package|package", 1.5),
        (r"air defen[cs]e (?:units|systems)", 2), (r"pledg(?:ed|es|e)", 1.5), (r"for arms|arms", 1),
        (r"weapons?", 1), (r"deliver(?:ed|y|ies)?", 1), (r"donat(?:ed|ion)", 1.5),
        (r"IRIS-T|Patriot|HIMARS|F-16s?|ATACMS|Storm Shadow|Leopard|Abrams|Bradley", 2), (r"to supply", 1),
        (r"defen[cs]e (?:ministry|minister)", 0.5), (r"military equipment", 2), (r"\baid\b", 1),
    ],
    "financial_aid": [
        (r"loans?|lend(?:ing|s)?|lent", 4), (r"grants?", 2), (r"budget support|budget", 2), (r"financ(?:ial|ing|e)", 1.5),
        (r"funding|funds?", 1.5), (r"frozen (?:russian )?assets", 1.5), (r"macro-?financial", 3), (r"reconstruction", 1),
        (r"economic (?:aid|assistance|support)", 3), (r"disburs(?:ed|ement)", 2), (r"tranche", 3), (r"IMF|World Bank", 1),
    ],
    "humanitarian_aid": [
        (r"humanitarian", 4), (r"food|medical supplies|medicine", 2), (r"shelters?|blankets|generators", 2),
        (r"refugees?|evacuat(?:ed|ion)", 1.5), (r"relief", 2), (r"winteri[sz]ation", 3), (r"Red Cross|UNICEF|WFP", 1),
    ],
    "sanctions": [
        (r"sanction(?:s|ed|ing)?", 6), (r"export controls?", 3), (r"embargo", 3), (r"blacklist(?:ed)?", 3),
        (r"price cap", 3), (r"asset freeze|freez(?:e|ing) (?:of )?assets", 2), (r"restrictions", 1.5),
        (r"tighten", 1),
    ],
    "diplomacy": [
        (r"meet(?:s|ing)?|met", 2.5), (r"talks", 2.5), (r"summit", 2.5), (r"visit(?:ed|s|ing)?", 2),
        (r"summon(?:ed|s)?", 3.5), (r"ambassador|envoy|embassy|diplomat(?:ic|s)?", 2), (r"foreign minist(?:er|ry)", 1.5),
        (r"agreement|treaty|accord|pact|partnership", 2), (r"signed", 1.5), (r"negotiat(?:ions|e|ed)", 2.5),
        (r"protest(?:ed)?", 1.5), (r"discussed|discussions", 2), (r"phone call|called on", 1.5), (r"peace", 1.5),
        (r"condemn(?:ed|s)?", 1), (r"invitation|invited", 1.5), (r"resolution", 1), (r"membership", 1),
        (r"warned", 1), (r"secretary-general", 1),
    ],
    "maritime_security": [
        (r"navigation", 3), (r"shipping", 2.5), (r"vessels?|ships?|tankers?|cargo", 2), (r"sea", 1.5),
        (r"ports?", 1.5), (r"naval|navy", 2.5), (r"fleet", 1.5), (r"grain corridor|corridor", 2.5), (r"maritime", 3),
        (r"mines? (?:in|at) sea|sea mines", 2),
    ],
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


_CUES = [(t, re.compile(r"\b(?:" + p + r")\b", re.I), w, _anchors(p)) for t, cues in LEXICON.items() for p, w in cues]


# Cues indexed by the first three letters of their anchors; cues without anchors are always tried.
_BY_PREFIX: dict[str, set[int]] = {}
for _i, (_t, _p, _w, _anchors_) in enumerate(_CUES):
    for _a in _anchors_ or ():
        _BY_PREFIX.setdefault(_a[:3], set()).add(_i)
_ALWAYS = {i for i, c in enumerate(_CUES) if c[3] is None}
_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=4096)
def _base_scores(text: str) -> tuple[tuple[str, float], ...]:
    lowered = text.lower()
    scores = dict.fromkeys(LEXICON, 0.0)
    candidates = set(_ALWAYS)
    for word in set(_WORD.findall(lowered)):
        hit = _BY_PREFIX.get(word[:3])
        if hit:
            candidates |= hit
    for i in sorted(candidates):
        topic, pattern, weight, anchors = _CUES[i]
        if anchors is not None and not any(a in lowered for a in anchors):
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
    if units & {"shipments", "containers", "shells", "rounds", "munitions"}:
        scores["arms_transfer"] += 1.5
    return scores


def classify(text: str, *, casualties: bool = False, money: bool = False,
             quantities: tuple[str, ...] = (), fallback: str = "other") -> str:
    """The best-scoring topic, or ``fallback`` when no cue is present."""
    scores = topic_scores(text, casualties=casualties, money=money, quantities=quantities)
    if money and max(scores["financial_aid"], scores["military_aid"], scores["humanitarian_aid"]) > 1.5:
        # Money in a sentence is aid or finance unless the words say sanctions.
        for t in ("attack", "combat", "troop_movement", "arms_transfer", "diplomacy", "maritime_security"):
            scores[t] -= 2
    best = max(scores, key=lambda t: (scores[t], -list(LEXICON).index(t)))
    return best if scores[best] >= 1.5 else fallback


def has_cue(text: str, minimum: float = 2.0) -> bool:
    """True when some topic's cues reach ``minimum``: the sentence reports something happening."""
    return max(topic_scores(text).values()) >= minimum
