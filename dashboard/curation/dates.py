"""Find date expressions in a sentence and resolve them against the publication date.

Pure functions: text and a publication date in, ISO date ranges out. Resolution
keeps the tense in mind ("is set to meet on Thursday" is the coming Thursday,
"was hit on Sunday" the last one) and never invents a date from words such as
"may" or "march", from bare numbers or from clock times.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass

from .prechecks import Guarded

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH_RE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
             r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR_RE = r"(?:19|20)\d\d"

# Tense cues decide which way a weekday or a month without a year points.
_FUTURE = re.compile(
    r"\b(?:will|shall|is set to|are set to|set to|is due to|are due to|is expected to|are expected to|"
    r"expected|plans? to|planned|planning to|scheduled|is to|are to|would|to be held|upcoming|"
    r"next|is preparing|are preparing|intends? to|aims? to)\b", re.I)
_ONGOING = re.compile(
    r"\b(?:has been|have been|is being|are being|continues? to|continuing|is seeking|are seeking|"
    r"remains?|ongoing|is (?:\w+ing)|are (?:\w+ing))\b", re.I)

# Past-day phrases of daily roundups: the day before publication to the publication day.
PAST_DAY = Guarded(re.compile(
    r"\b(?:over|in|during|within) the (?:past|last|previous) (?:day|24 hours|twenty-four hours|night)\b|"
    r"\bovernight\b|\bover the past day\b|\blast night\b|\bin the past day\b|\bover past day\b|"
    r"\b(?:during|over|through|in|at) (?:the )?night\b(?! of\b)|"   # "During the night, Russia launched ..."
    r"\b(?:in|over|within) (?:a|one) day\b(?! or)", re.I), ("day", "hours", "night"))

_PATTERNS: list[tuple[str, re.Pattern | Guarded]] = [
    ("iso", re.compile(r"\b(" + _YEAR_RE + r")-(\d\d)-(\d\d)\b")),
    ("day_month_year", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + _MONTH_RE + r"),? (" + _YEAR_RE + r")\b")),
    ("month_day_year", re.compile(r"\b(" + _MONTH_RE + r") (\d{1,2})(?:st|nd|rd|th)?,? (" + _YEAR_RE + r")\b")),
    ("month_day", re.compile(r"\b(" + _MONTH_RE + r") (\d{1,2})(?:st|nd|rd|th)?\b(?!:|\d|,? (?:19|20)\d\d)")),
    ("day_month", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (" + _MONTH_RE + r")\b(?!,? (?:19|20)\d\d)")),
    ("since_month_last_year", re.compile(
        r"\bsince (?:(early|mid|late|the end of|the beginning of) )?(" + _MONTH_RE + r")(?: of)? last year\b")),
    ("month_last_year", re.compile(r"\b(?:in )?(" + _MONTH_RE + r")(?: of)? last year\b")),
    ("month_year", re.compile(r"\b(?:since )?(?:(early|mid|late|mid-)[ -]?)?(" + _MONTH_RE + r"),? (" + _YEAR_RE + r")\b")),
    ("mid_year", Guarded(re.compile(r"\b(?:since )?(early|mid|late)[- ](" + _YEAR_RE + r")\b"), ("early", "mid", "late"))),
    ("month", re.compile(r"\b(?i:in|since|from|until|by|during|early|late|mid|mid-|last|this|next|of)[ -]"
                         r"(?:(?:early|late|mid)[ -])?(" + _MONTH_RE + r")\b(?! \d)")),
    ("year", Guarded(re.compile(r"\b(?i:in|since|during|by|until|of) (" + _YEAR_RE + r")\b"), (" 19", " 20"))),
    # days of the calendar named, not numbered: "On New Year's Eve", "on Easter Sunday"
    # ("after Easter", "by Christmas Day": a bound of a period, no day of anything)
    ("named_day", re.compile(r"(?<!after )(?<!before )(?<!by )(?<!until )(?<!till )(?<!since )\b(New Year[\u2019']s Eve|New Year[\u2019']s Day|Christmas Eve|Christmas Day|(?<=\bon )Christmas|"
                             r"(?:Orthodox )?Easter(?: Sunday)?|(?:Orthodox )?Palm Sunday)\b")),
    ("weekday", re.compile(r"\b(?:(?i:on|last|this|next|late|early) )?(?:" + r"(?:the )?(?:morning|afternoon|evening|night) of )?(" + _WEEKDAY_RE + r")\b")),
    # each relative pattern tried only where its own words are
    ("yesterday", Guarded(re.compile(r"\byesterday\b", re.I), ("yesterday",))),
    ("today", Guarded(re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.I),
                      ("today", "morning", "afternoon", "evening", "tonight"))),
    ("tomorrow", Guarded(re.compile(r"\btomorrow\b", re.I), ("tomorrow",))),
    ("last_year", Guarded(re.compile(r"\blast year\b", re.I), ("last year",))),
    ("last_week", Guarded(re.compile(r"\b(?:last|past|previous) week\b", re.I), (" week",))),
    ("next_week", Guarded(re.compile(r"\bnext week\b", re.I), ("next week",))),
    ("this_week", Guarded(re.compile(r"\b(?:earlier |later )?this week\b", re.I), ("this week",))),
    ("last_month", Guarded(re.compile(r"\blast month\b", re.I), ("last month",))),
    ("next_month", Guarded(re.compile(r"\bnext month\b", re.I), ("next month",))),
    ("this_month", Guarded(re.compile(r"\b(?:earlier |later )?this month\b", re.I), ("this month",))),
    ("next_year", Guarded(re.compile(r"\bnext year\b", re.I), ("next year",))),
    ("past_day", PAST_DAY),
]

_DATE_HINT = re.compile(
    r"\d|" + _MONTH_RE.rstrip("\\.?") + r"|" + _WEEKDAY_RE + r"|yesterday|today|tomorrow|tonight|this (?:morning|afternoon|evening)"
    r"|last (?:year|week|month)|next|this (?:week|month)|overnight|past|previous|last night|last day", re.I)
_DIGIT = re.compile(r"\d")
_NAMED_DAY_WORDS = ("New Year", "Christmas", "Easter", "Palm Sunday")
_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAY_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Each with the space before it: "Oblast " holds "last " but not " last ".
_RELATIVE_WORDS = (" yesterday", " today", " tomorrow", " tonight", " this ", " last ", " next ", " overnight",
                   " past ", " previous ", " week", " month", " year", " night")
# What each pattern cannot match without: lets a sentence skip the patterns it cannot hold.
_NEEDS = {"iso": "digit", "day_month_year": "month", "month_day_year": "month", "month_day": "month",
          "day_month": "month", "since_month_last_year": "month", "month_last_year": "month",
          "month_year": "month", "mid_year": "digit", "month": "month", "year": "digit", "weekday": "weekday",
          "named_day": "named"}
# every other pattern ("yesterday", "over the past day", "last week") needs one of _RELATIVE_WORDS
_REPORTING = re.compile(
    r"\b(?:said|says|reported|reports|wrote|told|noted|added|stated|according to|announced|"
    r"claimed|confirmed|citing|posted|informed)\b[^.;]{0,60}$", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    text: str
    start: int
    end: int
    groups: tuple


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    start: dt.date
    end: dt.date
    precision: str   # day | range | month | year
    method: str      # explicit | relative | past_day | publication
    text: str


@lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateMention, ...]:
    """Every date expression in ``text``, longest first where two overlap, in text order (memoised:
    the event builder asks again for each event of a sentence)."""
    # Substring tests are far cheaper than the patterns: skip the patterns a sentence cannot hold.
    lowered = " " + text.lower()
    has = {"month": any(m in text for m in _MONTH_WORDS), "weekday": any(d in text for d in _WEEKDAY_WORDS),
           "digit": bool(_DIGIT.search(text))}
    has["word"] = any(w in lowered for w in _RELATIVE_WORDS)
    has["named"] = any(w in text for w in _NAMED_DAY_WORDS)
    if not any(has.values()):
        return ()
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        if not has[_NEEDS.get(kind, "word")]:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind in ("month", "month_day", "day_month") and not _is_month_word(m):
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(kind, m.group(0), m.start(), m.end(), m.groups()))
    return tuple(sorted(found, key=lambda d: d.start))


def _is_month_word(m: re.Match) -> bool:
    """Month names that are also ordinary words count only when capitalised."""
    word = next((g for g in m.groups() if g and not g.isdigit() and g.rstrip(".").lower() in MONTHS), "")
    return word[:1].isupper()


_FUTURE_ANCHORS = ("will", "shall", "set to", "due to", "expect", "plan", "schedul", "is to", "are to", "would",
                   "to be held", "upcoming", "next", "prepar", "intend", "aim")
_ONGOING_ANCHORS = ("been", "being", "continu", "seeking", "remain", "ongoing", "is ", "are ")
_SUBORDINATE = re.compile(r",\s+(?:which|who|whose|where)\b|\bif\b|\bunless\b|\bin case\b", re.I)


@lru_cache(maxsize=4096)
def tense(text: str) -> str:
    """'planned', 'ongoing' or 'occurred', from the verbs of the sentence's main clauses."""
    lowered = text.lower()
    if any(w in lowered for w in (" which", " who", " where", "if ", "unless", "in case")):
        cut = _SUBORDINATE.search(text)
        if cut:
            text = text[:cut.start()]
            lowered = lowered[:cut.start()]
    if any(w in lowered for w in _FUTURE_ANCHORS) and _FUTURE.search(text):
        return "planned"
    if any(w in lowered for w in _ONGOING_ANCHORS) and _ONGOING.search(text):
        return "ongoing"
    return "occurred"


# A verb in the past next to the date: "Peskov on Thursday warned that ... would", "was hit on Sunday". The
# sentence's future ("would") is the reported speech's, not the day's.
_PAST_VERB = r"(?:said|told|met|spoke|held|sent|gave|took|struck|hit|shot|(?!need|speed|proceed)\w{2,}ed)"
# ("agreed to lend", "voted to extend": a decision taken; "expected to", "set to" look ahead)
_PAST_AFTER = re.compile(r",?\s+(?:\w+ly\s+)?(?!(?:expected|scheduled|planned|supposed|slated|poised|designed|intended|"
                         r"prepared|used)\s)" + _PAST_VERB + r"\b(?!\s+(?:by|for)\b)", re.I)
_PAST_BEFORE = re.compile(r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwill )(?<!\bto )\b" + _PAST_VERB
                          + r"\s+(?:\w+ly\s+)?$", re.I)


# Where a sentence's coordinated clauses part: "mediators met in Doha on Saturday, and a delegation was expected",
# "imposed sanctions on Monday and warned that more would follow"
_COORDINATE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|"
                         r"\s+(?:and|but)\s+(?=(?:also\s+|later\s+)?[a-z]{3,}ed\b)")
_PAST_IN = re.compile(r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwill )(?<!\bto )\b" + _PAST_VERB + r"\b", re.I)


def direction_at(text: str, mention: "DateMention", direction: str) -> str:
    """The tense for one date of a sentence: past where a past verb stands next to it or its own clause is
    in the past, else the sentence's."""
    if direction == "occurred":
        return direction
    if _PAST_AFTER.match(text, mention.end) or _PAST_BEFORE.search(text[max(0, mention.start - 40):mention.start]):
        return "occurred"
    if "," in text or ";" in text or " and " in text or " but " in text:
        start, end = 0, len(text)
        for m in _COORDINATE.finditer(text):
            if m.end() <= mention.start:
                start = m.end()
            elif m.start() >= mention.end:
                end = m.start()
                break
        clause = text[start:end]
        if len(clause) < len(text) and tense(clause) == "occurred" and _PAST_IN.search(clause):
            return "occurred"
    return direction


_VERB_BETWEEN = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|\w{3,}ed)\b", re.I)


def is_report_date(sentence: str, mention: DateMention) -> bool:
    """True when the date qualifies the reporting ("officials said on Dec. 1"), not the incident
    ("said the city was attacked on Dec. 1")."""
    # a match is a verb of at most 12 letters and 60 characters more: it starts in the last 80 before the date
    m = _REPORTING.search(sentence, max(0, mention.start - 80), mention.start)
    if not m:
        return False
    between = sentence[m.start():mention.start]
    between = between[re.match(r"\w+(?: to)?", between).end():]
    return not _VERB_BETWEEN.search(between)


def _month(token: str) -> int:
    return MONTHS[token.rstrip(".").lower()]


def _closest_year(month: int, day: int, published: dt.date, direction: str) -> dt.date:
    """The date with this month and day nearest the publication date in the tense's direction."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise ValueError("no such day")
    if direction == "planned":
        future = [c for c in candidates if c >= published - dt.timedelta(days=7)]
        return min(future, key=lambda c: abs((c - published).days)) if future else candidates[-1]
    past = [c for c in candidates if c <= published + dt.timedelta(days=7)]
    return min(past, key=lambda c: abs((c - published).days)) if past else candidates[0]


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _part_of_month(part: str | None, year: int, month: int) -> tuple[dt.date, dt.date, str]:
    first, last = _month_range(year, month)
    part = (part or "").strip("- ").lower()
    if part == "early" or part == "the beginning of":
        return first, dt.date(year, month, 10), "range"
    if part == "mid":
        return dt.date(year, month, 11), dt.date(year, month, 20), "range"
    if part in ("late", "the end of"):
        return dt.date(year, month, 21), last, "range"
    return first, last, "month"


def resolve(mention: DateMention, published: dt.date, direction: str = "occurred") -> ResolvedDate | None:
    """Turn one mention into a date range; None when it names no real date."""
    k, g, text = mention.kind, mention.groups, mention.text
    day = dt.timedelta(days=1)
    try:
        if k == "iso":
            d = dt.date(int(g[0]), int(g[1]), int(g[2]))
            return ResolvedDate(d, d, "day", "explicit", text)
        if k == "day_month_year":
            d = dt.date(int(g[2]), _month(g[1]), int(g[0]))
            return ResolvedDate(d, d, "day", "explicit", text)
        if k == "month_day_year":
            d = dt.date(int(g[2]), _month(g[0]), int(g[1]))
            return ResolvedDate(d, d, "day", "explicit", text)
        if k == "month_day":
            d = _closest_year(_month(g[0]), int(g[1]), published, direction)
            return ResolvedDate(d, d, "day", "explicit", text)
        if k == "day_month":
            d = _closest_year(_month(g[1]), int(g[0]), published, direction)
            return ResolvedDate(d, d, "day", "explicit", text)
        if k == "since_month_last_year":
            start, _, _ = _part_of_month(g[0], published.year - 1, _month(g[1]))
            return ResolvedDate(start, published, "range", "relative", text)
        if k == "month_last_year":
            s, e = _month_range(published.year - 1, _month(g[0]))
            return ResolvedDate(s, e, "month", "relative", text)
        if k == "month_year":
            s, e, p = _part_of_month(g[0], int(g[2]), _month(g[1]))
            if text.lower().startswith("since"):
                return ResolvedDate(s, published, "range", "explicit", text)
            return ResolvedDate(s, e, p, "explicit", text)
        if k == "mid_year":
            year = int(g[1])
            bounds = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[g[0].lower()]
            s, e = dt.date(year, bounds[0], 1), _month_range(year, bounds[1])[1]
            if text.lower().startswith("since"):
                return ResolvedDate(s, published, "range", "explicit", text)
            return ResolvedDate(s, e, "range", "explicit", text)
        if k == "month":
            month = _month(g[0])
            year = published.year
            lowered = text.lower()
            if direction == "planned" or lowered.startswith("next"):
                if month < published.month:
                    year += 1
            elif month > published.month or lowered.startswith("last") and month >= published.month:
                year -= 1
            part = next((p for p in ("early", "mid", "late") if p in lowered), None)
            s, e, p = _part_of_month(part, year, month)
            if lowered.startswith("since") or lowered.startswith("from"):
                return ResolvedDate(s, published, "range", "relative", text)
            return ResolvedDate(s, e, p, "relative", text)
        if k == "year":
            year = int(g[0])
            if text.lower().startswith(("until", "by")):
                return None   # "extended until 2029", "jets by 2026": a deadline, not the day of anything
            if text.lower().startswith("since"):
                return ResolvedDate(dt.date(year, 1, 1), published, "range", "explicit", text)
            return ResolvedDate(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit", text)
        if k == "weekday":
            target = WEEKDAYS[g[0].lower()]
            lowered = text.lower()
            if direction == "planned" or lowered.startswith("next"):
                delta = (target - published.weekday()) % 7
                if lowered.startswith("next") and delta == 0:
                    delta = 7
                d = published + dt.timedelta(days=delta)
            else:
                delta = (published.weekday() - target) % 7
                if lowered.startswith("last") and delta == 0:
                    delta = 7
                d = published - dt.timedelta(days=delta)
            return ResolvedDate(d, d, "day", "relative", text)
        if k == "yesterday":
            return ResolvedDate(published - day, published - day, "day", "relative", text)
        if k == "today":
            return ResolvedDate(published, published, "day", "relative", text)
        if k == "tomorrow":
            return ResolvedDate(published + day, published + day, "day", "relative", text)
        if k == "last_year":
            y = published.year - 1
            return ResolvedDate(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative", text)
        if k == "last_week":
            return ResolvedDate(published - 7 * day, published - day, "range", "relative", text)
        if k == "next_week":
            return ResolvedDate(published + day, published + 7 * day, "range", "relative", text)
        if k == "this_week":
            monday = published - dt.timedelta(days=published.weekday())
            if text.lower().startswith("later") or direction == "planned":
                return ResolvedDate(published, monday + 6 * day, "range", "relative", text)
            return ResolvedDate(monday, published, "range", "relative", text)
        if k in ("last_month", "next_month", "this_month"):
            y, mth = published.year, published.month
            if k == "last_month":
                y, mth = (y - 1, 12) if mth == 1 else (y, mth - 1)
            elif k == "next_month":
                y, mth = (y + 1, 1) if mth == 12 else (y, mth + 1)
            s, e = _month_range(y, mth)
            return ResolvedDate(s, e, "month", "relative", text)
        if k == "next_year":
            y = published.year + 1
            return ResolvedDate(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative", text)
        if k == "past_day":
            return ResolvedDate(published - day, published, "range", "past_day", text)
        if k == "named_day":
            # the last such day before the publication, or the next one for what is planned
            years = (published.year - 1, published.year, published.year + 1)
            days = sorted(_named_day(g[0], y) for y in years)
            d = next((x for x in days if x >= published), days[-1]) if direction == "planned" else \
                max(x for x in days if x <= published)
            return ResolvedDate(d, d, "day", "relative", text)
    except (ValueError, KeyError):
        return None
    return None


def _named_day(name: str, year: int) -> dt.date:
    """The date of a named day of ``year``; Easter by the Gregorian reckoning, or the Julian one for the
    Orthodox feast."""
    lowered = name.lower().replace("\u2019", "'")
    if lowered.startswith("new year's eve"):
        return dt.date(year, 12, 31)
    if lowered.startswith("new year"):
        return dt.date(year, 1, 1)
    if lowered.startswith("christmas eve"):
        return dt.date(year, 12, 24)
    if lowered.startswith("christmas"):
        return dt.date(year, 12, 25)
    easter = _orthodox_easter(year) if lowered.startswith("orthodox") else _easter(year)
    return easter - dt.timedelta(days=7) if lowered.endswith("palm sunday") else easter


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lk = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lk) // 451
    month, day = divmod(h + lk - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday: the Julian reckoning, 13 days behind the Gregorian calendar in 1900-2099."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


def publication_default(published: dt.date) -> ResolvedDate:
    """The date of an event whose text gives none: the publication day, flagged as defaulted."""
    return ResolvedDate(published, published, "day", "publication", "")


def past_day_default(published: dt.date, phrase: str) -> ResolvedDate:
    """A daily roundup's own window, for events it lists without a date of their own."""
    return ResolvedDate(published - dt.timedelta(days=1), published, "range", "past_day", phrase)
