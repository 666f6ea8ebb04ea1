"""Topic of an event, from the words of its own sentence (or the clause around its place).

A small weighted lexicon: each topic's cue words add to its score and the best
score wins. Casualty figures and money are passed in by the caller, since they
are found by `quantities` and weigh more than any single word.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from . import lexicon
from .prechecks import ODD_FOLDS

# Groups of topics the later stages treat alike: figures of violence, and what states decide or pledge.
VIOLENT_TOPICS = frozenset({"attack", "combat"})
POLICY_TOPICS = frozenset({"military_aid", "financial_aid", "humanitarian_aid", "sanctions", "diplomacy",
                           "arms_transfer"})

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


# States whose arms trade is a transfer outside aid, never a donor's aid (topics.toml, [arms_transfer])
OUTSIDE_AID = frozenset(lexicon.load("topics")["arms_transfer"]["outside_aid"])

# Ties between topics go to the one listed first in topics.toml.
_RANK = {topic: i for i, topic in enumerate(LEXICON)}

_CUES = [(t, re.compile(r"\b(?:" + p + r")\b", re.I), w, _anchors(p)) for t, cues in LEXICON.items() for p, w in cues]


# Cues with no literal prefix, keyed by their pattern in topics.toml: words one of which every match
# contains, each opening a word of the text. A changed pattern just loses its entry here.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "(?:for|to) (?:the |its )?(?:security|armed) forces|(?:for|to) (?:the |its )?(?:army|military)":
        ("forces", "army", "military"),
    "IRIS-T|Patriot|HIMARS|F-16s?|ATACMS|Storm Shadow|Leopard|Abrams|Bradley":
        ("iris-t", "patriot", "himars", "f-16", "atacms", "storm shadow", "leopard", "abrams", "bradley"),
    "\\baid\\b": ("aid",),
    "(?:reported|reporting|suffered|caused|causing)\\s+(?:\\w+\\s+)?casualties": ("casualties",),
    "(?:sent|sends|sending|send)\\s+(?:[\\w,.\\-]+\\s+){0,10}?(?:drones|missiles|shells|"
    "rockets|weapons|ammunition|tanks|artillery|launchers|howitzers|munitions|systems)\\s+to\\b": ("sen",),
    "(?:sent|sends|sending|send|dispatched|moved|deployed)\\s+(?:[\\w,.\\-]+\\s+){0,5}?(?:troops|soldiers"
    "|servicemen|forces|units|personnel|engineers|deminers|sappers|instructors|marines|paratroopers"
    "|reservists)\\s+(?:[\\w,.\\-]+\\s+){0,3}?to\\b":
        ("sen", "dispatched", "moved", "deployed"),
    "(?:delivered|supplied|shipped|transferred)\\s+(?:[\\w,.\\-]+\\s+){0,10}?(?:drones|missiles|shells|"
    "rockets|weapons|ammunition|tanks|artillery|launchers|howitzers|munitions|systems)\\s+to\\b": ("deliver", "suppl", "shipp", "transferr"),
    "(?:deliver|delivers|delivering|supply|supplying|ship|transfer)\\s+(?:[\\w,.\\-]+\\s+){0,10}?(?:drones|missiles|"
    "shells|rockets|weapons|ammunition|tanks|artillery|launchers|howitzers|munitions|systems)\\s+to\\s+(?:the\\s+)?"
    "(?-i:[A-Z])\\w*": ("deliver", "suppl", "ship", "transfer"),
    "(?:received|receives|receiving|obtained|acquired)\\s+(?:[\\w,.\\-]+\\s+){0,6}?(?:drones|missiles|shells|rockets|"
    "weapons|ammunition|tanks|artillery)\\s+from\\b": ("receiv", "obtained", "acquired"),
    "(?:supplied|supplies|supply|supplying|provided|provides|provide|providing|armed|arming)\\s+(?:\\w+\\s+){1,3}?"
    "with\\s+(?:[\\w,.\\-]+\\s+){0,4}?(?:drones|missiles|shells|rockets|weapons|ammunition|tanks|artillery|systems)\\b":
        ("suppl", "provid", "armed", "arming"),
    "(?:pledged|promised|committed|agreed) to (?:deliver|supply|send|provide|give)": ("pledged", "promised", "committed",
                                                                                      "agreed"),
    "(?:have|has|had) frozen|froze": ("froz",),
    "(?:will|would|to)\\s+(?:deliver|supply|send|provide|donate|transfer)\\s+(?:[\\w,.\\-]+\\s+){0,6}?(?:missiles|"
    "drones|shells|rockets|weapons|ammunition|tanks|howitzers|munitions|systems|launchers|jets|vehicles)":
        ("deliver", "suppl", "send", "provid", "donat", "transfer"),
    "(?:artillery|weapons|arms|military|ammunition|air[ -]defen[cs]e|drones?|defen[cs]e|security) (?:aid |assistance )?"
    "package": ("artillery", "weapons", "arms", "military", "ammunition", "air", "drone", "defen", "security"),
    "(?:producing|produces|produce|produced|manufactur(?:ing|es|e|ed)|making|makes)\\s+(?:[\\w,\\-]+\\s+){0,3}?"
    "(?:weapons|missiles|ammunition|shells|drones|munitions|arms)": ("produc", "manufactur", "making", "makes"),
    "(?:defen[cs]e|military|armed forces) (?:budget|spending)": ("defen", "military", "armed"),
    "(?:fund|funds|funded|funding|finance|finances|financed|financing|pay for|pays for|paid for)\\s+(?:the\\s+)?"
    "(?:[\\w\\-]+\\s+){0,3}?(?:drones|missiles|shells|ammunition|weapons|air defen[cs]e|artillery|systems|munitions)":
        ("fund", "financ", "pay", "paid"),
    "(?:met|meet|meets|meeting|gathered|convened) (?:[\\w,]+ ){0,12}?to (?:discuss|coordinate|co-ordinate|review|agree on)":
        ("met", "meet", "gathered", "convened"),
    "prisoner (?:exchanges?|swaps?)|(?:exchange|swap) of (?:\\w+ ){0,2}?prisoners": ("prisoner", "exchange", "swap"),
    "(?:exchanged|swapped|swap|exchange|returned|freed|released|handed over) (?:[\\w,]+ ){0,4}?(?:prisoners|POWs|captives)":
        ("exchange", "swap", "returned", "freed", "released", "handed over"),
    "(?:jets|aircraft|fighters|planes|warplanes|interceptors) (?:were |was |had been |have been )?scrambled":
        ("jets", "aircraft", "fighters", "planes", "warplanes", "interceptors"),
    "(?:violat(?:ed|ing|ion of)|entered|breached|intruded into|crossed into) (?:\\w+ ){0,2}?airspace":
        ("violat", "entered", "breached", "intruded", "crossed"),
    "holding (?:on|out)|(?:heavily |fiercely |hotly )?contested|defend(?:ing|ed) the city": ("holding", "contested",
                                                                                              "defend"),
    "(?:hit|hits|struck|targeted|targeting) (?:an? |the |two |three "
    "|several )?(?:[\\w\\-]+ ){0,2}?(?:refiner(?:y|ies)|depots?|airfields?|air ?bases?|substations?"
    "|power (?:plants?|stations?)|warehouses?|factor(?:y|ies)|plants?|facilit(?:y|ies)|terminals?"
    "|infrastructure|bridges?|barracks|headquarters)":
        ("hit", "struck", "target"),
    "(?:(?:fund|facility|mechanism|initiative|programme|program|scheme)\\s+(?:[\\w\\-]+\\s+){0,4}?(?:that"
    "|which)\\s+(?:buys|purchases|procures)|(?:to|help|helps|helping)\\s+(?:[A-Z]\\w+\\s+)?(?:buy"
    "|purchase|procure))\\s+(?:[\\w\\-]+\\s+){0,3}?(?:drones|missiles|shells|ammunition|weapons|arms"
    "|air defen[cs]e|artillery|howitzers|systems|munitions|vehicles|tanks)":
        ("buy", "purchas", "procur"),
    "(?:main|primary|principal|key|chief) targets?": ("main", "primary", "principal", "key", "chief"),
    "(?:host|hosts|hosting|hosted|station|stations|stationing|receive|receives"
    "|received)\\s+(?:[\\w,.\\-]+\\s+){0,4}?(?:troops|soldiers|forces|servicemen)":
        ("host", "station", "receiv"),
}
# The words each cue is looked up by: its anchors, else its required words (the order of _CUES).
_KEYS = [anchors or _REQUIRED.get(p) for (_t, _c, _w, anchors), p in
         zip(_CUES, (p for cues in LEXICON.values() for p, _w in cues))]

# Cues indexed by the first three letters of their keys. A cue matches at a word boundary and its keys
# open words, so one of its keys opens a word of the text: that word starts with the key's first
# word, and a key of several words ("phone call") is in the text whole.
_WORD = re.compile(r"[a-z]{3,}")
_BY_PREFIX: dict[str, list[tuple[str, str | None, int]]] = {}   # prefix -> (first word, longer key, cue)
for _i, _keys in enumerate(_KEYS):
    for _k in _keys or ():
        _head = re.split(r"[ \-]", _k, maxsplit=1)[0]
        _BY_PREFIX.setdefault(_k[:3], []).append((_head, _k if _k != _head else None, _i))
# A key that does not open with a word of three letters ("to supply", "f-16") is found by no word's
# prefix: its cue's keys are looked for in every sentence (a cue with no keys is tried on each).
_ALWAYS = {i for i, keys in enumerate(_KEYS) if keys is None or any(not _WORD.fullmatch(k[:3]) for k in keys)}


@lru_cache(maxsize=4096)
def _base_scores(text: str) -> tuple[tuple[str, float], ...]:
    scores = dict.fromkeys(LEXICON, 0.0)
    for i in sorted(_cues_to_try(text)):
        topic, pattern, weight, _ = _CUES[i]
        hits = len(pattern.findall(text))
        if hits:
            scores[topic] += weight * hits
    return tuple(scores.items())


def _cues_to_try(text: str) -> Iterable[int]:
    """The cues that may match ``text``: those whose keys it holds."""
    if ODD_FOLDS.search(text) is not None:
        return range(len(_CUES))   # the lowered text may not show a case-blind match: try every cue
    lowered = text.lower()
    tried = set()
    for i in _ALWAYS:
        if _KEYS[i] is None or any(k in lowered for k in _KEYS[i]):
            tried.add(i)
    for word in set(_WORD.findall(lowered)):
        for head, key, i in _BY_PREFIX.get(word[:3], ()):
            if word.startswith(head) and (key is None or key in lowered):
                tried.add(i)
    return tried


def topic_scores(text: str, *, casualties: bool = False, money: bool = False,
                 quantities: tuple[str, ...] = ()) -> dict[str, float]:
    """Score every topic for a piece of text; extra evidence found by other stages adds weight."""
    scores = dict(_base_scores(text))
    if casualties:
        # deaths in ground fighting ("clashes ... killed 17") are combat's; in any other case a strike's
        scores["combat" if scores["combat"] > scores["attack"] else "attack"] += 4
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
    if money and best == "diplomacy" and _GIVES_MONEY.search(text):
        # "announced 200 million euros for schools during a visit to Kharkiv": the money given, not the visit
        # (aid with no word of its kind is a mixed programme's: financial)
        best = max(_AID, key=lambda t: (scores[t], t == "financial_aid"))
    return best if scores[best] >= 1.5 else fallback


_AID = ("financial_aid", "military_aid", "humanitarian_aid")
# a giving verb whose object is a sum: "announced 200 million euros", "pledged a further $50m", "allocated EUR 5bn"
_GIVES_MONEY = re.compile(r"\b(?:announce[ds]?|unveil(?:s|ed)?|pledge[ds]?|promise[ds]?|allocate[ds]?|earmark(?:s|ed)?|"
                          r"commit(?:s|ted)?|donate[ds]?|grant(?:s|ed)?)\s+(?:(?:a|an|another|new|further|additional|"
                          r"nearly|about|around|over|more than|up to|some)\s+)*"
                          r"(?:[$\u20ac\u00a3\u00a5]|[A-Z]{2,3}\s?\d|\d)")


def has_cue(text: str, minimum: float = 2.0) -> bool:
    """True when some topic's cues reach ``minimum``: the sentence reports something happening."""
    return max(topic_scores(text).values()) >= minimum
