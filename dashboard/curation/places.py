"""Find the places and the actors a sentence names, and geocode the places.

Place mentions come from scanning capitalised word runs against the gazetteer
(longest name first), plus the shapes news use for regions ("Kharkiv Oblast",
"the Chernihiv, Kharkiv and Sumy oblasts", "Kupianskyi district", "the
Velyka-Pysarivka community"). A single capitalised word that is also a common
word or a personal name only counts as a place when the text treats it as one
("in", "near", "the village of", a following "Oblast").

Each mention also gets a role, because a briefing names many places that are
not where something happened: a governor's region ("Kharkiv Oblast Governor
Oleh Syniehubov"), an oblast given as the address of a town ("Bakhmut,
Donetsk Oblast"), a capital standing for its government ("Seoul said").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from functools import lru_cache

from . import lexicon
from .prechecks import Guarded, alternation
from .gazetteer import Gazetteer, Place, haversine_km, theatre_weights
from .gazetteer import fold as _fold
from .sentences import Sentence, split_sentences

# Names repeat across sentences and articles: fold each once.
fold = _fold  # memoised in the gazetteer module

_LEXICON = lexicon.load("places")
ADMIN_WORDS: dict[str, str] = dict(_LEXICON["admin_words"])
SETTLEMENT_WORDS = "(?:" + "|".join(_LEXICON["lists"]["settlement_words"]) + ")"
# (each list a tree of its words' prefixes: the pattern is tried at every word of 60 characters)
_LOCATIVE = re.compile(
    r"(?:\b(?:" + alternation((
        "in", "at", "near", "on", "over", "into", "from", "to", "toward", "towards", "against", "outside", "around",
        "across", "through", "of", "off", "by", "above", "within", "hit", "struck", "shelled", "attacked", "targeted",
        "bombed", "striking", "targeting", "attacking", "shelling", "visited", "visit", "visiting", "reached",
        "entered", "liberated", "captured", "recaptured", "and", "or")) + r")\s+(?:the\s+)?"
    r"(?:(?:" + SETTLEMENT_WORDS + r")\s+of\s+)?(?:(?:" + alternation((
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
        "southwestern", "frontline", "front-line", "occupied", "Russian-occupied", "Ukrainian-held", "embattled",
        "besieged", "border", "key", "small", "industrial")) + r")\s+)*|,\s*)$", re.I)
_NEAR = re.compile(r"\b(?:near|outside|outskirts of|close to|around|on the edge of|not far from)\s+(?:the\s+)?$", re.I)
_TITLE_AFTER = re.compile(
    r"^\s*(?:Oblast\s+|Regional\s+|City\s+|regional\s+|city\s+|oblast\s+)?(?:[Aa]cting\s+|[Ii]nterim\s+|[Dd]eputy\s+)?(?:Governor|Mayor|Military Administration|"
    r"State Administration|military administration|state administration|governor|mayor|authorities|officials|"
    r"Police|police|prosecutors?|Prosecutor|administration|council|Council|head|Head|Defense Minister|"
    r"government agency|government body|government|"
    r"Defence Minister|Foreign Minister|Prime Minister|President|Ministry|ministry|"
    # "the Gaza civil defence said": an agency of the place, the source, not where it happened
    r"[Cc]ivil [Dd]efen[cs]e|[Hh]ealth [Mm]inistry|[Hh]ealth [Oo]ffice|[Ee]mergency [Ss]ervices?|[Mm]edia [Oo]ffice)\b")
_REPORT_AFTER = re.compile(
    r"^[\s\u2019']*(?:s\s+)?(?:(?:also|has|have|had|previously|repeatedly|earlier|reportedly)\s+)*"
    r"(?:said|says|reported|reports|told|claimed|announced|stated|noted|warned|confirmed|believes|"
    r"estimated|estimates|spotted|added|accused)\b")
_POSSESSIVE = re.compile(r"^[\u2019']s?\b")
_UNIT_POSSESSIVE = re.compile(r"\b(?:Oblast|oblast|Region|region|Province|province|State|state|Governorate|"
                              r"governorate|Krai|krai)[\u2019']s\s+$")
# a given name and a surname's particle: "Ursula von der Leyen", "Chris Van Hollen", "Gerard ter Borch"
_NAME_PARTICLE = re.compile(r"\b[A-Z][a-z]+\s+(?:[Vv]on(?:\s+der)?|[Vv]an(?:\s+de[nr]?)?|ter|zu)\s+$")

# Capitalised words that name places in the gazetteer but are mostly something else in news text.
COMMON_WORDS = frozenset(_LEXICON["common_words"])
# A possessive place followed by one of these words is the state acting, not where it happened.
ACTOR_NOUNS = re.compile(
    r"^[\u2019']s?\s+(?:\w+\s+)?(?:troops|forces|army|military|government|regime|leadership|officials|"
    r"president|leader|ministry|minister|envoy|ambassador|embassy|intelligence|navy|air force|soldiers|"
    r"allies|partners|position|decision|war|invasion|aggression|offensive|attacks?|strikes?|missiles?|drones?|"
    r"actions|stance|response|support|aid|help|demands?|proposal|plan|policy|sanctions)\b", re.I)
_FIGHTERS_AFTER = re.compile(r"^[\s\-]+(?:militiam[ae]n|militias?|militants?|rebels?|insurgents?|fighters?|gunmen)\b")
_PASSIVE_HIT = re.compile(
    r"^\s+(?:was|were|has been|have been|had been|came|is|are)\s+(?:also\s+|again\s+|reportedly\s+)?"
    r"(?:attacked|hit|struck|shelled|targeted|bombed|under)\b", re.I)
COMMON_FOLDED = {fold(w) for w in COMMON_WORDS}


@dataclass(frozen=True, slots=True)
class Mention:
    text: str            # as written, e.g. "Kharkiv Oblast", "Kupianskyi district"
    start: int
    end: int
    place: Place         # gazetteer entry the mention resolves to
    precision: str       # point | near | admin2 | admin1 | country | sea
    role: str = "event"  # event | context | source | actor
    locative: bool = False   # introduced by "in", "near", "the village of"...
    listed: bool = False     # part of a list of places ("X, Y and Z")
    missing: bool = False    # the gazetteer lacks the place: ``place`` is its region or a place it is near


@dataclass(frozen=True, slots=True)
class ActorMention:
    code: str            # ISO3 or organisation code (UN, EU, G7, NATO, BRICS)
    text: str
    start: int
    end: int
    demonym: bool        # "Russian forces" rather than "Russia"


# Only the words the scanners look at: capitalised words, the small words inside names
# ("Sea of Azov", "Bosnia and Herzegovina") and the words that make a name a region ("Kharkiv region").
# Arabic articles written apart inside a name ("Deir al Balah") that are no English words
_ARTICLES_APART = ("al", "el", "ad", "ash", "ar", "az", "ed", "esh", "ez")
_KEPT_LOWER = ("of", "on", "na", "upon", "am", "de", "the", "and", *_ARTICLES_APART, *ADMIN_WORDS)
_LETTER = r"\w\u00C0-\u024F\u0400-\u04FF"
# Arabic names write their article in lower case inside a name: "Deir el-Balah", "Maarrat an-Numan".
_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|ez|ul)[-\u2010][" + _LETTER + r"]+"
_PARTICLE_RE = re.compile(_PARTICLE)
_TOKEN = re.compile(
    r"(?<![" + _LETTER + r"'\u2019\-])(?:[A-Z\u00C0-\u00DE\u0400-\u042F][" + _LETTER + r"]*(?:[-'\u2019][" + _LETTER + r"]+)*"
    r"|" + _PARTICLE + r"|(?:" + "|".join(_KEPT_LOWER) + r")\b)")


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) of the words the scanners use, possessive "'s" cut off."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        start, end = m.span()
        if word.endswith(("'s", "\u2019s")):
            word, end = word[:-2], end - 2
        out.append((word, start, end))
    return tuple(out)


def _is_cap(word: str) -> bool:
    """A word that can be part of a name: capitalised, or an Arabic article's compound."""
    return word[:1].isupper() or (word[:1] in "aeu" and _PARTICLE_RE.fullmatch(word) is not None)


def _runs(tokens, connectors: tuple[str, ...], text: str) -> list[int]:
    """For each token, how many tokens from it on are capitalised words or connectors ("of"),
    each separated from the next by white space only."""
    n = len(tokens)
    run = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        w, _, end = tokens[i]
        if _is_cap(w) or w.lower() in connectors:
            nxt = tokens[i + 1][1] if i + 1 < n else None
            run[i] = 1 + (run[i + 1] if nxt is not None and text[end:nxt].isspace() else 0)
    return run


_HEADS: dict = {}


def _country_heads(gz: Gazetteer) -> frozenset[str]:
    """First words (folded) of every country name, alias and demonym the gazetteer knows."""
    if id(gz) not in _HEADS:
        keys = getattr(gz, "_country_index", {})
        _HEADS[id(gz)] = frozenset(k.split(" ", 1)[0] for k in keys)
    return _HEADS[id(gz)]


_COUNTRY_CACHE: dict = {}


def _country(gz: Gazetteer, phrase: str):
    """gz.country, memoised per gazetteer: the same words recur in every article."""
    key = (id(gz), phrase)
    if key not in _COUNTRY_CACHE:
        if len(_COUNTRY_CACHE) > 100_000:
            _COUNTRY_CACHE.clear()
        _COUNTRY_CACHE[key] = gz.country(phrase)
    return _COUNTRY_CACHE[key]



def _district_base(name: str, gz: Gazetteer, country: str | None, admin1: str | None) -> Place | None:
    """'Kupianskyi' -> Kupiansk, 'Nikopolskyi' -> Nikopol, 'Pokrovsk' -> Pokrovsk."""
    place = _settlement(gz, name, country, admin1)
    if place:
        return place
    for pattern in (r"(?:yi|iy|yy|ii|y|i)$", r"(?:skyi|skyy|skiy|sky|skii|ska|ske)$", r"(?:ivskyi|ivskyy)$"):
        base = re.sub(pattern, "", name)
        if base != name and len(base) >= 3:
            place = _settlement(gz, base, country, admin1)
            if place:
                return place
    return None


def _settlement(gz: Gazetteer, name: str, country: str | None, admin1: str | None) -> Place | None:
    place = gz.resolve(name, country, admin1)
    if place is not None and place.kind in ("city", "feature"):
        return place
    return None


class _InTheatre:
    """A gazetteer whose queries favour the countries of the text (its theatre)."""

    def __init__(self, gz: Gazetteer, theatre: tuple[str, ...]) -> None:
        self.gz, self.theatre = gz, theatre
        # The two queries the scan asks most, bound here rather than found through __getattr__ each time.
        self.country, self.lookup = gz.country, gz.lookup

    def resolve(self, name, country=None, admin1=None):
        return self.gz.resolve(name, country, admin1, self.theatre)

    def candidates(self, name, country=None, admin1=None):
        return self.gz.candidates(name, country, admin1, self.theatre)

    def admin1(self, name, country=None):
        return self.gz.admin1(name, country, self.theatre)

    def admin2(self, name, country=None, admin1=None):
        return self.gz.admin2(name, country, admin1, self.theatre)

    def __getattr__(self, attr):
        return getattr(self.gz, attr)


# "Russian missiles hit Pokrovsk": who fires, and seldom where they land
_ARMS_AFTER = re.compile(r"\s+(?:\w+[\s\-]+)?(?:missiles?|drones?|rockets?|shells?|shelling|strikes?|attacks?|"
                         r"bombs?|artillery|jets|aircraft|warplanes|forces|troops|army|military|soldiers)\b")


# "across the Gaza Strip", "in the occupied West Bank", "in Khan Younis": a first-level unit or a town
# named, without its kind, as where something happens
_IN_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]cross|[Ii]nto|[Tt]hroughout|[Nn]ear|[Oo]utside|(?:north|south|east|west)\w*\s+of)\s+"
                       r"(?:the\s+)?(?:[a-z]+\s+)?"
                      r"([A-Z][\w\-']+(?:[\s\-](?:(?:al|el|ad|as|ash)(?=[\s\-][A-Z])|[A-Z][\w'\-]+)){0,3})")


_KIND_AFTER = re.compile(r"\s+(?:" + alternation(ADMIN_WORDS) + r"|territory|township)\b", re.I)


def _country_of_name(name: str, gz: Gazetteer) -> str | None:
    """The country of the first-level unit called ``name``, else of the towns called so when they
    are all in one (None for a country's own name, a name of towns in several, or none)."""
    found = gz.lookup(name)
    if gz.country(name) or any(p.kind in ("sea", "feature") for p in found):
        return None   # (nor a sea: "in the Red Sea" is no unit of Sudan's)
    unit = gz.admin1(name)
    if unit is not None:
        return unit.country_iso3 or None
    towns = [p for p in found if p.kind == "city"]
    countries = {p.country_iso3 for p in towns if p.population * 10 >= towns[0].population} if towns else set()
    return countries.pop() if len(countries) == 1 else None


def theatre(text: str, gz: Gazetteer, sentences: Sequence[Sentence] | None = None,
            limit: int = 5) -> tuple[str, ...]:
    """The countries a text is about, most prominent first (ISO3): each country it
    names (name, short form: "Ukraine", "U.S.") counts once, its people ("Russian
    officials") half, being who acts rather than where, and its weapons and forces
    ("Russian drones") not at all; each first-level unit
    it names with its kind ("Kharkiv Oblast", "Idlib Governorate") three times, being
    where things happen; ties go to the first named."""
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    # sentence by sentence (``sentences``: the text's, when the caller has them): the actor scan's cost
    # grows faster than its input
    for sentence in split_sentences(text) if sentences is None else sentences:
        for actor in find_actors(sentence.text, gz):
            if actor.code.isupper() and len(actor.code) == 3 and gz.country_by_iso3(actor.code):
                if actor.demonym and _ARMS_AFTER.match(sentence.text, actor.end):
                    continue
                score[actor.code] = score.get(actor.code, 0) + (0.5 if actor.demonym else 1)
                first.setdefault(actor.code, sentence.start + actor.start)
    for m in _ADMIN1_PHRASE.finditer(text):
        unit = gz.admin1(f"{m.group(2)} {m.group(3)}")
        if unit is not None and unit.country_iso3:
            score[unit.country_iso3] = score.get(unit.country_iso3, 0) + 3
            first.setdefault(unit.country_iso3, m.start())
    for m in _IN_PLACE.finditer(text):
        if _KIND_AFTER.match(text, m.end()):
            continue  # "in Kivu province": the unit phrase's to count, no town of its spelling
        iso3 = _country_of_name(m.group(1), gz)
        if iso3:
            score[iso3] = score.get(iso3, 0) + 1
            first.setdefault(iso3, m.start())
    return tuple(sorted(score, key=lambda c: (-score[c], first[c]))[:limit])


def find_places(text: str, gz: Gazetteer, *, country: str | None = None, admin1: str | None = None,
                offset: int = 0, theatre: tuple[str, ...] = ()) -> list[Mention]:
    """Place mentions of one sentence, longest name first, with their roles.

    ``country`` and ``admin1`` are the context the caller knows (the paragraph's
    oblast); they disambiguate namesakes, as does ``theatre``, the countries the
    whole text is about (:func:`theatre`), most prominent first.
    """
    gz = _InTheatre(gz, tuple(theatre))
    tokens = _tokens(text)
    mentions: list[Mention] = []
    i = 0
    n_tokens = len(tokens)
    max_words = max(1, min(gz.max_name_words, 5))
    run = _runs(tokens, ("of", "on", "na", "upon", "am", "de", "and", *_ARTICLES_APART), text)
    has_plural = any(w in text for w in ("oblasts", "regions", "provinces", "governorates", "states", "districts",
                                         "communities", "hromadas"))
    own_admin1 = _first_admin1(text, gz, country)
    local_admin1 = own_admin1 or admin1
    while i < n_tokens:
        word, start, _ = tokens[i]
        if not _is_cap(word):
            i += 1
            continue
        found = None
        # "The Chernihiv, Dnipropetrovsk, Kharkiv, Luhansk, and Zaporizhzhia oblasts"
        plural = _plural_regions(text, tokens, i, gz, country, local_admin1) if has_plural else None
        if plural:
            mentions.extend(plural)
            last_end = plural[-1].end
            while i < n_tokens and tokens[i][1] < last_end:
                i += 1
            continue
        for n in range(min(max_words, run[i]), 0, -1):
            span = tokens[i:i + n]
            if not _is_cap(span[-1][0]):
                continue
            if n < run[i] and _PARTICLE_RE.fullmatch(tokens[i + n][0]):
                continue   # "Ras al-Naqoura": the name goes on, and "Ras" alone is another place
            name = text[span[0][1]:span[-1][2]]
            if n > 1 and fold(name) in _WORLD_REGIONS:
                break   # "the Horn of Africa": neither "Horn" nor "Africa" is a place here
            nxt = tokens[i + n] if i + n < n_tokens else None
            unit_word = nxt is not None and nxt[0].lower() in ADMIN_WORDS and text[span[-1][2]:nxt[1]].strip() == ""
            if unit_word:
                found = _admin_mention(text, name, nxt, gz, country, local_admin1)
                if found:
                    i += n + 1
                    break
            found = _plain_mention(text, name, span[0][1], span[-1][2], n, gz, country, local_admin1, tokens, i,
                                   named=own_admin1 is not None)
            if found is not None and unit_word and ADMIN_WORDS[nxt[0].lower()] == "admin1" and \
                    found.place.kind == "city" and not _region_of_city(found.place, name, theatre):
                found = None   # "Kivu province": no region, and no far city that one language calls so
            if found:
                i += n
                break
        if found:
            mentions.append(found)
        else:
            i += 1
    if own_admin1 is None:   # a region the scan found under another spelling ("Magwe Region")
        own_admin1 = next((m.place.name for m in mentions if m.place.kind == "admin1" and not m.missing), None)
    mentions = _missing_settlements(text, mentions, gz, country, own_admin1 or admin1)
    mentions = _inside_units(text, mentions, gz)
    mentions = _in_named_country(text, mentions, gz)
    mentions = _outside_flags(text, [m for m in mentions if not _FLAG_AFTER.match(text, m.end)])
    mentions = _near_disambiguation(text, mentions, gz)
    mentions = _list_disambiguation(text, mentions, gz)
    mentions = _city_districts(text, mentions)
    if " of " in text:
        mentions = _regions_of(text, mentions, gz)
    mentions = [_role(text, m, mentions) for m in mentions]
    mentions = [_not_where(text, m, gz) for m in mentions]
    if "plant" in text or "NPP" in text or "station" in text:
        mentions = _plant_sites(text, mentions, gz)
    if " of " in text:
        mentions = _parts_of_city(text, mentions)
    mentions = _part_of_frame_city(text, mentions)
    if len(mentions) > 1 and _FACILITY_AFTER.search(text):
        mentions = _facilities_of_towns(text, mentions)
    if offset:
        mentions = [replace(m, start=m.start + offset, end=m.end + offset) for m in mentions]
    return mentions


# Words of at most 40 characters: unbounded ones made this search quadratic on "A-A-A-...".
_ADMIN1_PHRASE = Guarded(re.compile(
    r"\b(?:([A-Z][\w\-]{1,40}) )?([A-Z][\w\-]{1,40}) (Oblast|oblast|region|Region|Krai|krai|Province|province|Republic|"
    r"Governorate|governorate|State)\b"), (
    "Oblast", "oblast", "region", "Region", "Krai", "krai", "Province", "province", "Republic", "Governorate", "governorate",
    "State"))


# "the southern province of Sweida", "the region of Tigray"
_ADMIN1_OF = re.compile(r"\b(?:[Pp]rovince|[Rr]egion|[Gg]overnorate|[Oo]blast)\s+of\s+(?:the\s+)?"
                        r"([A-Z][\w\-]{1,40}(?: [A-Z][\w\-]{1,40})?)")


def _phrase_names(m: re.Match) -> list[str]:
    """"Kursk Oblast", "the Kharkiv region": the names to try, longest first."""
    return ([f"{m.group(1)} {m.group(2)} {m.group(3)}"] if m.group(1) else []) + [f"{m.group(2)} {m.group(3)}", m.group(2)]


def _of_names(m: re.Match) -> list[str]:
    """"the province of Sweida", "the region of Tigray Region": the name, then its first word(s)."""
    name = m.group(1)
    return [name, name.rsplit(" ", 1)[0]] if " " in name else [name]


def _first_admin1(text: str, gz: Gazetteer, country: str | None) -> str | None:
    """The first region the sentence names ("in Russia's Kursk region" -> Kursk Oblast, "in the
    province of Sweida")."""
    found = []
    for pattern, names_of in ((_ADMIN1_PHRASE, _phrase_names), (_ADMIN1_OF, _of_names)):
        if pattern is _ADMIN1_OF and "of" not in text:
            continue
        for m in pattern.finditer(text):
            place = next((p for p in (gz.admin1(name, country) for name in names_of(m)) if p), None)
            if place:
                found.append((m.start(), place.admin1))
                break
    if "istrict" in text or "aion" in text:
        # "In the Belgorod district, ... the village of X": the region of the district that frames the sentence
        m = _DISTRICT_FRAME.match(text)
        unit = gz.admin2(m.group("name"), country) if m else None
        if unit is not None and unit.admin1:
            found.append((m.start(), unit.admin1))
    return min(found)[1] if found else None


_DISTRICT_FRAME = re.compile(r"^\s*(?:In|Across)\s+the\s+(?P<name>[A-Z][\w\u2019'\-]+)\s+(?:[Dd]istrict|[Rr]aion)\b")


def _region_of_city(city: Place, name: str, theatre: Sequence[str]) -> bool:
    """Whether "NAME region/province" may be said of CITY's surroundings: by the city's own name, or of a
    city in the text's countries. "Kivu province" is not Kyiv's region, though one language calls Kyiv so."""
    return fold(city.name) == fold(name) or city.country_iso3 in theatre


def _admin_mention(text, name, admin_token, gz, country, admin1) -> Mention | None:
    word, _, end = admin_token
    level = ADMIN_WORDS[word.lower()]
    start = text.rfind(name, 0, admin_token[1])
    full = text[start:end]
    if level == "admin1":
        place = gz.admin1(full, country) or gz.admin1(name, country)
        if place is None and gz.country(name) is not None:
            return None   # "the southern Syrian province of Sweida": the country's word, no unit of its own
        if place is None and word.lower() in ("region", "province", "state"):
            # Some countries' provinces are second-level units (Burkina Faso's Soum, under its Sahel
            # region, the Philippines' Samar): such a unit of the text's countries, or of any country in a
            # text that names none, beats a namesake village elsewhere.
            theatre = getattr(gz, "theatre", ())
            unit = gz.admin2(full, country) or gz.admin2(name, country)
            if unit is not None and (country or not theatre or unit.country_iso3 in theatre):
                return Mention(full, start, end, unit, "admin2", locative=_is_locative(text, start))
            # "Kharkiv region" may also be said of a city's surroundings.
            city = gz.resolve(name, country, admin1)
            if city is not None and city.kind == "city" and city.admin1 and (
                    country or _region_of_city(city, name, getattr(gz, "theatre", ()))):
                place = gz.admin1(city.admin1, city.country_iso3)
        if place is None:
            return None
        return Mention(full, start, end, place, "admin1", locative=_is_locative(text, start))
    if level == "admin2":
        place, precision = _district(name, gz, country, admin1)
        if place is None:
            place, precision = _district_city(text, start, end, gz), "admin2"
        if place is None:
            return None
        return Mention(full, start, end, place, precision, locative=_is_locative(text, start),
                       missing=precision != "admin2")
    return None


_CITY_BEFORE = re.compile(r"([A-Z][\w\-]+)[\u2019']s\s+(?:the\s+)?$")
_CITY_AFTER = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?([A-Z][\w\-]+)")


def _district_city(text: str, start: int, end: int, gz) -> Place | None:
    """The city whose district the text names: "Kharkiv's X district", "the X district of Kharkiv"."""
    m = _CITY_BEFORE.search(text, max(0, start - 40), start) or _CITY_AFTER.match(text, end)
    place = gz.resolve(m.group(1)) if m else None
    return place if place is not None and place.kind == "city" else None


def _district(name: str, gz, country: str | None, admin1: str | None) -> tuple[Place | None, str]:
    """A district (raion, okrug, county) and its precision, inside the region the text is in:
    the gazetteer's unit of that name, else the town it is named after ("Kupianskyi" ->
    Kupiansk) in the same region or country, else the region itself (admin1 precision).
    Never a namesake in another country: "Saltivskyi district" of a Ukrainian city is not
    a Spanish town whose name its first letters spell."""
    region = gz.admin1(admin1, country) if admin1 else None
    home = region.country_iso3 if region is not None else country or (gz.theatre[0] if gz.theatre else None)
    unit = (gz.admin2(name, home, admin1) if region is not None else None) or gz.admin2(name, home)
    if unit is not None:
        return unit, "admin2"
    town = _district_base(name, gz, home, admin1)
    if town is not None and (home is None or town.country_iso3 == home):
        return town, "admin2"
    if region is not None:
        return region, "admin1"
    return None, ""


# Buildings that stand for a government: "at the White House", "the Kremlin said".
SEATS_OF_POWER: dict[str, str] = dict(_LEXICON["seats_of_power"])
_SEATS_FOLDED = frozenset(fold(k) for k in SEATS_OF_POWER)


def _plain_mention(text, name, start, end, n_words, gz, country, admin1, tokens, index,
                   named: bool = False) -> Mention | None:
    """``admin1``: the region the sentence names (``named``) or, else, the paragraph's."""
    key = fold(name)
    seat = SEATS_OF_POWER.get(name.lower().replace("\u00e9", "e"))
    if seat is not None:
        place = gz.resolve(seat)
        if place is None:
            return None
        return Mention(name, start, end, place, "point", locative=_is_locative(text, start))
    if not key or (n_words == 1 and key in COMMON_FOLDED) or key in _ARMED_GROUPS or key in _WORLD_REGIONS:
        return None
    if gz.country(name) is not None:
        return None  # a country, its short form or its people ("Syrian") is an actor, not a place
    candidates = gz.lookup(name)
    if not candidates:
        return None
    locative = _is_locative(text, start)
    kinds = {c.kind for c in candidates}
    if "sea" in kinds or "feature" in kinds:
        if re.match(r"\s+Fleet\b", text[end:]):
            return None  # "the Black Sea Fleet" is a navy, not a place
        place = next(c for c in candidates if c.kind in ("sea", "feature"))
        return Mention(name, start, end, place, "sea" if place.kind == "sea" else "point", locative=True)
    if "country" in kinds:
        return None  # countries are actors; the event builder falls back to them when no place is named
    if "org" in kinds:
        return None
    if "admin1" in kinds and not any(c.kind == "city" for c in candidates):
        place = next(c for c in candidates if c.kind == "admin1")
        return Mention(name, start, end, place, "admin1", locative=locative)
    place = gz.resolve(name, country, admin1)
    if place is not None and admin1 and not named:
        place = _famous_over_carried(name, place, country, gz)
    if place is None or place.kind not in ("city", "admin1"):
        return None
    # A capitalised word inside a personal name or title is not a place.
    prev_word = tokens[index - 1][0] if index > 0 else ""
    prev_gap = text[tokens[index - 1][2]:start] if index > 0 else ""
    next_tok = next((t for t in tokens[index:index + 8] if t[1] >= end), None)
    next_gap = text[end:next_tok[1]] if next_tok else ""
    if next_tok and _is_cap(next_tok[0]) and next_gap == " " and fold(next_tok[0]) not in ADMIN_WORDS \
            and not _TITLE_AFTER.match(text[end:]) and not _significant(gz, next_tok[0]):
        return None  # "Ivan Fedorov", "Lloyd Austin"
    if _NAME_PARTICLE.search(text, max(0, start - 40), start):
        return None  # "Ursula von der Leyen", "Chris Van Hollen": a surname after its particle
    if _WEAPON_AFTER.match(text, end):
        return None  # "CV90 combat vehicles and Archer howitzers": a weapon's name
    if prev_word and _is_cap(prev_word) and prev_gap == " " and not locative and \
            fold(prev_word) not in ("the",) and not _significant(gz, prev_word):
        return None  # "President Volodymyr", "Governor Oleh"
    weak = place.kind == "city" and place.population < SMALL_ABROAD and (
        (gz.theatre and place.country_iso3 not in gz.theatre) or fold(place.name) != key)
    after_comma = bool(re.search(r",\s*$", text[max(0, start - 3):start]))
    if weak and gz.theatre and place.country_iso3 not in gz.theatre and fold(place.name) != key and \
            _UNIT_WORD_AFTER.match(text, end):
        return None   # "in Tabayin township": a unit of the theatre's, not a hamlet abroad one spelling recalls
    if weak and (not locative or after_comma or _in_name_run(text, start, end)):
        region = gz.admin1(admin1) if admin1 and after_comma and not _in_name_run(text, start, end) \
            and not _REPORT_AFTER.match(text[end:]) else None
        if region is not None and region.country_iso3 in gz.theatre and (
                region.country_iso3 != place.country_iso3 or fold(place.admin1) != fold(region.name)):
            # One of a list of villages in the region the text is about, which the gazetteer
            # lacks: it is placed in that region rather than at a namesake elsewhere.
            return Mention(name, start, end, region, "admin1", locative=locative, listed=True, missing=True)
        # A village abroad, or one this word names only as an alternate name: "Al" of "Al
        # Hatta", the "Lin" of "Lin Thi", a surname ("..., Smith said"), a word of a fund's
        # name are not the small places that share it; only a preposition ("in", "near")
        # makes such a word a place.
        return None
    major = place.population >= 50_000 or place.kind == "admin1"
    window = text[max(0, start - 60):start]   # patterns anchored at the end: search a window, not the prefix
    listed = bool(re.search(r"(?:,|\band|\bor)\s*$", window)) and bool(
        re.search(r"[A-Z][\w\u2019'\-]*\s*(?:,|and|or)\s*$", window))
    titled = bool(_TITLE_AFTER.match(text[end:]))
    followed_by_admin = bool(re.match(r"^,?\s*(?:in\s+(?:the\s+)?)?[A-Z][\w\u2019'\-]+(?: [A-Z][\w\u2019'\-]+)? (?:Oblast|oblast|region|Krai|district|Province)", text[end:]))
    hit = bool(_PASSIVE_HIT.match(text[end:]))
    # "in Zaporizhzhia Oblast's Huliaipole", "Sagaing Region's Kanbalu township": a town of the unit named
    unit_owned = bool(_UNIT_POSSESSIVE.search(window))
    if not (major or locative or listed or titled or followed_by_admin or hit or unit_owned
            or _POSSESSIVE.match(text[end:])
            or _first_of_list(text, end, place, gz)):
        return None
    region = gz.admin1(admin1) if admin1 and place.kind == "city" and not followed_by_admin else None
    if region is not None and fold(place.admin1) != fold(region.name) and _namesake_elsewhere(
            text, start, place, region, gz, named):
        # The village is missing from the gazetteer: it is placed in the region (admin1 precision).
        return Mention(name, start, end, region, "admin1", locative=locative, listed=listed, missing=True)
    precision = "near" if _NEAR.search(window) else "point"
    if place.kind == "admin1":
        precision = "admin1"
    return Mention(name, start, end, place, precision, locative=locative, listed=listed)


# The name after a place that lists it with another: "X, Y" or "X and Y"
_NEXT_IN_LIST = re.compile(r"(?:,\s*|\s+(?:and|or)\s+|,\s*(?:and|or)\s+)([A-Z][\w\u2019'\-]+(?: [A-Z][\w\u2019'\-]+)?)")


def _first_of_list(text: str, end: int, place: Place, gz) -> bool:
    """The first of a list of towns, with no preposition before it: "A and B each reported one dead",
    "with A, B and C also shelled" (the next name is a town of the same country)."""
    following = _NEXT_IN_LIST.match(text, end)
    return following is not None and any(
        c.kind == "city" and c.country_iso3 == place.country_iso3
        for name in {following.group(1), following.group(1).split(" ")[0]} for c in gz.lookup(name))


# "the village of X", "the villages of A, B and X", "X village"
_CALLED_VILLAGE = re.compile(r"\b(?:village|hamlet)s?\s+of\s+(?:[A-Z][\w\u2019'\-]*(?:\s+[A-Z][\w\u2019'\-]*)?,?\s+(?:and\s+)?){0,8}$")


# A city this large is what its name means to a reader, whatever region the paragraph was about.
_FAMOUS = 500_000
_TINY = 1_000


def _famous_over_carried(name: str, place: Place, country: str | None, gz) -> Place:
    """``place`` was found inside the region carried over from earlier sentences, which this
    sentence does not name. A hamlet or quarter of that region loses to a great city of the
    same name elsewhere: "met in Riyadh" after a paragraph on Khartoum is the Saudi capital,
    not a Khartoum quarter that shares the name."""
    if place.kind != "city" or place.population >= _TINY:
        return place
    best = gz.resolve(name, country)
    if best is not None and best.kind == "city" and best.population >= _FAMOUS:
        return best
    return place


def _namesake_elsewhere(text: str, start: int, place: Place, region: Place, gz, named: bool) -> bool:
    """Whether ``place``, found for a name the text puts in ``region``'s story, is only a namesake
    in another region: a small place abroad while the text is about this region; a village
    in a region the sentence does not name while it names this one ("in Donetsk Oblast ... X");
    a town the text calls a village."""
    if place.kind != "city":
        return False
    if place.population >= 20_000 and _CALLED_VILLAGE.search(text, max(0, start - 160), start):
        return True
    if named and place.population < 10_000 and place.admin1 and fold(place.admin1.split()[0]) not in fold(text):
        return True   # a village's namesake; a town of another region may be the next item of a list
    if place.population >= 50_000:
        return False
    weights = theatre_weights(gz.theatre)
    return region.country_iso3 != place.country_iso3 \
        and weights.get(place.country_iso3, 1) <= weights.get(region.country_iso3, 1) \
        and haversine_km(region.lat, region.lon, place.lat, place.lon) > 300


# "Bakhmut, Donetsk Oblast", "Paris, a village in the Donetsk region", "Sadove in the Kherson
# district": what lies between a place and the unit that locates it.
_LOCATED_GAP = re.compile(
    r"[\s,]*(?:(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,2}?(?:village|town|settlement|city|hamlet|community|"
    r"suburb|locality|township|territory|county|commune)(?:\s*,\s*|\s+))?(?:(?:in|of)\s+(?:the\s+)?)?"
    r"(?:[A-Z][\w\u2019'\-]+[\u2019']s\s+)?")
# "Sagaing region's Kani township", "Donetsk Oblast's Pokrovsk": the unit named first, the place it owns
_OWNED_GAP = re.compile(r"[\u2019']s\s+")
_FLAG_AFTER = re.compile(r"[\u2010\u2011-]?(?:flagged|registered)\b")
# "a Palau-flagged tanker", "an Antigua and Barbuda-flagged ship", "a vessel flying the flag of Palau",
# "a tanker under the Maltese flag": a ship's flag, no place or party.
_FLAG = re.compile(r"(?:[A-Z][\w\u2019']*\s+(?:and\s+|&\s+)?){0,3}[A-Z][\w\u2019']*[\u2010\u2011-](?:flagged|registered)\b"
                   r"|\bflags?\s+of\s+(?:the\s+)?(?:[A-Z][\w\u2019']*\s+(?:and\s+|&\s+)?){0,3}[A-Z][\w\u2019']*"
                   r"|\bunder\s+(?:the\s+|a\s+)?[A-Z][\w\u2019']*\s+flag\b")


# "the bulk carrier Aurora Sky", "the tanker “Sea Star”", "the frigate Admiral Makarov": a ship's name.
_VESSEL_NOUNS = ("ship", "vessel", "tanker", "carrier", "freighter", "bulker", "frigate", "corvette", "cruiser",
                 "destroyer", "submarine", "warship", "ferry", "trawler", "boat", "yacht")
_VESSEL_NAME = re.compile(r"\b(?:" + "|".join(_VESSEL_NOUNS) + r")s?\s+[\"\u201c\u2018']?(?:[A-Z][\w\-\u2019']*\s?){1,4}")


def _outside_flags(text: str, items: list) -> list:
    """``items`` without a ship's flag or a ship's name."""
    spans = []
    if "flag" in text or "registered" in text:
        spans += [f.span() for f in _FLAG.finditer(text)]
    if any(w in text for w in _VESSEL_NOUNS):
        spans += [v.span() for v in _VESSEL_NAME.finditer(text)]
    if not spans:
        return items
    return [x for x in items if not any(a <= x.start < b for a, b in spans)]


def _inside_units(text: str, mentions: list[Mention], gz) -> list[Mention]:
    """A place the text locates in a unit ("X, a village in the Y region", "X in the Z
    district") is taken inside that unit: the namesake there, else the unit itself
    (admin1/admin2 precision, ``missing``), never a namesake elsewhere."""
    out = list(mentions)
    located = []   # (index, its unit): the place before a unit, and each one listed with it
    for j in range(1, len(out)):
        unit = out[j]
        if unit.precision not in ("admin1", "admin2") or not _LOCATED_GAP.fullmatch(text, out[j - 1].end, unit.start):
            continue
        k = j - 1
        located.append((k, unit))
        # "the villages of A, B and C in the X district": the unit locates the whole list
        while k > 0 and _SERIES_GAP.fullmatch(text, out[k - 1].end, out[k].start):
            k -= 1
            located.append((k, unit))
    for j in range(len(out) - 1):
        if out[j].precision in ("admin1", "admin2") and _OWNED_GAP.fullmatch(text, out[j].end, out[j + 1].start):
            located.append((j + 1, out[j]))
    for i, unit in located:
        m = out[i]
        if m.place.kind == "admin2" and unit.place.kind == "admin1" and not m.missing and \
                (m.place.country_iso3, fold(m.place.admin1)) != (unit.place.country_iso3, fold(unit.place.name)):
            # "the Poonch district of Jammu and Kashmir": that region's district, not a namesake across a border
            base = re.sub(r"\s+(?:district|District|raion|county|County)$", "", m.text)
            inner = gz.admin2(base, unit.place.country_iso3, unit.place.name)
            out[i] = replace(m, place=inner) if inner is not None else \
                replace(m, place=unit.place, precision="admin1", missing=True)
            continue
        if m.place.kind != "city" or m.missing or _inside(m.place, unit):
            continue
        region = unit.place.admin1 or unit.place.name
        better = [c for c in gz.candidates(m.text, unit.place.country_iso3, region)
                  if c.kind == "city" and _inside(c, unit)]
        if better:
            out[i] = replace(m, place=better[0])
        else:
            out[i] = replace(m, place=unit.place, precision=unit.precision, missing=True)
    return out


_COMPASS = (r"(?:(?:far[- ])?(?:south|north|east|west|southern|northern|eastern|western|central|south-?eastern|"
            r"south-?western|north-?eastern|north-?western)\s+)")
# "Yaroun, south Lebanon", "Yaroun in southern Lebanon", "Houla, Lebanon,": the country the text puts a town in
_COUNTRY_AFTER = re.compile(r",?\s+(?:in\s+)?(?:the\s+)?(?P<dir>" + _COMPASS + r")?(?P<c>[A-Z][\w\-]{1,40}(?: [A-Z][\w\-]{1,40})?)"
                            r"(?=\s*(?:[,.;:)]|$)|\s+(?:on|in|at|overnight|late|early|during|last|this|before|after|"
                            r"killing|injuring|wounding|where|when)\b)")
# "the Lebanese village of Yaroun", "the south Lebanon town of Houla", "Syria's coastal city of Jableh"
# (after "the", or the country's own: not "Russia shelled the city of X")
_COUNTRY_BEFORE = re.compile(r"(?:\b[Tt]he\s+(?P<dir>" + _COMPASS + r")?(?P<c>[A-Z][\w\-]{1,40}(?: [A-Z][\w\-]{1,40})?)|"
                             r"(?P<c2>[A-Z][\w\-]{1,40}(?: [A-Z][\w\-]{1,40})?)[\u2019']s)"
                             r"\s+(?:(?!(?:the|a|an)\s)[a-z][\w\-]*\s+){0,2}(?:town|village|city|hamlet|settlement|port|"
                             r"camp|neighbou?rhood|district|area|capital)\s+of\s+$")


def _in_named_country(text: str, mentions: list[Mention], gz) -> list[Mention]:
    """A town the text puts in a country ("Yaroun, south Lebanon", "the Lebanese village of
    Houla") is that country's town of the name, else a place of it the gazetteer lacks (in the
    region the words name, "south Lebanon", else at the country), never a namesake elsewhere."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place.kind != "city" or m.missing:
            continue
        given = _COUNTRY_AFTER.match(text, m.end) or _COUNTRY_BEFORE.search(text, max(0, m.start - 70), m.start)
        named = given.group("c") or given.groupdict().get("c2") if given is not None else None
        country = gz.country(named) if named else None
        if country is None or country.iso3 == m.place.country_iso3 or \
                _REPORT_AFTER.match(text, given.end()) or ACTOR_NOUNS.match(text, given.end()):
            continue
        better = [c for c in gz.candidates(m.text, country.iso3) if c.kind == "city" and c.country_iso3 == country.iso3]
        if better:
            out[i] = replace(m, place=better[0])
            continue
        place, precision = _part_of_country(gz, country, given.group("dir"))
        out[i] = replace(m, place=place, precision=precision, missing=True)
    return out


def _part_of_country(gz, country, compass: str | None) -> tuple[Place, str]:
    """The unit that "southern Lebanon" names when the country has one so called (its South
    Governorate), else the country itself."""
    side = re.sub(r"ern$", "", compass.split()[0]) if compass else ""
    region = gz.admin1(f"{side} {country.name}", country.iso3) if side else None
    if region is not None and region.country_iso3 == country.iso3:
        return region, "admin1"
    return Place(country.name, "country", country.lat, country.lon, country.iso3, "", 0), "country"


def _inside(place: Place, unit: Mention) -> bool:
    if place.country_iso3 != unit.place.country_iso3:
        return False
    if unit.place.kind == "admin2":
        return fold(place.admin2) == fold(unit.place.admin2) or (
            fold(place.admin1) == fold(unit.place.admin1)
            and haversine_km(place.lat, place.lon, unit.place.lat, unit.place.lon) < 40)
    if unit.precision == "admin2":   # a district given by its town: near that town, in its region
        return fold(place.admin1) == fold(unit.place.admin1) and \
            haversine_km(place.lat, place.lon, unit.place.lat, unit.place.lon) < 60
    return fold(place.admin1) == fold(unit.place.admin1 or unit.place.name)


# A town smaller than this outside the text's countries is a place only when the text says so.
SMALL_ABROAD = 15_000


def _significant(gz, word: str) -> bool:
    """Whether a word is a place worth a reader's thought: a country, region, sea or
    organisation, a town of the text's countries, or a town of some size anywhere.
    (With every village of the world in the gazetteer, nearly any word is *some* place.)"""
    return any(p.kind != "city" or p.population >= SMALL_ABROAD or p.country_iso3 in gz.theatre
               for p in gz.lookup(word))


_NAME_NEIGHBOUR_BEFORE = re.compile(r"[A-Z][\w\u2019'\-]* $")
_NAME_NEIGHBOUR_AFTER = re.compile(r" [A-Z][\w\u2019'\-]*")


def _in_name_run(text: str, start: int, end: int) -> bool:
    """The word is part of a longer capitalised name ("Al Hatta", "Ivan Fedorov")."""
    return bool(_NAME_NEIGHBOUR_BEFORE.search(text, max(0, start - 30), start)) or \
        bool(_NAME_NEIGHBOUR_AFTER.match(text, end))


_DISTANCE = r"(?:(?:about|some|around|roughly|nearly|almost)\s+)?\d[\d.,]*\s*(?:km|kilomet(?:re|er)s?|miles?)\s+"
# Between a place and the one said to be near it: "near", "outside", ", south of", "30 km north-east of"
# "south of", "30 km north-east of", "20 km from": a bearing from a place
_BEARING = (r"(?:" + _DISTANCE + r")?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ward)?\s+of|"
            + _DISTANCE + r"(?:from|outside)")
_NEAR_GAP = re.compile(r"\s*,?\s*(?:near|outside|close to|not far from|" + _BEARING + r")\s+(?:the\s+)?(?:\w+\s+of\s+)?")


def _near_disambiguation(text: str, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """'the port of Pivdennyi near Odesa', 'the town of Barja, south of Beirut': a namesake in the reference
    place's region wins."""
    out = list(mentions)
    for i, m in enumerate(out[:-1]):
        ref = out[i + 1]
        if m.place.kind != "city" or not _NEAR_GAP.fullmatch(text, m.end, ref.start):
            continue
        if m.place.kind == "city" and not m.missing and ref.place.kind == "city" and \
                haversine_km(m.place.lat, m.place.lon, ref.place.lat, ref.place.lon) > 100:
            # Two names said to be near each other: the namesakes that are near each other.
            close = [c for c in gz.candidates(ref.text) if c.kind == "city"
                     and haversine_km(m.place.lat, m.place.lon, c.lat, c.lon) <= 100]
            if close:
                out[i + 1] = ref = replace(ref, place=close[0])
        region = ref.place.admin1
        if region and m.place.admin1 != region:
            better = gz.resolve(m.text, ref.place.country_iso3, region)
            if better is not None and better.admin1 == region:
                out[i] = replace(m, place=better)
            elif haversine_km(m.place.lat, m.place.lon, ref.place.lat, ref.place.lon) > 100:
                # The only namesakes are far away: the place is missing from the gazetteer; put it
                # at the place it is said to be near.
                out[i] = replace(m, place=ref.place, precision="near", missing=True)
    return out


def _list_disambiguation(text: str, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """"nine in Kherson, two in Beryslav and one each in Stanislav, Komyshany and Tiahynka": a town of a
    list whose other towns are all of one region is that region's namesake, where it has one."""
    towns = [m for m in mentions if m.place.kind == "city" and not m.missing]
    if len(towns) < 3:
        return mentions
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place.kind != "city" or m.missing or m.place.population >= 50_000 and fold(m.place.name) == fold(m.text):
            continue   # (a city by its own name stays; "Stanislav" is Ivano-Frankivsk's old name only)
        others = [t for t in towns if t is not m]
        regions = {(t.place.admin1, t.place.country_iso3) for t in others}
        if len(regions) != 1 or (m.place.admin1, m.place.country_iso3) in regions:
            continue
        admin1, iso3 = next(iter(regions))
        better = gz.resolve(m.text, iso3, admin1) if admin1 else None
        if better is not None and better.admin1 == admin1 and better.kind == "city":
            out[i] = replace(m, place=better)
    return out


_REGION_OF = re.compile(r"\b(?:region|province|oblast|governorate)\s+of\s+(?:the\s+)?$", re.I)


def _regions_of(text: str, mentions: list[Mention], gz) -> list[Mention]:
    """"the southern Russian border region of Belgorod": the region, not its capital city."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.place.kind == "city" and not m.missing and _REGION_OF.search(text, max(0, m.start - 30), m.start):
            unit = gz.admin1(f"{m.text} region", m.place.country_iso3 or None)
            if unit is not None:
                out[i] = replace(m, text=unit.name, place=unit, precision="admin1")
    return out


def _city_districts(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Kherson's Dniprovskyi district": the district is in that city, whatever other town its name recalls."""
    out = list(mentions)
    for i in range(len(out) - 1):
        city, district = out[i], out[i + 1]
        if city.place.kind == "city" and district.precision == "admin2" and \
                re.fullmatch(r"[\u2019']s?\s+", text[city.end:district.start]):
            out[i + 1] = replace(district, place=city.place)
    return out


def _is_locative(text: str, start: int) -> bool:
    return bool(_LOCATIVE.search(text[max(0, start - 60):start]))


# Matched at every token: names of at most 40 characters and lists of at most 12 keep each match
# bounded (unbounded ones made the scan quadratic on "A-A-A-..." or "A, A, A, ...").
_PLURAL_ITEM = r"[A-Z][\w\u2019'\-]{1,40}(?: [A-Z][\w\u2019'\-]{1,40})?"   # "Velyka Pysarivka"
_PLURAL = re.compile(
    r"(?:[Tt]he\s+)?(?P<names>" + _PLURAL_ITEM + r"(?:\s*,\s*" + _PLURAL_ITEM + r"){0,12}(?:,?\s+(?:and|or)\s+"
    + _PLURAL_ITEM + r"))\s+"
    r"(?P<word>oblasts|regions|provinces|governorates|states|districts|communities|hromadas)\b")


def _plural_regions(text, tokens, i, gz, country, admin1=None) -> list[Mention]:
    m = _PLURAL.match(text, tokens[i][1])
    if not m:
        return []
    out = []
    locative = _is_locative(text, m.start())
    for nm in re.finditer(_PLURAL_ITEM, m.group("names")):
        s = m.start("names") + nm.start()
        e = m.start("names") + nm.end()
        if m.group("word") in ("oblasts", "regions", "provinces", "governorates", "states"):
            place = gz.admin1(nm.group(0) + " Oblast", country) or gz.admin1(nm.group(0), country)
            if place is None:   # "Gedaref state": the region of the city it is named after
                city = gz.resolve(nm.group(0), country)
                place = gz.admin1(city.admin1, city.country_iso3) if city is not None and city.kind == "city" \
                    and city.admin1 else None
            level = "admin1"
        elif m.group("word") in ("hromadas", "communities"):
            # "the Bilopillia, Khotin and Esman hromadas": each the community of the town it is named after
            place = gz.resolve(nm.group(0), country, admin1)
            place = place if place is not None and place.kind == "city" else None
            level = "point"   # the town's point: a community is no unit that locates the names beside it
        else:
            place = _district_base(nm.group(0), gz, country, None)
            level = "admin2"
        if place is not None:
            label = nm.group(0) + (" Oblast" if level == "admin1" and place.country_iso3 == "UKR" else
                                   " " + m.group("word")[:-1] if level == "admin1" else
                                   " hromada" if m.group("word") == "hromadas" else
                                   " community" if m.group("word") == "communities" else " district")
            out.append(Mention(label, s, e, place, level, locative=locative, listed=True))
    return out if len(out) >= 2 else []


_SETTLEMENT_NOUNS = ("village", "town", "settlement", "city", "communit", "hamlet", "camp", "outskirts",
                     "neighbourhood", "neighborhood", "quarter")
_NAME = r"[A-Z][\w\u2019'\-]+(?:[ -][A-Z][\w\u2019'\-]+){0,2}"
# "the village of Xyz", "the villages of X, Y and Z", "the settlements of X and Y"
_NAMES_OF = re.compile(
    r"\b(?:the\s+)?(?:(?:village|town|settlement|city|hamlet|urban-type settlement)s|communities|outskirts)\s+of\s+"
    r"(?P<names>" + _NAME + r"(?:\s*,\s*" + _NAME + r")*(?:\s*,?\s+(?:and|or)\s+" + _NAME + r")?)"
    # one name after a singular noun: "the town of X, Y said" names X only
    r"|\b(?:the\s+)?(?:village|town|settlement|city|hamlet|urban-type settlement|community)\s+of\s+(?P<name>" + _NAME + r")")
# "hit Kin Xyz village", "the Abu Xyz displaced persons camp", "the Xyz displacement camp" (not "a Druze
# village": an adjective)
_NAME_BEFORE_NOUN = re.compile(
    r"(?<=[a-z,;:] )(?<!\ba )(?<!\ban )(?P<name>" + _NAME + r")\s+(?:(?:displaced(?:\s+persons)?|displacement|refugee|IDP)\s+)?"
    r"(?:village|hamlet|camp)\b")
# "a house in the Xyz neighbourhood": a part of a town the gazetteer lacks
_NAME_BEFORE_PART = re.compile(r"(?<=\bthe )(?P<name>" + _NAME + r")\s+(?:neighbou?rhood|quarter)\b")
# "a fishing village, Xyz, was shelled"
_NAME_APPOSED = re.compile(r"\b(?:village|hamlet|settlement|town),\s+(?P<name>" + _NAME + r")(?=,)")
# "Xyz, a town in Irumu territory, Ituri province": the name its apposition calls a settlement of a unit
_NAME_THEN_KIND = re.compile(r"(?<=[a-z,;:] )(?P<name>" + _NAME + r"),\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?"
                             r"(?:village|town|settlement|hamlet|camp|city|locality)\s+(?:in|of)\b")
_NAME_IN = re.compile(_NAME)


# "the Kyivskyi and Saltivskyi districts of Kharkiv", "the Zeitoun and Tuffah neighbourhoods of Gaza City"
_PARTS_OF = re.compile(r"(?P<names>" + _NAME + r"(?:\s*,\s*" + _NAME + r")*(?:\s*,?\s+and\s+" + _NAME + r")?)\s+"
                       r"(?P<kind>districts?|neighbou?rhoods?|quarters?|suburbs?)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$")


def _parts_of_city(text: str, mentions: list[Mention]) -> list[Mention]:
    """Districts and neighbourhoods said to be of a city are in it, whatever other place their names recall;
    the city only locates them."""
    out = list(mentions)
    for c in mentions:
        if c.place.kind != "city" or c.missing or c.role != "event":
            continue
        m = _PARTS_OF.search(text, max(0, c.start - 160), c.start)
        if m is None:
            continue
        kind = m.group("kind").rstrip("s")
        parts = []
        for n in _NAME_IN.finditer(text, m.start("names"), m.end("names")):
            name = n.group(0)
            if name.startswith(("The ", "the ")):
                continue
            label = name + " district" if kind == "district" else name
            parts.append(Mention(label, n.start(), n.end(), c.place, "admin2" if kind == "district" else "point",
                                 locative=c.locative, listed=True))
        if not parts:
            continue
        lo, hi = m.start("names"), m.end("names")
        out = [x for x in out if not (lo <= x.start < hi)]
        out = [replace(x, role="context") if x is c else x for x in out] + parts
    return sorted(out, key=lambda x: x.start)


# "near the Bakara market", "outside the Al-Shifa hospital": a named site, its name no town's
_FACILITY_AFTER = re.compile(r"\s+(?:market|mosque|hospital|school|bridge|square|junction|roundabout|checkpoint|stadium|"
                             r"university|hotel|prison|church|cathedral)\b")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


def _facilities_of_towns(text: str, mentions: list[Mention]) -> list[Mention]:
    """"In Mogadishu, a bomb went off near the Bakara market": a site of the town the sentence names, not a
    town abroad its name recalls nor a village the gazetteer lacks (the town is the place; "the Kharkiv
    hospital and a school in Sumy" keeps both)."""
    towns = [c for c in mentions if c.role == "event" and c.place.kind == "city" and not c.missing]
    out = []
    for m in mentions:
        if m.role == "event" and _FACILITY_AFTER.match(text, m.end) and \
                _THE_BEFORE.search(text, max(0, m.start - 5), m.start) and any(c is not m and (m.missing or (
                    m.place.country_iso3 != c.place.country_iso3)) for c in towns):
            m = replace(m, role="context")
        out.append(m)
    return out


_CITY_FRAME = re.compile(r"\s*(?:In|in)\s+(?:the\s+(?:capital|city|port city|regional capital|town)\s+(?:of\s+)?)?"
                         r"(?P<city>[A-Z][\w\u2019'\-]+(?: [A-Z][\w\u2019'\-]+)?)\s*,")
_PART_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|quarter|suburb|district|area)\b")
_PART_END = re.compile(r"\s(?:district|neighbou?rhood|quarter)$")


def _part_of_frame_city(text: str, mentions: list[Mention]) -> list[Mention]:
    """"In Omdurman, artillery hit the Karari neighbourhood": a neighbourhood of the city that
    frames the sentence, whatever far place its name recalls; the city only locates it."""
    frame = _CITY_FRAME.match(text)
    city = next((c for c in mentions if frame is not None and c.start == frame.start("city") and
                 c.place.kind == "city" and not c.missing), None)
    if city is None:
        return mentions
    out = []
    for m in mentions:
        part = _PART_AFTER.match(text, m.end) or _PART_END.search(m.text)
        elsewhere = fold(m.place.admin1) != fold(city.place.admin1)   # "the Izium district" of Kharkiv's region is its own
        near = haversine_km(m.place.lat, m.place.lon, city.place.lat, city.place.lon) <= 30
        if m is not city and m.start > city.end and not m.missing and part and not elsewhere and near and \
                "district" not in part.group(0):
            city = replace(city, role="context")   # "In Port-au-Prince, ... the Delmas neighbourhood": where, in it
        elif m is not city and m.start > city.end and not m.missing and part and (elsewhere or (
                "district" not in part.group(0) and not near)):
            if "district" in part.group(0) and not _PART_END.search(m.text):
                m = replace(m, text=text[m.start:part.end()], end=part.end())   # "the Suvorovskyi district"
            m = replace(m, place=city.place, precision="admin2" if _PART_END.search(m.text) else "point",
                        missing=True)
            city = replace(city, role="context")
        out.append(m)
    return [city if x.start == city.start else x for x in out]


# The local units that locate a village in copy from other wars: "Maungdaw Township", "Walikale territory"
_LOCAL_UNIT = (r"(?:Township|township|District|district|County|county|Municipality|municipality|Territory|territory|"
               r"Prefecture|prefecture|Commune|commune|Locality|locality)")
_COUNTRY_OWNS = r"(?:[A-Z][a-z]+[\u2019']s\s+)?"   # "in Russia's Belgorod region"
_ADDRESS_GAP_TEXT = (r"(?:\s+(?:village|hamlet|(?:displaced persons |displacement |refugee |IDP )?camp)|"
                     r",\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,2}?(?:village|town|settlement|hamlet|camp|city|locality))?"
                     r"[\s,]*(?:also\s+)?(?:(?:in|of)\s+(?:the\s+)?)?" + _COUNTRY_OWNS +
                     r"(?:[A-Z][\w\u2019'\-]+\s+(?:" + _LOCAL_UNIT + r"|countryside)(?:\s*,\s*(?:in\s+)?|\s+in\s+)(?:the\s+)?)?")
_ADDRESS_GAP = re.compile(_ADDRESS_GAP_TEXT)
_UNIT_WORD_END = re.compile(r"\b" + _LOCAL_UNIT + r"$")
_UNIT_WORD_AFTER = re.compile(r"\s+" + _LOCAL_UNIT + r"\b")   # "Rutshuru territory": the unit, not the town
# Between a place and the unit that locates it, a township or district may come first:
# "Xyz village in Maungdaw Township, Rakhine State".
_UNIT_GAP = re.compile(
    r"[\s,]*(?:(?:in|of|near)\s+(?:the\s+)?)?(?:[A-Z][\w\u2019'\-]+\s+(?:" + _LOCAL_UNIT + r"|countryside)\s*,\s*"
    r"(?:in\s+)?(?:the\s+)?)?")
# Names between two known places of a list: "in Kostiantynivka, Xyz, Kurakhove and Chasiv Yar".
# the list's first names, after a lower-case word: "inhabitants of Xyz, " before "A and B"
_LIST_HEAD = re.compile(r"(?<=[a-z] )(?P<names>(?:" + _NAME + r"\s*,\s*){1,3})$")
_LIST_TAIL = re.compile(r"\s*,?\s+(?:and|or)\s+(?P<name>" + _NAME + r")(?=[\s,.;:]|$)")
_NAME_IN_AREA = re.compile(r"(?P<name>" + _NAME + r")\s+in\s+the\s+(?P<town>[A-Z][\w\u2019'\-]+)\s+"
                           r"(?:countryside|outskirts|suburbs)\b")
_SERIES_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_LIST_GAP = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?" + _NAME + r")+\s*,?\s*(?:and\s+|or\s+)?")
_NOT_A_NAME = re.compile(
    r"\b(?:President|Minister|Governor|Mayor|General|Secretary|Chancellor|King|Prince|Pope|Commander|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Easter|Christmas|Ramadan|Eid|Passover|Hanukkah|Diwali|Ethnic|Muslim|"
    r"Christian|Arab|Kurdish|Jewish)\b")


# "killed in Novotiahynka", "fighting near Xyz killed 20": an unknown single capitalised word right after
# "in"/"near", not followed by another capitalised word (which would make it a name or an organisation).
_UNKNOWN_AFTER_IN = re.compile(
    r"(?<=[a-z,] )(?:in|near|outside|around)\s+(?P<name>[A-Z][a-z\u00E0-\u024F]+(?:-[A-Z][a-z]+)?)"
    r"(?=\s*[,.;]|\s+(?:and|on|in|overnight|over|near|district|community|township|"
    r"killed|wounded|injured|left|has|have|had|was|were)\b)")


_NAME_BEFORE_REFERENCE = re.compile(r"(?<=[a-z,] )(?:in|near|outside|at)\s+(?P<name>" + _NAME + r")(?=\s*,)")


def _missing_settlements(text, mentions, gz, country, admin1) -> list[Mention]:
    """Settlements the gazetteer lacks but the text names as such ("the village of Xyz", "Xyz
    village", "the villages of X, Y and Z", a name among known towns of a list): kept, placed
    in the unit the text gives them ("in the Belgorod district", "Rakhine State"), else in the
    region of the towns listed with them, else in the sentence's or paragraph's region."""
    groups = []   # (names' spans, end of the group, region of its list neighbours)
    if any(w in text for w in _SETTLEMENT_NOUNS):
        for m in _NAMES_OF.finditer(text):
            which = "names" if m.group("names") else "name"
            spans = [n.span() for n in _NAME_IN.finditer(text, m.start(which), m.end(which))]
            # (the towns listed, not a word of one name that matched alone: "Kut" of "Zelenyi Kut")
            groups.append((spans, m.end(which), _common_region(gz, [
                x for x in mentions if not x.missing and m.start(which) <= x.start < m.end(which) and not any(
                    a <= x.start and x.end <= b and x.end - x.start < b - a for a, b in spans)])))
        for pattern in (_NAME_BEFORE_NOUN, _NAME_APPOSED, _NAME_THEN_KIND, _NAME_BEFORE_PART):
            for m in pattern.finditer(text):
                groups.append(([m.span("name")], m.end(), None))
    known = [x for x in mentions if not x.missing]
    if "countryside" in text or "outskirts" in text or "suburbs" in text:
        for m in _NAME_IN_AREA.finditer(text):
            town = next((x for x in known if x.start == m.start("town") and x.place.kind == "city"), None)
            if town is not None and town.place.admin1:
                # "Al-Xyz in the Jableh countryside": a village of the town's region
                groups.append(([m.span("name")], m.end(), gz.admin1(town.place.admin1, town.place.country_iso3)))
    for a, b in zip(known, known[1:]):
        region = _common_region(gz, [a, b])
        if region is None:
            continue
        if _LIST_GAP.fullmatch(text, a.end, b.start):
            groups.append(([n.span() for n in _NAME_IN.finditer(text, a.end, b.start)], b.end, region))
        if _LIST_GAP.fullmatch(text, a.end, b.start) or _SERIES_GAP.fullmatch(text, a.end, b.start):
            # "residents of Xyz, A and B": names that open the list before its first known town
            head = _LIST_HEAD.search(text, max(0, a.start - 120), a.start)
            if head is not None:
                groups.append(([n.span() for n in _NAME_IN.finditer(text, head.start("names"), a.start)], b.end, region))
            tail = _LIST_TAIL.match(text, b.end) if "," in text[a.end:b.start] else None
            if tail is not None:   # "A, B and Xyz": the name that closes it
                groups.append(([tail.span("name")], tail.end("name"), region))
    local = gz.admin1(admin1, country) if admin1 else None
    weak = set()   # a bare name after "in": a place only where the text gives its region
    for m in _UNKNOWN_AFTER_IN.finditer(text):
        if local is not None or _unit_after(text, m.end("name"), mentions) is not None or \
                _reference_after(text, m.end("name"), mentions) is not None:
            groups.append(([m.span("name")], m.end("name"), None))
            weak.add(len(groups) - 1)
    if " of " in text or "near" in text or "close to" in text or " from " in text:
        for m in _NAME_BEFORE_REFERENCE.finditer(text):   # "in Abu Xyz, 40 km west of Y": a name of several words
            if _reference_after(text, m.end("name"), mentions) is not None:
                groups.append(([m.span("name")], m.end("name"), None))
    if not groups:
        return mentions
    out = list(mentions)
    home = _theatre_country(gz)
    for g, (spans, group_end, neighbours) in enumerate(groups):
        unit = _unit_after(text, group_end, out)
        point = None if unit is not None else _reference_after(text, group_end, out)   # "Xyz, 20 km east of Y"
        region, precision = (unit.place, unit.precision) if unit is not None else \
            (point.place, "near") if point is not None else (neighbours or local, "admin1")
        given = _COUNTRY_AFTER.match(text, group_end) if unit is None and point is None else None
        country = gz.country(given.group("c")) if given is not None else None
        if country is not None and not (region is not None and region.country_iso3 == country.iso3):
            # "the village of Xyz in southern Lebanon": in that country, whatever the paragraph was about
            region, precision = _part_of_country(gz, country, given.group("dir"))
        if region is None and g not in weak:
            # "bombs fell on Yunakivka and the village of Xyz": the region of the sentence's own towns
            region = _common_region(gz, [x for x in known if x.role == "event" and x.place.kind == "city"])
        if region is None and g not in weak and home is not None:
            region, precision = home, "country"   # no unit given: the country the text is about
        if region is None:
            continue
        for s, e in spans:
            name = text[s:e]
            if " " in name and g not in weak:
                # "the village of Zelenyi Kut": a word of the name matched alone is no place of its own
                out = [x for x in out if not (s <= x.start and x.end <= e and x.end - x.start < e - s)]
            if any(s < x.end and x.start < e for x in out) or not _may_be_settlement(gz, name) or \
                    _WEAPON_AFTER.match(text, e):
                continue   # (nor is a weapon's name: "and Archer howitzers")
            out.append(Mention(name, s, e, region, precision, locative=True, listed=len(spans) > 1,
                               missing=True))
    return sorted(out, key=lambda x: x.start)


def _theatre_country(gz) -> Place | None:
    theatre = getattr(gz, "theatre", ())
    c = gz.country_by_iso3(theatre[0]) if theatre else None
    return Place(c.name, "country", c.lat, c.lon, c.iso3, "", 0) if c is not None else None


def _common_region(gz, towns: list[Mention]) -> Place | None:
    """The region of towns listed together, when they are all towns of one region."""
    regions = {(t.place.admin1, t.place.country_iso3) for t in towns}
    if not towns or len(regions) != 1 or any(t.place.kind != "city" for t in towns):
        return None
    admin1, iso3 = regions.pop()
    return gz.admin1(admin1, iso3) if admin1 else None


def _unit_after(text: str, end: int, mentions: list[Mention]) -> Mention | None:
    """The region or district that locates what ends at ``end`` ("... in the Belgorod district")."""
    for u in mentions:
        if u.start >= end and not u.missing and u.precision in ("admin1", "admin2") and \
                _UNIT_GAP.fullmatch(text, end, u.start):
            return u
    return None


def _reference_after(text: str, end: int, mentions: list[Mention]) -> Mention | None:
    """The town that locates what ends at ``end`` by its distance or nearness ("..., near Y")."""
    for u in mentions:
        if u.start >= end and not u.missing and u.place.kind == "city" and _REFERENCE_GAP.fullmatch(text, end, u.start):
            return u
    return None


def _may_be_settlement(gz, name: str) -> bool:
    """A capitalised name the gazetteer does not know that is no common word, person's title,
    day, country, people or organisation."""
    if fold(name) in COMMON_FOLDED or _NOT_A_NAME.search(name) or _UNIT_WORD_END.search(name) or gz.lookup(name) or \
            gz.country(name) or gz.organisation(name):
        return False
    return not any(fold(w) in COMMON_FOLDED or gz.country(w) for w in name.split())


# "Bakhmut, Donetsk Oblast", "Khan Younis in the southern Gaza Strip", "Nuseirat in central Gaza"
# "Kyaukme township, northern Shan State": the unit word of the finer place may come first, and a compass
# word may stand without "in the"; so may the finer place's kind ("Kyauktaw town in Rakhine state")
_ADDRESS_BETWEEN = re.compile(
    r"(?:\s+(?:" + _LOCAL_UNIT + r"|town|village|city|settlement|hamlet))?[\s,]*(?:(?:in|of)\s+(?:the\s+)?)?" + _COUNTRY_OWNS +
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?")


# "Nyala, the capital of South Darfur state": the unit the town is said to belong to, an address
_APPOSED_UNIT = re.compile(r"\s*,\s*(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:capital|city|town|village|port|hub|seat|"
                           r"settlement|stronghold)\s+(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west|central|"
                           r"north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?")
# "Hajin, 30 km south-east of Deir ez-Zor", "near X, west of Y", "in X, near Y": a point that locates the place before it
# (also a camp's: "the Abu Xyz camp near Y", "the Xyz displacement camp south of Y")
_REFERENCE_GAP = re.compile(r"\s*(?:(?:(?:displacement|refugee|IDP)\s+)?(?:camp|area)\s+)?,?\s*(?:" + _BEARING +
                            r"|,\s*(?:near|close\s+to|not\s+far\s+from)|"
                            r"(?<=camp |area )(?:near|close\s+to|outside))"
                            r"\s+(?:the\s+)?"
                            r"(?:(?:city|town|village|capital)\s+of\s+)?")
_OFFICIAL_OF = re.compile(r"\b(?:[Gg]overnor|[Hh]ead|chief|administration|authorities|officials)\s+of\s+(?:the\s+)?"
                          r"(?:neighbou?ring\s+|nearby\s+|adjacent\s+|\w+ern\s+)?$")
_ADDRESS_DIRECTION = re.compile(
    r"\s+in\s+(?:the\s+)?(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+")


_OFFICIAL_TITLE_AFTER = re.compile(r"\s*(?:Oblast\s+|oblast\s+|region\s+|(?P<regional>[Rr]egional\s+|[Pp]rovincial\s+))?"
                                   r"(?:Governor|Mayor|Military Administration|State Administration|governor|mayor)\b")
# "two were killed in the city": the town just told, named again (also events.py's)
CITY_ANAPHOR = re.compile(r"\b(?:in|across|of|on|to|throughout)\s+the\s+(?:city|town|village|settlement)\b(?!\s+of\b)",
                          re.I)


_WEAPON_AFTER = re.compile(r"\s+(?:[\w\-]+\s+)?(?:howitzers?|tanks|missiles|launchers|helicopters|jets|rifles|"
                           r"(?:combat|armou?red|fighting)\s+vehicles)\b")


def _region_namesake(m: Mention) -> bool:
    """A city named as its first-level unit is ("Sagaing" of Sagaing Region, "Kharkiv" of Kharkiv Oblast)."""
    return m.place.kind == "city" and bool(m.place.admin1) and fold(m.place.admin1).split()[0] == fold(m.place.name)


# "an assistant secretary of defence at the Pentagon, said": a seat of government in a speaker's title, not
# where the statement was made (the state speaks through its official)
_SEAT_TITLE_BEFORE = re.compile(r"\b(?:secretary|minister|official|officer|director|chief|spokes(?:man|woman|person)|"
                                r"adviser|advisor|aide)\s+"
                                r"(?:of\s+\w+\s+)?at\s+the\s+(?:[A-Z][\w.]*\s+){0,2}$")


def _role(text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """Decide whether a mention is where something happened or only context/source."""
    after = text[m.end:]
    before = text[:m.start]
    if fold(m.text) in _SEATS_FOLDED and _SEAT_TITLE_BEFORE.search(before[-80:]):
        return replace(m, role="actor")
    if _TITLE_AFTER.match(after) and not m.locative:
        return replace(m, role="context")       # "Kharkiv Oblast Governor", "the Donetsk Oblast Military Administration"
    title = _OFFICIAL_TITLE_AFTER.match(after)
    if title and not (title.group("regional") and CITY_ANAPHOR.search(text)):
        # "Donetsk regional governor Vadym Filashkin said" ("Odesa regional governor said three were hurt in
        # the city": the city is the region's own)
        return replace(m, role="context")
    finer = [o for o in mentions if o is not m and _rank(o) < _rank(m)]
    if finer and m.precision in ("admin1", "admin2") and _OFFICIAL_OF.search(before[-60:]):
        return replace(m, role="context")       # "The governor of the neighboring Luhansk region said ... hit X"
    # "Bakhmut, Donetsk Oblast" / "Udachne in the Pokrovsk district, Donetsk Oblast": an address.
    if not m.missing and any(o.end <= m.start and (finer and _ADDRESS_BETWEEN.fullmatch(text, o.end, m.start)
                                                   or _ADDRESS_DIRECTION.fullmatch(text, o.end, m.start))
                             for o in mentions if o is not m):
        return replace(m, role="context")
    if not m.missing and any(o.end <= m.start and o.role == "event" and (
            finer and _APPOSED_UNIT.fullmatch(text, o.end, m.start) or _REFERENCE_GAP.fullmatch(text, o.end, m.start))
            for o in mentions if o is not m):
        return replace(m, role="context")
    # "the Donetsk region town of Druzhkivka": the region names the town's address
    if m.precision in ("admin1", "admin2") and _KIND_OF_AFTER.match(after) and any(
            o.start > m.end and _rank(o) < _rank(m) for o in mentions):
        return replace(m, role="context")
    # "Nuseirat refugee camp in central Gaza": the part of the land a town is in, no second place
    if any(o.end <= m.start and o.place.country_iso3 == m.place.country_iso3 and o.place != m.place and
           _COMPASS_IN.fullmatch(text, o.end, m.start) for o in mentions if o is not m):
        return replace(m, role="context")
    # "Al-Xyz in the Jableh countryside": the town whose surroundings locate a village
    if m.place.kind == "city" and _AREA_AFTER.match(after) and any(
            o.missing and o.end <= m.start and _IN_THE.fullmatch(text, o.end, m.start) for o in mentions):
        return replace(m, role="context")
    # "Xyz village in Maungdaw Township, Rakhine State": the units that locate a village the gazetteer lacks.
    # ("the village of Xyz, also in Sagaing": a city that shares its region's name stands for the region)
    if (m.precision in ("admin1", "admin2") or _UNIT_WORD_END.search(m.text) or _UNIT_WORD_AFTER.match(after)
            or _region_namesake(m)) and not m.missing and any(
            o.missing and o.end <= m.start and _ADDRESS_GAP.fullmatch(text, o.end, m.start) for o in mentions):
        return replace(m, role="context")
    # "Kharkiv's Kupianskyi district", "Kherson's Dniprovskyi district"
    if _POSSESSIVE.match(after) and any(o.start > m.end and (_rank(o) < _rank(m) or o.place == m.place)
                                        and re.fullmatch(r"[\u2019']s?\s+(?:\w+\s+)?", text[m.end:o.start])
                                        for o in mentions if o is not m):
        return replace(m, role="context")
    # Sentence-initial frame "In Donetsk Oblast, ..." when the sentence names a finer place,
    # unless the finer places are only examples ("23 settlements, including Kherson").
    # ("Elsewhere in Sumy Oblast, ...")
    framed = re.match(r"^\s*(?:(?:Elsewhere|Meanwhile|Separately|Also|Later|Earlier),?\s+)?"
                      r"(?:In|in|Across|across|As for|as for)\s+(?:the\s+)?(?:[A-Z]\w+[\u2019']s\s+)?(?:\w+ern\s+|[a-z][\w\-]+\s+)?"
                      r"(?:(?:province|region|governorate|state|oblast)\s+of\s+)?$", before) \
        or (not before.strip() and after.startswith(":"))   # "Kharkiv Oblast: A man was killed in ..."
    if framed and finer and m.precision in ("admin1", "admin2"):
        # ("including three children" says who the dead were; "including Kherson" names a place of several)
        if not _PLACE_EXAMPLES.search(text, m.end):
            return replace(m, role="context")
    if framed and m.precision == "point" and m.place.kind == "city" and after.startswith(",") and any(
            _inside_frame(text, m, o, around=bool(_COMPASS_WORD_BEFORE.search(before))) for o in mentions if o is not m):
        return replace(m, role="context")
    recent = before[-80:]   # patterns anchored at the end: search the words just before, not the prefix
    if _NEAR.search(recent) and any(o.end <= m.start and o.role == "event" and _rank(o) <= _rank(m)
                                    and re.fullmatch(r"\s*(?:near|outside|close to|not far from|on the outskirts of)\s+(?:the\s+)?(?:\w+\s+of\s+)?",
                                                     text[o.end:m.start]) for o in mentions if o is not m):
        return replace(m, role="context")       # "the village of X near Pokrovsk": a reference point
    if _AGREED_BEFORE_IN.search(recent):
        return replace(m, role="context")       # "a swap agreed at talks in Istanbul": where it was agreed before
    if _AT_SEA_OFF.search(recent):
        return replace(m, role="context")       # "hit 50 nautical miles west of Hodeidah": a point at sea, the port a landmark
    if re.search(r"\b(?:ministry|government|officials|authorities|spokesperson|spokesman|office|embassy|command)\s+in\s+$",
                 recent, re.I) and _REPORT_AFTER.match(after):
        return replace(m, role="source")        # "the Defense Ministry in Moscow claimed"
    if ACTOR_NOUNS.match(after):
        return replace(m, role="actor")         # "Moscow's troops", "Kyiv's allies"
    if m.place.kind != "country" and _FIGHTERS_AFTER.match(after):
        return replace(m, role="actor")         # "Fano militiamen", "Mai-Mai fighters": a group named after a place
    if _QUALIFIES_PLACES.match(after):
        return replace(m, role="context")       # "the Donetsk cities of A and B": the places are A and B
    if m.precision in ("admin1", "admin2") and _REGION_REPORTS.match(after):
        return m   # "Sumy Oblast reported attacks on 11 hromadas": where they happened, not only who told
    # "Kyiv and Washington have said": the speakers are joined by "and"; "..., Xyz said" closes a
    # sentence with its attribution, and the name before the comma is no speaker.
    listed_after = re.match(r"^\s*(?:and|or)\s+(?:[A-Z][\w\u2019'\-]+\s*){1,3}", after)
    only_listed = bool(re.search(r"\b(?:and|or|both)\s*,?\s*$", recent))
    if (_REPORT_AFTER.match(after) or (listed_after and _REPORT_AFTER.match(after[listed_after.end():]))) \
            and (not m.locative or only_listed or recent.endswith(", ")):
        return replace(m, role="source")        # "Seoul said", "Kyiv and Washington have previously said"
    if re.search(r"\baccording to\s+(?:the\s+)?$", recent):
        return replace(m, role="source")
    return m


# "23 settlements, including the regional center of Kherson": places given as examples
_PLACE_EXAMPLES = re.compile(r"\b(?:including|among them|such as)\s+(?:the\s+)?(?:(?:city|town|village|regional|region|"
                             r"center|centre|capital|administrative|port|settlements?)\s+){0,3}(?:of\s+)?[A-Z]")
_AGREED_BEFORE_IN = re.compile(r"\b(?:swap|exchange|deal|agreement|ceasefire|truce|accord|arrangement)\s+(?:\w+\s+)?"
                               r"(?:agreed|brokered|negotiated|reached|signed)\s+(?:\w+\s+){0,3}?(?:in|at)\s+(?:the\s+)?$", re.I)
_AT_SEA_OFF = re.compile(r"\bnautical\s+miles?\s+(?:\(\d[\d.,]*\s*km\)\s+)?(?:(?:north|south|east|west|north-?east|"
                         r"north-?west|south-?east|south-?west)(?:ward)?\s+)?(?:of|from|off)\s+(?:the\s+)?(?:\w+\s+of\s+)?$", re.I)
_AREA_AFTER = re.compile(r"\s+(?:countryside|outskirts|suburbs)\b")
_REGION_REPORTS = re.compile(r"\s+(?:also\s+)?(?:reported|recorded|registered)\s+(?:\w+\s+){0,3}?(?:attacks?|strikes?|shelling|"
                             r"explosions|casualties|injuries|deaths|no casualties|drones|hits?)\b")
_KIND_OF_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:town|village|city|settlement|hamlet|port|suburb)\s+of\s+[A-Z]")
_COMPASS_IN = re.compile(r"\s+(?:(?:refugee\s+)?camp\s+|village\s+|town\s+)?in\s+(?:the\s+)?" + _COMPASS)
_IN_THE = re.compile(r"\s+in\s+the\s+")
_QUALIFIES_PLACES = re.compile(r"\s+(?:cities|towns|villages|settlements|communities|regions|districts)\s+of\s+[A-Z]")


# Places named as where something came from or as a landmark, not where it happened:
# "drones launched from Crimea", "missiles fired from the Belgorod region", an advance's start.
_LAUNCH_BEFORE = re.compile(
    r"\b(?:launched|fired|took off|flew in|flying|coming|released|dropped|sent|"
    # "M23 pushed south from Bukavu and clashed near Y": where an advance set out
    r"pushed|pushing|advanced|advancing|marched|marching|set out|set off)\s+(?:\w+\s+)?from\s+(?:the\s+)?"
    r"(?:territory\s+of\s+|direction\s+of\s+|(?:occupied|annexed|Russian-occupied|temporarily occupied)\s+)?$", re.I)
# "thousands fled towards Bukavu", "families escaped to the nearby town of X": where people fled to, no place
# of what made them flee
_FLED_TO = re.compile(r"\b(?:fled|fleeing|flee|flees|escaped|escaping)\s+(?:\w+\s+)?(?:to|towards?|into)\s+"
                      r"(?:the\s+|a\s+)?(?:(?!(?:in|at|near|as|on)\s)[a-z][\w\-]*\s+){0,3}?"
                      r"(?:(?:town|city|village|camp)\s+of\s+)?$")
# "the Dnipro river", "Black Sea ports", "near the ... nuclear plant": a reference.
_REFERENCE_AFTER = re.compile(r"\s+(?:river|River|ports|coast|Fleet|fleet)\b")
# "the Ukrainian Black Sea port", "a Black Sea resort": a sea that describes a town is no place of its own
_SEA_DESCRIBES = re.compile(r"\s+(?:ports?|city|cities|town|towns|resorts?|coastline|region)\b")
_LANDMARK_AFTER = re.compile(r"\s+(?:nuclear\s+(?:power\s+)?(?:plant|station)|NPP|power\s+plant|dam)\b", re.I)
# A capital or a seat of government acting in an attack: "Moscow launched", "the Pentagon struck".
_ATTACKS_AFTER = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+|also\s+|again\s+)*(?:launched|fired|attacked|struck|pounded|shelled|bombarded|"
    r"unleashed|targeted|sent|deployed|mounted|carried out|retaliated|hit)\b")
_ARMED_GROUPS = frozenset(fold(w) for w in _LEXICON["lists"]["armed_groups"])
_ARMED_GROUP_CODES: dict[str, str] = dict(_LEXICON["armed_group_codes"])
_ARMED_GROUP_RE = re.compile(r"\b(?:" + alternation(_LEXICON["lists"]["armed_groups"]) + r")\b")


def armed_groups(text: str) -> list[str]:
    """The armed groups a sentence names, by short name, in text order ("RSF shelling", "Hezbollah fired")."""
    out: list[str] = []
    for m in _ARMED_GROUP_RE.finditer(text):
        code = _ARMED_GROUP_CODES.get(m.group(0).lower(), m.group(0))
        if code not in out:
            out.append(code)
    return out
_WORLD_REGIONS = frozenset(fold(w) for w in _LEXICON["lists"]["world_regions"])


def _not_where(text: str, m: Mention, gz) -> Mention:
    """Launch sites, rivers, landmarks and governments in an attack are no place of the event."""
    if m.role != "event":
        return m
    before, after = text[max(0, m.start - 80):m.start], text[m.end:m.end + 40]
    if _LAUNCH_BEFORE.search(before) or _REFERENCE_AFTER.match(after) or (
            m.precision == "sea" and _SEA_DESCRIBES.match(after)) or (
            m.place.kind == "feature" and re.search(r"\briver\b", m.place.name + " " + m.text, re.I)):
        return replace(m, role="context")
    if _LANDMARK_AFTER.match(after) and _NEAR.search(before) or _FLED_TO.search(before):
        return replace(m, role="context")
    seat = fold(m.text) in _SEATS_FOLDED
    if (seat or (m.place.kind == "city" and _is_capital(m.place, gz))) and not m.locative \
            and _ATTACKS_AFTER.match(after):
        return replace(m, role="actor")
    if (seat or m.place.kind == "city" and _is_capital(m.place, gz)) and _between_capitals(before, after, gz):
        return replace(m, role="actor")         # "the strikes between Kyiv and Moscow": the two sides
    if (seat or m.place.kind == "city" and _is_capital(m.place, gz)) and _ADDRESSED_BEFORE.search(before):
        return replace(m, role="context")       # "Zelensky thanked Madrid": the government spoken to, not where
    return m


# A government spoken to or of: "thanked Madrid", "accused Washington of", "urged Berlin to"
_ADDRESSED_BEFORE = re.compile(r"\b(?:thanked|thanks|thanking|praised|critici[sz]ed|accused|urged|called on|blamed|"
                               r"condemned|congratulated|rebuked|slammed|warned|(?:at the )?(?:request|invitation|"
                               r"behest) of|on behalf of)\s+$")


_DISTANCE_BEFORE = re.compile(r"(?:km|kms|kilomet\w+|miles)\s+(?:away\s+)?(?:from|of|north|south|east|west)"
                              r"[\w\s\-]{0,12}$", re.I)
_PLANT = re.compile(r"\b(?P<name>[A-Z][\w\-]{2,40})(?:\s+(?:nuclear|atomic)\s+(?:power\s+)?(?:plant|station)|"
                    r"\s+(?:power\s+)?plant|\s+NPP)\b")


def _plant_sites(text: str, mentions: list[Mention], gz) -> list[Mention]:
    """"drones hit the roof of the Zaporizhzhia plant's turbine hall": the nuclear plant, where the
    sentence names no other place; beside a town that was hit ("Nikopol, across from the
    Zaporizhzhia nuclear plant") it stays a landmark."""
    out = list(mentions)
    for p in _PLANT.finditer(text):
        plant = next((c for c in gz.lookup(f"{p.group('name')} nuclear power plant") if c.kind == "feature"), None)
        if plant is None:
            continue
        out = [o for o in out if not (p.start() <= o.start < p.end())]
        refs = [o for o in out if o.start > p.end() and _DISTANCE_BEFORE.search(text, max(0, o.start - 40), o.start)]
        others = [o for o in out if o.role == "event" and o not in refs]
        if not others:   # "100 km from Kyiv": the town locates the plant
            out = [replace(o, role="context") if o in refs else o for o in out]
        out.append(Mention(p.group(0), p.start(), p.end(), plant, "point", role="context" if others else "event",
                           locative=True))
    return sorted(out, key=lambda x: x.start)


_BETWEEN_FIRST = re.compile(r"\bbetween\s+$")
_BETWEEN_SECOND = re.compile(r"\bbetween\s+([A-Z][\w\-]+(?: [A-Z][\w\-]+)?)\s+and\s+$")
_AND_NEXT = re.compile(r"\s+and\s+([A-Z][\w\-]+(?: [A-Z][\w\-]+)?)")


def _between_capitals(before: str, after: str, gz) -> bool:
    """"between Kyiv and Moscow", "between Washington and Beijing": capitals named as the parties."""
    if _BETWEEN_FIRST.search(before):
        other = _AND_NEXT.match(after)
    else:
        other = _BETWEEN_SECOND.search(before)
    if other is None:
        return False
    name = other.group(1)
    if fold(name) in _SEATS_FOLDED:
        return True
    place = gz.resolve(name)
    return place is not None and place.kind == "city" and _is_capital(place, gz)


# What ends the frame's scope before a place: a figure or a toll of its own ("In A, two died, and in B ...").
_FRAME_SCOPE_ENDS = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|killed|injured|wounded|"
                               r"died|dead|hurt)\b", re.I)


_COMPASS_WORD_BEFORE = re.compile(r"\b" + _COMPASS + r"$", re.I)


def _inside_frame(text: str, frame: Mention, o: Mention, around: bool = False) -> bool:
    """Whether ``o`` is a finer place inside the city that opens the sentence as its frame: "In
    Khartoum, a strike on Omdurman killed six" is Omdurman's strike, the city only says
    where the camp is; a place after the frame's own toll is an incident of its own. A frame
    told by its part of the land ("In northern Gaza,") is the land around, across its units."""
    return o.start > frame.end and not o.missing and o.precision in ("point", "near", "admin2") and \
        o.place != frame.place and o.place.country_iso3 == frame.place.country_iso3 and \
        (around or fold(o.place.admin1) == fold(frame.place.admin1)) and \
        haversine_km(o.place.lat, o.place.lon, frame.place.lat, frame.place.lon) <= 40 and \
        (around or not _FRAME_SCOPE_ENDS.search(text, frame.end, o.start))


def _rank(m: Mention) -> int:
    if m.missing:
        return 0   # a settlement, though placed at its region
    if m.place.kind == "feature":
        return -1  # a power plant or a bridge is finer than the town it is in
    return {"point": 0, "near": 0, "admin2": 1, "admin1": 2, "country": 3, "sea": 3}.get(m.precision, 3)


# ---------------------------------------------------------------- actors

_ORGANISATIONS = sorted(_LEXICON["lists"]["organisations"], key=len, reverse=True)
_ORG_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, _ORGANISATIONS)) + r")\b")
# Cheap test before the pattern: a text that has none of these words names no organisation.
_ORG_ANCHORS = tuple(sorted({name.split(" ")[0] for name in _ORGANISATIONS}))
# The same test as one pattern: a search in C instead of a Python loop over the words.
_ORG_ANCHOR_RE = re.compile("|".join(map(re.escape, _ORG_ANCHORS)) or r"(?!)")
_SHORT = _LEXICON["lists"]["short_forms"]
# "U.S." ends a sentence as "U.S." too: the form without its last dot, before a dot.
_SHORT_FORMS = re.compile(
    r"\b(?:" + alternation(_SHORT) + r")(?![\w.$])|\b(?:"
    + "|".join(re.escape(f[:-1]) for f in _SHORT if f.endswith(".")) + r")(?=\.)")
_SHORT_FIRST = tuple(sorted({f[0] for f in _SHORT}))


_LEADERS: dict[str, str] = dict(lexicon.load("statements")["leaders"])
_LEADER_GOVERNMENT = re.compile(r"\b(" + alternation(_LEADERS) + r")(?:[\u2019']s)?\s+(?:administration|government|cabinet)\b")


def find_actors(text: str, gz: Gazetteer, mentions: list[Mention] = ()) -> list[ActorMention]:
    """Countries (names, short forms, demonyms) and organisations a sentence names, as codes."""
    out = list(_named_actors(text, gz))
    for m in mentions:
        # A capital standing for its government: "Seoul said", "Berlin has pledged", "Moscow's troops".
        if m.place.kind == "city" and m.role in ("source", "event", "context") and not m.locative \
                and _is_capital(m.place, gz):
            out.append(ActorMention(m.place.country_iso3, m.text, m.start, m.end, False))
    return sorted(_outside_flags(text, out), key=lambda a: a.start)


# theatre() scans every sentence for actors and the events pass scans it again: the names a sentence
# gives depend on its text alone (the gazetteer never changes), so the second scan is a cache hit.
@lru_cache(maxsize=4096)
def _named_actors(text: str, gz: Gazetteer) -> tuple[ActorMention, ...]:
    """The actors a sentence names, in scan order, before flags and capitals are considered."""
    out: list[ActorMention] = []
    orgs = _ORG_RE.finditer(text) if _ORG_ANCHOR_RE.search(text) else ()
    for m in orgs:
        org = gz.organisation(m.group(0))
        if org is not None:
            out.append(ActorMention(_org_code(org), m.group(0), m.start(), m.end(), False))
    short = _SHORT_FORMS.finditer(text) if any(c in text for c in _SHORT_FIRST) else ()
    for m in short:
        c = gz.country(m.group(0))
        if c is not None:
            out.append(ActorMention(c.iso3, m.group(0), m.start(), m.end(), False))
    tokens = _tokens(text)
    run = _runs(tokens, ("of", "the", "and"), text)
    heads = _country_heads(gz)
    i = 0
    while i < len(tokens):
        word = tokens[i][0]
        # (most words start no country name, short form or demonym: that test comes before the overlap one)
        if not _is_cap(word) or fold(word) not in heads or any(a.start <= tokens[i][1] < a.end for a in out):
            i += 1
            continue
        for n in range(min(4, run[i]), 0, -1):
            span = tokens[i:i + n]
            phrase = text[span[0][1]:span[-1][2]]
            if text[span[-1][2]:span[-1][2] + 1] == "$":
                continue  # "US$50 billion" is a currency, not an actor
            c = _country(gz, phrase)
            if c is not None:
                # "Canadian" is a people although a town in Texas bears the name
                demonym = gz.is_demonym(phrase) or fold(phrase) not in {fold(c.name)} and not gz.lookup(phrase)
                out.append(ActorMention(c.iso3, phrase, span[0][1], span[-1][2], demonym))
                i += n
                break
        else:
            i += 1
    if "administration" in text or "government" in text:
        # "the Biden administration announced", "the Starmer government": that leader's state
        for m in _LEADER_GOVERNMENT.finditer(text):
            if not any(a.start <= m.start() < a.end for a in out):
                out.append(ActorMention(_LEADERS[m.group(1)], m.group(0), m.start(), m.end(), True))
    return tuple(out)


def _is_capital(place: Place, gz: Gazetteer) -> bool:
    c = gz.country_by_iso3(place.country_iso3)
    return c is not None and fold(c.capital) == fold(place.name)


_ORG_CODES: dict[str, str] = dict(_LEXICON["organisation_codes"])


def _org_code(org: Place) -> str:
    """A short code for an organisation: its name when short, else its initials ("IAEA", "EU")."""
    name = org.name
    if len(name) <= 6:
        return name
    if name.lower() in _ORG_CODES:
        return _ORG_CODES[name.lower()]
    return "".join(w[0] for w in re.findall(r"[A-Z][\w\-]*", name)) or name
