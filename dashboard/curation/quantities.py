"""Numbers in a sentence: casualties, money and counts of troops, shells, drones and the like.

Pure functions over one sentence. Each finder returns mentions with their
character span so the event builder can attach a figure to the place it is
stated for, and never to several places at once.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mln": 1_000_000,
           "mn": 1_000_000, "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
           "b": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000}

_WORD_NUM = (r"(?:(?:" + "|".join(sorted(_TENS, key=len, reverse=True)) + r")(?:[- ](?:"
             + "|".join(k for k in _UNITS if len(k) > 2 and _UNITS[k] < 10) + r"))?|"
             + "|".join(sorted((k for k in _UNITS if k not in ("a", "an", "no", "single")), key=len, reverse=True))
             + r")")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = (r"(?:(?:" + _DIGITS + r")|(?i:" + _WORD_NUM + r"))"
          r"(?:[ -]?(?i:hundred|thousand|million|billion|trillion|mln|bn|tn)\b|(?<=\d)(?:bn|mn|m|k|tn)\b)?")

QUALIFIERS = [
    (re.compile(r"\b(?:up to|as many as|a maximum of|no more than)\s*$", re.I), "up to"),
    (re.compile(r"\b(?:more than|over|above|in excess of|upwards of|at least|no fewer than|no less than)\s*$", re.I), "over"),
    (re.compile(r"\b(?:around|about|approximately|roughly|some|an estimated|estimated|nearly|almost|close to|some)\s*$", re.I), "around"),
]


def parse_number(text: str) -> float | None:
    """'2.26 billion' -> 2.26e9, 'twenty-five' -> 25, '12,000' -> 12000, '8 million' -> 8e6."""
    s = text.strip().lower().replace("\u2009", " ")
    m = re.match(r"^(" + _DIGITS + r")\s*-?\s*([a-z]*)$", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if scale and scale not in _SCALES:
            return None
        return value * _SCALES.get(scale, 1)
    total = 0.0
    current = 0.0
    seen = False
    for word in re.split(r"[\s-]+", s):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("hundred",):
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def qualifier_before(text: str, start: int) -> str:
    """The hedge in front of a number ('up to', 'around', 'over'), or ''."""
    window = text[max(0, start - 30):start]
    for pattern, name in QUALIFIERS:
        if pattern.search(window):
            return name
    return ""


# ---------------------------------------------------------------- casualties

@dataclass(frozen=True, slots=True)
class Casualty:
    kind: str        # "killed" or "injured"
    count: int
    start: int
    end: int
    elliptic: bool = False   # "... and another in Hirnyk": the count repeats the previous kind


_PERSON = (r"(?:people|persons?|civilians?|residents?|men|man|women|woman|children|child|boys?|girls?|"
           r"teenagers?|teens?|infants?|babies|baby|minors?|soldiers?|servicemen|serviceman|"
           r"police(?: officers?)?|officers?|rescuers?|firefighters?|workers?|employees?|volunteers?|"
           r"journalists?|medics?|doctors?|nurses?|pensioners?|individuals?|adults?|others?|"
           r"passengers?|drivers?|farmers?|locals?|inhabitants?|citizens?|victims?|casualties|crew members?|crew|"
           r"sailors?|seafarers?|miners?|guards?|staff|"
           r"elderly (?:man|woman|people)|(?:\w+ )?residents)")
_AGE = r"(?:\d{1,3}-year-old|(?:elderly|young|local|underage|pregnant|older|teenage|injured) )?"
_KILL_WORDS = r"(?:killed|killing|kills|kill|dead|died|dies|die|deaths?|death toll|fatalities|lives|perished|slain)"
_INJ_WORDS = (r"(?:injured|injuring|injures|injure|wounded|wounding|wounds|hurt|injuries|"
              r"(?:were|was) (?:\w+ )?hospitali[sz]ed)")

_COUNT = r"(?P<q>(?:at least|more than|over|up to|as many as|nearly|almost|about|around|some) )?(?P<n>" + NUMBER + r"|a|an|another)"

# "killed two people", "killing at least three", "injured 15 others", "killed a 15-year-old boy"
_VERB_OBJ = re.compile(
    r"\b(?P<verb>" + _KILL_WORDS + r"|" + _INJ_WORDS + r")\s+(?:(?:at least|more than|over|up to|nearly|almost|about|around|some)\s+)?"
    r"(?P<n>" + NUMBER + r"|a|an)\b(?:\s+" + _AGE + r"(?:-?\s*)?" + _PERSON + r"\b|(?=\s*(?:[,.;]|and|people|others|$)))",
    re.I)
# "Four people were injured", "one civilian was killed", "A man was killed", "A woman and two men were injured"
_SUBJ_PASSIVE = re.compile(
    r"(?P<subj>(?:\b(?:at least|more than|over|up to|nearly|almost|about|around|some|another)\s+)?"
    r"\b(?:" + NUMBER + r"|a|an|another)\s+(?:" + _AGE + r"\s*)?(?:" + _PERSON + r")?"
    r"(?:,? (?:aged \d+|\d+),?)?"
    r"(?:\s+and\s+(?:" + NUMBER + r"|a|an)\s+(?:" + _AGE + r"\s*)?" + _PERSON + r")*"
    r"(?:\s*\b(?:more|others|other people))?)"
    r"\s+(?:(?:were|was|have been|has been|are|is|had been|got)\s+)?(?:also\s+|reportedly\s+|reported\s+|later\s+|confirmed\s+)*"
    r"(?P<verb>" + _KILL_WORDS + r"|" + _INJ_WORDS + r"|suffered (?:\w+ )?injuries|sustained (?:\w+ )?injuries|died|lost their lives)\b",
    re.I)
# "two deaths", "15 injuries", "three dead and 12 wounded"
_NOUN_COUNT = re.compile(
    r"\b(?P<n>" + NUMBER + r")\s+(?P<verb>deaths|death|dead|fatalities|injuries|injured|wounded|casualties)\b", re.I)
# "and another injured", "and another in Hirnyk", "and another (was) wounded"
_ANOTHER = re.compile(r"\b(?:and|,)\s+(?:another|one more|a second)\b(?!\s+(?:\w+\s+)?(?:attack|strike|drone|missile))", re.I)
_NONE = re.compile(
    r"\b(?:no (?:casualties|victims|one was (?:killed|injured|hurt)|injuries|deaths|fatalities)(?: were| was)? (?:reported|recorded)|"
    r"reported no (?:casualties|victims|injuries|deaths)|without casualties|no (?:one|people) (?:was|were) (?:killed|injured|hurt)|"
    r"there were no (?:casualties|victims|injuries))", re.I)
_SUBSET = re.compile(r"\b(?:including|among them|among whom|of whom|incl\.)\s*$", re.I)


# Where the costly patterns can begin: scanning for these is cheap, and the full pattern is then
# tried only there (a pattern's finditer tries every position of the sentence).
_VERB_START = re.compile(r"\b(?:kill|dead|die|death|injur|wound|hurt|fatalit|lives|perish|slain|(?:were|was) )", re.I)
_SUBJECT_START = re.compile(r"\b(?:a|an|another|at least|more than|over|up to|as many as|nearly|almost|about|around|some)\b",
                            re.I)


def _matches_at(pattern: re.Pattern, text: str, starts) -> list[re.Match]:
    """Non-overlapping matches of ``pattern`` that begin at ``starts`` (offsets, or a pattern whose
    matches give them), in text order."""
    out, end = [], -1
    positions = [c.start() for c in starts.finditer(text)] if isinstance(starts, re.Pattern) else starts
    for pos in positions:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            out.append(m)
            end = m.end()
    return out


@lru_cache(maxsize=4096)
def _number_starts(text: str) -> tuple[int, ...]:
    """Offsets where a number (digits or words) begins."""
    return tuple(c.start() for c in _NUMBER_START.finditer(text))


def _kind(verb: str) -> str:
    v = verb.lower()
    if re.match(_KILL_WORDS + r"$", v) or "lost their lives" in v:
        return "killed"
    return "injured"


def _count_subject(subj: str) -> int | None:
    total = 0
    subj = re.sub(r"\b\d{1,3}-year-old\b|,? aged \d+,?|,? \d{1,3},", " ", subj)
    for m in re.finditer(r"\b(" + NUMBER + r"|a|an|another)\b", subj, re.I):
        word = m.group(1).lower()
        value = 1 if word in ("a", "an", "another") else parse_number(m.group(1))
        if value is None:
            return None
        total += int(value)
    return total or None


_CASUALTY_STEMS = ("kill", "dead", "die", "death", "injur", "wound", "hurt", "casualt", "hospitali", "lives",
                   "fatalit", "perish", "slain", "another")


def find_casualties(text: str) -> list[Casualty]:
    """Killed and injured counts stated in one sentence, with their spans."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _CASUALTY_STEMS):
        return []
    found: list[Casualty] = []
    # Spans taken so far, disjoint and kept sorted (starts and ends alike), so a new span's
    # overlap is one bisection, not a scan of every earlier one.
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def overlaps(start, end):
        i = bisect.bisect_left(taken_starts, end) - 1
        return i >= 0 and taken_ends[i] > start

    def add(kind, count, start, end, elliptic=False):
        if count is None or overlaps(start, end):
            return
        if _SUBSET.search(text[max(0, start - 20):start]):
            return  # "including five children": part of a count already given
        if re.search(r"\bamong the (?:injured|wounded|dead|killed)", text[end:end + 25]):
            return
        i = bisect.bisect_left(taken_starts, start)
        taken_starts.insert(i, start)
        taken_ends.insert(i, end)
        found.append(Casualty(kind, int(count), start, end, elliptic))

    verbs = [c.start() for c in _VERB_START.finditer(text)]
    if not verbs and "another" not in lowered:
        return []
    for m in _matches_at(_VERB_OBJ, text, verbs):
        word = m.group("n").lower()
        count = 1 if word in ("a", "an") else parse_number(m.group("n"))
        if count is not None and count >= 1900 and count < 2100 and "," not in m.group("n"):
            continue  # a year, not a count
        add(_kind(m.group("verb")), count, m.start(), m.end())
    # a subject counts only with a casualty verb after it: try those within reach of one
    def verb_within_reach(pos):  # a verb 1 to 159 characters after pos (verbs are in text order)
        i = bisect.bisect_right(verbs, pos)
        return i < len(verbs) and verbs[i] - pos < 160

    subject_starts = [pos for pos in sorted(set(_number_starts(text)) | {c.start() for c in _SUBJECT_START.finditer(text)})
                      if verb_within_reach(pos)]
    for m in (m for m in (_SUBJ_PASSIVE.match(text, pos) for pos in subject_starts) if m):
        subj = m.group("subj")
        if re.match(r"\s*another\b", subj, re.I):
            add(_kind(m.group("verb").split()[-1] if "suffered" not in m.group("verb").lower() else "injured"),
                1, m.start(), m.end())
            continue
        verb = m.group("verb").lower()
        kind = "injured" if ("injur" in verb and "suffered" in verb) or "sustained" in verb else _kind(verb.split()[-1] if " " in verb and "lost" not in verb else verb)
        add(kind, _count_subject(subj), m.start(), m.end())
    for m in (m for m in (_NOUN_COUNT.match(text, pos) for pos in _number_starts(text)) if m):
        if m.group("verb").lower() == "casualties":
            continue
        add(_kind(m.group("verb")), parse_number(m.group("n")), m.start(), m.end())
    # "another" takes the kind of the last count found before it. Found so far: the latest of those
    # ending before it, by position in `found`; once one "another" is added it is that latest one.
    before = sorted(range(len(found)), key=lambda i: found[i].end)
    latest, seen = -1, 0
    for m in _ANOTHER.finditer(text):
        if overlaps(m.start(), m.end()):
            continue
        while seen < len(before) and found[before[seen]].end <= m.start():
            latest = max(latest, before[seen])
            seen += 1
        if latest < 0:
            continue
        after = text[m.end():m.end() + 30].lower()
        kind = found[latest].kind
        if re.match(r"\s*(?:was |were )?(?:\w+ )?(injured|wounded|hurt)", after):
            kind = "injured"
        elif re.match(r"\s*(?:was |were )?(killed|died|dead)", after):
            kind = "killed"
        count_before = len(found)
        add(kind, 1, m.start(), m.end(), elliptic=True)
        if len(found) > count_before:
            latest = len(found) - 1
    return sorted(found, key=lambda c: c.start)


def states_no_casualties(text: str) -> bool:
    """'No casualties were reported': a stated zero, unlike silence."""
    return bool(_NONE.search(text))


# ---------------------------------------------------------------- money

@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str
    start: int
    end: int
    conversion: bool      # a parenthesised restatement "(US$2.94 billion)" of the figure before it


_DIGIT = re.compile(r"\d")
_SYMBOLS = [("US$", "USD"), ("U.S.$", "USD"), ("S$", "SGD"), ("A$", "AUD"), ("C$", "CAD"), ("CA$", "CAD"),
            ("NZ$", "NZD"), ("HK$", "HKD"), ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"),
            ("₩", "KRW"), ("₴", "UAH"), ("₽", "RUB"), ("zł", "PLN"), ("₹", "INR")]
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY", "won": "KRW",
    "kronor": "SEK", "krona": "SEK", "swedish kronor": "SEK", "danish kroner": "DKK", "norwegian kroner": "NOK",
    "kroner": "DKK", "krone": "NOK", "hryvnias": "UAH", "hryvnia": "UAH", "hryvnia": "UAH", "roubles": "RUB", "rubles": "RUB",
    "yuan": "CNY", "renminbi": "CNY", "zloty": "PLN", "zlotys": "PLN", "swiss francs": "CHF", "francs": "CHF",
    "canadian dollars": "CAD", "australian dollars": "AUD", "lira": "TRY", "liras": "TRY",
    "korean won": "KRW", "japanese yen": "JPY", "rupees": "INR",
}
_CODES = ("USD", "EUR", "GBP", "JPY", "SEK", "NOK", "DKK", "CHF", "CAD", "AUD", "PLN", "CZK", "UAH", "RUB",
          "KRW", "CNY", "SGD", "TRY", "HUF", "RON", "BGN", "NZD", "INR")
_SYM_RE = "|".join(re.escape(s) for s, _ in _SYMBOLS)
_MONEY_START = re.compile(r"[$\u00a3\u20ac\u00a5\u20a9\u20b4\u20bd\u20b9]|\b(?:US|U\.S\.|S|A|C|CA|NZ|HK)\$|zł|\b(?:USD|EUR|GBP|JPY|SEK|NOK|DKK|CHF|CAD|AUD|PLN|CZK|UAH|RUB|KRW|CNY|SGD|TRY|HUF|RON|BGN|NZD|INR)\b")
_AMOUNT = r"(?P<n>" + _DIGITS + r")(?:\s*(?P<scale>billion|million|trillion|thousand|bn|mln|mn|tn|m|b|k)\b)?"
_MONEY_PREFIX = re.compile(r"(?P<sym>" + _SYM_RE + r"|\b(?:" + "|".join(_CODES) + r")\s?)\s?" + _AMOUNT, re.I)
_MONEY_SUFFIX = re.compile(
    r"\b" + _AMOUNT + r"\s+(?:(?P<word>" + "|".join(sorted(map(re.escape, _CURRENCY_WORDS), key=len, reverse=True))
    + r")\b|(?P<code>" + "|".join(_CODES) + r")\b)", re.I)


def find_money(text: str) -> list[Money]:
    """Every money figure in a sentence with its ISO 4217 currency."""
    if not _DIGIT.search(text):
        return []
    found: list[Money] = []
    for m in _matches_at(_MONEY_PREFIX, text, _MONEY_START):
        sym = m.group("sym").strip()
        currency = next((c for s, c in _SYMBOLS if s == sym), None) or sym.upper()
        if sym.isalpha() and not sym.isupper():
            continue
        if sym == "m" or sym == "b":
            continue
        found.append(_money(m, currency, text))
    for m in _MONEY_SUFFIX.finditer(text):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        if m.group("word"):
            currency = _CURRENCY_WORDS[m.group("word").lower()]
            if m.group("word").lower() in ("kroner", "krone"):
                # Danish and Norwegian crowns share the word: the sentence's country decides.
                if re.search(r"\bNorw", text):
                    currency = "NOK"
                elif re.search(r"\bDen|\bDanish", text):
                    currency = "DKK"
        else:
            currency = m.group("code").upper()
        found.append(_money(m, currency, text))
    return [f for f in sorted(found, key=lambda f: f.start) if f is not None]


def _money(m: re.Match, currency: str, text: str) -> Money:
    value = float(m.group("n").replace(",", "")) * _SCALES.get((m.group("scale") or "").lower(), 1)
    before = text[:m.start()].rstrip()
    conversion = before.endswith("(") or before.endswith("or about") or before.endswith("about (")
    if before.endswith("(") and text[m.end():m.end() + 2].startswith(")") is False:
        conversion = True
    return Money(value, currency, m.start(), m.end(), conversion)


def format_amounts(items: list[Money]) -> str:
    """'2260000000 GBP; 2940000000 USD' — the `amounts` column."""
    return "; ".join(f"{_fmt(i.value)} {i.currency}" for i in items)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- other quantities

@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str
    qualifier: str
    start: int
    end: int

    def label(self) -> str:
        return (f"{self.qualifier} " if self.qualifier else "") + f"{_fmt(self.value)} {self.unit}"


# Head nouns counted as quantities, mapped to the unit the table uses.
UNITS = {
    "troops": "troops", "troop": "troops", "soldiers": "troops", "soldier": "troops", "servicemen": "troops",
    "personnel": "troops", "fighters": "troops", "forces": "troops", "mercenaries": "troops", "conscripts": "troops",
    "reservists": "troops", "recruits": "troops", "workers": "workers", "instructors": "troops",
    "shipments": "shipments", "shipment": "shipments", "consignments": "shipments", "deliveries": "shipments",
    "containers": "containers", "container": "containers", "trains": "trains", "wagons": "wagons",
    "shells": "shells", "shell": "shells", "rounds": "rounds", "round": "rounds", "munitions": "munitions",
    "ammunition": "rounds", "bullets": "rounds", "cartridges": "rounds", "grenades": "grenades",
    "missiles": "missiles", "missile": "missiles", "rockets": "rockets", "rocket": "rockets",
    "drones": "drones", "drone": "drones", "uavs": "drones", "shaheds": "drones", "bombs": "bombs",
    "glide bombs": "bombs", "mines": "mines", "tanks": "tanks", "tank": "tanks", "vehicles": "vehicles",
    "howitzers": "howitzers", "launchers": "launchers", "systems": "systems", "system": "systems",
    "units": "units", "batteries": "systems", "aircraft": "aircraft", "jets": "aircraft", "planes": "aircraft",
    "helicopters": "helicopters", "ships": "ships", "vessels": "ships", "boats": "boats", "warships": "ships",
    "submarines": "submarines", "guns": "guns", "rifles": "guns", "weapons": "weapons",
    "settlements": "settlements", "towns": "settlements", "villages": "settlements", "communities": "settlements",
    "oblasts": "oblasts", "regions": "regions", "buildings": "buildings", "homes": "buildings",
    "houses": "buildings", "apartments": "apartments", "sorties": "sorties", "strikes": "strikes",
    "attacks": "attacks", "tonnes": "tonnes", "tons": "tonnes", "generators": "generators",
}
_UNIT_RE = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
# NUMBER, up to three modifiers ("North Korean special forces", "155mm artillery", "Shahed-type"), UNIT.
_QTY = re.compile(
    r"\b(?P<n>" + NUMBER + r")(?P<mods>(?:\s+(?!of\b|and\b|in\b|to\b|from\b|were\b|was\b)[\w\u2019'\-/\"\u201c\u201d]+){0,4}?)\s+(?P<unit>" + _UNIT_RE + r")\b",
    re.I)
_NUMBER_START = re.compile(r"(?<![\w.,])(?:\d|(?i:" + _WORD_NUM + r")\b)")
_UNIT_WORDS = frozenset(u.split()[-1] for u in UNITS)
_LOWER_WORD = re.compile(r"[a-z]+")
_OUT_OF = re.compile(r"\b(?P<a>" + NUMBER + r")\s+(?:out of|of)\s+(?P<b>" + NUMBER + r")\b", re.I)
_OF_THE = re.compile(r"\b(?P<n>" + NUMBER + r")\s+of\s+the(?:se|ir)?\s+(?:\w+\s+){0,2}?(?P<unit>" + _UNIT_RE + r")\b", re.I)
_WHICH_N = re.compile(r"\bof (?:which|them|these)\s+(?P<n>" + NUMBER + r")\b(?!\s*(?:%|percent))", re.I)
_OF_WHICH = re.compile(r"\b(?P<n>" + NUMBER + r")\s+of\s+(?:which|them|these|those)\b", re.I)


def find_quantities(text: str, exclude: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Counts of troops, shipments, shells, drones... with their qualifier, in text order."""
    if not _UNIT_WORDS.intersection(_LOWER_WORD.findall(text.lower())):
        return []
    found: list[Quantity] = []
    # Spans that block a new count, kept sorted by start: only those starting within the longest
    # span's length before it can overlap, so a check is a bisection and a short walk, not a scan.
    span_starts: list[int] = []
    span_ends: list[int] = []
    longest = [0]

    def hold(a, b):
        i = bisect.bisect_left(span_starts, a)
        span_starts.insert(i, a)
        span_ends.insert(i, b)
        longest[0] = max(longest[0], b - a)

    for a, b in exclude:
        hold(a, b)

    def blocked(s, e):
        i = bisect.bisect_left(span_starts, s - longest[0])
        while i < len(span_starts) and span_starts[i] < e:
            if span_ends[i] > s:
                return True
            i += 1
        return False

    def keep(q):
        found.append(q)
        hold(q.start, q.end)

    # The count patterns are costly: try them only where a number starts (no number, no count).
    starts = _number_starts(text)
    if not starts:
        return []
    matches = (_QTY.match(text, pos) for pos in starts)
    for m in (m for m in matches if m):
        raw = m.group("n")
        if re.fullmatch(r"(?i)a|an|no|one", raw) and not m.group("mods").strip():
            if raw.lower() in ("a", "an", "no"):
                continue
        if re.match(r"\d+(?:mm|km|m)\b", text[m.start():m.start() + 8]) and m.group("n").isdigit() and \
                re.match(r"\d+mm", text[m.start():]):
            continue
        if re.search(r"[-/]\d*$", text[max(0, m.start() - 3):m.start()]) or re.match(r"\d+-year", text[m.start():]):
            continue
        value = parse_number(raw)
        if value is None or value == 0:
            continue
        if 1900 <= value <= 2100 and raw.isdigit() and not m.group("mods").strip():
            continue
        mods = m.group("mods").lower()
        if re.search(r"\b(?:year|years|day|days|km|kilometers|miles|percent|%)\b", mods):
            continue
        start = m.start()
        if blocked(start, m.end("n")):
            continue
        keep(Quantity(value, UNITS[m.group("unit").lower()], qualifier_before(text, start), start, m.end()))
    # "66 out of 81 drones": the first count shares the second's unit.
    has_of = " of " in text
    for m in (m for m in (_OUT_OF.match(text, pos) for pos in starts if has_of) if m):
        following = [q for q in found if q.start == m.start("b")]
        a = parse_number(m.group("a"))
        if following and a and not blocked(m.start("a"), m.end("a")):
            keep(Quantity(a, following[0].unit, qualifier_before(text, m.start()), m.start("a"), m.end("a")))
    # "destroyed 40 of the drones": the count takes the unit after it.
    for m in (m for m in (_OF_THE.match(text, pos) for pos in starts if has_of) if m):
        n = parse_number(m.group("n"))
        if n and not blocked(m.start(), m.end("n")):
            keep(Quantity(n, UNITS[m.group("unit").lower()], qualifier_before(text, m.start()), m.start(), m.end()))
    # "three of which have been delivered", "24 of them were lost": the unit of the count before.
    of_which = [m for m in (_OF_WHICH.match(text, pos) for pos in starts if has_of) if m]
    if has_of and ("of which" in text or "of them" in text or "of these" in text):
        of_which += list(_WHICH_N.finditer(text))
    for m in of_which:
        prior = [q for q in found if q.end <= m.start()]
        n = parse_number(m.group("n"))
        if prior and n and not blocked(m.start(), m.end("n")):
            keep(Quantity(n, prior[-1].unit, "", m.start(), m.end("n")))
    return sorted(found, key=lambda q: q.start)
