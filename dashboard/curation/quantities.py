"""Numbers in a sentence: casualties, money and counts of troops, shells, drones and the like.

Pure functions over one sentence. Each finder returns mentions with their
character span so the event builder can attach a figure to the place it is
stated for, and never to several places at once.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, replace

from . import lexicon
from .prechecks import ODD_FOLDS, Guarded, alternation

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12, "both": 2,
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
# "12,000", "250 000" (a space or thin space between thousands), "2.5", "300"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
NUMBER = (r"(?:(?:" + _DIGITS + r")|(?i:a\s+(?=(?:hundred|thousand|million|billion)\b))?(?i:" + _WORD_NUM + r"|(?<=a )"
          r"(?:hundred|thousand|million|billion)(?=\b)))"
          r"(?:[ -]?(?i:hundred|thousand|million|billion|trillion|mln|bn|tn)\b|(?<=\d)(?:bn|mn|m|k|tn)\b)?")

QUALIFIERS = [
    (re.compile(r"\b(?:up to|as many as|a maximum of|no more than)\s*$", re.I), "up to"),
    # (not the "over" of "handed over 34 bodies", "turned over 2,000 shells")
    (re.compile(r"\b(?:more than|(?<!\bhanded )(?<!\bturned )(?<!\bhands )(?<!\bhand )over|above|in excess of|upwards of|"
                r"at least|no fewer than|no less than)\s*$", re.I), "over"),
    (re.compile(r"\b(?:around|about|approximately|roughly|some|an estimated|estimated|nearly|almost|close to|some)\s*$", re.I), "around"),
]


def parse_number(text: str) -> float | None:
    """'2.26 billion' -> 2.26e9, 'twenty-five' -> 25, '12,000' -> 12000, '8 million' -> 8e6."""
    s = text.strip().lower().replace("\u2009", " ")
    m = re.match(r"^(" + _DIGITS + r")\s*-?\s*([a-z]*)$", s)
    if m:
        value = float(re.sub(r"[,\s]", "", m.group(1)))
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
    update: bool = False     # "the toll rose to 12": replaces a figure given before, never adds to it
    more: bool = False       # "five more people were injured": adds to the figures given before
    each: bool = False       # "each reporting one dead": the count holds for every place listed before it
    cumulative: bool = False  # "the war has killed over 2,500", "killed 40,000 since 2023": a toll, no incident's
    each_after: bool = False  # "one each in A, B and C": the count holds for every place listed after it


# Counted people and the words of killing and injuring: data/lexicon/casualties.toml.
_CASUALTY_WORDS = lexicon.load("casualties")
_PERSON = "(?:" + "|".join(_CASUALTY_WORDS["person"]) + ")"
_KIN = "(?:" + "|".join(_CASUALTY_WORDS["kin"]) + ")"
_PAIRS = "(?:" + "|".join(_CASUALTY_WORDS["pairs"]) + ")"
_ADJ = r"(?:" + "|".join(_CASUALTY_WORDS["adjectives"]) + r")"
# "three aid workers", "a port worker", "two UN staff": a noun naming their work or employer before the people (no
# number, and no participle: "one rescued woman died" is no new victim's word)
_WORK_NOUN = (r"(?!(?:" + _WORD_NUM + r"|the|and|or|of|his|her|their|its|our|with|from|in|at|on|by|for|to|as)\b)"
              r"(?-i:[a-z]{2,}(?<!ed)(?<!ing)(?<!ly)|[A-Z]{2,5})(?=\s+" + _PERSON + r"\b)")
_AGE = r"(?:\s+(?:\d{1,3}-year-old|" + _ADJ + r"|(?-i:[A-Z][a-z]+(?=\s))|" + _WORK_NOUN + r")(?=\s))*"
_AGES = r"(?:,?\s+aged\s+\d{1,3}(?:(?:,\s*|,?\s+and\s+)\d{1,3})*,?)?"
_KILL_WORDS = "(?:" + "|".join(_CASUALTY_WORDS["killed"]) + ")"
_INJ_WORDS = "(?:" + "|".join(_CASUALTY_WORDS["injured"]) + ")"
_QUAL = r"(?:at least|more than|over|up to|as many as|nearly|almost|about|around|some)"

# "a fourth person was killed": one more person, counted as one
_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
# One counted group: "two men, aged 41 and 49", "a 15-year-old boy", "three male", "five more people",
# "an elderly couple", "his wife", "their two children".
# "killing the driver", "the pilot was injured": one person, named by a singular noun after "the"
_SINGULAR = "(?:" + "|".join(w[:-2] for w in _CASUALTY_WORDS["person"] if w.endswith("s?") and w[:-2].isalpha()) + r"|man|woman|child|baby|serviceman)(?!s)"
# "killing a couple, and another strike injured ...": another strike, no other person
_NOT_PEOPLE = r"(?:attacks?|strikes?|drones?|missiles?|shells?|rockets?|bombs?|raids?)\b"
_GROUP = (r"(?:the" + _AGE + r"\s+" + _SINGULAR + r"\b(?!\s+of\b)|(?:" + _QUAL + r"\s+)?(?:" + NUMBER + r"|a|an|"
          r"another(?!\s+(?:\w+\s+)?" + _NOT_PEOPLE + r"))\b(?:\s+(?:more|other|additional|" + _ORDINAL + r")\b)?" + _AGE
          + r"(?:\s+(?:" + _PAIRS + r"|" + _PERSON + r")(?:\s+(?:and|or)\s+" + _PERSON + r")?)?\b" + _AGES
          + r"|(?:his|her|their)(?:\s+(?:" + NUMBER + r"))?" + _AGE + r"\s+(?:" + _KIN + r"|" + _PERSON + r")\b)")
# A group after a comma names its people ("two men, a woman and a child"), and is no speaker
# ("killed four soldiers, a military source told AFP", "a doctor at the hospital said").
_GROUP_NOUNED = (r"(?:" + _QUAL + r"\s+)?(?:" + NUMBER + r"|a|an)\b" + _AGE + r"\s+(?:" + _PAIRS + r"|" + _PERSON + r")\b"
                 + _AGES + r"(?!\s+(?:[\w'\-]+\s+){0,4}?(?:said|says|told|tells|reported|added|confirmed)\b)")
_GROUPS = _GROUP + r"(?:(?:\s*,\s*|\s+)and\s+" + _GROUP + r"|\s*,\s*(?=(?:" + NUMBER + r"|a|an)\s)" + _GROUP_NOUNED + r")*"

_ONE_GROUP = r"(?:one|the same|a single|a|the|their|his|her)\s+(?:family|household|village|town|neighbou?rhood|street)"

# "killed two people", "killing at least three", "injured 15 others", "killed a man and wounded his son",
# "injured three male and two female employees"
_VERB_OBJ = re.compile(
    r"\b(?P<verb>" + _KILL_WORDS + r"|" + _INJ_WORDS + r")\s+(?P<subj>" + _GROUPS + r")"
    r"(?:(?<=\w)|(?=\s*(?:[,.;]|and\b|people|others|$)))",
    re.I)
# "Four people were injured", "one civilian was killed", "Three people, including a child, were killed",
# "A woman and two men were injured", "three were wounded", "two residents have died"
_SUBJ_PASSIVE = re.compile(
    r"(?P<subj>" + _GROUPS + r"(?:\s*\b(?:more|others|other people))?)(?:\s+each)?"
    r"(?:,\s*(?:including|among them|among whom|one of them)\b[^,;.]{1,80},"
    r"|\s+(?:in|from|at|near)\s+(?:the\s+)?(?-i:[A-Z]|(?:southern|northern|eastern|western|central|border|frontline|"
    r"nearby|occupied|Russian|Ukrainian)\b)[^,;.]{0,60}?(?=\s+(?:were|was|have|has|had)\b)"
    # "14 civilians from one family were killed", "five people, all from the same village, died"
    r"|\s+(?:from|of)\s+" + _ONE_GROUP + r"|,\s*all\s+(?:from|of)\s+" + _ONE_GROUP + r","
    # "three residents of the village of Xyz were hurt"
    r"|\s+of\s+(?:the\s+)?(?:(?:village|town|city|settlement|community)\s+of\s+)?(?-i:[A-Z])[^,;.]{0,40}?"
    r"(?=\s+(?:were|was|have|has|had)\b))?"
    r"\s+(?:(?:were|was|have been|has been|had been|are|is|got|have|has|had)\s+)?"
    r"(?:also\s+|reportedly\s+|reported\s+|later\s+|confirmed\s+|subsequently\s+|seriously\s+|critically\s+|fatally\s+|"
    r"slightly\s+|severely\s+|badly\s+|lightly\s+|moderately\s+|gravely\s+|mortally\s+)*"
    r"(?P<verb>" + _KILL_WORDS + r"|" + _INJ_WORDS + r"|(?:suffered|sustained|received) (?:\w+ )?(?:injuries|wounds)|"
    r"died|lost their lives)\b",
    re.I)
# "two deaths", "15 injuries", "three dead and 12 wounded", "one civilian dead"
_NOUN_COUNT = re.compile(
    r"\b(?P<n>" + NUMBER + r")\s+(?:" + _PERSON + r"\s+)?(?P<verb>deaths|death|dead|fatalities|fatality|injuries|injury|"
    r"injured|wounded|casualties)\b", re.I)
# The next item of a list whose kind the count before gave: "six died in A, two in B, and one in C".
# (also a list's first item after a colon, "killed four residents of X: two in A, one in B", a part told
# with "including four in A", and "one each in A and B")
_ELLIPSIS = re.compile(
    r"(?:[,:]\s*(?:and\s+|including\s+)?|\s+and\s+|;\s*)(?P<n>" + NUMBER + r")(?:\s+more)?(?:\s+(?:others|other people|people|"
    r"civilians|residents|more))?(?:\s+each)?(?=\s+(?:in|at|near|on|from)\s)", re.I)
# "men aged 30, 42 and 66 were injured": as many people as ages
_AGED_LIST = re.compile(
    r"\b" + _PERSON + r"\s+aged\s+(?P<ages>\d{1,3}(?:(?:,\s*|,?\s+and\s+)\d{1,3})+)\s+(?:(?:were|have been|had been)\s+)?"
    r"(?:also\s+|reportedly\s+|seriously\s+)*(?P<verb>" + _KILL_WORDS + r"|" + _INJ_WORDS + r")\b", re.I)
# A war's running toll, not an incident's: "the war ... has displaced a million people, killed over 2,500",
# "killed more than 40,000 people since October"
_CUMULATIVE_BEFORE = re.compile(r"\b(?:war|conflict|fighting|invasion|hostilities|campaign|occupation)\b[^.;]{0,90}?"
                                r"\b(?:has|have|had)\b[^.;]{0,90}$", re.I)
_CUMULATIVE_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:since|so far|to date|this year|this month|in total|in all|"
    r"over the (?:course|past (?:year|months|two|three)))\b"
    r"(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last night|the morning|the evening|"
    r"dawn|midnight))", re.I)
_EACH = re.compile(r"\beach\b[^,.;]{0,25}$", re.I)
_EACH_AFTER = re.compile(r"(?<=\w)\s+each\b", re.I)   # "one each in A and B", "one person each was injured in"
# ("including 10 in a house in Beit Lahia": the place may come after what was hit there)
_PLACE_AFTER = re.compile(r"\s+(?:in|at|near)\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+of\s+|(?:[a-z]+\s+){1,2}?(?:in|at|near)\s+)?[A-Z]")
# A figure told as the one a later count replaced: "Earlier figures put the toll at 12", "officials had
# initially reported three dead"
_SUPERSEDED = re.compile(r"\b(?:earlier|initial|previous|first)\s+(?:figures?|reports?|tolls?|counts?|estimates?|"
                         r"data|information)\b[^.;]*$|\bhad\s+(?:earlier|initially|previously|first)\s+"
                         r"(?:said|reported|put|given|stated)\b[^.;]*$", re.I)
# An update: "the death toll has climbed to 17", "raising the toll to 9", "the number of injured rose from 30 to 58".
def _toll(suffix: str) -> str:
    return (r"(?:(?P<tkind" + suffix + r">death|injury|casualty)\s+)?(?:toll|(?:number|count) of (?P<tnoun" + suffix
            + r">dead|deaths|killed|injured|wounded|injuries|victims|casualties|people (?:killed|injured|wounded)))")


# "the toll has risen to nine injured": the kind said after the number wins over the toll's own word
_TOLL_KIND_AFTER = r"(?:\s+(?:people\s+|civilians\s+)?(?P<after{}>injured|wounded|dead|killed))?"
_UPDATE = re.compile(
    r"\b(?:the\s+)?" + _toll("")
    # "the death toll from Saturday's strike on Kharkiv rose to 16"
    + r"(?:\s+(?:from|in|of|after|following|at|on)\s+[^,;.:]{1,80}?)?"
    + r"\s+(?:\w+\s+){0,2}?(?:has\s+|had\s+|have\s+)?(?:now\s+)?"
    r"(?:climbed|rose|risen|increased|grown|grew|jumped|reached|stands? at|stood at|surged|went up|is now|was)"
    r"(?:\s+from\s+" + NUMBER + r")?\s+(?:to\s+)?(?:at least\s+)?(?P<n>" + NUMBER + r")\b" + _TOLL_KIND_AFTER.format("")
    + r"|\b(?:raising|bringing|pushing|taking|lifting)\s+(?:the\s+)?(?:overall\s+|total\s+)?" + _toll("2")
    + r"\s+to\s+(?:at least\s+)?(?P<n2>" + NUMBER + r")\b" + _TOLL_KIND_AFTER.format("2"), re.I)
# "and another injured", "and another in Hirnyk", "and another (was) wounded"
_ANOTHER = re.compile(r"\b(?:and|,)\s+(?:another|one more|a second)\b(?!\s+(?:\w+\s+)?(?:attack|strike|drone|missile))", re.I)
_NO_HARM = r"(?:casualties|victims|injuries|deaths|fatalities|injured|dead)"
# Every alternative has "no " (or "nobody") or "without " in it.
_NONE = Guarded(re.compile(
    r"\b(?:no (?:\w+\s+)?" + _NO_HARM + r"(?:\s+or\s+" + _NO_HARM + r")?(?: were| was| have been| has been)?\s+"
    r"(?:immediately\s+)?(?:reported|recorded|registered|confirmed)|"
    r"no (?:immediate\s+)?reports? of (?:\w+\s+)?(?:casualties|injuries|victims|deaths)|"
    r"(?:reported|caused|causing|resulted in|left|with) no (?:\w+\s+)?" + _NO_HARM + r"|without (?:\w+\s+)?casualties|"
    r"\b(?:but|and) no (?:\w+\s+)?(?:casualties|injuries|deaths)(?=\s*[,.;]|\s*$)|"
    r"no(?: one|body| people) (?:was|were) (?:killed|injured|hurt|wounded)|"
    # "No crew members were hurt", "no civilians were killed"
    r"no (?:(?:crew|staff)(?: members)?|sailors|seafarers|civilians|residents|passengers|workers|soldiers|children)"
    r" (?:was|were|have been|had been) (?:killed|injured|hurt|wounded|harmed)|"
    r"there were no (?:\w+\s+)?(?:casualties|victims|injuries)|"
    r"^\s*no (?:casualties|injuries|victims|deaths)\s*[.!]?\s*$)", re.I), ("no ", "nob", "without "))
_NEGATED = re.compile(r"\b(?:no|not a single|not|not even)\s*$", re.I)
_SUBSET = re.compile(r"\b(?:including|among them|among whom|of whom|incl\.)\s*$", re.I)


# Where the costly patterns can begin: scanning for these is cheap, and the full pattern is then
# tried only there (a pattern's finditer tries every position of the sentence).
_VERB_START = re.compile(r"\b(?:kill|dead|die|death|injur|wound|hurt|fatalit|lives|perish|slain|hospitali|suffered|sustained|received|(?:were|was) )", re.I)
_SUBJECT_START = re.compile(r"\b(?:a|an|another|at least|more than|over|up to|as many as|nearly|almost|about|around|some|"
                            r"his|her|their)\b|"
                            r"\bthe(?=\s+(?:\w+\s+)?" + _SINGULAR + r"\b)", re.I)


def _matches_at(pattern: re.Pattern, text: str, starts) -> list[re.Match]:
    """Non-overlapping matches of ``pattern`` that begin at ``starts`` (offsets, or a pattern whose
    matches give them), in text order."""
    out, end = [], -1
    positions = [c.start() for c in starts.finditer(text)] if isinstance(starts, (re.Pattern, Guarded)) else starts
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
    if ODD_FOLDS.search(text) is None and _NUMBER_WORDS.isdisjoint(_LOWER_WORD.findall(text.lower())):
        return tuple(c.start() for c in _DIGIT_START.finditer(text))   # no number in words
    return tuple(c.start() for c in _NUMBER_START.finditer(text))


def _kind(verb: str) -> str:
    v = verb.lower()
    if re.match(_KILL_WORDS + r"$", v) or "lost their lives" in v or v == "died":
        return "killed"
    return "injured"


_GROUP_COUNT = re.compile(r"\b(?P<n>" + NUMBER + r"|a|an|another|his|her|their|the)\b", re.I)
_PAIR_WORD = re.compile(r"\b" + _PAIRS + r"\b", re.I)


def _count_subject(subj: str) -> int | None:
    """'two men, aged 41 and 49, and two women' -> 4; 'a couple' -> 2; 'a man' -> 1; 'his wife' -> 1."""
    values: list[int] = []
    subj = re.sub(r"\b\d{1,3}-year-old\b|,?\s+aged\s+\d{1,3}(?:(?:,\s*|,?\s+and\s+)\d{1,3})*,?|"
                  r"\b(?:from|of)\s+" + _ONE_GROUP, " ", subj)   # "members of one family": one group
    groups = list(_GROUP_COUNT.finditer(subj))
    for i, m in enumerate(groups):
        word = m.group("n").lower()
        if word == "the" and re.search(r"\bof\s*$", subj[:m.start()]):
            continue   # "three members of the security forces": the group they belong to
        if word in ("his", "her", "their", "the"):
            nxt = groups[i + 1] if i + 1 < len(groups) else None
            if nxt is not None and nxt.start() == m.end() + 1:
                continue  # "their two children": the number counts
            value = 2 if re.match(r"\s+(?:parents|children|sons|daughters|brothers|sisters|grandchildren)\b",
                                  subj[m.end():]) else 1
        else:
            value = 1 if word in ("a", "an", "another") else parse_number(m.group("n"))
        if value is None:
            return None
        end = groups[i + 1].start() if i + 1 < len(groups) else len(subj)
        if _PAIR_WORD.search(subj[m.end():end]):
            value *= 2
        values.append(int(value))
    if len(values) > 1 and _GENERIC_FIRST.match(subj) and sum(values[1:]) == values[0]:
        return values[0]   # "one civilian, a 58-year-old man", "two people, a man and a woman": one group told twice
    return sum(values) or None


# A count of people that a comma then tells in detail ("one passenger, a 63-year-old woman"); a comma
# before "and" closes a list instead ("a man, and a woman")
_GENERIC_FIRST = re.compile(r"\s*(?:" + _QUAL + r"\s+)?(?:" + NUMBER + r"|a|an)(?:\s+[\w\-]+){0,3}?\s*,(?!\s*and\b)", re.I)


# "Three of the dead were in Kostiantynivka", "two of them were injured in Borova": a toll told before, shared
# out over places (its parts, each at its place)
_OF_TOLL_IN = re.compile(r"\b(?P<n>" + NUMBER + r")\s+of\s+(?:the|those|them)(?:\s+(?P<noun>dead|killed|injured|"
                         r"wounded|victims))?\s+(?P<was>were|was)(?:\s+(?P<verb>killed|injured|wounded|hurt))?"
                         r"(?=\s+(?:in|at|near)\s+(?:the\s+)?(?:[a-z]+\s+of\s+)?[A-Z])", re.I)
# "The dead included two women", "Among the wounded were three children": people of a toll told by who they were
_TOLL_PARTS = re.compile(r"\b(?:(?:[Tt]he|[Tt]hose)\s+(?P<noun>dead|killed|victims|injured|wounded)\s+"
                         r"(?:included|include|were|was)|[Aa]mong\s+(?:the|those)\s+"
                         r"(?P<noun2>dead|killed|victims|injured|wounded)\s+(?:were|was))\s+(?:at least\s+)?"
                         r"(?P<subj>" + _GROUPS + r")")
_CASUALTY_STEMS = ("kill", "assassinat", "dead", "die", "death", "injur", "wound", "hurt", "casualt", "hospital", "lives", "received",
                   "fatalit", "perish", "slain", "another", "toll")


def _update_kind(m: re.Match) -> str | None:
    word = (m.group("after") or m.group("after2") or m.group("tkind") or m.group("tnoun") or m.group("tkind2")
            or m.group("tnoun2") or "death").lower()
    if word.startswith(("injur", "wound")) or "injured" in word or "wounded" in word:
        return "injured"
    if word.startswith(("casualt", "victim")):
        return None  # both kinds together: no figure of either
    return "killed"


# "killed rebel field commander Ahmad X", "assassinated Colonel Y": one named person
_NAMED_VICTIM = Guarded(re.compile(
    r"\b(?:killed|killing|kills|assassinated|assassinating)\s+(?:the\s+)?(?:(?![\d])[\w\-\u2019'.]+\s+){0,4}?"
    r"(?i:" + alternation(_CASUALTY_WORDS["named_titles"]) + r")\s+(?:[A-Z][\w\-\u2019']+\s+){0,3}"
    r"[A-Z][\w\-\u2019']+"), ("killed", "killing", "kills", "assassinat"))


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

    def add(kind, count, start, end, elliptic=False, update=False, more=False):
        if count is None or overlaps(start, end):
            return
        if _SUBSET.search(text[max(0, start - 20):start]) and not (elliptic and _PLACE_AFTER.match(text, end)):
            return  # "including five children": part of a count already given ("including four in A" is A's)
        if _NEGATED.search(text[max(0, start - 14):start]):
            return  # "no one was injured": a stated zero, not a count
        if re.match(r"[\s,]*(?:(?:were|was|are|is)\s+)?among the (?:injured|wounded|dead|killed)", text[end:end + 30]):
            return   # "two children were among the dead": a part of a toll ("killed; among the dead were" is no part)
        if _SUPERSEDED.search(text[max(0, start - 120):start]):
            return  # "Earlier figures put the toll at 12": a figure the update replaced
        i = bisect.bisect_left(taken_starts, start)
        taken_starts.insert(i, start)
        taken_ends.insert(i, end)
        each = bool(_EACH.search(text[max(0, start - 30):start]))
        cumulative = bool(_CUMULATIVE_BEFORE.search(text[max(0, start - 180):start]) or
                          _CUMULATIVE_AFTER.match(text[end:end + 80]))
        each_after = bool(_EACH_AFTER.search(text, start, end) or _EACH_AFTER.match(text, end))
        found.append(Casualty(kind, int(count), start, end, elliptic, update, more, each, cumulative, each_after))

    if "toll" in lowered or "number of" in lowered or "count of" in lowered:
        for m in _UPDATE.finditer(text):
            kind = _update_kind(m)
            n = m.group("n") or m.group("n2")
            if kind is not None:
                add(kind, parse_number(n), m.start(), m.end(), update=True)
    if " aged " in lowered:
        for m in _AGED_LIST.finditer(text):
            add(_kind(m.group("verb")), len(re.findall(r"\d+", m.group("ages"))), m.start(), m.end())
    verbs = [c.start() for c in _VERB_START.finditer(text)]
    named = list(_NAMED_VICTIM.finditer(text))   # "killed militia commander X": one each
    if not verbs and "another" not in lowered:
        for m in named:
            add("killed", 1, m.start(), m.end())
        return sorted(found, key=lambda c: c.start)
    for m in _matches_at(_VERB_OBJ, text, verbs):
        subj = m.group("subj")
        if re.match(r"\d{4}\b", subj) and "," not in subj[:5] and 1900 <= int(subj[:4]) < 2100:
            continue  # a year, not a count
        add(_kind(m.group("verb")), _count_subject(subj), m.start(), m.end(),
            more=bool(re.search(r"\b(?:more|additional|another)\b", subj, re.I)))
    # a subject counts only with a casualty verb after it: try those within reach of one
    def verb_within_reach(pos):  # a verb 1 to 159 characters after pos (verbs are in text order)
        i = bisect.bisect_right(verbs, pos)
        return i < len(verbs) and verbs[i] - pos < 160

    subject_starts = [pos for pos in sorted(set(_number_starts(text)) | {c.start() for c in _SUBJECT_START.finditer(text)})
                      if verb_within_reach(pos) and not text[max(0, pos - 5):pos].lower().endswith("aged ")]
    for m in (m for m in (_SUBJ_PASSIVE.match(text, pos) for pos in subject_starts) if m):
        subj = m.group("subj")
        verb = m.group("verb").lower()
        more = bool(re.search(r"\b(?:more|additional)\b", subj, re.I))
        if re.match(r"\s*another\b", subj, re.I):
            add("injured" if "suffered" in verb or "sustained" in verb else _kind(verb.split()[-1]),
                1, m.start(), m.end(), more=True)
            continue
        kind = "injured" if "suffered" in verb or "sustained" in verb or verb.endswith("wounds") else \
            _kind(verb.split()[-1] if " " in verb and "lost" not in verb else verb)
        add(kind, _count_subject(subj), m.start(), m.end(), more=more)
    for m in (m for m in (_NOUN_COUNT.match(text, pos) for pos in _number_starts(text)) if m):
        if m.group("verb").lower() == "casualties":
            continue
        add(_kind(m.group("verb")), parse_number(m.group("n")), m.start(), m.end())
    for m in named:   # after the counts, which take the span first ("killed two soldiers and ...")
        add("killed", 1, m.start(), m.end())
    if " of " in text:
        for m in _OF_TOLL_IN.finditer(text):   # "Three of the dead were in A and one in B": the toll shared out
            word = (m.group("verb") or m.group("noun") or "").lower()
            if word:
                add("killed" if word in ("dead", "killed") else "injured", parse_number(m.group("n")),
                    m.start(), m.end("was"))
    if "included" in lowered or "among" in lowered or " dead were" in lowered or " injured were" in lowered:
        for m in _TOLL_PARTS.finditer(text):   # "The dead included two women in A": a part of the toll, at its place
            word = (m.group("noun") or m.group("noun2")).lower()
            add("injured" if word in ("injured", "wounded") else "killed", _count_subject(m.group("subj")),
                m.start("subj"), m.end())
    if found:
        listed = []   # "two in A and one in B": each count repeats the kind of the count before
        for m in _ELLIPSIS.finditer(text):
            if not overlaps(m.start("n"), m.end()) and any(c.end <= m.start() for c in found):
                prior = max((c for c in found if c.end <= m.start()), key=lambda c: c.end)
                value = parse_number(m.group("n"))
                if value is not None and not (1900 <= value < 2100):
                    listed.append((m, value, prior))
        # "Three were killed and 11 wounded, two in A and one in B": the list shares out the figure it
        # adds up to, whichever was told last
        total = sum(value for _, value, _ in listed)
        shared = {c.kind for c in found if c.count == total and not c.elliptic}
        for m, value, prior in listed:
            kind = next(iter(shared)) if len(listed) > 1 and len(shared) == 1 else prior.kind
            add(kind, value, m.start("n"), m.end(), elliptic=True)
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


_DEATH_WORD = re.compile(r"\b(?:killed|dead|deaths|fatalities)\b", re.I)
_HARM_WORD = re.compile(r"\b(?:injur\w*|hurt|wounded|harmed|casualties|victims)\b", re.I)


def stated_zeros(text: str) -> tuple[str, ...]:
    """The figures a sentence says are none ('No casualties were reported': a stated zero, unlike
    silence): both for "no casualties" or "no one was hurt", only the dead for "no one was killed"
    (which leaves the injured untold)."""
    m = _NONE.search(text)
    if m is None:
        return ()
    said = m.group(0)
    return ("killed",) if _DEATH_WORD.search(said) and not _HARM_WORD.search(said) else ("killed", "injured")


# ---------------------------------------------------------------- money

@dataclass(frozen=True, slots=True)
class Money:
    value: float
    currency: str
    start: int
    end: int
    conversion: bool      # a parenthesised restatement "(US$2.94 billion)" of the figure before it


_DIGIT = re.compile(r"\d")
# Currency symbols, ISO codes and names: data/lexicon/currencies.toml.
_CURRENCIES = lexicon.load("currencies")
_SYMBOLS = [tuple(pair) for pair in _CURRENCIES["symbols"]]
_CURRENCY_WORDS = dict(_CURRENCIES["words"])
_CODES = tuple(_CURRENCIES["codes"])
_SYM_RE = "|".join(re.escape(s) for s, _ in _SYMBOLS)
_MONEY_START = Guarded(re.compile("|".join([(r"\b" if sym[0].isalpha() else "") + re.escape(sym) for sym, _ in _SYMBOLS]
                                            + [r"\b(?:" + "|".join(_CODES) + r")(?![A-Za-z])"])),
                       tuple(sym for sym, _ in _SYMBOLS) + _CODES)
_AMOUNT = r"(?P<n>" + _DIGITS + r")(?:\s*(?P<scale>billion|million|trillion|thousand|bn|mln|mn|tn|m|b|k)\b)?"
_MONEY_PREFIX = re.compile(r"(?P<sym>" + _SYM_RE + r"|\b(?:" + "|".join(_CODES) + r")\s?)\s?" + _AMOUNT, re.I)
_MONEY_SUFFIX = re.compile(
    r"\b" + _AMOUNT + r"\s+(?:(?P<word>" + alternation(_CURRENCY_WORDS) + r")\b|(?P<code>" + "|".join(_CODES) + r")\b)", re.I)


# Where a suffix figure can begin ("2.5 billion euros"): every _AMOUNT starts with a digit after \b.
_AMOUNT_START = re.compile(r"\b\d")


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
    for m in _matches_at(_MONEY_SUFFIX, text, _AMOUNT_START):
        if any(m.start() < f.end and f.start < m.end() for f in found):
            continue
        if m.group("word"):
            if m.group("word").lower() == "pound" and not m.group("scale"):
                continue   # "2,000-pound bombs" weigh; "a 1.6 billion pound deal" costs
            currency = _CURRENCY_WORDS[m.group("word").lower()]
            if m.group("word").lower() in ("kroner", "krone", "crowns", "crown"):
                # Danish, Norwegian, Swedish and Czech crowns share the word: the sentence's country decides.
                if re.search(r"\bNorw", text):
                    currency = "NOK"
                elif re.search(r"\bDen|\bDanish", text):
                    currency = "DKK"
                elif re.search(r"\bSwed", text):
                    currency = "SEK"
                elif re.search(r"\bCzech", text):
                    currency = "CZK"
        else:
            currency = m.group("code").upper()
        found.append(_money(m, currency, text))
    return [f for f in sorted(found, key=lambda f: f.start) if f is not None]


# "(US$2.94 billion)", "(over EUR 400 million)", "about (£1bn)": a figure restated in brackets
_OPEN_BRACKET = re.compile(r"\(\s*(?:(?:over|about|around|approximately|approx\.|some|roughly|nearly|almost|more than|"
                           r"at least|up to|just over|just under|~)\s*)?$", re.I)
_EQUIVALENT_BEFORE = re.compile(r"\b(?:equivalent to|equal to|the equivalent of|roughly equal to)$", re.I)
# "NOK 2 billion, worth about $190 million": worth restates the figure just before it; "systems worth about
# 1.2 billion euros" is the value of what is given, no restatement
_WORTH_AFTER_FIGURE = re.compile(r"(?:\d|\b(?:" + alternation(_CURRENCY_WORDS) + r"|billion|million|trillion|bn|m))"
                                 r"\s*,?\s*(?:worth|valued at)\s+(?:about|around|roughly|some|nearly|almost)?$", re.I)


def _money(m: re.Match, currency: str, text: str) -> Money:
    value = float(m.group("n").replace(",", "")) * _SCALES.get((m.group("scale") or "").lower(), 1)
    before = text[:m.start()].rstrip()
    conversion = bool(_OPEN_BRACKET.search(before[-30:])) or before.endswith("or about") or \
        bool(_EQUIVALENT_BEFORE.search(before[-40:])) or bool(_WORTH_AFTER_FIGURE.search(before[-60:]))
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


# Head nouns counted as quantities, mapped to the unit the table uses: data/lexicon/units.toml.
UNITS = dict(lexicon.load("units")["units"])
_NOT_COUNTS = frozenset(lexicon.load("units")["not_counts"]["words"])
_UNIT_RE = alternation(UNITS)
# NUMBER, up to three modifiers ("North Korean special forces", "155mm artillery", "Shahed-type"), UNIT.
_QTY = re.compile(
    r"\b(?P<n>" + NUMBER + r")(?P<mods>(?:\s+(?!of\b|and\b|in\b|to\b|from\b|were\b|was\b|\d[\d,.]*\b|"
    # ("The two sides also returned the bodies": no count of bodies)
    r"(?:the|a|an|also|has|have|had|is|are|been)\b)"
    r"[\w\u2019'\-/\"\u201c\u201d]+){0,4}?)\s+(?P<unit>" + _UNIT_RE + r")\b",
    re.I)
_NUMBER_START = re.compile(r"(?<![\w.,])(?:\d|(?i:" + _WORD_NUM + r")\b|(?i:a\s+(?:hundred|thousand|million|billion)\b))")
# A number in words is a word of its own ("a hundred": "hundred"): a sentence whose words are none of
# these has only the numbers in digits, which _DIGIT_START finds at a fraction of the cost (it jumps from
# digit to digit, then looks at the character before: the same starts as _NUMBER_START's digits).
_NUMBER_WORDS = frozenset(re.findall(r"[a-z]+", _WORD_NUM)) | {"hundred", "thousand", "million", "billion"}
_DIGIT_START = re.compile(r"\d(?<![\w.,]\d)")
_UNIT_WORDS = frozenset(u.split()[-1] for u in UNITS)
# Any other plural noun after a number is a count too ("17 greenhouses"), named by the noun itself.
_PLURAL_HEAD = re.compile(
    r"\b(?P<n>" + NUMBER + r")(?P<mods>(?:\s+(?!of\b|and\b|in\b|to\b|from\b|were\b|was\b|by\b|on\b|at\b)"
    r"[A-Za-z][\w\-]*){0,2}?)\s+(?P<unit>[a-z][a-z\-]{2,}s)\b(?!['\u2019-])")
_CAPITAL_PLURAL = re.compile(r"(?:\d|million|thousand|hundred)\s+(?:(?:more|other|additional)\s+)?(?:[A-Z][a-z]+\s)?[A-Z][a-z]+s\b")
_DEMONYM_COUNT = re.compile(r"\b(?P<n>" + NUMBER + r")\s+(?:(?:more|other|additional)\s+)?"
                            r"(?P<d>(?:[A-Z][a-z]+\s)?[A-Z][a-z]+)s\b")
_SHARE_IN_LIST = re.compile(r",?\s+(?:including|of which|among them)\s+(?P<n>" + NUMBER + r")\s+"
                            r"(?=(?:in|from)\s+(?:the\s+)?[A-Z])", re.I)
_TOTAL_TO = re.compile(r"\b(?:bringing|brings|raising|raises|taking|takes|pushing)\s+(?:the|its|their)\s+"
                       r"(?:overall\s+)?total\s+to\s+(?:(?:more than|over|about|around|nearly|almost|some|at least)\s+)?"
                       r"(?P<n>" + NUMBER + r")\b(?!\s*(?:%|percent))", re.I)
_NEXT_IN_LIST = re.compile(
    r"\s+(?:in|from)\s+(?:the\s+)?[A-Z][\w\-]+(?:\s[A-Z][\w\-]+)?\s*(?:,\s*(?:and\s+)?|,?\s+and\s+)"
    r"(?P<n>" + NUMBER + r")\s+(?=(?:in|from)\s+(?:the\s+)?[A-Z])")


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    """Every nation's people as the countries file names them ("Russian", "North Korean")."""
    import csv
    from .gazetteer import default_data_dir
    try:
        with open(default_data_dir() / "countries.csv", encoding="utf-8", newline="") as handle:
            return frozenset(d.strip() for row in csv.DictReader(handle)
                             for d in (row.get("demonyms") or "").split("|") if d.strip())
    except OSError:
        return frozenset()


# "voted 287-55", "backed the bill 312-45", "by 220 votes to 31"
_VOTES = re.compile(r"\b(?:vot(?:ed?|es|ing)|backed|approved|passed|adopted|rejected)\b[^.;]{0,40}?\b(?P<a>\d{1,4})\s?[-\u2013]\s?"
                    r"(?P<b>\d{1,4})\b(?!\s*(?:%|percent|years?|km))|\b(?P<c>\d{1,4}) votes? to (?P<d>\d{1,4})\b", re.I)
_VOTE_WORD = re.compile(r"\b(?:vot(?:ed?|es|ing)|ballot|majority|backed|approved|passed|adopted|rejected)\b", re.I)
_FOR_AGAINST = re.compile(r"\b(?P<n>\d{1,4})\s+(?:votes?\s+|(?:MEPs|MPs|lawmakers|members|deputies|senators)\s+)?"
                          r"(?:in\s+favou?r\b|against\b|for\b(?=\s*(?:,|and|\d)))")
_LOWER_WORD = re.compile(r"[a-z]+")
_VERB_FIRST = re.compile(r"\s*(?:discussed|agreed|met|signed|said|held|spoke|talked|exchanged|called|issued|announced|"
                         r"adopted|pledged|vowed|reviewed|condemned|welcomed|stressed|noted)\b")
_PLURAL_WORD = re.compile(r"\d[\d,. ]*\s+(?:\w+\s+){0,2}[a-z]{2,}s\b|\d\s?[-\u2013]\s?\d")
_OUT_OF = re.compile(r"\b(?P<a>" + NUMBER + r")\s+(?:out of|of)\s+(?P<b>" + NUMBER + r")\b", re.I)
_OF_THE = re.compile(r"\b(?P<n>" + NUMBER + r")\s+of\s+the(?:se|ir)?\s+(?:\w+\s+){0,2}?(?P<unit>" + _UNIT_RE + r")\b", re.I)
_AMONG_TOLL = re.compile(r"\b[Aa]mong\s+(?:the|those)\s+(?:dead|killed|victims|wounded|injured)(?:\s+(?:were|are))?\s+"
                         r"(?:at least\s+)?$")
_SUPERLATIVE = re.compile(r"\b(?:\w+iest|most|largest|biggest|greatest|highest|strongest|longest|fiercest|worst|best)\b",
                          re.I)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_COMPARED = re.compile(r"\s+(?:more|less|fewer|as|higher|lower|bigger|larger|greater|smaller|faster|the)\b", re.I)
# "bringing the number of shadow fleet vessels sanctioned by Britain to 135": the count it comes to
_NUMBER_OF_TO = re.compile(r"\b(?:bring|brings|brought|bringing|rais(?:e|es|ed|ing)|tak(?:e|es|ing)|took|push(?:es|ed|ing)?|"
                           r"lift(?:s|ed|ing)?)\s+(?:the|its|their)\s+(?:total\s+)?(?:number|tally|count)\s+of\s+"
                           r"(?:[\w\-]+\s+){0,3}?(?P<unit>" + _UNIT_RE + r")\b[^.;:]{0,60}?\bto\s+"
                           r"(?:(?:more than|over|about|around|nearly|almost|some|at least|roughly)\s+)?(?P<n>" + NUMBER + r")\b",
                           re.I)
_WHICH_N = re.compile(r"\bof (?:which|them|these)\s+(?P<n>" + NUMBER + r")\b(?!\s*(?:%|percent))", re.I)
_OF_WHICH = re.compile(r"\b(?P<n>" + NUMBER + r")\s+of\s+(?:which|them|these|those)\b", re.I)


_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
_TOLD_AFTER = re.compile(r"\s+(?:said|say|says|told|tell|tells|added|confirmed|speaking)\b")
_INFORMANTS = re.compile(r"\s+(?:familiar with|briefed on|close to|with (?:direct )?knowledge of)\b")


_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$|\b(?:January|February|March|"
                           r"April|May|June|July|August|September|October|November|December)\s+$")


_YEAR_AFTER = re.compile(r"\b(?:since|in|by|until|till|from|of|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b(?![,.]\d)")


# The number of a model's name ("18 PzH 2000 howitzers", "the Leopard 2 tanks", "of Challenger 2 and Leopard 1A5
# tanks"): a name after a count or a determiner, a number, a word. "gave Ukraine 30 tanks" counts: a verb precedes.
_MODEL_NUMBER = re.compile(r"(?:\b\d[\d,]*|\b(?:[Tt]he|an?|its|their|his|her|our|more|new|first|last|further|other|"
                           r"additional|older|modern|these|those|of|with|and|(?i:" + _WORD_NUM + r")))\s+"
                           r"[A-Z][A-Za-z]*\s(?P<n>\d{1,4}(?:[A-Z]\d{0,2})?)(?=\s+[a-z])")


_NAME_NUMBER = re.compile(r"[A-Z][A-Za-z]*\s\d")


def _mask_models(text: str) -> str:
    """The text with the numbers of model names written as letters (offsets kept): no count, no part of one."""
    return _MODEL_NUMBER.sub(lambda m: m.group(0)[:m.start("n") - m.start()] + "x" * len(m.group("n")), text)


def find_quantities(text: str, exclude: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Counts of troops, shipments, shells, drones... with their qualifier, in text order."""
    if _NAME_NUMBER.search(text) and _MODEL_NUMBER.search(text):   # (the cheap look first: a name, then a number)
        text = _mask_models(text)
    if not _UNIT_WORDS.intersection(_LOWER_WORD.findall(text.lower())) and not _PLURAL_WORD.search(text) \
            and not _CAPITAL_PLURAL.search(text):
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
    if ":" in text:
        for m in _CLOCK.finditer(text):   # "11:30 - Poland scrambled jets": a time, not 30 jets
            hold(m.start(), m.end())
    for m in _YEAR_AFTER.finditer(text):   # "has since 2021 relied on foreign instructors": a year, no 2021 troops
        hold(m.start("year"), m.end("year"))

    def blocked(s, e):
        i = bisect.bisect_left(span_starts, s - longest[0])
        while i < len(span_starts) and span_starts[i] < e:
            if span_ends[i] > s:
                return True
            i += 1
        return False

    def keep(q):
        if q.unit == "people" and (_SUBSET.search(text, max(0, q.start - 20), q.start) or
                                   _AMONG_TOLL.search(text, max(0, q.start - 40), q.start)):
            return   # "killed nine people, including five children", "Among the dead were 12 children": a part of a toll
        if q.unit in ("people", "officials") and _INFORMANTS.match(text, q.end) or _TOLD_AFTER.match(text, q.end):
            return   # "two people familiar with the plan said", "two Western officials said": who told it, no count
        found.append(q)
        hold(q.start, q.end)

    # The count patterns are costly: try them only where a number starts (no number, no count).
    starts = _number_starts(text)
    if not starts:
        return []
    # "sanctioned 903 Russians", "freed 12 Ukrainians": people of a nation counted
    if _CAPITAL_PLURAL.search(text):
        demonyms = _demonyms()
        for m in (m for m in (_DEMONYM_COUNT.match(text, pos) for pos in starts) if m):
            if m.group("d") in demonyms and not blocked(m.start(), m.end("n")):
                value = parse_number(m.group("n"))
                if value and not (1900 <= value <= 2100 and m.group("n").isdigit()):
                    keep(Quantity(value, "people", qualifier_before(text, m.start()), m.start(), m.end()))
    matches = (_QTY.match(text, pos) for pos in starts)
    for m in (m for m in matches if m):
        raw = m.group("n")
        if re.fullmatch(r"(?i)a|an|no|one", raw) and not m.group("mods").strip():
            if raw.lower() in ("a", "an", "no"):
                continue
        if re.match(r"\d+(?:mm|km|m)\b", text[m.start():m.start() + 8]) and m.group("n").isdigit() and \
                re.match(r"\d+mm", text[m.start():]):
            continue
        if re.search(r"[-/]\d*$", text[max(0, m.start() - 3):m.start()]) or re.match(r"\d+-year", text[m.start():]) \
                or _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue   # "on Oct. 8 killed four people": a day of the month
        value = parse_number(raw)
        if value is None or value == 0:
            continue
        if 1900 <= value <= 2100 and raw.isdigit() and not m.group("mods").strip():
            continue
        mods = m.group("mods").lower()
        if re.search(r"\b(?:year|years|day|days|hours?|minutes?|weeks?|months?|km|kilometers|kilometres|miles|percent|%)\b", mods):
            continue
        if UNITS[m.group("unit").lower()] == "bodies" and _NOT_DEAD.search(mods):
            continue   # "two international bodies": organisations, no remains
        if UNITS[m.group("unit").lower()] == "times" and _COMPARED.match(text, m.end()):
            continue   # "ten times more than last year": a ratio, no count of strikes
        start = m.start()
        if blocked(start, m.end("n")):
            continue
        keep(Quantity(value, UNITS[m.group("unit").lower()], qualifier_before(text, start), start, m.end()))
    for m in (m for m in (_PLURAL_HEAD.match(text, pos) for pos in starts) if m):
        unit = m.group("unit")
        if unit in _NOT_COUNTS or unit.lower() in UNITS or blocked(m.start(), m.end("n")):
            continue
        mods = m.group("mods").lower()
        if re.search(r"\b(?:year|years|day|days|km|percent)\b|\d", mods) or re.match(r"\d+-year", text[m.start():]):
            continue
        if _VERB_FIRST.match(mods):
            continue   # "The two discussed security guarantees": the two parties, no count of guarantees
        if _THE_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue   # "the two leaders also discussed": the parties named before, no count
        value = parse_number(m.group("n"))
        raw = m.group("n")
        if value is None or value == 0 or (1900 <= value <= 2100 and raw.isdigit()) or raw.lower() == "both":
            continue   # "both sides", "both countries": a pair named, not a count reported
        if re.search(r"[-/]\d*$", text[max(0, m.start() - 3):m.start()]) or \
                re.match(r"\s*(?:%|percent)", text[m.end("n"):]) or \
                _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        keep(Quantity(value, unit, qualifier_before(text, m.start()), m.start(), m.end()))
    # "63 entities in Russia and 42 in China": the next count of the list has the unit of the one before;
    # so has a share told after it ("45 entities, including 12 in China and three in India").
    if " in " in text or " from " in text:
        i = 0
        while i < len(found):   # found grows: "12 in A, 5 in B and 3 in C" chains
            q = found[i]
            m = _NEXT_IN_LIST.match(text, q.end) or _SHARE_IN_LIST.match(text, q.end)
            n = parse_number(m.group("n")) if m else None
            if n and not blocked(m.start("n"), m.end("n")):
                keep(Quantity(n, q.unit, qualifier_before(text, m.start("n")), m.start("n"), m.end("n")))
            i += 1
    if _DIGIT.search(text):
        for m in _VOTES.finditer(text):
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
            for g, raw in (("a" if m.group("a") else "c", a), ("b" if m.group("b") else "d", b)):
                if not blocked(m.start(g), m.end(g)):
                    keep(Quantity(float(raw), "votes", "", m.start(g), m.end(g)))
    if (" favo" in text or " against" in text) and _VOTE_WORD.search(text):
        # "by a majority of 518 in favour, 56 against": the votes each way
        for m in _FOR_AGAINST.finditer(text):
            if not blocked(m.start("n"), m.end("n")):
                keep(Quantity(float(m.group("n")), "votes", "", m.start("n"), m.end("n")))
    if " total to " in text:
        for m in _TOTAL_TO.finditer(text):   # "lists another 117 vessels, bringing the total to 557": vessels too
            prior = [q for q in found if q.end <= m.start()]
            n = parse_number(m.group("n"))
            if prior and n and not blocked(m.start("n"), m.end("n")):
                keep(Quantity(n, prior[-1].unit, qualifier_before(text, m.start("n")), m.start("n"), m.end("n")))
    if " number of " in text or " tally of " in text or " count of " in text:
        for m in _NUMBER_OF_TO.finditer(text):
            n = parse_number(m.group("n"))
            if n and not blocked(m.start("n"), m.end("n")):
                keep(Quantity(n, UNITS[m.group("unit").lower()], qualifier_before(text, m.start("n")), m.start("n"),
                              m.end("n")))
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
        if _SUPERLATIVE.search(m.group(0)):
            continue   # "one of the deadliest strikes": a ranking, no count
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
    if "bodies" in text or "remains" in text:
        # "the bodies of 24 Russian soldiers": bodies returned, not troops
        found = [replace(q, unit="bodies") if _BODIES_OF.search(text, max(0, q.start - 24), q.start) else q for q in found]
    return sorted(found, key=lambda q: q.start)


_NOT_DEAD = re.compile(r"\b(?:international|intergovernmental|governing|advisory|official|regulatory|government|"
                       r"public|legislative|multilateral|financial|european|un)\b")
_BODIES_OF = re.compile(r"\b(?:bodies|remains)\s+of\s+(?:the\s+|some\s+)?$", re.I)
