"""Assemble events from the stages: one row per place and incident the text states.

The builder walks the article sentence by sentence. A sentence that reports
something (a topic cue, a casualty figure, money or a count) yields one event
per place where it happened; figures go to the place whose clause states them
and never to several places at once. A sentence that names no place of its own
continues the event before it ("Four people were injured as a result of the
attack"), and one that opens with "This meeting"/"The strike" refers back to it.
Events that name no place are put at the acting state (policy) or at the
country attacked (attacks), at country precision.

Per sentence the builder runs three steps: ``_read_claims`` finds what the
sentence states (figures, states, tense, topic; which money is a pledge of its
own comes from claims.py); ``_sentence_events`` reads those claims against the
events before it (more of one of them, or new events, and where), with
``_continues`` deciding for a sentence that names no place; ``_place_claims``
turns them into events, one per place or donor's figure, each figure given to
the place whose clause states it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import islice

from . import dates as D
from .claims import (AID_TOPICS, another_package, first_share, inherited_donor, is_own, is_package_part, own_figures,
                     package_figures, package_gives, part_of_statement, share_of, told_again)
from .clauses import clause_bounds, clause_of
from .gazetteer import Gazetteer, Place, fold
from .merging import ANOTHER_STRIKE, STRIKE_NOUNS, heading_alone, merge_within_article
from .parties import (_LEADER, _LEADERS, GIVING_OBJECT, MILITARY_SPECIFIC, OPENS_SENTENCE, acting_party, aid_kind,
                      country_place, donor_for, fill_aid_fields, has_statement, high_speaker, state_says,
                      statement_speaker, statement_verb, target_country)
from .places import (_SEATS_FOLDED, CITY_ANAPHOR, ActorMention, Mention, _is_capital, armed_groups, find_actors,
                     find_places, theatre as place_theatre)
from .prechecks import Guarded
from .quantities import (NUMBER, Casualty, Money, Quantity, find_casualties, find_money, find_quantities, parse_number,
                         stated_zeros)
from .sentences import Sentence, is_heading, split_sentences
from .topics import OUTSIDE_AID, POLICY_TOPICS, VIOLENT_TOPICS, classify, has_cue, topic_scores

_ELSEWHERE = re.compile(r"\s*(?:Separately|Elsewhere|In a separate (?:attack|strike|incident))\b")
_COUNTRY_FRAME = re.compile(r"\s*(?:In|Inside|Across)\s+(?:the\s+)?(?:neighbou?ring\s+)?(?P<c>[A-Z][\w\u2019'\-]+"
                            r"(?:\s+[A-Z][\w\u2019'\-]+){0,3})\s*,")
_TALLY_REACH = 50   # events looked back at for a country's tally told again (bounds the work per sentence)
_ANAPHOR = re.compile(
    r"^(?:This|That|These|The|Such|Its|Their)\s+(?:\w+\s+){0,2}?(?:meeting|visit|talks|summit|attack|attacks|strike|strikes|airstrikes?|"
    r"assault|shelling|package|loan|loans|funding|funds|money|sum|aid|deal|agreement|decision|move|shipments?|deployment|"
    r"group|troops|forces|support|pledge|announcement|sanctions|measures|trip|call|incident|explosion|barrage|missiles?|drones?)\b")
# "announced the package", "unveiled the measures": the act just told, told again by who did it
_ANNOUNCED_IT = re.compile(r"\b(?:announced|announces|unveiled|unveils|presented|presents|signed|signs|outlined|"
                           r"detailed)\s+(?:the|these|those)\s+(?:new\s+)?(?:package|sanctions|measures|loan|aid|funding|"
                           r"restrictions|deal|agreement|pledge)\b", re.I)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these)\s+(?:\w+\s+)?(?:loan|loans|package|funds|funding|money|aid|attack|attacks|strike|strikes|airstrikes?|"
    r"assault|shelling|meeting|talks|visit|summit|deal|agreement|shipments?|deployment|troops|drones?|missiles?|"
    r"rockets?|sanctions|support|pledge|commitment|incident|explosions?|barrage|containers|consignments?|vessel|ship|"
    r"tanker|freighter)\b", re.I)
_CONCRETE_HIT = re.compile(
    r"\b(?:struck|hit|shelled|attacked|launched|downed|shot down|intercepted|destroyed|fired|bombed|targeted|"
    r"exploded|killed|injured|wounded|damaged)\b", re.I)
# "KYIV, Oct 9 (Reuters) -", "KYIV, Ukraine (AP) -", "GOMA, Congo, Jan 26 (AP) -", "KYIV, 14 February 2025 -",
# "BELGOROD, August 22. /TASS/.", "LONDON/BRUSSELS (AFP) -"
_DATELINE = re.compile(r"\s*[A-Z][A-Z .'/\-]{2,40}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
                       r"(?:,\s*(?:[A-Z][a-z]{2,9}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,9}(?: \d{4})?))?"
                       r"\s*(?:\([^)]{2,30}\))?\s*(?:[-\u2013\u2014:]\s|\.\s*/[A-Z]{2,12}/\.?\s)"
                       # "Goma (Congo), Jan 26 (AP) Fighting ...": a town in title case, told by the date
                       # and the agency that follow it
                       r"|\s*[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)?\s*(?:\([A-Z][a-z]+(?: [A-Z][a-z]+)?\))?,\s*"
                       r"(?:[A-Z][a-z]{2,9}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,9}(?: \d{4})?)\s*"
                       r"\((?:AP|AFP|Reuters|dpa|IANS|PTI|ANI|TASS|Xinhua|UNI|Anadolu|Ukrinform)\)\s*(?:[-\u2013\u2014:]\s*)?")
# What joins the places of one list: "A and B", "A, B", "A, and the settlements of B"
_LIST_JOIN = re.compile(r"\s*(?:,\s*and|,|and|or|as well as)\s+(?:the\s+)?(?:(?:nearby\s+)?(?:towns?|villages?|settlements?|"
                        r"cit(?:y|ies)|districts?|communities|community|hromadas?)\s+of\s+)?", re.I)
_NEW_INCIDENT = re.compile(ANOTHER_STRIKE.pattern + r"|\bother\s+(?:\w+\s+)?" + STRIKE_NOUNS +
                           r"|\belsewhere\b|^\s*Separately\b", re.I)
# "injured 12 throughout the region": the region as where it happened, not only whose official spoke
_SPREAD_OVER = re.compile(r"(?:in|across|throughout)\b", re.I)
# "A day earlier, missiles killed 11": another day's strikes
_EARLIER_DAY = re.compile(r"\s*(?:(?P<n>A|One|The|Two|Three|A few|Several)\s+(?P<unit>days?|week)\s+(?:earlier|before)|"
                          r"The\s+(?:previous|preceding)\s+day|The\s+day\s+before)\b")
_DAYS_BACK = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3}
# "A day later, another strike killed a woman", "The next day": the day after the one just told
_LATER_DAY = re.compile(r"\s*(?:(?P<n>A|One|Two|Three)\s+(?P<unit>days?|week)\s+later|The\s+(?:next|following)\s+day|"
                        r"The\s+day\s+after)\b")
# "To date, Japan has sanctioned 903 people": a running total, an event of its own (undated background)
_RUNNING_TOTAL = re.compile(r"\s*(?:To date|So far|In total|Altogether|Overall|All told|Since the (?:start|beginning))\b")
# A nuclear plant of the gazetteer's features ("Zaporizhzhia Nuclear Power Plant")
_NUCLEAR = re.compile(r"\bNuclear\b")
# "Russia launched 86 drones at Ukraine", "fired 40 missiles at the country": a country's tally
_LAUNCHED_AT = re.compile(r"\b(?:launched|fired|sent)\s+(?:[\w,\-]+\s+){0,8}?(?:at|against|on)\s+(?:the\s+)?"
                          r"(?P<at>country|[A-Z][a-z]+)\b")
# another meeting at the same place: "Later, the ministers met again", "a second round of talks"
_NEW_MEETING = re.compile(r"\b(?:again|another|second|separate|later|next|new round)\b")
_LAUNCH_WORD = re.compile(r"\b(?:launched|fired)\b")
_DOWNED = re.compile(r"\b(?:shot down|downed|intercepted|(?:destroyed|neutrali[sz]ed)\s+(?:[\w\-]+\s+){0,3}?"
                     r"(?:drones|missiles|UAVs|rockets))\b")
_OVER_REGIONS = re.compile(r"\b(?:over|across|in)\s+(?:\w+\s+)?(?:regions|oblasts|provinces|territory)\b")
# A nationwide air-defence tally ("air defences shot down 66 drones"): the country's event, no town's
_AIR_TALLY = re.compile(r"\b(?:shot down|shot|downed|intercepted|air defen[cs]es?|air force|Air Force)\b")
_SINCE_BEFORE = re.compile(r"\b[Ss]ince\b[^,;.]*$")
# "more than in 2024", "the first such talks since 2022", "the heaviest attack since"
_COMPARED_WITH = re.compile(r"\b(?:than|first|highest|lowest|biggest|largest|worst|heaviest|deadliest|most|least)\b[^;.]*$",
                            re.I)
_THAN = re.compile(r"\bthan\s+(?:in\s+|on\s+|during\s+|at\s+)?$", re.I)
_DAY_HINT = re.compile(r"\b(?:on|On|last|Last)\s+(?:[A-Z][a-z]+day|\d{1,2}\b|[A-Z][a-z]+\s+\d)")
_OF_THE_CITY = re.compile(r"(?:\s+(?:displacement|refugee|IDP|displaced persons))?(?:\s+(?:camp|village|area))?,?\s+"
                          r"(?:(?:about|some)\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s|miles)\s+)?"
                          r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+the\s+(?:city|town)\b")
_STRIKE_REFERENCE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:\w+\s+)?(?:attacks?|strikes?|shelling|raids?|"
                               r"bombing|bombardment|assault|barrage|operation|rockets?|missiles?|drones?|"
                               r"projectiles?)\b", re.I)
# "The Israeli military said it had targeted Hezbollah operatives": the striker's word on the strike just told
_OWN_STRIKE_CLAIMED = re.compile(r"\b(?:said|says|stated|claimed)\s+(?:that\s+)?(?:it|its\s+(?:forces|troops|jets|aircraft))\s+"
                                 r"(?:had\s+|has\s+|have\s+)?(?:struck|targeted|hit|attacked|bombed|shelled)\b")
_PRONOUN = re.compile(r"^(?:They|It|He|She|These|Those|This|That)\b")
_REGION_ANAPHOR = Guarded(re.compile(
    r"\b(?:in|across|throughout|of|on|shelled|struck|attacked|hit|mined)\s+(?:and mined\s+)?the\s+(?:region|oblast|province)\b"
    r"|\bthe\s+(?:region|oblast|province)\b", re.I), ("region", "oblast", "province"))


@dataclass
class Event:
    topic: str
    place: Place
    location: str
    precision: str
    sentence: Sentence
    sentences: list[Sentence]
    fallback: bool = False              # placed at a country because the text names no place
    date: D.ResolvedDate | None = None
    date_is_report: bool = False
    status: str = "occurred"
    killed: int | None = None
    injured: int | None = None
    money: list[Money] = field(default_factory=list)
    own_money: Money | None = None
    quantities: list[Quantity] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    donor: str = ""
    recipient: str = ""
    aid_type: str = ""
    part_of: str = ""
    part_of_label: str = ""
    missing: bool = False               # a settlement the gazetteer lacks, placed at its region
    speaker: str = ""                   # a statement's state (ISO3): who spoke, not whom they spoke of


@dataclass
class _Ctx:
    gz: Gazetteer
    published: dt.date
    roundup_phrase: str
    theatre: str
    admin1: str | None = None
    last_batch: list = field(default_factory=list)   # the events of the latest sentence that made any
    geocoder: object = None                           # a geopy geocoder asked for places the gazetteer lacks
    paragraph_day: tuple | None = None                # (paragraph, date, its regions): the last day a sentence gave
    last_day: "D.ResolvedDate | None" = None          # the last day an event was given by its own words
    intros: set = field(default_factory=set)          # indexes of lines that introduce a list ("Delegates came from:")


def extract_events(text: str, published: dt.date, gz: Gazetteer, title: str = "", geocoder=None) -> list[Event]:
    """Every event an article states, in text order.

    ``geocoder`` (a geopy geocoder, e.g. ``geocoders.make_geocoder()``) is asked only for places the
    gazetteer lacks; without it they stay at their region or the place they are said to be near.
    """
    sentences = split_sentences(text)
    if not sentences:
        return []
    dateline = _find_dateline(text, sentences)
    if dateline is not None:
        # "GOMA, Congo, Jan 26 (AP) -": where and when the story was filed, no part of its first
        # sentence (its date is no event's date)
        # (a headline above it stays)
        sentences = [_after_dateline(s, dateline) for s in sentences
                     if s.end > dateline.end() or s.end <= dateline.start()]
    # the first two sentences, a publisher's tag line ("Suspilne Sumy.") apart
    lead = " ".join(islice((s.text for s in sentences if len(s.text.split()) > 3), 2))
    m = D.PAST_DAY.search(title or "") or D.PAST_DAY.search(lead)
    ctx = _Ctx(gz, published, m.group(0) if m else "", "", geocoder=geocoder)
    parsed = []
    hint: str | None = None
    countries = place_theatre(text, gz, sentences)   # the countries the article is about favour their own places
    surnames = {fold(m.group("surname")) for m in _TITLED_PERSON.finditer(text)}
    for k, s in enumerate(sentences):
        if not _worth_parsing(s.text) or _restated_heading(s, sentences[k + 1] if k + 1 < len(sentences) else None):
            # Nothing here can make an event; only a region it names may help the sentences after it.
            region = _REGION_NAMED.search(s.text)
            if region:
                unit = gz.admin1(region.group(0))
                hint = unit.name if unit is not None else hint
            parsed.append((s, None, hint))
            continue
        # "Separately, a guided bomb killed a man in the town of X": the region told before frames it no more;
        # "In Lebanon, a drone strike on the town of X": nor does it where a country frames the sentence, and
        # that country's places come first
        framing = _COUNTRY_FRAME.match(s.text)
        home = gz.country(framing.group("c")) if framing is not None else None
        theatre = (home.iso3,) + tuple(c for c in countries if c != home.iso3) if home is not None else countries
        mentions = find_places(s.text, gz, admin1=None if home is not None or _ELSEWHERE.match(s.text) else hint,
                               theatre=theatre)
        if surnames:   # "envoy Keith Kellogg ... Later, Kellogg travelled to Warsaw": the envoy, no town
            mentions = [m for m in mentions if fold(m.text) not in surnames or
                        _PLACE_PREPOSITION.search(s.text, max(0, m.start - 12), m.start)]
        regions = [x.place for x in mentions if x.place.kind == "admin1"] or \
                  [x.place for x in mentions if x.place.kind in ("city", "admin2") and x.place.admin1 and x.role == "event"
                   and has_cue(s.text)]   # "a man who ran a shop in Beirut": a town of no happening sets no region
        if regions:
            hint = regions[0].admin1 or regions[0].name
        parsed.append((s, mentions, hint))
    parsed = _same_place_again(parsed)
    # The war's country comes from the text: the country of most places it names, else the one it is about.
    ctx.theatre = _theatre(parsed) or (countries[0] if countries else "")
    ctx.intros = {s.index for s, _, _ in parsed if s.text.rstrip().endswith(":")}
    events: list[Event] = []
    for sentence, mentions, hint in parsed:
        if mentions is None:
            continue
        ctx.admin1 = hint
        _sentence_events(sentence, mentions, ctx, events)
    merge_within_article(events)
    return events


# A person named with a title: "envoy Keith Kellogg", "Governor Oleh Syniehubov", "President Macron"; the
# last name, said again alone, is that person
_TITLED_PERSON = re.compile(
    r"\b(?:President|Prime Minister|Minister|minister|[Ee]nvoy|Secretary|secretary|[Ss]pokes(?:man|woman|person)|"
    r"Governor|governor|Mayor|mayor|General|Gen\.|Admiral|[Cc]ommander|Chancellor|Senator|Sen\.|Rep\.|"
    r"[Aa]mbassador|King|Queen|Pope|adviser|advisor|Speaker)\s+(?:[A-Z][\w\u2019'\-]+\s+){0,2}?"
    r"(?P<surname>[A-Z][\w\u2019'\-]+)(?=\s*(?:[,.;:)]|\s+(?:[a-z]|$)))")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|at|outside|into|to|from|of)\s+(?:the\s+)?$")
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+day|that\s+same\s+day|later\s+that\s+day)\b", re.I)
# "in the capital", "in the Sudanese capital"
_CAPITAL_REF = re.compile(r"\b(?:in|on|over|across)\s+the\s+(?:(?P<whose>[A-Z]\w+)\s+)?capital\b(?!\s+of\b)")


def _capital_city(gz: Gazetteer, iso3: str) -> Place | None:
    c = gz.country_by_iso3(iso3)
    if c is None or not c.capital:
        return None
    return next((p for p in gz.lookup(c.capital) if p.kind == "city" and p.country_iso3 == iso3), None)


def _background(text: str, ctx: "_Ctx") -> bool:
    """Whether the sentence's only dates are months that ended over a month before publication. (A bare
    year is often an apposition's: "Crimea, the peninsula annexed in 2014", where the explosion is today's.)"""
    if not _MONTH_NAME.search(text):
        return False
    resolved = [r for r in (D.resolve(m, ctx.published, "occurred") for m in D.find_dates(text)) if r is not None]
    return bool(resolved) and all(r.precision == "month" and (ctx.published - r.end).days > 31 for r in resolved)


# "Ukraine's need for air defence remains great", "the needs of its army are enormous": a need described
_NEED_STATED = re.compile(r"\bneeds?\s+(?:(?:for|of)\s+(?:[\w\u2019'\-]+\s+){1,4}?)?(?:still\s+)?"
                          r"(?:remains?|is|are|was|were|continues?|continued|grows?|grew|keeps?)\b")
_FREED_WORD = r"(?:freed|released|returned|exchanged|swapped|repatriated|liberated|brought\s+(?:home|back)|handed\s+over)"
_FREED_PEOPLE = re.compile(
    r"\s*(?:Among\s+(?:those|the\s+(?:\w+\s+)?(?:people|prisoners|captives|soldiers|servicemen|POWs|detainees|"
    r"hostages|civilians))\s+" + _FREED_WORD + r"\b"
    r"|(?:Those|The\s+(?:\w+\s+)?(?:people|prisoners|captives|soldiers|servicemen|POWs|detainees|hostages|civilians))\s+"
    + _FREED_WORD + r"\s+(?:[\w,]+\s+){0,4}?(?:included|include|were|are|comprised)\b"
    r"|The\s+" + _FREED_WORD + r"\s+(?:\w+\s+)?(?:people|prisoners|captives|soldiers|servicemen|POWs|detainees|hostages|"
    r"civilians)\s+(?:included|include|were|are)\b)")
_RECENT_TREND = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:intensified|escalated|increased|grown|surged|risen|"
                           r"worsened|spread|picked up|flared)\b[^.;]{0,50}?\b(?:in|over|during)\s+(?:recent|the\s+past|"
                           r"the\s+last)\s+(?:\w+\s+)?(?:weeks|months|days|years)\b", re.I)
_MONTH_NAME = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)\b")


def _same_place_again(parsed):
    """A town named again is the one named first ("the village of Zolochiv in Kharkiv Oblast ... the toll in
    Zolochiv rose"), unless its own sentence names the unit of another: one name, one place per article."""
    first: dict[str, Place] = {}
    out = []
    for s, mentions, hint in parsed:
        if mentions:
            units = {fold(x.place.name) for x in mentions if x.place.kind == "admin1"}
            changed = []
            for x in mentions:
                key = fold(x.text)
                known = first.get(key)
                if x.place.kind == "city" and not x.missing and known is not None and known != x.place and \
                        fold(x.place.admin1) not in units and x.precision == "point":
                    x = replace(x, place=known)
                elif x.place.kind == "city" and not x.missing:
                    first.setdefault(key, x.place)
                changed.append(x)
            mentions = changed
        out.append((s, mentions, hint))
    return out


def _after_dateline(s: Sentence, dateline: re.Match) -> Sentence:
    cut = dateline.end() - s.start
    if not s.start <= dateline.end() < s.end or not s.text[cut:].strip():
        return s
    cut += len(s.text[cut:]) - len(s.text[cut:].lstrip())
    return replace(s, text=s.text[cut:], start=s.start + cut)


def _find_dateline(text: str, sentences: list[Sentence]) -> re.Match | None:
    """The dateline opening the story: at the top, or after a headline of one line."""
    found = _DATELINE.match(text)
    if found is None and len(sentences) > 1 and sentences[1].paragraph > sentences[0].paragraph and \
            is_heading(sentences[0].text):
        found = _DATELINE.match(text, sentences[1].start)
    return found


# Words of at most 40 characters: an unbounded word made this search quadratic on "A-A-A-...".
_REGION_NAMED = re.compile(r"\b[A-Z][\w\u2019'\-]{1,40}(?: [A-Z][\w\u2019'\-]{1,40})? (?:Oblast|oblast|region|Region|Krai|Province|province)\b")
_FIGURE_HINT = re.compile(r"\d|kill|dead|died|death|injur|wound|hurt|casualt|hospital|victim|treatment|toll", re.I)


def _worth_parsing(text: str) -> bool:
    """Cheap test: can this sentence state an event (a cue word, a figure, a casualty word)?"""
    return has_cue(text, 1.0) or bool(_FIGURE_HINT.search(text)) or has_statement(text)


def _next_to(previous: Event, s: Sentence, ctx: _Ctx) -> bool:
    """Whether ``s`` comes right after the event's last sentence, or after only a line introducing
    what follows ("Delegates came from:", then "25 European countries")."""
    last = previous.sentences[-1].index
    return last == s.index - 1 or (last == s.index - 2 and s.index - 1 in ctx.intros)


def _told_again(text, places, topic, casualties, previous, s) -> bool:
    """Whether the sentence tells more of the strike just before at the same place: it names only
    that place, refers to the strike ("in the shelling") or updates its toll, and states no figure
    that contradicts it."""
    if previous is None or topic not in VIOLENT_TOPICS or previous.topic not in VIOLENT_TOPICS or previous.fallback \
            or previous.sentences[-1].index != s.index - 1 or len(places) != 1:
        return False
    p = places[0]
    if not (p.place == previous.place and not (p.missing and not previous.missing) or
            fold(p.text) == fold(previous.location) or _district_of(p, previous)):
        return False   # (a village the gazetteer lacks, placed at the region struck, is a place of its own there)
    # "the toll in X rose to three": an update names the strike as well as "in the shelling" does
    updates = any(c.update for c in casualties)
    if not (_STRIKE_REFERENCE.search(text) or updates) or _NEW_INCIDENT.search(text) or \
            is_heading(previous.sentence.text):
        return False
    if any(not D.is_report_date(text, m) for m in D.find_dates(text)):
        return False   # a day of its own: maybe another strike there
    updated = {c.kind for c in casualties if c.update}
    return all(getattr(previous, c.kind) is None or getattr(previous, c.kind) == c.count or c.kind in updated
               for c in casualties)


def _district_of(p: Mention, previous: Event) -> bool:
    """Whether ``p`` is the district or province the town just struck lies in ("The assault on the
    base, in the X province, began at dawn": where the strike was, said again at a wider grain)."""
    town = previous.place
    return p.place.kind == "admin2" and town is not None and town.kind == "city" and not previous.missing and \
        bool(town.admin2) and town.admin2 == p.place.name and town.country_iso3 == p.place.country_iso3


def _names(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as a word of its own."""
    i = text.find(name)
    return i >= 0 and (i == 0 or not text[i - 1].isalnum()) and \
        (i + len(name) == len(text) or not text[i + len(name)].isalnum())


def _theatre(parsed) -> str | None:
    counts = Counter(m.place.country_iso3 for _, ms, _ in parsed for m in ms or ()
                     if m.place.kind in ("city", "admin1") and m.place.country_iso3)
    return counts.most_common(1)[0][0] if counts else None


@dataclass
class _Claims:
    """What one sentence states, before it is placed: its figures (casualties, money, counts), the
    states it names, its tense and topic, and whether it reports something at all (``cue``). The
    builder settles them as it reads the sentence against the events before it."""
    text: str
    casualties: list[Casualty]
    no_casualties: tuple[str, ...]   # the figures it says are none ("no one was killed": the dead)
    money: list[Money]
    own_money: list[Money]      # the figures that are pledges of their own (claims.own_figures)
    quantities: list[Quantity]
    actors: list[ActorMention]
    direction: str
    topic: str
    cue: bool
    bodies: bool


def _read_claims(s: Sentence, mentions: list[Mention], ctx: _Ctx) -> _Claims | None:
    """The sentence's claims, or None when it only states a war's running toll."""
    text = s.text
    # A war's running toll is context, never an incident's figure.
    found = find_casualties(text)
    casualties = [c for c in found if not c.cumulative]
    no_casualties = stated_zeros(text)
    money = find_money(text)
    # the toll's own words are no count of people either ("2,936 civilians have been killed since...")
    excluded = [(c.start, c.end) for c in found] + [(m.start, m.end) for m in money]
    if found:   # "13 were killed, including three soldiers": who the dead were, no count of troops
        excluded += [m.span() for m in _TOLL_PART.finditer(text)]
    quantities = find_quantities(text, excluded)
    actors = find_actors(text, ctx.gz, mentions)
    direction = D.tense(text)
    topic = classify(text, casualties=bool(casualties), money=bool(money),
                     quantities=tuple(q.unit for q in quantities))
    if len(found) > len(casualties) and not (casualties or money or quantities or no_casualties) and \
            topic in VIOLENT_TOPICS and not any(r is not None and r.precision == "day" for r in
                                                (D.resolve(m, ctx.published, direction) for m in D.find_dates(text))):
        return None   # "More than 100 civilians have been killed in Ituri this month": a running toll, no incident
    cue = has_cue(text) or bool(casualties) or bool(money) or no_casualties
    # (bodies pulled from the rubble are a strike's dead, not remains handed over)
    bodies = any(q.unit == "bodies" for q in quantities) and topic not in VIOLENT_TOPICS and \
        not _RUBBLE.search(text)
    if bodies:
        topic, cue = "other", True   # "Ukraine received 1,000 bodies from Russia": bodies returned, no deployment
    if topic == "arms_transfer" and _donor_supply(text, actors, ctx.gz):
        topic = "military_aid"   # "Germany sent 100 drones to Ukraine": a donor's weapons (CONVENTIONS: aid)
    return _Claims(text, casualties, no_casualties, money, own_figures(text, money), quantities, actors, direction,
                   topic, cue, bodies)


# "..., two weeks after an attack on tourists in X killed 26", "The attack came a week after gangs seized X": an
# earlier event the sentence cites as its cause, no place or figure of the one it tells
# (weeks or more: "a day after missiles killed 12 in X" may be a strike the text tells of the day before)
_EARLIER_CAUSE = re.compile(r"(?<=[\w,])\s+(?:(?:two|three|four|five|six|several|a few|\d+)\s+"
                            r"(?:weeks|months|years)|(?:a|one)\s+(?:week|month|year)|weeks|months)\s+"
                            r"(?:after|since)\s+", re.I)


def _cause_span(text: str) -> tuple[int, int] | None:
    """Where the sentence cites an earlier event as its cause: to its end, or to the next comma when commas
    set it off (", two weeks after the strike, that ...")."""
    m = _EARLIER_CAUSE.search(text)
    if m is None:
        return None
    comma = text.find(",", m.end()) if text[m.start() - 1] == "," else -1
    return m.start(), comma if comma >= 0 else len(text)


def _sentence_events(s: Sentence, mentions: list[Mention], ctx: _Ctx, events: list[Event]) -> None:
    cause = _cause_span(s.text)
    if cause is not None:
        mentions = [replace(m, role="context") if cause[0] <= m.start < cause[1] and m.role == "event" else m
                    for m in mentions]
    claims = _read_claims(s, mentions, ctx)
    if claims is None:
        return
    if cause is not None:
        claims.casualties = [c for c in claims.casualties if not cause[0] <= c.start < cause[1]]
        claims.quantities = [q for q in claims.quantities if not cause[0] <= q.start < cause[1]]
    text, gz = s.text, ctx.gz
    casualties, no_casualties, money = claims.casualties, claims.no_casualties, claims.money
    quantities, actors, direction = claims.quantities, claims.actors, claims.direction
    topic, cue = claims.topic, claims.cue
    if topic in VIOLENT_TOPICS and _DAY_HINT.search(text):
        resolved = _stated_day(text, ctx, direction)   # the day the paragraph's later strikes inherit
        if resolved is not None:
            units = {fold(m.place.admin1 or m.place.name) for m in mentions
                     if m.role == "event" and m.place.kind in ("city", "admin1", "admin2") and not m.missing}
            ctx.paragraph_day = (s.paragraph, resolved, units)
    # "The villages of A, B and C were attacked. In B, a man was injured": the one of them named again
    previous = next((e for e in ctx.last_batch if len(ctx.last_batch) > 1 and _names(text, e.location)),
                    ctx.last_batch[0] if ctx.last_batch else None)
    referent = _referent(text, events)
    if referent is not None:
        previous = referent
    same_paragraph = previous is not None and s.paragraph in (previous.sentence.paragraph,
                                                              previous.sentences[-1].paragraph)
    if _FREED_PEOPLE.match(text):
        # "Among those freed were soldiers captured in X and marines who defended Y": who came home, and
        # their past, told of the exchange just told; no fighting of today
        if previous is not None and (same_paragraph or previous.sentences[-1].index == s.index - 1):
            previous.sentences.append(s)
        return
    if previous is not None and previous.topic in AID_TOPICS and topic in AID_TOPICS and \
            not (casualties or money or quantities) and _NEED_STATED.search(text) and \
            (same_paragraph or previous.sentences[-1].index == s.index - 1) and \
            all(a.code in previous.actors for a in actors):
        # "Ukraine's need for air defence remains great," the minister said: why the package just told is
        # given, no aid of its own
        previous.sentences.append(s)
        return
    if topic in VIOLENT_TOPICS and not (casualties or money or quantities or no_casualties) and (
            _background(text, ctx) or _RECENT_TREND.search(text)):
        # "Ukraine recaptured much of the Kharkiv region in September" (a year before): the war's past, no
        # incident; "Fighting has intensified in recent weeks in the region": a trend; in the paragraph of an
        # event, more of its telling
        if same_paragraph:
            previous.sentences.append(s)
        return

    places = [m for m in mentions if m.role == "event" or (m.role == "actor" and topic in POLICY_TOPICS)]
    if places and topic == "attack" and not casualties and \
            all(p.place.kind == "feature" and _NUCLEAR.search(p.place.name) for p in places):
        topic = "other"   # "a drone hit the turbine hall of the Zaporizhzhia plant": a nuclear plant incident
    region_ref = _REGION_ANAPHOR.search(text)
    locative_ref = bool(region_ref) and bool(_SPREAD_OVER.match(region_ref.group(0)))
    if region_ref and not locative_ref and not places and previous is not None and \
            (same_paragraph or previous.sentences[-1].index == s.index - 1) and previous.place.kind == "city" and \
            not previous.fallback and ctx.admin1 and fold(previous.place.admin1) == fold(ctx.admin1):
        region_ref = None   # "six were killed, according to the region's governor": more of the strike on its town
    if region_ref and not places and previous is not None and previous.place.kind == "admin1" and \
            not previous.fallback and previous.topic in VIOLENT_TOPICS and topic in VIOLENT_TOPICS and \
            previous.sentences[-1].index == s.index - 1 and same_paragraph and ctx.admin1 and \
            fold(previous.place.name) == fold(ctx.admin1) and not _NEW_INCIDENT.search(text):
        # "A woman was killed in attacks on the Z region. Russian forces shelled the region 161 times in
        # the previous 24 hours": more of the region's day, told on
        previous.sentences.append(s)
        _add_figures(previous, casualties, money, quantities, no_casualties, text)
        if previous.date is not None and previous.date.method == "publication":
            _maybe_date(previous, s, ctx, direction)
        return
    if region_ref and not places and not (casualties or quantities or no_casualties or money) and \
            previous is not None and previous.topic in VIOLENT_TOPICS and not previous.fallback and \
            previous.place.kind == "city" and previous.sentences[-1].index == s.index - 1 and \
            ctx.admin1 and fold(previous.place.admin1) == fold(ctx.admin1) and \
            (_STRIKE_REFERENCE.search(text) or _PRONOUN.match(text)) and not _NEW_INCIDENT.search(text):
        # "They said the attack destroyed the gym, and that rescuers in the region were searching": no
        # figures of its own, about the strike just told in a town of the region
        previous.sentences.append(s)
        return
    if region_ref and ctx.admin1 and (casualties or cue) and (not places or locative_ref):
        # "injured 12 others throughout the region": the region the paragraph is about
        region = gz.admin1(ctx.admin1)
        if region is not None and not any(p.place == region for p in places):
            places = sorted(places + [Mention(region.name, region_ref.start(), region_ref.end(), region, "admin1",
                                              locative=True)], key=lambda p: p.start)
    capital = _CAPITAL_REF.search(text) if not places and (casualties or cue and topic in VIOLENT_TOPICS) else None
    if capital is not None:
        # "two were killed in the capital overnight", "in the Sudanese capital": that country's capital city
        whose = gz.country(capital.group("whose")) if capital.group("whose") else None
        home = whose.iso3 if whose is not None else (previous.place.country_iso3 if previous is not None
                                                      else ctx.theatre)
        city = _capital_city(gz, home) if home else None
        if city is not None:
            places = [Mention(city.name, capital.start(), capital.end(), city, "point", locative=True)]
    if previous is not None and previous.place.kind == "city" and not previous.fallback and \
            (same_paragraph or previous.sentences[-1].index == s.index - 1):
        # "the Xyz displacement camp south of the city": a place the gazetteer lacks, by the town just told
        places = [replace(p, place=previous.place, precision="near")
                  if p.missing and p.precision in ("country", "admin1", "admin2") and
                  _OF_THE_CITY.match(text, p.end) else p for p in places]
    city_ref = CITY_ANAPHOR.search(text) if not places and previous is not None and \
        previous.place.kind == "city" and not previous.fallback else None
    if city_ref is not None and (_EARLIER_DAY.match(text) or _NEW_INCIDENT.search(text)) and \
            (casualties or cue and topic in VIOLENT_TOPICS):
        # "The previous day, a missile strike in the city killed 13", "A day later, another strike on the
        # city killed a woman": that town's strike of another day, or another strike there
        places = [Mention(previous.location, city_ref.start(), city_ref.end(), previous.place, previous.precision,
                          locative=True)]
    if not places and previous is not None and previous.place.kind == "city" and not previous.fallback and \
            previous.sentence.paragraph >= s.paragraph - 1 and CITY_ANAPHOR.search(text) and \
            (cue or casualties or quantities or no_casualties):
        # "24 houses were damaged in the city": more of the strike on the town just reported
        previous.sentences.append(s)
        _add_figures(previous, casualties, money, quantities, no_casualties, text)
        return
    if not places and (casualties or no_casualties or quantities or cue and topic in VIOLENT_TOPICS):
        # "Kharkiv regional authorities reported three injuries": the figures are that official's region's,
        # unless they tell more of a strike the paragraph has just reported inside it.
        region = _official_region(text, mentions, gz)
        if region is not None and not (same_paragraph and previous is not None and
                                       fold(previous.place.admin1 or previous.place.name) == fold(region.place.name)):
            places = [region]
    if topic in POLICY_TOPICS or topic == "troop_movement":
        places = _policy_places(text, places, topic, gz)
    if topic in ("troop_movement", "arms_transfer") and places and all(_is_capital(p.place, gz) for p in places) \
            and _destination(text, actors, gz) is not None and not _DENIED.search(text):
        places = []   # "Seoul said North Korea sent soldiers to Russia": the destination, not the speaker
    own_money = claims.own_money
    told = told_again(own_money, events, actors) if own_money and \
        all(p.place.kind == "country" for p in places) else None
    if told is not None:
        # "That is why we are allocating an additional DKK 1.6 billion today," the minister said: the
        # package of the first paragraph, told again
        told.sentences.append(s)
        told.sentences.sort(key=lambda x: x.index)
        # "from NOK 75bn to NOK 135bn": the size it had before is listed with the package
        told.money += [m for m in money if not m.conversion and not any(
            m.currency == k.currency and abs(m.value - k.value) <= 0.005 * m.value for k in told.money)]
        ctx.last_batch = [told]
        return
    # "This meeting, scheduled ... in Kazan": the place of the event just before.
    adjacent = previous is not None and previous.sentences[-1].index == s.index - 1
    if topic == "arms_transfer" and previous is not None and previous.topic == "military_aid" and previous.donor and \
            (same_paragraph or adjacent) and not own_money and \
            {p.place.country_iso3 for p in places} | {a.code for a in actors[:1]} <= {previous.donor}:
        # "The package includes ... Additionally, the Pentagon will send artillery shells": the donor's
        # package, told on, not a transfer of its own
        previous.sentences.append(s)
        _add_figures(previous, casualties, money, quantities, no_casualties, text)
        return
    arrived = previous is not None and previous.topic in ("arms_transfer", "military_aid") and \
        _GOODS_ARRIVED.match(text) is not None   # "The missiles arrived at a Russian port on the Caspian Sea"
    if previous is not None and (same_paragraph or adjacent) and (_ANAPHOR.match(text) or arrived) and places and \
            previous.fallback \
            and (topic == previous.topic or topic == "other" or arrived) and previous.topic != "sanctions" and \
            not (topic == "diplomacy" and _NEW_MEETING.search(text)):
        # ("The next meeting of the group will be held in Brussels": another meeting, not where the last was)
        # (sanctions are the imposer's: "The sanctions target ... a plant in Crimea" names a target)
        if places[0].precision != "sea":   # (the sea of an unnamed port only says where it lies)
            _move_to(previous, places[0])
        previous.sentences.append(s)
        _add_figures(previous, casualties, money, quantities, no_casualties, text)
        return
    if previous is not None and (same_paragraph or adjacent) and previous.topic in POLICY_TOPICS and len(places) == 1 \
            and not (money or casualties or quantities) and _ANNOUNCED_IT.search(text) and \
            all(a.code in previous.actors for a in actors) and \
            _POLICY_LOCATIVE.search(text, max(0, places[0].start - 60), places[0].start):
        # "The foreign secretary announced the package in Copenhagen": the measures just told, and where
        if previous.fallback:
            _move_to(previous, places[0])
        previous.sentences.append(s)
        return
    if previous is not None and previous.topic == "sanctions" and (same_paragraph or adjacent) and \
            _ANAPHOR.match(text) and topic in ("sanctions", "other", "diplomacy") and not own_money and not casualties:
        # "The measures target suppliers of drone parts in Russia": the sanctions just told, and what they target;
        # "The package, approved by ministers meeting in Brussels, also lists ...": and where they were adopted
        venue = next((p for p in places if _MEETING_IN.search(text, max(0, p.start - 30), p.start)), None)
        if venue is not None and previous.fallback:
            _move_to(previous, venue)
        previous.sentences.append(s)
        _add_figures(previous, [], [], quantities, (), text)
        return
    if topic in AID_TOPICS | {"sanctions", "other", "diplomacy", "arms_transfer"} and \
            not (quantities or casualties or money) and (_REACTS.search(text) or _REQUEST.search(text)):
        # "Moscow condemned the sanctions as illegal", "Zelensky urged allies to speed up deliveries": a
        # statement about the aid or measures, not the aid
        topic, cue = "diplomacy", True
    if topic == "sanctions" and not (quantities or casualties or money) and _THREAT.search(text):
        topic, cue = "diplomacy", True   # "warned that the transfer would bring new sanctions": a threat, no measure
    condemns = topic in VIOLENT_TOPICS and not (quantities or casualties or money) and _CONDEMNS.search(text) is not None
    if condemns:
        topic, cue = "diplomacy", True   # "The ministry in Damascus condemned the strikes": a statement on them
    if topic in AID_TOPICS and not (casualties or money) and _NEEDS.search(text):
        # "Umerov said Ukraine needed at least 10 more Patriot systems": a request, the counts what is asked for
        topic, cue = "diplomacy", True
    denial = _DENIED.search(text) if not (quantities or casualties or money) else None
    if denial is not None:
        topic, cue = "diplomacy", True   # "Iran's president said it had not transferred any weapons to Russia": a denial
        # (a capital that denies speaks; one in the denied clause, "had sent missiles to Moscow", is none)
        places = [p for p in places if _is_capital(p.place, gz) and p.end <= denial.start() or
                  p.precision == "point" and _POLICY_LOCATIVE.search(text, max(0, p.start - 60), p.start)]
    if not places and not (casualties or money) and previous is not None and (same_paragraph or adjacent) and (
            previous.place.kind == "sea" or previous.topic == "maritime_security") and \
            topic in VIOLENT_TOPICS | {"maritime_security"} and _MERCHANT_SHIP.search(text) and \
            not _NEW_INCIDENT.search(text):
        # "The Houthis said they fired missiles at a ship in the Red Sea. / The British agency UKMTO said a vessel
        # reported an explosion nearby": the ship's attack told on by whoever reports it, no statement of its own
        previous.sentences.append(s)
        _add_figures(previous, casualties, money, quantities, no_casualties, text)
        _maybe_date(previous, s, ctx, direction)
        return
    # A statement of a state ("US President Joe Biden blamed Russia", "Putin warned") that states no figures
    # of its own is that state's diplomacy, not more of the strike before it.
    speaker = None
    speaking = ""   # the state of a statement the sentence makes
    if not places and not casualties and not money and not quantities and topic in ("attack", "combat", "other", "diplomacy"):
        speaker = statement_speaker(text, actors)
        verb = statement_verb(text)
        # (or, in the next paragraph, the state struck: "The Israeli military said the missile was intercepted")
        if speaker is not None and previous is not None and previous.topic in VIOLENT_TOPICS and not condemns and (
                same_paragraph and (_STRIKE_REFERENCE.search(text) or _late_attribution(text, verb, speaker.start))
                or previous.sentences[-1].index == s.index - 1 and speaker.code == previous.place.country_iso3
                and _STRIKE_REFERENCE.search(text)):
            # "The Israeli military said the strike was aimed at militants", "Many were buried in the
            # rubble, the foreign ministry said": about that strike
            speaker = None
        if speaker is not None and previous is not None and previous.topic in VIOLENT_TOPICS and \
                previous.sentences[-1].index == s.index - 1 and _OWN_STRIKE_CLAIMED.search(text):
            # "The Israeli military said it had struck Hezbollah sites": the striker's word on the strikes
            # just told, which it reports (no statement of its own, no strike of its own)
            previous.sentences.append(s)
            return
        site = _site_referent(text, s, events) if topic in VIOLENT_TOPICS else None
        if site is not None:
            # "The army said it had struck militants operating from the school": about the strike on the
            # school told just before (not a statement of its own, nor more of the last strike told)
            site.sentences.append(s)
            return
        if speaker is not None and verb is not None and _HAPPENED.search(text, 0, verb.start()):
            speaker = None   # "Poland shot down drones that entered its airspace, Tusk said": a report of it
        if speaker is None and denial is not None:
            speaker = next((a for a in actors if a.end <= denial.start()), None)   # "Iran denied supplying ..."
        if speaker is None and condemns:
            speaker = state_says(text, actors, gz)   # "Syria condemned the strikes"
        if speaker is not None:
            topic, cue = "diplomacy", True
            speaking = speaker.code
    if speaker is None and not casualties and not money and (not quantities or topic == "diplomacy") and (
            not cue and not (places and _weak_event(text, places))
            or cue and topic in ("attack", "combat", "other", "diplomacy", "arms_transfer", "troop_movement", "maritime_security")):
        statement = _statement_in(text, mentions, actors, places, gz, cue,
                                  follows_strike=same_paragraph and previous.topic in VIOLENT_TOPICS)
        if statement is not None:
            places, speaker = statement
            topic, cue = "diplomacy", True
            speaking = speaker.code if speaker is not None else \
                (places[0].place.country_iso3 if len(places) == 1 else "")

    addressed = _addressed_state(text, actors, gz) if (topic == "diplomacy" and cue or _APPEAL.search(text)) and \
        all(p.precision == "country" for p in places) and not (money or casualties or quantities) else None
    if addressed is not None:
        # "an appeal to the U.S. Congress for more weapons", "Ukraine's envoy urged Indian Prime Minister Modi":
        # a statement, said where the legislature or the leader addressed is
        places, speaker = [Mention(addressed[1], 0, 0, addressed[0], "country")], None
        topic, cue = "diplomacy", True
    if not cue and not places and quantities and previous is not None and (
            same_paragraph or _next_to(previous, s, ctx)):
        # "Representatives of 81 countries took part", or a list's line under "Delegates came from:":
        # counts that tell more of the event before
        cue = adjacent = True
    if not cue and not places:
        return
    if places and _told_again(text, places, topic, casualties, previous, s):
        # "Five were killed after shelling hit the city of X. X's governor said 46 were injured in the
        # shelling": the same strike, its figures completed
        previous.sentences.append(s)
        updated = {c.kind for c in casualties if c.update}   # "rose to three after a man died": the three
        _add_figures(previous, [c for c in casualties if c.update or c.kind not in updated], money, quantities,
                     no_casualties, text)
        return
    if places and topic == "diplomacy" and previous is not None and previous.topic == "diplomacy" and \
            same_paragraph and previous.sentences[-1].index == s.index - 1 and len(places) == 1 and \
            (not previous.fallback and places[0].place == previous.place or previous.fallback and
             previous.place.kind == "country" and fold(places[0].text) in _SEATS_FOLDED and
             places[0].place.country_iso3 == previous.place.country_iso3) and \
            not (casualties or money or quantities) and not D.find_dates(text) and not _NEW_MEETING.search(text) and \
            statement_verb(text) is not None:
        # "The Kremlin said it was studying the offer. Kremlin spokesman X told reporters that ...": the
        # same seat's statement, told on (a seat that does something else, "Tokyo also called in a
        # Russian diplomat", does it on its own); so is the seat's word after its state's ("Russia's defence
        # ministry claimed ... Kremlin spokesman X said")
        previous.sentences.append(s)
        return
    if not cue and places:
        if not _weak_event(text, places):
            return
        if topic == "other":
            topic = "attack"  # "a house was damaged in village X", "explosions in Y": what a strike leaves
    if places and topic in VIOLENT_TOPICS and _SAY_NOW.search(text) and not (
            casualties or quantities or no_casualties or money or D.find_dates(text) or _CONCRETE_HIT.search(text)
            or _WEAK_HIT.search(text)):
        return   # "The Houthis say their attacks are in solidarity with Palestinians in Gaza": a motive, no strike

    if not places:
        # No place of its own: the figures and words continue the event before it.
        near = same_paragraph or adjacent
        package = is_package_part(text, own_money, events)
        # "The administration also added 123 entities to its export control list": a measure of its own
        another_measure = topic == "sanctions" and bool(quantities) and _ANOTHER_MEASURE.search(text) is not None
        if _continues(claims, topic, previous, speaker, near, same_paragraph, package, another_measure, ctx):
            if heading_alone(previous):
                # the lead tells the event its headline announced: "UN appeals for $4bn", then "an appeal for
                # $4.2 billion to help 21 million people": the lead's figure and the lead's topic
                if own_money:
                    previous.own_money = own_money[0]
                if topic != "other" and topic_scores(text)[topic] > topic_scores(previous.sentence.text)[previous.topic]:
                    previous.topic = topic
            previous.sentences.append(s)
            _add_figures(previous, casualties, money, quantities, no_casualties, text)
            if no_casualties and previous in ctx.last_batch:
                for ev in ctx.last_batch:  # "Explosions in A and B. No casualties were reported.": both
                    _zero(ev, no_casualties)
            _maybe_date(previous, s, ctx, direction)
            part_of_statement(previous, text, money)
            if not package:
                return
            # "This is part of a broader US$50 billion loan program": the package is an event too.
            money = own_money
            casualties, quantities, no_casualties = [], [], ()
        if _TREND.search(text) and not (casualties or money or quantities or no_casualties):
            return  # "North Korea has been shaping up as Russia's leading supplier": a trend, no event
        if topic in VIOLENT_TOPICS and not (casualties or quantities or no_casualties or D.find_dates(text)
                                             or _CONCRETE_HIT.search(text) or target_country(text, actors, gz)):
            return  # "Ukraine uses them to guard against missile attacks": no incident
        if topic in VIOLENT_TOPICS and not (casualties or quantities or no_casualties) and _SINCE_WAR.search(text):
            return  # "Tens of thousands have been killed on both sides since Russia invaded": the war's toll
        region = _region_told(text, topic, previous, near, ctx) if speaker is None else None
        venue = next((e for e in reversed(events) if e.topic == "diplomacy" and e.place.kind == "city" and
                      not e.fallback), None) if topic == "diplomacy" and _SIDELINES.search(text) else None
        # ("On the sidelines, A met B": the summit's city, not A's country)
        fallback = (venue.place, venue.location) if venue is not None else \
            (region, region.name) if region is not None else \
            _fallback_place(text, topic, actors, ctx) if speaker is None else \
            country_place(gz, speaker.code, None if speaker.demonym else speaker.text)
        inherited = None
        if fallback is None:
            fallback, inherited = inherited_donor(own_money, money, topic, near, previous, events, actors, gz)
        if fallback is None:
            return
        place, label = fallback
        if previous is not None and previous.fallback and previous.place == place and previous.topic == topic \
                and not money and not casualties and not _RUNNING_TOTAL.match(text) and not another_measure \
                and not _another_day(s, previous, ctx, direction):
            previous.sentences.append(s)
            _add_figures(previous, casualties, money, quantities, no_casualties, text)
            _maybe_date(previous, s, ctx, direction)   # a headline's event takes the day its lead gives
            return
        tally = next((e for e in reversed(events[-_TALLY_REACH:]) if e.fallback and e.place == place and e.topic == topic
                      and topic in VIOLENT_TOPICS and e.killed is None and e.injured is None), None)
        if tally is not None and quantities and not casualties and not money:
            # A roundup's nationwide tally told in two places ("downed 31 of 48 drones ... also fired three
            # missiles"): one event of the country.
            tally.sentences.append(s)
            _add_figures(tally, casualties, money, quantities, no_casualties, text)
            return
        # the event a donorless figure continues may be at a town ("The package also allocates ...")
        precision = venue.precision if venue is not None else "admin1" if region is not None else \
            inherited.precision if inherited is not None and inherited.place == place else "country"
        places = [Mention(label, 0, 0, place, precision, locative=False)]
        fallback_used = True
    else:
        fallback_used = False
        inherited = None

    # The claims as the reading above settled them, placed: one event per place or figure.
    claims.topic, claims.money, claims.casualties = topic, money, casualties
    claims.quantities, claims.no_casualties = quantities, no_casualties
    _place_claims(s, claims, places, mentions, ctx, events, previous, fallback_used, inherited, speaking)


def _continues(claims: _Claims, topic: str, previous: Event | None, speaker: ActorMention | None, near: bool,
               same_paragraph: bool, package: bool, another_measure: bool, ctx: _Ctx) -> bool:
    """Whether a sentence that names no place of its own tells more of the event before it (its
    figures, its words), rather than an event of its own that is placed at a country."""
    text, casualties, no_casualties, quantities = claims.text, claims.casualties, claims.no_casualties, claims.quantities
    money, own_money, actors, gz = claims.money, claims.own_money, claims.actors, ctx.gz
    bodies, direction = claims.bodies, claims.direction
    fresh = max(topic_scores(_without(text, casualties)).values()) >= 3
    # Figures with no place of their own, right after a strike, tell more of that strike ("Three people
    # were killed, and one more suffered injuries"), unless the text says it is another one.
    # (a ship struck at sea is maritime: "No crew members were hurt" tells more of it too)
    tells_more = previous is not None and (same_paragraph or near and casualties) and \
        previous.topic in VIOLENT_TOPICS | {"other", "maritime_security"} and \
        topic in VIOLENT_TOPICS | {"other", "maritime_security"} and bool(casualties or no_casualties or quantities) \
        and not _NEW_INCIDENT.search(text)
    # "Russian attacks damaged 12 houses" right after a region's strikes, naming no place or country:
    # more of what the region's governor reports, however many strike words it has
    more_of_strike = previous is not None and near and previous.topic in VIOLENT_TOPICS and \
        previous.place.kind == "admin1" and not previous.missing and \
        topic in VIOLENT_TOPICS | {"other"} and not _NEW_INCIDENT.search(text) and not money and \
        not previous.fallback and not _AIR_TALLY.search(text) and target_country(text, actors, gz) is None
    # "Guterres held talks with Erdogan ... Guterres also described ...": more of what a party said there
    said_also = speaker is not None and previous is not None and near and previous.topic == "diplomacy" and \
        speaker.code in previous.actors and _ALSO.search(text) is not None
    # "Of that sum, $1bn will go to humanitarian aid": shares of the package just told
    share = share_of(text, own_money, previous)
    # "The Houthis said they targeted a carrier in the Red Sea. The UKMTO agency said a vessel reported an
    # explosion": a ship at sea told on in its paragraph, by whoever reports it
    at_sea = previous is not None and same_paragraph and (previous.place.kind == "sea" or
                                                         previous.topic == "maritime_security") and \
        topic in VIOLENT_TOPICS | {"maritime_security"} and not _NEW_INCIDENT.search(text)
    # "The UK is set to announce a major artillery package ... He will announce Britain's intention to supply
    # ammunition under a GBP 250m contract": the figure of the package just announced without one
    figure_of_package = previous is not None and near and previous.topic in AID_TOPICS and previous.own_money is None \
        and not previous.money and bool(own_money) and topic in AID_TOPICS | {"arms_transfer"} and \
        donor_for(text, actors, own_money[0].start) in previous.actors
    # "In addition, Aid Package 12 also allocates another EUR 30m": more that the package just told gives
    gives = previous is not None and near and previous.topic in AID_TOPICS and bool(own_money) and \
        package_gives(text, own_money, previous)
    linked = previous is not None and (
        _ANAPHOR.match(text) or _DEFINITE.search(text) or _PRONOUN.match(text) or (near and not fresh) or tells_more
        or more_of_strike or said_also or share or at_sea or figure_of_package or gives)
    room = previous is not None and (tells_more or all(getattr(previous, c.kind) is None for c in casualties))
    if casualties and _EARLIER_DAY.match(text):
        linked = False  # "A day earlier, missiles ... killed 11": another day's strikes, not more of these
    launched = _LAUNCHED_AT.search(text) if quantities and not casualties else None
    if launched is not None and previous is not None and previous.place.kind != "country" and \
            topic in VIOLENT_TOPICS and (launched.group("at") == "country" or
                                         target_country(text, actors, gz) is not None):
        linked = False  # "Russia launched 86 drones at Ukraine overnight": the country's tally, no town's strike
    if quantities and not casualties and previous is not None and previous.place.kind != "country" and \
            topic in VIOLENT_TOPICS and (_AIR_TALLY.search(text) or _DOWNED.search(text)) and \
            (_LAUNCH_WORD.search(text) or _OVER_REGIONS.search(text)) and \
            not CITY_ANAPHOR.search(text) and not _REGION_ANAPHOR.search(text):
        # "the air force shot down 41 of the 58 drones Russia launched", "downed 45 drones over five
        # regions", "over its territory": the nationwide tally
        linked = False
    if quantities and not casualties and previous is not None and previous.topic in VIOLENT_TOPICS and \
            _SINCE_TIME.search(text):
        linked = False  # "more than 350,000 people have been displaced since January": a running count, no strike's
    if bodies and previous is not None and previous.topic != "other":
        linked = False  # "The bodies of 1,000 soldiers were repatriated": bodies returned, an event of their own
    if casualties and previous is not None and previous.topic in POLICY_TOPICS and not same_paragraph:
        linked = False  # deaths in a paragraph of their own after a statement or a pledge: an incident of their own
    if linked and own_money and not share and another_package(text, own_money, previous, package, ctx.published,
                                                              direction):
        linked = False
    if speaker is not None and previous is not None and (
            previous.topic != "diplomacy" or (speaker.code != previous.speaker if previous.speaker else
                                              speaker.code not in previous.actors + [previous.place.country_iso3])):
        linked = False  # another state speaking is another statement (one spoken of before is no speaker)
    if linked and topic in AID_TOPICS | {"sanctions"} and previous.topic in VIOLENT_TOPICS and \
            topic_scores(text)[topic] >= 2.5 and \
            acting_party(text, actors, topic) is not None:
        linked = False  # "The bombardments followed announcements by A of plans to ship tanks": A's aid, no strike
    if another_measure:   # "The administration also added 123 entities to its export control list"
        linked = False
    if linked and not casualties and heading_alone(previous) and \
            not same_paragraph and previous.place.kind == "country":
        # "Japan and South Korea summon Russian envoys" over "South Korea summoned the ambassador, ...": the
        # lead tells the event itself, placed by its own words; the headline folds into it afterwards
        linked = False
    if topic == "other" and actors and _AIRSPACE.search(text) and previous is not None and \
            previous.topic in VIOLENT_TOPICS:
        linked = False   # "Poland scrambled jets during the attack": the neighbour's own event, not more of the strike
    # (a new paragraph that speaks of "the vessel" just told is no new state's act)
    refers = bool(_ANAPHOR.match(text) or _DEFINITE.search(text) or _PRONOUN.match(text))
    return linked and room and (share or not _new_actor_event(text, actors, previous, same_paragraph or refers))


def _place_claims(s: Sentence, claims: _Claims, places: list[Mention], mentions: list[Mention], ctx: _Ctx,
                  events: list[Event], previous: Event | None, fallback_used: bool, inherited: Event | None,
                  speaking: str) -> None:
    """Turn a sentence's claims into events: one per place (or per donor's figure), each figure given to
    the place whose clause states it, and the new events appended to ``events``."""
    text, gz = s.text, ctx.gz
    casualties, no_casualties, money, own_money = claims.casualties, claims.no_casualties, claims.money, claims.own_money
    quantities, actors, direction, topic = claims.quantities, claims.actors, claims.direction, claims.topic
    # Money: several aid figures in one sentence are several events (one per donor or package).
    own = package_figures(text, own_money)
    bounds = clause_bounds(text, casualties)
    new: list[Event] = []
    if len(own) > 1 and len(places) == 1:
        for i, fig in enumerate(own):
            k = clause_of(fig.start, bounds)
            clause = text[bounds[k]:bounds[k + 1]]
            segment_end = own[i + 1].start if i + 1 < len(own) else len(text)
            # "$800m in humanitarian aid and $200m for the security forces": a figure's own words first
            words = text[fig.start:min(segment_end, bounds[k + 1])]
            fig_topic = classify(words, money=True, fallback="")
            fig_topic = aid_kind(words, fig_topic) if fig_topic in AID_TOPICS else \
                aid_kind(clause, classify(clause, money=True, fallback=topic))
            # "..., and Denmark said it would finance howitzers worth DKK 1.1bn": the words from its
            # donor's name to the figure say what it buys when the words after it do not
            donor_start = max((a.start for a in actors if a.end <= fig.start), default=0)
            lead = text[max(donor_start, own[i - 1].end if i else 0):fig.start]
            if fig_topic == "financial_aid" and not MILITARY_SPECIFIC.search(words) and MILITARY_SPECIFIC.search(lead):
                fig_topic = "military_aid"
            ev = _new_event(s, places[0], fig_topic, fallback_used, direction, ctx, actors)
            ev.money = [m for m in money if fig.start <= m.start < segment_end]
            ev.own_money = fig
            donor_actor = donor_for(text, actors, fig.start)
            # "A allocated EUR350m, and B announced C$500m": B's figure is at B, the state its clause names
            national = places[0].place.kind == "country"
            if donor_actor and (i > 0 and (fallback_used or national) or fallback_used and national) and \
                    ";" not in donor_actor and donor_actor != places[0].place.country_iso3:
                written = next((a.text for a in actors if a.code == donor_actor and not a.demonym), None)
                place_label = country_place(gz, donor_actor, written)
                if place_label:
                    ev.place, ev.location = place_label
            new.append(ev)
        if new:
            new[0].money = money[: money.index(own[1])] if own[1] in money else money
    else:
        for p in places:
            local = _local_topic(text, p, bounds, topic) if len(places) > 1 or p.precision == "sea" else topic
            if own:
                # a package told with its shares is what the words before them say ("$175bn in assistance,
                # including $70bn worth of arms": financial, the arms a share)
                share = first_share(text, own[0], money)
                words = text[:share.start] if share is not None else text
                local = aid_kind(words, classify(words, money=True, fallback=local) if share is not None else local)
            ev = _new_event(s, p, local, fallback_used, direction, ctx, actors)
            ev.money = list(money)
            ev.own_money = own[0] if own else None
            new.append(ev)
    # Casualties to the place whose clause states them.
    for c in casualties:
        if c.each_after and not c.each:   # "one each in A, B and C": the places listed after the count
            after = [(ev, p) for ev, p in zip(new, places) if p.start >= c.end and
                     clause_of(p.start, bounds) == clause_of(c.start, bounds)]
            for ev, p in after:
                if getattr(ev, c.kind) is None:
                    setattr(ev, c.kind, c.count)
            if after:
                continue
        if c.each:  # "A, B and C came under fire, each reporting one dead": the count holds for each
            listed = [(ev, p) for ev, p in zip(new, places) if p.end <= c.start]
            if any(p.place.kind != "admin1" for _, p in listed):  # "four villages in X Oblast, A, B...": not X
                listed = [(ev, p) for ev, p in listed if p.place.kind != "admin1"]
            for ev, p in listed:
                if getattr(ev, c.kind) is None:
                    setattr(ev, c.kind, c.count)
            continue
        target = _casualty_target(c, new, places, bounds, text)
        if target is None and not new and previous is not None:
            target = previous
        if target is not None and (getattr(target, c.kind) is None or c.update):
            setattr(target, c.kind, c.count)
    for ev in new:
        _zero(ev, no_casualties)
    examples = _EXAMPLES.search(text) if topic in VIOLENT_TOPICS and quantities and new else None
    if examples is not None and all(p.start > examples.start() for p in places) and \
            len({p.place.country_iso3 for p in places}) == 1 and any(q.start < examples.start() for q in quantities):
        # "destroyed 87 drones over several regions, including the Bryansk and Moscow regions": the count
        # is the country's, the regions only examples of where
        country = country_place(gz, places[0].place.country_iso3)
        if country is not None:
            whole = _new_event(s, Mention(country[1], 0, 0, country[0], "country"), topic, True, direction, ctx, actors)
            whole.quantities = [q for q in quantities if q.start < examples.start()]
            _zero(whole, no_casualties)
            quantities = [q for q in quantities if q.start >= examples.start()]
            if len(whole.quantities) == 1:
                for share, p in _shares_of(text, whole.quantities[0], places, examples.start()):
                    next(ev for ev, at in zip(new, places) if at is p).quantities.append(share)
            new.insert(0, whole)
            places = [Mention(country[1], 0, 0, country[0], "country")] + list(places)
    region_event = None
    for q in quantities:
        target = _clause_target(q.start, new, places, bounds) or (new[0] if new else None)
        region = _region_of_clause(text, q.start, bounds, mentions, places, gz) if target is not None and \
            target.topic in VIOLENT_TOPICS and target.place.kind == "city" else None
        if region is not None and fold(target.place.admin1) == fold(region.place.name):
            # "a strike on the city of X, ..., adding that one drone was shot down over his region": the
            # region's own count, an event of the region's
            if region_event is None:
                region_event = _new_event(s, region, target.topic, False, direction, ctx, actors)
                new.append(region_event)
            target = region_event
        if target is not None:
            target.quantities.append(q)
    for ev in new:
        if ev.topic == "diplomacy" and speaking:
            ev.speaker = speaking
        if ev.topic in POLICY_TOPICS:  # a pledge or a statement that cites deaths is not the strike
            ev.killed = ev.injured = None
        fill_aid_fields(ev, text, actors, ctx.gz)
        if ev.topic in AID_TOPICS and ev.place.kind == "city" and _is_capital(ev.place, gz) and \
                ev.location in text and _GOVERNMENT_GIVES.match(text, text.index(ev.location) + len(ev.location)):
            ev.donor = ev.place.country_iso3   # "Berlin has pledged to supply Kyiv": the capital's state gives
        if ev.topic in ("arms_transfer", "troop_movement") and not ev.recipient and ev.place.kind == "country" and \
                ev.place.country_iso3 != ev.donor and _destination(text, actors, gz) is not None:
            ev.recipient = ev.place.country_iso3   # the destination it was placed at receives it
        if inherited is not None:
            ev.donor = ev.donor or inherited.donor
            ev.recipient = ev.recipient or inherited.recipient
            ev.actors = ev.actors or list(inherited.actors)
        part_of_statement(ev, text, money, own_sentence=True)
    new = [part for ev in new for part in _per_donor(ev, gz)]
    if topic in AID_TOPICS and fallback_used and len(bounds) > 2 and quantities:
        new += _clause_donors(s, bounds, new, actors, ctx, direction)
    if len(new) == 1 and casualties and new[0].topic in VIOLENT_TOPICS:
        other_day = _clause_day(text, bounds, casualties, new[0], ctx, direction)
        if other_day is not None:
            # "Two drones were destroyed early on June 27, ..., adding that shelling the previous day killed
            # one civilian": the figures are another day's strike at that place
            ev = new[0]
            k = clause_of(casualties[0].start, bounds)
            counts = [q for q in ev.quantities if clause_of(q.start, bounds) == k]
            new.append(replace(ev, date=other_day, date_is_report=False, quantities=counts, sentences=[s],
                               actors=list(ev.actors), money=[]))
            ev.killed = ev.injured = None
            ev.quantities = [q for q in ev.quantities if q not in counts]
    said = _AND_SAID.search(text, own[-1].end) if own and len(new) == 1 and new[0].topic in AID_TOPICS else None
    if said is not None and not _SAID_OF_AID.search(text, said.end()):
        # "Biden announced $800 million for Ukraine's army and said Putin is a war criminal": the pledge, and
        # a statement of the same state
        new.append(_beside(new[0], s, speaker=new[0].place.country_iso3))
    meeting = _MEETING_CLAUSE.search(text) if len(new) == 1 and new[0].topic in AID_TOPICS and \
        new[0].place.kind != "country" else None
    if meeting is not None and meeting.start() > (own[0].end if own else 0):
        # "The UK is set to announce an artillery package as its prime minister prepares to meet his Nordic
        # counterparts in Riga": the pledge, and the meeting where it is made
        new.append(_beside(new[0], s))
    events.extend(new)
    if new:
        ctx.last_batch = new


def _beside(ev: Event, s: Sentence, speaker: str = "") -> Event:
    """A statement or meeting the sentence tells beside a pledge: the pledge's place, parties and day, no figures."""
    return replace(ev, topic="diplomacy", money=[], own_money=None, quantities=[], donor="", recipient="", aid_type="",
                   part_of="", part_of_label="", sentences=[s], actors=list(ev.actors), speaker=speaker or ev.speaker)


# "as X prepares to meet his counterparts", "while the ministers met": a meeting the clause tells beside a pledge
_MEETING_CLAUSE = re.compile(r"\b(?:as|while|when|before|after)\s+(?:[\w\u2019'\-]+\s+){1,8}?(?:prepares?\s+to\s+meet|"
                             r"(?:is|are|was|were)\s+(?:due|set)\s+to\s+meet|met|meets|meeting|held talks|hosts?|hosted)\b")
_DAY_BEFORE = re.compile(r"\b(?:the (?:previous|preceding) day|the day before|a day (?:earlier|before))\b", re.I)


def _clause_day(text, bounds, casualties, ev: Event, ctx: _Ctx, direction: str) -> D.ResolvedDate | None:
    """The day of the clause that states all the sentence's casualties, when it is another day than the
    one the sentence's first clause gives its event."""
    k = clause_of(casualties[0].start, bounds)
    if k == 0 or any(clause_of(c.start, bounds) != k for c in casualties) or ev.date is None or \
            ev.date.precision != "day" or ev.date.method not in ("explicit", "relative"):
        return None
    head = [m for m in D.find_dates(text) if m.start < bounds[k]]
    if not head:
        return None
    before = _DAY_BEFORE.search(text, bounds[k], bounds[k + 1])
    if before is not None:   # "the previous day": the day before the one the sentence names
        day = ev.date.start - dt.timedelta(days=1)
        return D.ResolvedDate(day, day, "day", "relative", before.group(0))
    own = [m for m in D.find_dates(text) if bounds[k] <= m.start < bounds[k + 1]]
    if not own:
        return None
    day = D.resolve(own[0], ctx.published, direction)
    if day is None or day.precision != "day" or day.start == ev.date.start:
        return None
    return day


_ALSO = re.compile(r"\b(?:also|further|additionally)\b")
# "also added 123 entities", "separately designated 12 officials": a measure of its own
_ANOTHER_MEASURE = re.compile(r"\b(?:also|separately)\s+(?:added|imposed|designated|blacklisted|sanctioned|listed|banned|froze)\b")
_AND_SAID = re.compile(r",?\s+and\s+(?:also\s+)?(?:said|called|warned|accused|urged|described|condemned|vowed)\b")
_SAID_OF_AID = re.compile(r"\b(?:aid|package|funds?|funding|money|weapons|assistance|loan|support)\b", re.I)


# the state that opens a clause and acts in it: "Britain said it would send", ", and Norway pledged"
_CLAUSE_OPENER = re.compile(r"(?:[,;]\s*)?(?:(?:and|while|whereas|but)\s+)?(?:the\s+)?$")
_ACTS_AFTER = re.compile(r"\s+(?:(?:also|has|have|had|will|would|is|was|then)\s+)*(?:said|says|pledged|promised|"
                         r"announced|will|would|sent|sends|offered|committed|delivered|provided|is\s+to|plans?)\b")


def _clause_donors(s: Sentence, bounds: list[int], new: list[Event], actors: list[ActorMention], ctx: _Ctx,
                   direction: str) -> list[Event]:
    """"Britain said it would send 100,000 drones this year, and Norway pledged NOK 1.2 billion": the
    counts of a clause whose opening state gives nothing else the sentence tells are that state's
    pledge, an event at it, not more of the other state's."""
    text, out = s.text, []
    for k in range(len(bounds) - 1):
        a, b = bounds[k], bounds[k + 1]
        opener = next((x for x in actors if a <= x.start < b and not x.demonym and
                       _CLAUSE_OPENER.fullmatch(text, a, x.start) and _ACTS_AFTER.match(text, x.end)), None)
        holder = next((ev for ev in new if any(a <= q.start < b for q in ev.quantities)), None)
        if opener is None or holder is None or opener.code in holder.donor.split(";") or \
                holder.own_money is not None and a <= holder.own_money.start < b:
            continue
        place = country_place(ctx.gz, opener.code, opener.text)
        if place is None:
            continue
        mine = [q for q in holder.quantities if a <= q.start < b]
        holder.quantities = [q for q in holder.quantities if q not in mine]
        ev = _new_event(s, Mention(place[1], 0, 0, place[0], "country"), holder.topic, True, direction, ctx, actors)
        ev.quantities, ev.donor, ev.recipient = mine, opener.code, holder.recipient
        ev.aid_type = holder.aid_type
        out.append(ev)
    return out


def _per_donor(ev: Event, gz: Gazetteer) -> list[Event]:
    """"announcements by the United States and Germany of plans to ship tanks": each state's pledge is an
    event at that state. A figure they give together stays one event with both donors."""
    donors = ev.donor.split(";")
    if len(donors) < 2 or not ev.fallback or ev.own_money is not None or ev.topic not in AID_TOPICS:
        return [ev]
    parts = []
    for code in donors:
        at = country_place(gz, code)
        if at is None:
            return [ev]
        parts.append(replace(ev, place=at[0], location=at[1], donor=code, sentences=list(ev.sentences),
                             actors=list(ev.actors), money=list(ev.money), quantities=list(ev.quantities)))
    return parts


_EXAMPLE_WORDS = r"(?:including|among them|such as)"
# (also "destroyed 57 drones, 23 of them over the Bryansk region": the regions after are shares of the count)
_EXAMPLES = re.compile(r"\b" + _EXAMPLE_WORDS + r"\b|,\s*(?=(?:" + NUMBER + r")\s+of\s+(?:them|which)\s+(?:over|in|above)\b)")
_EXAMPLES_CLAUSE = re.compile(r"[,\s]*" + _EXAMPLE_WORDS + r"\b")   # a clause that opens with them


_FAMILIES = [   # each pattern guarded by its nouns
    (Guarded(re.compile(r"\b(?:the|this|that|its)\s+(?:\w+\s+)?(?:loan|loans|package|funds|funding|money|aid|support|pledge|"
                        r"commitment|assistance)\b", re.I),
             ("loan", "package", "fund", "money", "aid", "support", "pledge", "commitment", "assistance")),
     {"military_aid", "financial_aid", "humanitarian_aid"}),
    (Guarded(re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:attack|attacks|strike|strikes|shelling|barrage|explosions?|"
                        r"assault)\b", re.I), ("attack", "strike", "shelling", "barrage", "explosion", "assault")),
     {"attack", "combat"}),
    (Guarded(re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:meeting|talks|visit|summit|deal|agreement|trip)\b", re.I),
             ("meeting", "talks", "visit", "summit", "deal", "agreement", "trip")), {"diplomacy"}),
]


_HAPPENED = re.compile(_CONCRETE_HIT.pattern[:-3] + r"|captured|seized|took control|taken control|gained control|"
                      r"pushed into|pushed through|broke through|advanced|repelled|liberated|"
                      r"recaptured|entered|arrived|arrive|arrives|arriving|met|visited|sent|supplied|shipped|delivered|transferred|deployed|"
                      r"received|obtained|acquired|"
                      r"foiled|thwarted|seizure|capture)\b", re.I)
_STRICT_LOCATIVE = re.compile(r"\b(?:in|at|near|on|over|into|outside)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_HABITUAL = re.compile(r"\b(?:previously|repeatedly|long|often|always|(?:has|have)\s+(?:\w+\s+)?(?:said|warned|claimed|"
                       r"denied|accused|rejected|insisted|dismissed|called|urged))\b", re.I)
_TREND = re.compile(r"\b(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:shaping up|becoming|emerging|growing|turning into)\b"
                    r"|\b(?:has|have)\s+(?:long\s+)?been\s+(?:a|an|the|one of|among)\s"
                    # a standing position: "food security remains a constant priority", "continues to call for"
                    r"|\b(?:remains?|remained)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:priority|concern|goal|focus)\b"
                    r"|\b(?:continues?|continued)\s+to\s+(?:call|press|push|urge|insist|demand|oppose|seek)\b"
                    # a supply going on, no figure: "Norway has been providing support to Ukraine since 2022"
                    r"|\b(?:has|have)\s+been\s+(?:providing|supplying|sending|giving|supporting|helping|funding)\b",
                    re.I)
_INTENT = re.compile(r"\b(?:ready to|willing to|agreed to|agree to|pause|halt|moratorium|ceasefire|truce)\b", re.I)
_SUBJECT_VERB = re.compile(r"\s+(?:was|is|were|are|has|had|have|will|would)\b")
_SPOKESMAN = re.compile(r"\s+(?:spokes(?:man|woman|person)|press secretary|press service|said|says|has|had)\b", re.I)


_OFFICIAL_AFTER = re.compile(
    r"\s+(?:Oblast\s+|oblast\s+|Region\s+|region\s+|Regional\s+|regional\s+|Province\s+|province\s+|"
    r"Provincial\s+|provincial\s+)(?:Military\s+|military\s+|State\s+|state\s+)?(?:Governor|governor|head|Head|"
    r"authorities|Administration|administration|chief|council|Council|police|Police|officials)\b")


# "the governor of Rostov region", "the head of the Kursk region"
_OFFICIAL_BEFORE = re.compile(r"\b(?:[Gg]overnor|head|[Hh]ead|chief|administration|authorities)\s+of\s+(?:the\s+)?$")
_CITY_OFFICIAL_AFTER = re.compile(r"\s+(?:city\s+)?(?:[Mm]ayor|city council|city authorities|city administration|"
                                  r"City Military Administration)\b")
_CITY_OFFICIAL_BEFORE = re.compile(r"\b(?:[Mm]ayor)\s+of\s+(?:the\s+city\s+of\s+)?$")


def _official_region(text: str, mentions: list[Mention], gz: Gazetteer) -> Mention | None:
    """The region whose official the sentence quotes ("The Kyiv regional head said", "Kharkiv Oblast
    Governor Oleh Syniehubov reported"), as that region."""
    for m in mentions:
        if m.role != "context":
            continue
        if m.place.kind == "city" and (_CITY_OFFICIAL_AFTER.match(text, m.end) or
                                       _CITY_OFFICIAL_BEFORE.search(text, max(0, m.start - 40), m.start)):
            return replace(m, role="event")   # "The Moscow mayor said 13 drones were downed": the city's
        if not (_OFFICIAL_AFTER.match(text, m.end) or _OFFICIAL_BEFORE.search(text, max(0, m.start - 40), m.start)):
            continue
        unit = m.place if m.place.kind == "admin1" else gz.admin1(f"{m.text} region", m.place.country_iso3 or None)
        if unit is not None:
            label = m.text if m.place.kind == "admin1" else unit.name
            return replace(m, text=label, place=unit, precision="admin1", role="event")
    return None


def _late_attribution(text: str, verb: re.Match | None, subject_start: int) -> bool:
    """The speaking comes late, after a comma ("Many were trapped, the ministry said"): a report."""
    return verb is not None and "," in text[:subject_start] and verb.start() > 0.4 * len(text)


# "an urgent appeal to the U.S. Congress", "addressed the German Bundestag": a state's legislature spoken to;
# "Ukraine's envoy urged Indian Prime Minister Modi": an envoy speaks where he is posted
_TO_LEGISLATURE = re.compile(r"\b(?:to|addressed|addresses|addressing|before)\s+(?:the\s+)?(?P<state>[A-Z][\w.]*(?:\s[A-Z]\w+)?)"
                             r"\s+(?:Congress|[Pp]arliament|Bundestag|Knesset|Senate|House of Commons|lawmakers|legislators)\b")
_ENVOY_URGED = re.compile(r"\b(?:envoy|ambassador)\s+(?:[\w,]+\s+){0,3}?(?:urged|asked|appealed to|called on|pressed)\s+"
                          r"(?P<state>[A-Z]\w+)\s+(?:Prime Minister|President|Chancellor|leader|government|authorities)\b")


_APPEAL = re.compile(r"\b(?:appeal(?:s|ed)?|speech|address(?:ed|es)?|plea|urged|asked)\b")


def _addressed_state(text: str, actors: list[ActorMention], gz: Gazetteer) -> tuple[Place, str] | None:
    """The state whose legislature a statement is addressed to, or whose leader an envoy urges."""
    m = _TO_LEGISLATURE.search(text) or _ENVOY_URGED.search(text)
    state = next((a for a in actors if m is not None and a.start == m.start("state")), None)
    if state is None or gz.country_by_iso3(state.code) is None:
        return None
    return country_place(gz, state.code, None if state.demonym else state.text)


def _statement_in(text, mentions, actors, places, gz, cue=False, follows_strike=False):
    """A sentence that reports a state speaking and nothing happening: the statement is the event.
    "The White House said", "Moscow ... accused": at the seat that speaks. "Ukrainian President
    Zelensky said ... that the pressure on Tehran must grow": at the speaker's state (or where he
    spoke: "said in Kyiv"); the places he spoke of are not where anything happened.
    Returns (places, speaker) or None."""
    verb = statement_verb(text) or _REACTS.search(text)   # "The Kremlin called the sanctions unlawful"
    if verb is None or _HAPPENED.search(text, 0, verb.start()):
        return None   # "Russia struck Kyiv, Zelensky said": the strike is the event
    trailing = len(text) - verb.end() < 40 and "," in text[max(0, verb.start() - 80):verb.start()]
    if follows_strike and _late_attribution(text, verb, verb.start()):
        return None   # "Many were buried in the rubble, the ministry said": a report of the strike before
    intent = _INTENT.search(text) is not None   # "Kyiv was ready to pause attacks": no attack happened
    happened = _happened_after(text, verb.end())
    # "Guterres also described freedom of navigation in the Black Sea as vital": a leader opening the sentence
    # speaks of a place; nothing happened there
    opener = not happened and (_LEADER.match(text) is not None or any(
        a.start <= 4 and not a.demonym for a in actors[:1]) and high_speaker(text, actors) is not None)
    if cue and (trailing and not intent or happened or not opener and any(
            _STRICT_LOCATIVE.search(text, max(0, p.start - 40), p.start) and fold(p.text) not in _SEATS_FOLDED
            for p in places)):
        return None   # "Zelensky said missiles struck a hospital in Kharkiv": the report folds into the strike
    if _HABITUAL.search(text, max(0, verb.start() - 40), verb.end()):
        return None   # "Kyiv and Washington have previously said": a standing position, no event
    seat = next((m for m in mentions if m.end <= verb.start() and m.role in ("event", "source", "context")
                 and (fold(m.text) in _SEATS_FOLDED or _is_capital(m.place, gz))
                 and (verb.start() - m.end <= 30 or _SPOKESMAN.match(text, m.end)
                      or m.start <= 4 and _SUBJECT_VERB.match(text, m.end))), None)
    if seat is not None:
        return [replace(seat, role="event")], None
    # (a state saying what happened, "Romania says drones violated its airspace", reports it)
    speaker = high_speaker(text, actors) or (state_says(text, actors, gz) if not cue else None)
    if speaker is None:
        # "a deputy secretary at the Pentagon said": the seat of the speaker's title stands for its state
        titled = next((m for m in mentions if m.role == "actor" and fold(m.text) in _SEATS_FOLDED
                       and m.end <= verb.start()), None)
        state = country_place(gz, titled.place.country_iso3) if titled is not None else None
        return ([Mention(state[1], 0, 0, state[0], "country")], None) if state is not None else None
    host = _HOSTED.match(verb.group(0)) is not None   # "welcomed Russian President Putin to Beijing": the venue
    opening = [p for p in places if p.end <= speaker.start and _OPENING_LOCATIVE.fullmatch(text, 0, p.start)
               and text.startswith(",", p.end)]
    if opening:
        return opening[:1], None   # "In Kyiv, President Zelensky welcomed the move": where he spoke
    venue = [p for p in places if p.start >= verb.end()
             and re.fullmatch(r"\s+(?:[\w\-]+\s+){0,5}?(?:in|at|to)\s+(?:the\s+)?" if host else
                              r"\s+(?:\w+\s+)?(?:in|at|from)\s+(?:the\s+)?", text[verb.end():p.start])] or \
        [p for p in places if p.end <= verb.start() and _SPEAKING_IN.search(text, max(0, p.start - 40), p.start)]
    return venue, (None if venue else speaker)


# "Blinken, speaking in London alongside his counterpart, warned": where the speaker spoke
_SPEAKING_IN = re.compile(r"\b(?:speaking|visiting|during a visit to|on a visit to|at a news conference in)\s+"
                          r"(?:(?:in|at|to)\s+)?(?:the\s+)?$")


_HOSTED = re.compile(r"welcome[ds]$", re.I)   # the statement verbs that receive a guest
_OPENING_LOCATIVE = re.compile(r"\s*(?:In|At|From)\s+(?:the\s+)?")   # a sentence that opens with where it is told
# "said the military does not hit civilians", "denied it had struck the market": nothing happened
_NEGATED = re.compile(r"\b(?:not|never|n[o']t|no longer)\s+(?:\w+\s+)?$", re.I)


def _happened_after(text: str, pos: int) -> bool:
    """What the speaker says happened, after the verb of speaking; a denied happening is none."""
    return any(not _NEGATED.search(text, max(0, m.start() - 24), m.start()) for m in _HAPPENED.finditer(text, pos))


# the sites a strike hits, which a later sentence names again with "the"
_SITE = re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(school|hospital|house|home|building|camp|market|mosque|church|"
                   r"shelter|clinic|bakery|car|vehicle|convoy|checkpoint|depot|factory|warehouse|bridge|station|"
                   r"compound|apartment|block|tent|office|plant)\b", re.I)


def _site_referent(text: str, s: Sentence, events: list[Event]) -> Event | None:
    """The strike of the last two paragraphs whose site the sentence names again ("the school"), when one
    strike alone names it."""
    nouns = {m.group(1).lower() for m in _SITE.finditer(text)}
    if not nouns:
        return None
    named = re.compile(r"\b(?:" + "|".join(sorted(nouns)) + r")s?\b", re.I)
    found = [e for e in events[-6:] if e.topic in VIOLENT_TOPICS and s.paragraph - e.sentences[-1].paragraph <= 2
             and any(named.search(x.text) for x in e.sentences)]
    return found[0] if len(found) == 1 else None


def _referent(text: str, events: list[Event]) -> Event | None:
    """'The support package will also comprise...': the latest event of the kind the phrase names."""
    for pattern, topics in _FAMILIES:
        m = pattern.search(text[:80])
        if m:
            recent = [ev for ev in reversed(events[-6:]) if ev.topic in topics]
            if re.search(r"package|loan", m.group(0), re.I):
                # "the support package": the latest event that has a figure, a package, before a pledge without one
                recent.sort(key=lambda ev: ev.own_money is None)
            return recent[0] if recent else None
    return None


def _without(text: str, spans) -> str:
    for c in sorted(spans, key=lambda c: c.start, reverse=True):
        text = text[:c.start] + " " + text[c.end:]
    return text


def _weak_event(text: str, places: list[Mention]) -> bool:
    """A sentence without topic cues still counts when it says something happened at a place (one it names
    with "in", or opens with as its label: "Sumy Oblast: 98 explosions were reported")."""
    return any(p.locative or p.start <= 2 and text.startswith(":", p.end) for p in places) and any(
        not _NEGATED.search(text, max(0, m.start() - 24), m.start()) for m in _WEAK_HIT.finditer(text))


_SAY_NOW = re.compile(r"\b(?:say|says|insist|insists|argue|argues|maintain|maintains)\b")
_WEAK_HIT = re.compile(r"\b(?:attacked|hit|struck|shelled|targeted|under (?:Russian )?fire|came under|explosions?|blasts?|"
                       r"damaged|destroyed|set (?:on )?fire)\b", re.I)


_GOODS_ARRIVED = re.compile(r"(?:The|These|Those|Its|Their)\s+(?:[\w\-]+\s+){0,2}?(?:shells|missiles|munitions|weapons|"
                            r"ammunition|rockets|drones|systems|tanks|vehicles|jets|howitzers|launchers|shipments?)\s+"
                            r"(?:\w+\s+)?(?:arrived|arrive|were delivered|reached|were unloaded)\b")
_MEETING_IN = re.compile(r"\b(?:meeting|met|gathered|convened|summit)\s+(?:in|at)\s+(?:the\s+)?$")
_POLICY_LOCATIVE = re.compile(
    r"\b(?:in|at|inside|visited|visiting|(?:visit|trip|travels?|travell?ing|travell?ed|journey|arrive[sd]|went|goes|"
    r"flew|flies|came|comes|return(?:s|ed)?|head(?:s|ed)?)\s+to|(?:arrive[sd]|gathered|convened|held)\s+in)\s+"
    r"(?:the\s+)?(?:(?:city|town|port|capital)\s+of\s+)?(?:[\w\-]+\s+)?$", re.I)
_HOSTS = re.compile(r"\b(?:host|hosts|hosting|hosted)\s+(?:[\w,.\-]+\s+){0,4}?(?:troops|soldiers|forces|servicemen)\b")
_TOLD_IN = re.compile(r"\b(?:told|briefed|informed|addressed)\s+(?:[\w\-]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?$")
_DROPPED_OVER = re.compile(r"\b(?:airdrops?|air-?dropped|dropped|parachuted)\b[^.;]{0,40}?\bover\s+(?:the\s+)?$", re.I)
_MOVEMENT_LOCATIVE = re.compile(
    r"\b(?:in|at|into|to|through|via|near|from|toward|towards|outside|around|close to|"
    r"(?:port|city|town|base|region|outskirts)\s+of)\s+(?:the\s+)?"
    r"(?:[\w\-\u2019']+\s+){0,2}$", re.I)   # "arrive in Russia's Kursk region"
_CLAUSE_START = re.compile(r"(?:^|\bthat\s+|[,;:]\s*|\b(?:and|but|while)\s+)(?:(?:So far|Meanwhile|Earlier|Also|Later|Now)\s*,?\s*)?(?:the\s+)?$")


_SANCTION_WORD = re.compile(r"\b(?:sanction\w*|target\w*|blacklist\w*|designat\w*|fr[oe]e?z\w*|ban(?:s|ned)?|"
                            r"restrictions|export controls?|Entity List|price cap)\b", re.I)


def _policy_places(text: str, places: list[Mention], topic: str, gz: Gazetteer) -> list[Mention]:
    """For announcements, talks and transfers the place is where it happened ("in Kyiv", "through the
    port of Najin"), else the capital that acted ("Berlin has pledged"); a place that only receives
    ("to supply Kyiv with") is not the event's place."""
    locative_re = _MOVEMENT_LOCATIVE if topic in ("arms_transfer", "troop_movement") else _POLICY_LOCATIVE
    where, subjects = [], []
    if topic == "sanctions":
        # "sanctions on 81 people and nine firms, including a plant in Crimea": the places after the
        # measure are its targets', not where it was decided
        measure = _SANCTION_WORD.search(text)
        if measure is not None:
            places = [p for p in places if p.end <= measure.start()]
    for p in places:
        before = text[max(0, p.start - 60):p.start]
        if topic != "diplomacy" and _TOLD_IN.search(before):
            continue   # "the spy agency told lawmakers in Seoul": where it was told, not where troops went
        if p.precision == "sea":
            where.append(p)
        elif topic in ("humanitarian_aid", "military_aid", "arms_transfer", "troop_movement") and \
                re.search(r"\b(?:to|into|reached|reaches|entered|enters)\s+(?:the\s+)?(?:\w+\s+of\s+)?$", before) \
                and not _is_capital(p.place, gz) \
                and (topic in ("arms_transfer", "troop_movement") or p.place.kind != "country"):
            # "delivered 200 tonnes of food to Kherson": where the aid arrived ("to supply shells to Ukraine"
            # names the recipient: aid with no place of its own is the donor's)
            where.append(p)
        elif topic == "humanitarian_aid" and _DROPPED_OVER.search(before):
            where.append(p)   # "carried out airdrops of food over Gaza City": where it fell
        elif topic == "arms_transfer" and text.startswith(" with", p.end) and GIVING_OBJECT.search(before):
            where.append(p)   # "Russia has supplied Pyongyang with air defence systems": where they went
        elif GIVING_OBJECT.search(before):
            continue
        elif locative_re.search(before):
            where.append(p)
        elif _CLAUSE_START.search(before):
            subjects.append(p)
    if topic == "diplomacy" and any(p.precision != "sea" for p in where):
        # "met in Ankara and discussed the safety of shipping in the Black Sea": the sea is what was discussed
        where = [p for p in where if p.precision != "sea"]
    return where or subjects[:1]


def _another_day(s: Sentence, previous: Event, ctx: _Ctx, direction: str) -> bool:
    """A paragraph of its own that gives its own day, other than the day of the event before (told
    by more than a headline): another act of the same state ("Zelensky called for air defence. /
    Ukraine and Russia swapped 210 prisoners on Thursday")."""
    if heading_alone(previous) or s.paragraph == previous.sentences[-1].paragraph:
        return False
    day = _stated_day(s.text, ctx, direction)
    return day is not None and (previous.date is None or previous.date.method == "publication" or
                                previous.date.start != day.start)


def _stated_day(text: str, ctx: _Ctx, direction: str) -> D.ResolvedDate | None:
    """The first day the sentence states for what it tells (a calendar or relative day, not the day
    something was reported)."""
    for mention in D.find_dates(text):
        day = None if D.is_report_date(text, mention) else \
            D.resolve(mention, ctx.published, D.direction_at(text, mention, direction))
        if day is not None and day.precision == "day" and day.method in ("explicit", "relative"):
            return day
    return None


_ONGOING = re.compile(r"\b(?:continu\w+|kept|keeps)\b")   # "Israel has continued its attacks": no act of its own


def _new_actor_event(text: str, actors: list[ActorMention], previous: Event, same_paragraph: bool = True) -> bool:
    """A new subject state doing something new is a new event, not a continuation; so is a new
    paragraph that opens with a state the event before had no part in ("Poland said it would buy")."""
    if not actors:
        return False
    first = actors[0]
    if not same_paragraph and OPENS_SENTENCE.fullmatch(text, 0, first.start) and first.code not in previous.actors \
            and first.code != previous.place.country_iso3 and not _ONGOING.search(text):
        return True
    return first.start < 40 and first.code not in previous.actors and bool(
        re.search(r"\b(?:announced|announcements?|pledged|promised|committed|offered|allocated|donated|granted|"
                  r"earmarked|will|summoned|signed|approved|imposed|sent|deployed|joined|joins|delivered|supplied|"
                  r"shipped|transferred)\b", text))


def _move_to(ev: Event, p: Mention) -> None:
    """Place an event put at a country where a later sentence says it happened."""
    ev.place, ev.location, ev.precision, ev.fallback = p.place, p.text, p.precision, False


def _region_told(text: str, topic: str, previous: Event | None, near: bool, ctx: _Ctx) -> Place | None:
    """The region of the strike just told, for another strike told next without a place: "In the X region,
    shelling injured a woman in Y. He also said two were wounded in another attack" is in X region."""
    if topic not in VIOLENT_TOPICS or previous is None or not near or previous.topic not in VIOLENT_TOPICS or \
            previous.fallback or previous.place.kind not in ("city", "admin1") or not previous.place.admin1 or \
            not ANOTHER_STRIKE.search(text):
        return None
    return ctx.gz.admin1(previous.place.admin1, previous.place.country_iso3)


_SIDELINES = re.compile(r"\b(?:on|at) the (?:sidelines|margins?)\b", re.I)


def _fallback_place(text: str, topic: str, actors: list[ActorMention], ctx: _Ctx) -> tuple[Place, str] | None:
    """Where an event that names no place is put: the country attacked, or the state that acts."""
    gz = ctx.gz
    if topic == "other" and _BODIES.search(text):
        dest = _destination(text, actors, gz)   # "1,000 bodies have been returned to Ukraine": where they came back
        if dest is not None:
            return country_place(gz, dest.code, dest.text)
    if topic == "other" and _AIRSPACE.search(text) and actors:
        # "Romanian jets were scrambled", "Poland said a drone entered its airspace": the state whose sky it is
        sky = re.search(r"\bairspace\b", text)
        # "one drone entered Belarusian airspace": the state named just before the word owns it
        owner = next((a for a in actors if sky is not None and 0 <= sky.start() - a.end <= 3), actors[0])
        return country_place(gz, owner.code, None if owner.demonym else owner.text)
    if topic in VIOLENT_TOPICS or topic == "other":
        target = target_country(text, actors, gz)
        if target is not None:
            return country_place(gz, *target)
        # "Russia's defence ministry said it downed 38 Ukrainian drones": over the defender's own country
        defender = statement_speaker(text, actors) if _DOWNED.search(text) else None
        if defender is not None and gz.country_by_iso3(defender.code) is not None:
            return country_place(gz, defender.code, None if defender.demonym else defender.text)
        subject = actors[0] if topic == "other" and actors and not actors[0].demonym and \
            OPENS_SENTENCE.fullmatch(text, 0, actors[0].start) else None
        if subject is not None and not _CONCRETE_HIT.search(text):
            return country_place(gz, subject.code, subject.text)   # "Poland said it would buy 96 helicopters"
        return country_place(gz, ctx.theatre) if ctx.theatre else None
    dest = _destination(text, actors, gz) if topic in ("troop_movement", "arms_transfer") else None
    if dest is None and topic == "troop_movement" and actors and not actors[0].demonym:
        host = _HOSTS.search(text, actors[0].end)   # "Belarus said it would host 13,000 Russian troops": at the host
        dest = actors[0] if host is not None and host.start() - actors[0].end < 40 else None
    if dest is not None:   # "sent another batch of soldiers to Russia": a deployment or transfer is at its destination
        return country_place(gz, dest.code, dest.text)
    actor = acting_party(text, actors, topic)
    leader = _LEADER.search(text) if topic == "diplomacy" else None
    if leader is not None and (actor is None or leader.start() < actor.start):
        # "PM Modi had a phone call with Russian President Putin": the leader's state acts, not the one named after
        return country_place(gz, _LEADERS[leader.group(0)])
    return country_place(gz, actor.code, actor.text if not actor.demonym else None) if actor else None


_SINCE_WAR = re.compile(r"\bsince\s+(?:the\s+)?(?:\w+[\u2019']s\s+|\w+\s+)?(?:full-scale\s+)?(?:war|invasion|invaded|"
                        r"conflict|fighting|hostilities)\b|\bsince\s+the\s+(?:start|beginning)\s+of\b", re.I)
_TOLL_PART = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+(?:at least\s+|some\s+)?[\w\-]+\s+"
                        r"(?:[a-z]+\s+)?(?:soldiers|troops|servicemen|fighters|militants|police(?:men|\s+officers)?|"
                        r"children|women|civilians)\b")
_SINCE_TIME = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:January|February|March|April|May|June|July|August|"
                         r"September|October|November|December|\d{4}\b|last\s+(?:year|month|week)|the\s+(?:start|beginning)|"
                         r"the\s+(?:war|invasion|conflict|fighting))")
_BODIES = re.compile(r"\b(?:bodies|remains)\b")
_RUBBLE = re.compile(r"\b(?:rubble|debris|ruins|pulled|recovered from|retrieved from|dug out)\b")
_AIRSPACE = re.compile(r"\b(?:scrambl\w*|airspace)\b")
_GOVERNMENT_GIVES = re.compile(r"\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+|is\s+to\s+|also\s+)*(?:pledged|promised|"
                               r"announced|allocated|committed|sent|delivered|provided|offered|approved|agreed|earmarked|"
                               r"donated)\b")
# A reaction to a measure or a package: "condemned the sanctions", "denounced the aid as", "called the
# measures illegal"
# the verbs of condemning, shared by a reaction to a measure and to a strike
_CONDEMN_VERBS = r"condemn(?:s|ed)?|denounc(?:es|ed)?|decr(?:ies|ied)|slam(?:s|med)"
_REACTS = re.compile(r"\b(?:" + _CONDEMN_VERBS + r"|criticis(?:es|ed)|criticiz(?:es|ed)|rejects?|rejected|calls|called|"
                     r"protest(?:s|ed)?)\s+(?:the\s+|these\s+|its\s+|their\s+|this\s+)?"
                     r"(?:new\s+|latest\s+|\w+\s+)?(?:sanctions|measures|restrictions|package|aid|decision|move|deliveries)\b")
_THREAT = re.compile(r"\b(?:warned|warns|warning|threatened|threatens|threatening)\b[^.;]{0,80}?\b"
                     r"(?:would|will|could|might)\b[^.;]{0,40}?\bsanctions\b", re.I)
# A reaction to strikes told before: "condemned the strikes", "denounced the latest bombing as a war crime"
_CONDEMNS = re.compile(r"\b(?:" + _CONDEMN_VERBS + r")\s+(?:the\s+|these\s+|this\s+|its\s+|their\s+|"
                       r"[A-Z][\w\-]+[\u2019']s\s+)?(?:\w+\s+)?(?:strikes?|attacks?|bombings?|shelling|raids?|killings?|"
                       r"assaults?|incursions?|offensive|massacre)\b")
_REQUEST = re.compile(r"\b(?:urge[ds]?|urging|call(?:s|ed)? on|appeal(?:s|ed)? to|ask(?:s|ed)?|press(?:es|ed)|"
                      r"beg(?:s|ged)?)\s+(?:[\w\-]+\s+){0,4}?to\s+(?:speed|send|supply|provide|deliver|give|step|"
                      r"increase|boost|accelerate|approve|release|unblock|expand|tighten|impose)\b")
_NEEDS = re.compile(r"\b(?:needs|needed|need|requires|required|wants|wanted|asked for|requested|is seeking|was seeking)\s+"
                    r"(?:at least\s+|another\s+|more\s+|urgently\s+)?(?:" + NUMBER + r"|more|additional|further)\b")
_DENIED = re.compile(r"\b(?:(?:had|has|have|did|does|do|was|were|is|are|would|will)\s+(?:not|never)|never|denied|denies|"
                     r"deny|denying)\s+(?:\w+\s+)?(?:transferr|sen[dt]|suppl|deliver|deploy|provid|shipp|exported|giv)"
                     # "denied that Tehran had sent any missiles"
                     r"|\bden(?:ied|ies|y|ying)\s+that\s+(?:[\w\u2019'\-]+\s+){1,3}?(?:had|has|have|was|were)\s+"
                     r"(?:\w+\s+)?(?:transferr|sen[dt]|suppl|deliver|deploy|provid|shipp|exported|giv)")
_RECEIVES_AFTER = re.compile(r"\s+(?:on\s+[A-Z][a-z]+day\s+|(?:yesterday|today|this week|last week)\s+)?"
                             r"(?:has\s+|have\s+|had\s+|reportedly\s+|also\s+)*(?:received|receives|obtained|acquired)\b")
# "to Russia", "into the eastern Democratic Republic of Congo"
_TO_BEFORE = re.compile(r"\b(?:to|into)\s+(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|"
                        r"south-?east|south-?west)(?:ern)?\s+)?$", re.I)


def _day_beside(text: str, last: D.ResolvedDate, published: dt.date) -> D.ResolvedDate | None:
    """"A day earlier" / "A day later" opening a sentence: the day before or after the one just told."""
    for pattern, sign in ((_EARLIER_DAY, -1), (_LATER_DAY, 1)):
        m = pattern.match(text)
        if m is not None and (m.group("n") or "the").lower() in _DAYS_BACK:
            n = dt.timedelta(days=_DAYS_BACK[(m.group("n") or "the").lower()] * (7 if m.group("unit") == "week" else 1))
            day = last.start - n if sign < 0 else min(last.end + n, published)   # a later day is never after the report
            return D.ResolvedDate(day, day, "day", "relative", m.group(0).strip())
    return None


def _donor_supply(text: str, actors: list[ActorMention], gz: Gazetteer) -> bool:
    """Weapons one state sends to another, neither of them one whose arms trade is outside aid
    (topics.OUTSIDE_AID): a donor's military aid, not an arms transfer."""
    dest = _destination(text, actors, gz)
    sender = acting_party(text, actors, "arms_transfer") if dest is not None else None
    return sender is not None and sender.code != dest.code and gz.country_by_iso3(sender.code) is not None and \
        not {sender.code, dest.code} & OUTSIDE_AID


def _destination(text: str, actors: list[ActorMention], gz: Gazetteer) -> ActorMention | None:
    """The state something is sent to ("to Russia", "Russia had received"), named, not as a people."""
    return next((a for a in actors if not a.demonym and gz.country_by_iso3(a.code) is not None
                 and (_TO_BEFORE.search(text, max(0, a.start - 25), a.start) or _RECEIVES_AFTER.match(text, a.end))),
                None)


def _geocode_missing(mention: Mention, ctx: _Ctx) -> Mention:
    """Ask the injected geocoder for a place the gazetteer lacks; keep the answer only if it lies
    within 150 km of the region or place the text ties it to."""
    from .gazetteer import haversine_km
    country = ctx.gz.country_by_iso3(mention.place.country_iso3)
    query = ", ".join(x for x in (mention.text, mention.place.admin1, country.name if country else "") if x)
    try:
        found = ctx.geocoder.geocode(query, exactly_one=True, country_codes=mention.place.country_iso3 or None)
    except Exception:  # an optional service: any failure leaves the offline answer
        return mention
    if found is None or haversine_km(found.latitude, found.longitude, mention.place.lat, mention.place.lon) > 150:
        return mention
    place = Place(mention.text, "city", found.latitude, found.longitude, mention.place.country_iso3,
                  mention.place.admin1, 0)
    return replace(mention, place=place, precision="point", missing=False)


# A meeting or a call, whose parties are named by their leaders
_TALKED = re.compile(r"\b(?:met|meets|meeting|talks|talked|call|conversation|spoke|phone)\b")


def _new_event(s, mention: Mention, topic, fallback, direction, ctx, actors) -> Event:
    if mention.missing and ctx.geocoder is not None:
        mention = _geocode_missing(mention, ctx)
    ev = Event(topic=topic, place=mention.place, location=mention.text, precision=mention.precision,
               sentence=s, sentences=[s], fallback=fallback, status=direction, missing=mention.missing)
    codes = []
    for a in actors:
        if a.code not in codes:
            codes.append(a.code)
    if topic == "diplomacy" and _TALKED.search(s.text):   # "Macron spoke by phone with Zelensky": both parties
        codes += [c for c in dict.fromkeys(_LEADERS[m.group(0)] for m in _LEADER.finditer(s.text)) if c not in codes]
    ev.actors = codes + [g for g in armed_groups(s.text) if g not in codes]
    _maybe_date(ev, s, ctx, direction)
    return ev


def _maybe_date(ev: Event, s: Sentence, ctx: _Ctx, direction: str) -> None:
    """Give the event the sentence's own date, else the roundup window, else the publication day."""
    if ev.date is not None and ev.date.method != "publication" and not ev.date_is_report:
        return
    candidates = []
    for mention in D.find_dates(s.text):
        if not mention.text.lower().startswith("since") and \
                _SINCE_BEFORE.search(s.text, max(0, mention.start - 70), mention.start):
            continue   # "since Russia's invasion in February 2022": another event's date ("since May" is a window)
        if _COMPARED_WITH.search(s.text, max(0, mention.start - 80), mention.start) and (
                mention.text.lower().startswith("since") or _THAN.search(s.text, max(0, mention.start - 12), mention.start)):
            continue   # "ten times more than in 2024", "the first talks since 2022": a comparison, no date of this
        report = D.is_report_date(s.text, mention)
        resolved = D.resolve(mention, ctx.published, "occurred" if report else D.direction_at(s.text, mention, direction))
        if resolved is None:
            continue
        candidates.append((report, resolved))
    beside = _day_beside(s.text, ctx.last_day, ctx.published) if s is ev.sentence and ctx.last_day is not None else None
    if beside is not None:
        ev.date, ev.date_is_report = beside, False
        ctx.last_day = beside
        return
    own = [r for rep, r in candidates if not rep]
    if s is not ev.sentence:   # a later sentence's "in November" or "since 2022" dates its background, not this event
        own = [r for r in own if r.precision == "day" or r.precision == "range" and not r.text.lower().startswith("since")]
    reports = [r for rep, r in candidates if rep]
    if own:
        first = own[0]
        if first.method == "past_day" and len(own) > 1 and own[1].precision == "day" and re.search(
                re.escape(first.text) + r"\s+(?:of\s+|into\s+|to\s+)?" + re.escape(own[1].text), s.text):
            first = own[1]   # "overnight on Wednesday", "overnight into Friday": that day, no window
        elif first.method == "past_day" and reports and reports[0].precision == "day":
            # "said on Sunday that ... over the previous day": the day before the report, not the publication
            first = D.past_day_default(reports[0].start, first.text)
        elif first.precision not in ("day", "range") and first.start > ctx.published and ev.topic not in VIOLENT_TOPICS \
                and reports and reports[0].precision == "day":
            first = reports[0]   # "will send 18 howitzers next year, the minister said on Tuesday": pledged that day
        ev.date, ev.date_is_report = first, False
        if first.precision == "day" and first.method in ("explicit", "relative"):
            ctx.last_day = first
        return
    if ev.date is None and ctx.last_day is not None and s is ev.sentence and _SAME_DAY.search(s.text):
        ev.date = ctx.last_day   # "Latvia summoned its envoy the same day": the day told just before
        return
    if reports:
        r = reports[0]
        if ev.topic in VIOLENT_TOPICS and r.precision == "day":
            if ctx.roundup_phrase:
                ev.date = D.past_day_default(r.end, ctx.roundup_phrase)
                ev.date_is_report = True
            else:
                ev.date = D.ResolvedDate(r.start - dt.timedelta(days=1), r.end, "range", r.method, r.text)
                ev.date_is_report = True
        else:
            ev.date, ev.date_is_report = r, False
        return
    if ev.date is None and ctx.paragraph_day is not None and ev.topic in VIOLENT_TOPICS and (
            ctx.paragraph_day[0] == s.paragraph or
            # "Russia attacked 14 settlements in Z Oblast on Tuesday. / Two were killed in X" (X in Z Oblast):
            # the next paragraph tells the strikes of that day in that region
            not ctx.roundup_phrase and ctx.paragraph_day[0] == s.paragraph - 1 and
            fold(ev.place.admin1 or ev.place.name) in ctx.paragraph_day[2]):
        # "On Monday, Israel launched strikes on villages. The outskirts of X and Y were hit": that Monday
        ev.date = ctx.paragraph_day[1]
        return
    if ev.date is None:
        if ctx.roundup_phrase and ev.status != "planned" and ev.topic not in POLICY_TOPICS:
            ev.date = D.past_day_default(ctx.published, ctx.roundup_phrase)
        elif D.PAST_DAY.search(s.text):
            ev.date = D.past_day_default(ctx.published, D.PAST_DAY.search(s.text).group(0))
        else:
            ev.date = D.publication_default(ctx.published)


# "including 25 over Kursk region and 15 over Belgorod region": a share of the count, told by its place
_SHARE_BEFORE = re.compile(r"(?:^|[\s,(])(?P<n>" + NUMBER + r")\s+(?:(?:were|was)\s+)?(?:\w+\s+)?"
                           r"(?:over|above|in|near|on|against)\s+(?:the\s+)?$", re.I)


def _shares_of(text: str, whole: Quantity, places: list[Mention], start: int) -> list[tuple[Quantity, Mention]]:
    """The share of ``whole`` each place listed after ``start`` is given, as a count of its unit."""
    shares, begin = [], start
    for p in places:
        if p.start < start:
            continue
        m = _SHARE_BEFORE.search(text, begin, p.start)
        value = parse_number(m.group("n")) if m else None
        if value is not None and value < whole.value:
            shares.append((Quantity(value, whole.unit, "", m.start("n"), p.end), p))
        begin = p.end
    return shares


def _zero(ev: Event, kinds: tuple[str, ...]) -> None:
    """The figures the text says are none, where the event has none of its own."""
    for kind in kinds:
        if getattr(ev, kind) is None:
            setattr(ev, kind, 0)


def _add_figures(ev: Event, casualties, money, quantities, no_casualties, text) -> None:
    for c in casualties:
        _merge_figure(ev, c)
    if casualties and ev.topic == "other":
        ev.topic = "attack"  # "Houses were damaged in X. Two people were injured.": a strike
    _zero(ev, no_casualties)
    ev.money.extend(money)
    if ev.own_money is None:
        ev.own_money = next((m for m in money if is_own(text, m)), None)
    ev.quantities.extend(quantities)


def _merge_figure(ev: Event, c: Casualty) -> None:
    """A later sentence's figure for an event that may have one: a stated update or a larger figure
    replaces it ("Nine people were injured" after "four were injured"), "five more" adds to it, a smaller
    one is a part of it ("two of them children") and changes nothing."""
    current = getattr(ev, c.kind)
    if current is None or c.update or (c.count > current and not c.more):
        setattr(ev, c.kind, c.count)
    elif c.more:
        setattr(ev, c.kind, current + c.count)


# a merchant ship (not a warship): struck at sea, it is shipping's event (CONVENTIONS: maritime security)
_WARSHIP = re.compile(r"\b(?:warships?|frigates?|corvettes?|cruisers?|destroyers?|submarines?|landing ships?|"
                      r"patrol (?:ships?|boats?)|aircraft carriers?|naval)\b", re.I)
_MERCHANT_SHIP = re.compile(r"\b(?:(?:bulk|cargo|grain|container)\s+carriers?|ships?|vessels?|tankers?|freighters?|"
                            r"bulkers?|cargo)\b(?<!\bto ship)", re.I)


def _local_topic(text: str, p: Mention, bounds: list[int], sentence_topic: str) -> str:
    if p.precision == "sea" and sentence_topic in VIOLENT_TOPICS and _MERCHANT_SHIP.search(text) and \
            not _WARSHIP.search(text):
        return "maritime_security"   # "targeted a bulk carrier in the Red Sea with missiles"
    if p.start == p.end:
        return sentence_topic
    i = clause_of(p.start, bounds)
    clause = text[bounds[i]:bounds[i + 1]]
    local = classify(clause, fallback="")
    if local and local != sentence_topic and sentence_topic not in POLICY_TOPICS:
        scores = topic_scores(clause)
        # (a clause with no word of the sentence's topic needs less: "as negotiators resumed talks in Cairo")
        if scores[local] >= 3 or scores[local] >= 2.5 and not scores[sentence_topic]:
            return local
    if local and local != sentence_topic and sentence_topic == "maritime_security" and local in VIOLENT_TOPICS:
        return local
    return sentence_topic


def _clause_target(pos: int, new: list[Event], places: list[Mention], bounds: list[int]) -> Event | None:
    clause = clause_of(pos, bounds)
    hits = [ev for ev, p in zip(new, places) if p.end > p.start and clause_of(p.start, bounds) == clause]
    if len(hits) == 1:
        return hits[0]
    if len(new) == 1:
        return new[0]
    return None


_OWN_REGION = re.compile(r"\b(?:over|in|across|throughout)\s+(?:his|her|its|the)\s+(?:region|oblast|province)\b")


def _region_of_clause(text, pos, bounds, mentions, places, gz) -> Mention | None:
    """The region the sentence names, when the clause at ``pos`` counts over it ("over his region")
    and names no place of its own."""
    k = clause_of(pos, bounds)
    if not _OWN_REGION.search(text, bounds[k], bounds[k + 1]) or \
            any(clause_of(p.start, bounds) == k for p in places if p.end > p.start):
        return None
    unit = next((m for m in mentions if m.place.kind == "admin1" and not m.missing), None)
    if unit is None:
        return None
    return replace(unit, precision="admin1", role="event")


def _casualty_target(c: Casualty, new, places, bounds, text) -> Event | None:
    """The event whose place the clause of the figure names: the first place after the figure
    ("injuring two people in the town of X"), else the only one before it; None when shared."""
    if not new:
        return None
    clause = clause_of(c.start, bounds)
    inside = [(ev, p) for ev, p in zip(new, places) if p.end > p.start and clause_of(p.start, bounds) == clause]
    after = [(ev, p) for ev, p in inside if p.start >= c.end]
    if after:
        ev, p = after[0]
        following = [q for q in places if q.start >= p.end and q.end > q.start]
        if following and _LIST_JOIN.fullmatch(text[p.end:following[0].start]):
            return None  # "killed five in Kharkiv and Sumy", "in the city of A, and the villages of B and C": shared
        return ev
    within = [(ev, p) for ev, p in inside if c.start <= p.start < c.end]
    if len(within) == 1:  # "Four people in the border region of X were wounded"
        return within[0][0]
    before = [(ev, p) for ev, p in inside if p.end <= c.start]
    if len(before) == 1 and clause > 0 and _EXAMPLES_CLAUSE.match(text, bounds[clause]):
        # "attacked 28 settlements in X Oblast, including X city, killing two": the region's toll, the
        # city one example of where
        whole = [(ev, p) for ev, p in zip(new, places) if p.end > p.start and p.end <= bounds[clause] and
                 p.place.kind in ("admin1", "admin2")]
        if len(whole) == 1:
            return whole[0][0]
    if len(before) > 1:
        # "shelled A and bombed a market in B, the capital of C, where 22 people died": B's, the place the
        # "where" clause hangs on
        hung = next((ev for ev, p in before if _WHERE_CLAUSE.fullmatch(text, p.end, c.start)), None)
        if hung is not None:
            return hung
    if len(before) == 1:
        return before[0][0]
    if not inside and len(new) == 1:
        return new[0]
    return None


# From a place to a figure of the clause hanging on it: ", where", ", the capital of C, where it said"
_WHERE_CLAUSE = re.compile(r"(?:,\s*(?:the|a|an)\s[^,;.]{1,60})?,\s*where\b[^;.,]*")


def _restated_heading(s: Sentence, nxt: Sentence | None) -> bool:
    """A section heading whose counts or money the paragraph below states again ("Sanctions target 81
    people", then "The sanctions have targeted 81 people and nine firms"; "$250 million for Ukraine",
    then "... announced a $250 million package"): the paragraph tells it."""
    if nxt is None or nxt.paragraph != s.paragraph + 1 or not is_heading(s.text) or \
            len(s.text) > 120 or not _DIGIT_RE.search(s.text):
        return False
    own = {q.value for q in find_quantities(s.text)}
    if own:
        return own <= {q.value for q in find_quantities(nxt.text)}
    money = {(round(m.value), m.currency) for m in find_money(s.text)}
    return bool(money) and money <= {(round(m.value), m.currency) for m in find_money(nxt.text)}


_DIGIT_RE = re.compile(r"\d")


def event_id(article_id: str, ev: Event, extra: str = "") -> str:
    """Stable id: same article, evidence span and place give the same id on every run."""
    key = f"{article_id}|{ev.sentence.start}|{ev.sentences[-1].end}|{fold(ev.location)}|{ev.topic}{extra}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
