"""Who acts, who is attacked, who gives to whom.

For an event, the state or organisation that acts (the donor of aid, the sender
of troops or arms, the subject of talks), the country an attack is aimed at,
and the recipient of aid. Pure functions over a sentence and the actors
`places.find_actors` found in it.
"""
from __future__ import annotations

import re

from . import lexicon
from .prechecks import Guarded, alternation
from .gazetteer import Gazetteer, Place
from .places import _LEADERS, ActorMention, _is_capital, _org_code

MILITARY_SPECIFIC = re.compile(
    r"\b(?:military|weapons?|arms|ammunition|munitions?|shells?|missiles?|air[- ]defen[cs]e|tanks?|drones?|artillery|"
    r"rifles?|vehicles|jets|aircraft|howitzers?|mortars?|grenades?|radars?|helicopters?|"
    r"IRIS-T|Patriot|HIMARS|F-16s?|ATACMS|Storm Shadow|Leopard|Abrams|Bradley|"
    r"defen[cs]e|security assistance|equipment|interceptors|(?:security|armed) forces|army)\b", re.I)


def aid_kind(text: str, topic: str) -> str:
    """Money called 'support' or 'aid' with nothing military about it is financial aid."""
    if topic == "military_aid" and not MILITARY_SPECIFIC.search(text):
        return "financial_aid"
    return topic


GIVING_OBJECT = re.compile(
    r"\b(?:supply|supplies|supplying|supplied|armed|arming|lend|lends|lent|give|gives|gave|provide|provides|provided|"
    r"providing|send|sends|sent|"
    r"deliver|delivered|help|helps|support|supports|protect|between|with|grant|grants|granting|granted)\s+(?:the\s+)?$", re.I)
_TARGET_NOUN = re.compile(r"\b(?:against|on|at|attack|attacked|attacking|across|in|inside|over|into|struck|hit)\s+"
                          r"(?:\w+\s+of\s+)?(?:(?:north|south|east|west|central)[\w\-]*\s+)?"   # "deep into western Russia"
                          r"([A-Z][\w\u2019']+(?: [A-Z]\w+)?)")
_TARGET_ADJ = re.compile(r"\b([A-Z]\w+)\s+(?:oblasts|regions|cities|towns|villages|territory|infrastructure|energy|"
                         r"positions|ports?|airfields?|troops|soldiers|civilians|grid|facilities|"
                         r"(?:air|military|naval)\s+bases?|airports?|targets)\b")


def target_country(text: str, actors: list[ActorMention], gz: Gazetteer) -> tuple[str, str | None] | None:
    """The country attacked: 'attack Ukraine', 'across Ukraine', or 'six Ukrainian oblasts'."""
    for m in _TARGET_NOUN.finditer(text):
        name = re.sub(r"[\u2019']s$", "", m.group(1))
        c = gz.country(name)
        if c is not None and not any(a.demonym for a in actors if a.text == name):
            return c.iso3, name
    for m in _TARGET_ADJ.finditer(text):
        # ("fired a ballistic missile at an Israeli air base")
        if re.search(r"\b(?:attack|attacked|attacking|against|on|at|struck|hit|targeted|shelled)\s+(?:\w+\s+){0,2}$",
                     text[max(0, m.start() - 40):m.start()]):
            c = gz.country(m.group(1))
            if c is not None:
                return c.iso3, None
    return None


_MOVER = re.compile(
    r"[\u2019']?s?\s+(?:(?:is|are|has|have|had|was|were|reportedly|also|already)\s+)*(?:\w+ly\s+)?"
    r"(?:dispatch|deploy|send|sent|ship|suppl|transferr|transfer|mov|station|provid)\w*\b"
    r"|\s+(?:\w+\s+){0,2}(?:troops|forces|soldiers|servicemen|units|munitions|shells|missiles|weapons)\b", re.I)
_OBSERVES = re.compile(
    r"(?:[\u2019']s)?\s+(?:\w+\s+){0,3}?(?:has\s+|have\s+|had\s+)?(?:spotted|tracked|detected|observed|said|says|"
    r"reported|estimated|believes|warned|expressed|noted|claimed|confirmed)\b"
    r"(?!\s+(?:that\s+)?(?:it|they)\b)", re.I)   # "the UK said it would send": the one who sends says so
# "..., and Canada announced C$500m": after "and", a state followed by its verb opens a clause of its own
_CLAUSE_VERB = re.compile(r"\s+(?:(?:also|has|have|had|will|would|is|are|then|later)\s+)*(?!receiv|obtain|got\b|gets\b)"
                          r"(?:[a-z]+ed|said|says|gave|gives|sent|sends|lent|lends|made|makes|took|committed|"
                          r"announces|pledges|promises|offers|provides|approves|extends|commits|allocates|lend|give|"
                          r"send|provide|allocate|pledge)\b")
# "for Ukraine", "to help Ukraine", "to support the Sudanese": the one done to or for
_NOT_ACTING = re.compile(r"(?:\b(?:for|to|with|against|into|in|on|of|toward|towards|between|and)\s+"
                         r"(?:(?:help|support|assist|aid|back|fund|finance|arm|equip|rebuild|strengthen|bolster)\s+)?"
                         r"(?:the\s+)?)$", re.I)


_DECIDES_AFTER = re.compile(
    # "Japan has imposed", "the EU finally approved", "the EU, the G7 countries and Australia have frozen"
    r"(?:(?:\s*,\s*(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:countries|states|nations))?)*"
    r"\s*,?\s+and\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+(?:countries|states|nations))?)?"
    r"\s+(?:(?:has|have|had|also|on \w+day|this week|last week|now|will|would|again|\w+ly)\s+){0,3}"
    r"(?:imposed|impose|announced|announce|pledged|pledge|sanctioned|allocated|approved|provided|agreed|signed|adopted|"
    r"unveiled|committed|promised|blacklisted|froze|frozen|introduced|expanded|extended)\b")


_BY_AGENT = re.compile(r"\b(?:imposed|announced|adopted|approved|pledged|provided|allocated|unveiled|agreed|"
                       r"introduced|offered|promised)\s+by\s+(?:the\s+)?$")


# "Russian sovereign assets", "Moscow's ambassador": a state named as an owner, not as one that acts
_OWNED_AFTER = re.compile(r"\s+(?:(?:sovereign|central bank|state|frozen)\s+)?(?:assets|oil|ambassador|envoy|embassy|"
                          r"lawmakers)")


def acting_party(text: str, actors: list[ActorMention], topic: str, before: int | None = None) -> ActorMention | None:
    """The state or organisation doing what the sentence reports (not the one it is done to or for)."""
    if topic in ("arms_transfer", "troop_movement"):
        src = next((a for a in actors if re.search(r"\bfrom\s+(?:the\s+)?$", text[:a.start])), None)
        if src is not None:
            return src
        # "North Korea is dispatching troops", "North Korean troops": who moves the troops or arms
        mover = next((a for a in actors if _MOVER.match(text, a.end)), None)
        if mover is not None:
            return mover
    pool = [a for a in actors if before is None or a.start < before] or list(actors)
    if topic in ("arms_transfer", "troop_movement"):
        # "Seoul spotted containers being shipped": the one who observes is not the one who moves.
        pool = [a for a in pool if not _OBSERVES.match(text, a.end)] or pool
    # "After Russia annexed four regions, Japan has imposed sanctions": the subject of the decision
    subject = next((a for a in pool if not a.demonym and (_DECIDES_AFTER.match(text, a.end) or
                                                          _BY_AGENT.search(text, max(0, a.start - 40), a.start))), None)
    if subject is not None:
        return subject
    owners = [a for a in pool if _OWNED_AFTER.match(text, a.end)]
    for a in pool:
        if _NOT_ACTING.search(text[max(0, a.start - 25):a.start]) or a in owners:
            continue
        if re.match(r"[\u2019']s\s+(?:invitation|invasion|war|territory|ability|reputation|defen[cs]e)", text[a.end:]):
            continue
        return a
    if topic in ("financial_aid", "military_aid", "humanitarian_aid"):
        return None   # "we are extending the programme for Ukraine": the recipient is not the donor
    # ("frozen Russian sovereign assets in the EU": the state whose assets they are acts least of all)
    rest = [a for a in pool if a not in owners] or pool
    return rest[0] if rest else None


def country_place(gz: Gazetteer, code: str, written: str | None = None) -> tuple[Place, str] | None:
    """A country (plotted at its capital) or an organisation (at its seat), labelled as the text wrote it
    ("Britain"), or by its name when the text used an adjective or a dotted abbreviation."""
    label = written if written and "." not in written else None
    c = gz.country_by_iso3(code)
    if c is not None:
        return Place(c.name, "country", c.lat, c.lon, c.iso3, "", 0), label or c.name
    # an organisation by its code, else by the name the text gave it ("European Parliament", coded "EP"):
    # labelled by its short form as written ("EU", "IMF"), else by its name (an institution's alias,
    # "European Commission", is the European Union's)
    org = gz.organisation(code) or (gz.organisation(written) if written else None)
    if org is not None:
        return org, label if label and (label.isupper() or label == org.name) else org.name
    return None


# A state and its figure with the verb left out, as in a list after "pledged": "and Norway NOK 1.5 billion"
_GAPPED_GIFT = re.compile(r"\s+(?:another\s+|a\s+further\s+|an\s+additional\s+)?")
_FIGURE_WORD = re.compile(r"[$\u20ac\u00a3]|\b(?:million|billion|bn|mn)\b")
_LIST_ITEM_BEFORE = re.compile(r"(?:,|\band)\s+$")   # an item of the list ("give Ukraine $2bn" names the recipient)


# "$50 billion G7 loan", "EUR 18bn EU facility": the organisation whose programme the figure is
_OWNED_FIGURE = re.compile(r"\s+(?:loans?|package|facility|fund|programme|program|scheme|initiative|mechanism)\b")
_NOT_OWNER_BETWEEN = re.compile(r"[,;(]|\b(?:and|to|for|from|by|of|with)\b")


def donor_for(text: str, actors: list[ActorMention], pos: int) -> str:
    """The giver of the money figure at ``pos``: the organisation named with it as its owner ("a $50
    billion G7 loan"), else the last acting state named before it."""
    owner = next((a for a in actors if pos < a.start <= pos + 30 and not (len(a.code) == 3 and a.code.isupper())
                  and not _NOT_OWNER_BETWEEN.search(text, pos, a.start) and _OWNED_FIGURE.match(text, a.end)), None)
    if owner is not None:
        return owner.code
    before = [a for a in actors if a.start < pos]
    last = before[-1] if before else None
    if last is not None and not last.demonym and _GAPPED_GIFT.fullmatch(text, last.end, pos) and \
            _LIST_ITEM_BEFORE.search(text, max(0, last.start - 8), last.start) and \
            _FIGURE_WORD.search(text, 0, last.start):   # a list of gifts: a figure told before this one
        return last.code   # "Sweden SEK 2 billion for drones and Norway NOK 1.5 billion": Norway's
    for i in range(len(before) - 1, -1, -1):
        a = before[i]
        window = text[max(0, a.start - 25):a.start]
        if GIVING_OBJECT.search(window) or re.match(r"\s+(?:assets|oil|ambassador|envoy|lawmakers)", text[a.end:]) \
                or _DONE_TO.search(window) or _COUNTERPART.match(text, a.end):
            continue   # "met her Ukrainian counterpart and pledged": the one met gives nothing
        if _NOT_ACTING.search(window) and not (window.rstrip().endswith("and") and _CLAUSE_VERB.match(text, a.end)):
            if i > 0 and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[before[i - 1].end:a.start]):
                continue  # the second of "Germany and France": the first one reports both
            continue
        codes = [a.code]
        j = i + 1
        while j < len(before) and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[before[j - 1].end:before[j].start]):
            codes.append(before[j].code)
            j += 1
        return ";".join(dict.fromkeys(codes))
    return ""


def _transfer_fields(ev, text: str, actors: list[ActorMention], gz: Gazetteer) -> None:
    """Troops and arms: who sends them (donor) and who receives them (recipient)."""
    mover = acting_party(text, actors, ev.topic)
    if mover is None:
        return
    ev.donor = mover.code
    to = re.search(r"\b(?:to|into|for|with|provided|provides|provide|supplied|supplies|supply|sent|sends|send|"
                   r"gave|gives|give|delivered|delivers|deliver)\s+(?:assist\s+|help\s+)?(?:the\s+)?"
                   r"([A-Z][\w\u2019']+(?: [A-Z]\w+)?)", text[mover.end:])
    c = None
    if to:
        name = re.sub(r"[\u2019']s$", "", to.group(1))
        c = gz.country(name)
        if c is None:
            city = gz.resolve(name)
            if city is not None and city.kind == "city" and _is_capital(city, gz):
                c = gz.country_by_iso3(city.country_iso3)
    if c is None and ev.place.kind != "country" and ev.place.country_iso3 != mover.code:
        ev.recipient = ev.place.country_iso3   # "crossed into Vladivostok": Russia receives them
    elif c is not None and c.iso3 != mover.code:
        ev.recipient = c.iso3


_ASSETS_AFTER = re.compile(r"\s+(?:central\s+bank\s+|sovereign\s+|state\s+)?(?:assets|reserves|funds|revenues|profits|"
                           r"oil|gas|money|central bank)\b")


def fill_aid_fields(ev, text: str, actors: list[ActorMention], gz: Gazetteer) -> None:
    if ev.topic in ("arms_transfer", "troop_movement") and ev.own_money is None:
        _transfer_fields(ev, text, actors, gz)
        return
    if ev.topic not in ("military_aid", "financial_aid", "humanitarian_aid"):
        return  # a price cap or a damage estimate is money, not aid: no donor, no aid type
    codes = [a.code for a in actors]
    pos = ev.own_money.start if ev.own_money else len(text)
    # (no figure: the state that acts gives, not the last one named, "... as its leader meets them in Riga, Latvia")
    subject = acting_party(text, actors, ev.topic) if ev.own_money is None else None
    named = donor_for(text, actors, pos)
    donor = (subject.code if subject is not None and ";" not in named else named) or (codes[0] if codes else "")
    if ev.fallback and ev.place.kind in ("country", "org") and not donor:
        donor = _code_of(ev.place)
    recipient = ""
    m = None
    for m in re.finditer(r"\b(?:to|for|lend|lends|lent|give|gives|support|supports|supply|help|provide|provides|allocated to|"
                         r"grant|grants|granting|granted)\s+"
                         r"(?:the\s+)?([A-Z][\w\u2019'.]+(?: [A-Z]\w+)?)(?![\w-])", text):
        if gz.country(re.sub(r"[\u2019']s$", "", m.group(1))) is not None:
            break
    else:
        m = None
    if m:
        c = gz.country(re.sub(r"[\u2019']s$", "", m.group(1)))
        if c is None and ev.place.kind == "city":
            c = None
        recipient = c.iso3 if c else ""
    if not recipient:
        r = gz.resolve(m.group(1)) if m else None
        if r is not None and r.kind == "city" and r.country_iso3 != donor:
            recipient = r.country_iso3
    receiver = next((a for a in actors if re.match(
        r"(?:[\u2019']s)?\s+(?:has\s+|have\s+|had\s+|will\s+|is\s+set\s+to\s+|)(?:received|receive|receives|got|gets|obtained|secured)\b",
        text[a.end:])), None)
    if receiver is not None:
        # "Ukraine received 4.2 billion euros under the EU's facility": the subject gets, another gives
        recipient = receiver.code
        giver = next((a for a in actors if a.code != receiver.code and re.search(r"\bfrom\s+(?:the\s+)?$", text[:a.start])), None) \
            or next((a for a in actors if a.code != receiver.code), None)
        donor = giver.code if giver is not None else ""
    # "profits from frozen Russian assets": whose money it is, not who receives it
    others = {a.code for a in actors if a.code != donor and len(a.code) == 3 and gz.country_by_iso3(a.code) is not None
              and not _ASSETS_AFTER.match(text, a.end)}
    if not recipient and len(others) == 1:
        recipient = others.pop()   # the one other state the sentence names receives it
    if donor == recipient and ev.fallback and ev.place.kind in ("country", "org") and _code_of(ev.place) != recipient:
        donor = _code_of(ev.place)   # "allocations to Ukraine ..., bringing Finland's total to": placed at the giver
    ev.donor = donor if donor != recipient else ""
    ev.recipient = recipient
    lowered = text.lower()
    if re.search(r"\bloans?\b|\blend|\blent\b", lowered):
        ev.aid_type = "loan"
    elif re.search(r"\bgrants?\b", lowered):
        ev.aid_type = "grant"
    elif re.search(r"budget support|budget", lowered):
        ev.aid_type = "budget"
    elif ev.topic == "military_aid":
        ev.aid_type = "military"
    elif ev.topic == "humanitarian_aid":
        ev.aid_type = "humanitarian"
    else:
        ev.aid_type = "other"


def _code_of(place: Place) -> str:
    if place.kind == "country":
        return place.country_iso3
    if place.kind == "org":
        return _org_code(place)
    return ""




# Statements: who speaks for a state (data/lexicon/statements.toml)
_STATEMENTS = lexicon.load("statements")
_SPEECH = Guarded(re.compile(r"\b(?:" + alternation(_STATEMENTS["verbs"]) + r")\b", re.I),
                  tuple(v.lower() for v in _STATEMENTS["verbs"]))
_TITLE_AFTER = re.compile(r"(?:[\u2019']s)?\s+(?:(?:new|acting|former|top|deputy|chief|senior|first|vice)\s+){0,2}(?:"
                          + alternation(_STATEMENTS["titles"]) + r")\b", re.I)
_LEADER = re.compile(r"\b(?:" + alternation(_LEADERS) + r")\b")


def statement_verb(text: str) -> re.Match | None:
    """Where the sentence reports someone speaking or deciding ("said", "warned", "voted")."""
    return _SPEECH.search(text)


_HIGH_TITLE = re.compile(r"(?:[\u2019']s)?\s+(?:(?:new|acting|former|top|deputy|chief|senior|first|vice)\s+){0,2}(?:"
                         r"president|prime minister|premier|chancellor|(?:foreign|defen[cs]e|finance) ministers?|"
                         r"ministers|leaders|"
                         r"foreign ministry|defen[cs]e ministry|ministry|envoy|ambassador|government|parliament|"
                         r"lawmakers|cabinet|leader|king|queen|foreign office|state department|secretary of state|"
                         r"senate|congress|embassy|pentagon|white house|kremlin|"
                         # an organisation's head: "NATO Secretary General Mark Rutte", "the IAEA chief"
                         r"secretary[- ]general|director[- ]general|chief)\b", re.I)


def high_speaker(text: str, actors: list[ActorMention]) -> ActorMention | None:
    """A state's head, government, ministry or parliament speaking ("Ukrainian President Zelensky said",
    "Iran's foreign ministry denied"), or a known leader ("Putin warned"); not its officials or army,
    who mostly report an incident."""
    return statement_speaker(text, actors, _HIGH_TITLE)


def state_says(text: str, actors: list[ActorMention], gz: Gazetteer) -> ActorMention | None:
    """A state named as the subject of a statement ("Belarus said it had warned Poland")."""
    first = actors[0] if actors else None
    if first is None or first.demonym or gz.country_by_iso3(first.code) is None or \
            not _STATE_SAYS.match(text, first.end) or not OPENS_SENTENCE.fullmatch(text, 0, first.start):
        return None
    return first


OPENS_SENTENCE = re.compile(r"\s*(?:The\s+)?")   # all that comes before a sentence's subject
_STATE_SAYS = re.compile(r"\s+(?:(?:has|had|also|again|later|on\s+\w+day)\s+)*(?:said|says|warned|denied|accused|"
                         r"insisted|stated|claimed|condemned|condemns|denounced|denounces)\b")


def has_statement(text: str) -> bool:
    """Cheap test: does the sentence report someone speaking or deciding?"""
    return _SPEECH.search(text) is not None or _ACCORDING_TO.match(text) is not None


_ACCORDING_TO = re.compile(r"\s*According to\s+(?:the\s+)?")
# "summoned the Russian ambassador", "met the Chinese envoy": the one the speaker acts on, no speaker
_DONE_TO = re.compile(r"\b(?:summon(?:ed|s)?|called in|expell(?:ed|s)|met|meets|received|thanked|urged|told)\s+"
                      r"(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+|its\s+)?$", re.I)
_COUNTERPART = re.compile(r"\s+(?:counterparts?|opposite numbers?)\b")   # "her Ukrainian counterpart": the one met


def statement_speaker(text: str, actors: list[ActorMention], titles: re.Pattern = _TITLE_AFTER) -> ActorMention | None:
    """The state (or organisation) whose statement the sentence reports: 'US President Joe Biden blamed',
    "Norway's defence minister said", 'Putin warned' (a speaker with one of ``titles``, or a known
    leader); None when the sentence only cites a source."""
    verb = _SPEECH.search(text)
    if verb is None:
        # "According to Japan's deputy chief cabinet secretary, the votes violate ...": the state quoted
        by = _ACCORDING_TO.match(text)
        if by is not None:
            return next((a for a in actors if a.start == by.end() and titles.match(text, a.end)), None)
        return None
    for a in actors:
        if a.start < verb.start() and titles.match(text, a.end) and \
                not _NOT_ACTING.search(text[max(0, a.start - 25):a.start]) and \
                not _DONE_TO.search(text[max(0, a.start - 25):a.start]):
            return a
    leader = _LEADER.search(text, 0, verb.start())
    if leader is not None:
        return ActorMention(_LEADERS[leader.group(0)], leader.group(0), leader.start(), leader.end(), True)
    return None
