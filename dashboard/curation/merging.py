"""Events merged within the article: the passes after every sentence has made its events.

A sentence-by-sentence reading makes one event per place a sentence names; an article tells some
incidents more than once. Each pass below merges or drops events that another event already
accounts for, so that every incident the article reports is one row:

1. a country's casualty total in the lede that the places below add up to (`_drop_country_totals`);
2. a section heading that announces the paragraph under it (`_fold_headings`);
3. a place named again with nothing of its own on the days of a strike there (`_merge_bare_repeats`);
4. a district of a city struck, told with nothing of its own (`_fold_city_districts`);
5. the lede's toll for a place that a paragraph below tells in full (`_merge_lede_repeats`);
6. the lede's toll of one strike over a region whose next paragraph names where it fell
   (`_merge_lede_into_place`);
7. a region's figures that the next sentence hands to its places (`_merge_back_references`);
8. a sentence that breaks a place's toll down (`_merge_breakdowns`);
9. a region's toll that the places listed for it sum to (`_drop_region_totals`);
10. a region or country attacked with nothing of its own that frames the places in it
   (`_drop_bare_regions`);
and last, "part of a larger loan" is linked to the package row that carries that loan
(`_link_packages`). The order matters: totals are judged after repeats are merged, frames after totals.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import clause_bounds, clause_of
from .gazetteer import fold, haversine_km
from .quantities import find_casualties, format_amounts
from .sentences import is_heading
from .topics import VIOLENT_TOPICS

if TYPE_CHECKING:
    from .events import Event


def merge_within_article(events: list[Event]) -> None:
    """Merge, in place, the events of one article that tell the same incident (the passes above)."""
    lede = _lede_paragraph(events)
    _drop_country_totals(events, lede)
    _fold_headings(events)
    _merge_bare_repeats(events)
    _fold_city_districts(events)
    _merge_lede_repeats(events, lede)
    _merge_lede_into_place(events, lede)
    _merge_back_references(events)
    _merge_breakdowns(events)
    _drop_region_totals(events, lede)
    _drop_bare_regions(events)
    _link_packages(events)


def _lede_paragraph(events: list[Event]) -> int:
    """The paragraph of the article's first event: its lede ("Here is the situation on Wednesday." and
    other opening lines that state nothing, and the headline, come before it)."""
    told = [e.sentence.paragraph for e in events if not is_heading(e.sentence.text)]   # a headline stands above it
    return min(told or [e.sentence.paragraph for e in events], default=0)


def _drop_country_totals(events: list[Event], lede: int = 0) -> None:
    """A country-wide casualty total in a roundup sums the places listed after it: not an event of its own.
    Sentences that continued it (drones downed overnight) stay, as the country's own event."""
    finer = [e for e in events if e.topic in VIOLENT_TOPICS and e.place.kind != "country"
             and (e.killed or e.injured)]
    if not finer:
        return
    kept = []
    for e in events:
        if e.fallback and e.topic in VIOLENT_TOPICS and (e.killed or e.injured) and e.sentence.paragraph <= lede:
            home = [o for o in finer if o.place.country_iso3 == e.place.country_iso3]
            if len(home) == 1 and _one_strike(e.sentence.text) and home[0].sentence.paragraph > e.sentence.paragraph:
                # "killed 30 soldiers in an attack on a base in the country's north", then "The assault on the
                # base at X ... 15 militants were killed": the one strike's toll is at the one place below,
                # which keeps the larger of the two tellings
                place = home[0]
                for k in ("killed", "injured"):
                    if getattr(e, k) is not None:
                        setattr(place, k, max(getattr(e, k), getattr(place, k) or 0))
                _absorb(place, e)
                _take_day(place, e)
                continue
            # what is left once the headline and the toll sentence it repeats are set apart
            rest = [x for x in e.sentences if not is_heading(x.text)][1:]
            if not rest:
                continue
            e.sentences = rest
            e.sentence = rest[0]
            total = {"killed": e.killed, "injured": e.injured}
            e.killed = e.injured = None
            _own_figures(e, rest, total)
        kept.append(e)
    events[:] = kept


# A figure that is a part of a toll told before: "two of the dead were children", "including three children"
_PART_OF_TOLL = re.compile(r"\b(?:of (?:them|whom|those|the (?:dead|killed|injured|wounded|victims|casualties))|"
                           r"among (?:them|the)|includ(?:ing|ed?)|in all|in total|altogether)\b", re.I)


def _own_figures(e: Event, rest: list, total: dict) -> None:
    """The figures of the sentences left once a lede's total is set apart, where they tell a toll of their own
    ("Occupation officials said shelling by the other side had killed two people"), not a part of the total, the
    total again ("The strikes killed seven people") or an update of it ("five more", "rose to 9")."""
    for x in rest:
        if _PART_OF_TOLL.search(x.text):
            continue
        for c in find_casualties(x.text):
            if total[c.kind] is not None and c.count >= total[c.kind]:
                continue
            if not (c.cumulative or c.update or c.more or c.elliptic or c.each or c.each_after):
                setattr(e, c.kind, max(getattr(e, c.kind) or 0, c.count))


def _shares_out(text: str) -> bool:
    """"Four deaths were reported in A, three more in B, and one in C": a sentence that tells more than one
    figure of a kind gives each place its own, no total."""
    kinds = [c.kind for c in find_casualties(text)]
    return any(kinds.count(k) > 1 for k in set(kinds))


def _drop_region_totals(events: list[Event], lede: int = 0) -> None:
    """A region's casualty figures are what its named places do not account for: when the towns listed for
    it (in its paragraph or the next) sum to its figures, it is a total, not an event; when they sum to
    less, the region keeps the rest ("three killed in the oblast, two of them in village X": one)."""
    def inside(e, region):
        if region.place.kind == "admin2":   # a district: its towns and communities ("the Nikopol district")
            return e.place.kind == "city" and fold(e.place.admin2) == fold(region.place.admin2) and \
                e.place.admin1 == region.place.admin1
        return e.place.admin1 == region.place.name

    for region in [e for e in events if (e.place.kind == "admin1" and e.precision == "admin1" or
                                         e.place.kind == "admin2" and e.precision == "admin2") and not e.missing
                   and e.topic in VIOLENT_TOPICS and (e.killed or e.injured)]:
        # the paragraphs that tell the region (a lede told again below, by a drone tally, is still the lede)
        told = {x.paragraph for x in region.sentences if not is_heading(x.text)} or {region.sentence.paragraph}
        lead = lede in told   # the lede sums up the article (a headline may stand above it)
        # (a town's strike of another day, "the city on Sunday" beside the region's previous day, is no part)
        parts = [e for e in events if e is not region and inside(e, region)
                 and fold(e.location) != fold(region.location) and (e.killed or e.injured)
                 and (0 in told or any(-1 <= e.sentence.paragraph - p <= 2 for p in told))
                 and _same_days(e, region, undated_fits=True)]
        if region.place.kind == "admin2" and not parts:
            continue
        if not parts and lead and not _shares_out(region.sentence.text):
            # A lead's toll that the article's places of that country add up to exactly is their sum,
            # even where the gazetteer files those places under other units.
            parts = [e for e in events if e is not region and e.place.country_iso3 == region.place.country_iso3
                     and e.topic in VIOLENT_TOPICS and (e.killed or e.injured)]
            if any(getattr(region, k) is not None and getattr(region, k) != sum(getattr(e, k) or 0 for e in parts)
                   for k in ("killed", "injured")):
                parts = []
        if not parts or not lead and ANOTHER_STRIKE.search(region.sentence.text):
            continue   # "He also said two were wounded in another attack": no total of the region's towns
        rest = _rest(region, parts)
        if rest["killed"] or rest["injured"]:
            # parts that do not add up to the region's toll, told as an incident of their own ("A second
            # strike, on the village of X, killed three"), are no part of it
            parts = [e for e in parts if not ANOTHER_STRIKE.search(e.sentence.text)]
            if not parts:
                continue
            rest = _rest(region, parts)
        if rest["killed"] == 0 and rest["injured"] == 0:
            if region.quantities:   # "43 strikes on 15 settlements": counts of its own, no single place's
                region.killed = region.injured = None
            else:
                events.remove(region)
                for e in parts:   # "Strikes killed 23 across X on Thursday", then the towns: Thursday's
                    _take_day(e, region)
        elif rest["killed"] >= 0 and rest["injured"] >= 0:
            for kind, left in rest.items():
                if getattr(region, kind) is not None:
                    setattr(region, kind, left or None)


# "another attack", "a second strike": an incident told as one of its own
STRIKE_NOUNS = r"(?:attacks?|strikes?|shelling|assaults?|raids?|barrages?|incidents?)\b"
ANOTHER_STRIKE = re.compile(r"\b(?:another|a separate|a second|a third|a further|a later)\s+(?:\w+\s+)?" + STRIKE_NOUNS,
                            re.I)


def _rest(region: Event, parts: list[Event]) -> dict:
    """The region's figures that its parts do not account for, per kind (0 where it has none)."""
    return {kind: (getattr(region, kind) - sum(getattr(e, kind) or 0 for e in parts)
                   if getattr(region, kind) is not None else 0) for kind in ("killed", "injured")}


def _merge_bare_repeats(events: list[Event]) -> None:
    """A place named again with nothing of its own (no casualties, no counts) on the same days as a
    strike there ("as tanks advanced in X" in the lead, then "a raid on X left 40 dead") is that
    strike told again: one row, with both sentences."""
    def bare(e):
        return e.killed is None and e.injured is None and not e.quantities and not e.money
    dropped: set[int] = set()
    # the strikes told at each place, indexed once: comparing every row with every other was quadratic
    at: dict[tuple, list[tuple[int, Event]]] = {}
    for j, o in enumerate(events):
        if o.topic in VIOLENT_TOPICS and not o.fallback:
            at.setdefault((fold(o.location), o.place.kind, o.place.country_iso3), []).append((j, o))
    for i, e in enumerate(events):
        if e.topic not in VIOLENT_TOPICS or e.fallback or not bare(e):
            continue
        same = [o for j, o in at.get((fold(e.location), e.place.kind, e.place.country_iso3), ())
                if j != i and id(o) not in dropped and _same_days(o, e) and (not bare(o) or j < i)]
        if not same:
            continue
        target = min(same, key=bare)   # the strike with figures, else the first telling
        target.sentences.extend(x for x in e.sentences if x not in target.sentences)
        target.sentences.sort(key=lambda x: x.index)
        dropped.add(id(e))
    events[:] = [e for e in events if id(e) not in dropped]


def _fold_city_districts(events: list[Event]) -> None:
    """A district of a city struck, told with nothing of its own in the same or the next paragraph ("A
    block in the Darnytskyi district partly collapsed" after the strike on Kyiv), is where in that city
    the strike fell: the city's event, not a row of its own."""
    def bare(e):
        return e.topic in VIOLENT_TOPICS and e.place.kind == "admin2" and e.killed is None and e.injured is None \
            and not e.quantities and not e.money
    cities = [o for o in events if o.topic in VIOLENT_TOPICS and o.place.kind == "city" and not o.fallback
              and (o.killed or o.injured)]
    dropped: set[int] = set()
    for e in events:
        if not bare(e):
            continue
        city = next((o for o in cities if o.place.country_iso3 == e.place.country_iso3
                     and fold(o.place.admin1) == fold(e.place.admin1)
                     and 0 <= e.sentence.paragraph - o.sentence.paragraph <= 1 and _same_days(o, e)
                     and haversine_km(o.place.lat, o.place.lon, e.place.lat, e.place.lon) < 20), None)
        if city is not None:
            _absorb(city, e)
            dropped.add(id(e))
    events[:] = [e for e in events if id(e) not in dropped]


def _fold_headings(events: list[Event]) -> None:
    """A section heading ("Sanctions target 81 people and nine firms") announces the paragraph below:
    when the next event states the same figures, or is a strike at the same place with at least the
    heading's toll, the heading is part of it, not a row of its own."""
    dropped: set[int] = set()
    for i, h in enumerate(events):
        if not heading_alone(h):
            continue   # a heading that the lead below has told on is that event, no heading alone
        nxt = next((o for o in events[i + 1:] if o.sentence.paragraph > h.sentence.paragraph), None)
        if nxt is not None and fold(h.location) != fold(nxt.location) and not h.fallback:
            # ("Strikes kill dozens in Gaza as talks resume in Doha" over a lede telling both: the lede's
            # event at the headline's place)
            nxt = next((o for o in events[i + 1:] if o.sentence.paragraph == nxt.sentence.paragraph and
                        fold(o.location) == fold(h.location)), nxt)
        # (a headline's strike and the lede's fighting at one place are one incident, as the lede tells it)
        kin = nxt is not None and {h.topic, nxt.topic} <= VIOLENT_TOPICS and fold(h.location) == fold(nxt.location)
        # ("Allies pledge air defence systems at Ramstein meeting" over the meeting there: a headline with
        # nothing of its own, whatever its topic, is the lede's at its place)
        bare = nxt is not None and not h.fallback and fold(h.location) == fold(nxt.location) and \
            h.killed is None and h.injured is None and not h.quantities and not h.money
        if nxt is None or nxt.topic != h.topic and not (kin or bare) or nxt.sentence.paragraph > h.sentence.paragraph + 2:
            continue
        values = {q.value for q in nxt.quantities}
        same_figures = all(q.value in values for q in h.quantities) and all(
            getattr(h, k) is None or getattr(h, k) == getattr(nxt, k) for k in ("killed", "injured"))
        # "Strike on X kills a teenager", then "six were killed in X, including a 14-year-old": a headline
        # of the place's strike, its figures part of the paragraph's
        # ("Junta bombs school in Sagaing, killing 20" over a village of the Sagaing region: the region's name)
        same_place = h.topic in VIOLENT_TOPICS and not h.fallback and (
            fold(h.location) == fold(nxt.location) or
            h.place.kind == "city" and fold(h.location) in fold(nxt.place.admin1 or "").split()) and all(
            getattr(h, k) is None or getattr(nxt, k) is None or getattr(h, k) <= getattr(nxt, k)
            for k in ("killed", "injured"))
        # "Russian strikes hit energy sites in five regions" over a lede naming them: the headline's count
        # sums the places below, no row of the country's
        summary = h.topic in VIOLENT_TOPICS and h.fallback and h.place.kind == "country" and h.killed is None \
            and h.injured is None and nxt.place.kind != "country" and nxt.place.country_iso3 == h.place.country_iso3
        if same_figures or same_place or summary:
            for k in ("killed", "injured"):
                if getattr(nxt, k) is None:
                    setattr(nxt, k, getattr(h, k))
            _absorb(nxt, h)
            dropped.add(id(h))
    events[:] = [e for e in events if id(e) not in dropped]


def _merge_lede_repeats(events: list[Event], lede: int = 0) -> None:
    """"Three were killed in the Kyiv region" in the lede, then "the Kyiv regional head said three were
    killed and 10 injured" below: the lede sums up the paragraph, one event with what both say."""
    dropped: set[int] = set()
    for e in events:
        if e.sentence.paragraph != lede or e.topic not in VIOLENT_TOPICS or e.fallback:
            continue
        for o in events:
            # (a headline above the lede is no paragraph below it: "Drones hit X as fighting rages" keeps the
            # lede's strike)
            if o.sentence.paragraph == lede or id(o) in dropped or o.topic not in VIOLENT_TOPICS or o.fallback \
                    or heading_alone(o) \
                    or o.place.kind != e.place.kind or o.place.country_iso3 != e.place.country_iso3 \
                    or o.missing != e.missing or not _same_days(o, e, undated_fits=True) \
                    or not (o.place == e.place and not o.missing or fold(o.location) == fold(e.location)):
                continue
            if any(getattr(e, k) is not None and getattr(o, k) is not None and getattr(e, k) != getattr(o, k)
                   for k in ("killed", "injured")):
                continue   # the figures differ: another incident, or a total
            for k in ("killed", "injured"):
                if getattr(o, k) is None:
                    setattr(o, k, getattr(e, k))
            _absorb(o, e)
            o.quantities = e.quantities + [q for q in o.quantities if q not in e.quantities]
            _take_day(o, e)
            dropped.add(id(e))
            break
    events[:] = [e for e in events if id(e) not in dropped]


def _merge_lede_into_place(events: list[Event], lede: int = 0) -> None:
    """"Three were killed in a drone strike in the Kherson region", then "The drone hit a minibus in
    Bilozerka": a lede's toll of one strike over a region or country whose next paragraph names the one
    place inside it where the strike fell, and no other place there has a toll of its own, is that
    place's toll."""
    dropped: set[int] = set()
    for e in events:
        if e.sentence.paragraph != lede or e.topic not in VIOLENT_TOPICS or (e.killed is None and e.injured is None) \
                or e.place.kind not in ("admin1", "country") or e.precision not in ("admin1", "country") \
                or not _one_strike(e.sentence.text):
            continue   # "killed four across the region": several strikes, the place below may be one of them

        def within(o):
            return o is not e and o.topic in VIOLENT_TOPICS and not o.fallback \
                and o.place.country_iso3 == e.place.country_iso3 \
                and (e.place.kind == "country" or fold(o.place.admin1) == fold(e.place.name)) \
                and (o.place.kind == "city" or o.missing or o.precision == "admin2")
        inside = [o for o in events if within(o) and id(o) not in dropped]
        following = [o for o in inside if o.sentence.paragraph == lede + 1]
        if len(following) != 1:
            continue
        o = following[0]
        # a stated zero is no rival toll; the place's own figures of the kinds the lede lacks ("18 were killed
        # in a village of the region", then "the jet bombed X village ... 30 others were injured") complete it
        if any(x.killed or x.injured for x in inside if x is not o) or \
                any(getattr(o, k) and getattr(e, k) is not None for k in ("killed", "injured")):
            continue
        if not _same_days(o, e, undated_fits=True):
            continue
        for k in ("killed", "injured"):   # the lede's figure, where it gives one
            if getattr(e, k) is not None:
                setattr(o, k, getattr(e, k))
        _absorb(o, e)
        o.quantities = e.quantities + [q for q in o.quantities if q not in e.quantities]
        o.actors = e.actors + [a for a in o.actors if a not in e.actors]   # the lede names who struck
        _take_day(o, e)
        dropped.add(id(e))
    events[:] = [e for e in events if id(e) not in dropped]


# "The death occurred in X", "those wounded were inhabitants of A, B and C": the figures just given
_BACK_REFERENCE = {
    "killed": re.compile(r"\b(?:[Tt]he|[Tt]hose)\s+(?:deaths?|dead|killed|fatalit(?:y|ies))\b"),
    "injured": re.compile(r"\b(?:[Tt]he|[Tt]hose)\s+(?:wounded|injured|hurt)\b"),
}


def _merge_back_references(events: list[Event]) -> None:
    """"Shelling of the Donetsk region killed one and wounded 14. The death occurred in X, while those
    wounded were inhabitants of A, B and C": the region's figures belong to the places the next sentence
    gives them to (one place takes the figure, several share it), and the region keeps what is left."""
    dropped: set[int] = set()
    by_sentence: dict[int, list[Event]] = {}
    for e in events:
        by_sentence.setdefault(e.sentence.index, []).append(e)
    for r in events:
        if r.topic not in VIOLENT_TOPICS or r.place.kind != "admin1" or r.precision != "admin1" or r.missing \
                or (r.killed is None and r.injured is None):
            continue
        nxt = r.sentences[-1].index + 1
        told = [e for e in by_sentence.get(nxt, ()) if e is not r and e.topic in VIOLENT_TOPICS
                and fold(e.place.admin1) == fold(r.place.name) and e.killed is None and e.injured is None]
        if not told:
            continue
        text = told[0].sentence.text
        bounds = clause_bounds(text)
        for kind, pattern in _BACK_REFERENCE.items():
            ref = pattern.search(text)
            if ref is None or getattr(r, kind) is None:
                continue
            k = clause_of(ref.start(), bounds)
            inside = [e for e in told if bounds[k] <= text.find(e.location) < bounds[k + 1]]
            if not inside:
                continue
            if len(inside) == 1:
                setattr(inside[0], kind, getattr(r, kind))
            setattr(r, kind, None)
        if r.killed is None and r.injured is None and not r.quantities:
            _absorb(told[0], r)
            dropped.add(id(r))
    events[:] = [e for e in events if id(e) not in dropped]


_ONE_STRIKE = re.compile(r"\b(?:a|an|one)\s+(?:[\w\-]+\s+){0,2}(?:strike|attack|airstrike|shelling|explosion|raid|"
                         r"bombing|blast)\b"
                         # "stormed a military base", "bombed a minibus": one site struck
                         r"|\b(?:stormed|attacked|raided|overran|struck|hit|bombed|shelled|ambushed)\s+(?:a|an|one)\s+"
                         r"(?:[\w\-]+\s+){0,2}(?:base|camp|checkpoint|post|outpost|school|hospital|market|prison|convoy|"
                         r"bus|minibus|house|building|mosque|church)\b", re.I)
_SPREAD = re.compile(r"\b(?:across|throughout|in several|in various|in multiple)\b", re.I)
def _one_strike(text: str) -> bool:
    """Whether the sentence's toll is of one strike ("in a drone strike in X"), not spread ("across X")
    in its own clause."""
    m = _ONE_STRIKE.search(text)
    if m is None:
        return False
    comma = text.find(",", m.end())
    return not _SPREAD.search(text, 0, comma if comma >= 0 else len(text))


_BREAKDOWN = re.compile(r"\s*(?:One|In one|Of (?:them|those|these|the dead)|Among (?:them|the dead|the victims))\b")


def _merge_breakdowns(events: list[Event]) -> None:
    """"In X, 22 were killed. One strike on a school in X killed 17, another killed five": the sentence
    after a place's toll that breaks it down is the same event, its figures already counted."""
    dropped: set[int] = set()
    for a, b in zip(events, events[1:]):
        if id(a) in dropped or a.topic not in VIOLENT_TOPICS or b.topic not in VIOLENT_TOPICS or a.fallback \
                or fold(a.location) != fold(b.location) or a.place.kind != b.place.kind \
                or b.sentence.index != a.sentences[-1].index + 1 or b.sentence.paragraph != a.sentence.paragraph \
                or not _BREAKDOWN.match(b.sentence.text):
            continue
        if all(getattr(b, k) is None or (getattr(a, k) is not None and getattr(b, k) <= getattr(a, k))
               for k in ("killed", "injured")):
            a.sentences.extend(x for x in b.sentences if x not in a.sentences)
            dropped.add(id(b))
    events[:] = [e for e in events if id(e) not in dropped]


def _absorb(event: Event, other: Event) -> None:
    """``event`` tells ``other`` too: its sentences join, in text order."""
    event.sentences = sorted(set(event.sentences) | set(other.sentences), key=lambda x: x.index)


def heading_alone(event: Event) -> bool:
    """Whether only headings tell the event (a headline no lead has told on yet)."""
    return all(is_heading(x.text) for x in event.sentences)


def _take_day(event: Event, teller: Event) -> None:
    """An event that only the publication dates takes the day of the lede or total that told it too."""
    if event.date is not None and event.date.method == "publication" and teller.date is not None and \
            teller.date.method != "publication":
        event.date, event.date_is_report = teller.date, teller.date_is_report


def _same_days(a: Event, b: Event, *, undated_fits: bool = False) -> bool:
    """Whether two events' days overlap; with ``undated_fits``, a day that only the publication gives
    (no day stated) fits any."""
    if a.date is None or b.date is None or undated_fits and "publication" in (a.date.method, b.date.method):
        return True
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def _drop_bare_regions(events: list[Event]) -> None:
    """A region attacked with nothing of its own (no casualties, no counts) is the frame of the attacks
    on places inside it that its paragraph reports ("In X State, bases shelled villages. In village Y,
    ..."), or the summary of the ones the article reports when its sentence tells their toll
    ("Around 20 were killed as airstrikes were launched in X State and Y Region"): no event of its own."""
    def bare(e):
        return e.topic in VIOLENT_TOPICS and e.place.kind == "admin1" and e.precision == "admin1" \
            and not e.missing and e.killed is None and e.injured is None and not e.quantities
    inside: dict[tuple, set[int]] = {}
    for e in events:
        if e.topic in VIOLENT_TOPICS and not bare(e) and e.place.kind != "country" and \
                (e.missing or e.precision in ("point", "near", "admin2")):
            inside.setdefault((e.place.country_iso3, fold(e.place.admin1)), set()).add(e.sentence.paragraph)

    def frame(e):
        paragraphs = inside.get((e.place.country_iso3, fold(e.place.name)))
        return bool(paragraphs) and (e.sentence.paragraph in paragraphs or _TOLL_WORDS.search(e.sentence.text))
    events[:] = [e for e in events if not (bare(e) and frame(e))]
    # "On Monday, Israel launched air strikes on villages. The outskirts of A, B and C were hit": the
    # country's row without anything of its own frames the places its paragraph names
    towns = {(e.place.country_iso3, e.sentence.paragraph) for e in events if e.topic in VIOLENT_TOPICS
             and not e.fallback and e.place.kind != "country"}
    events[:] = [e for e in events if not (
        e.fallback and e.place.kind == "country" and e.topic in VIOLENT_TOPICS and e.killed is None
        and e.injured is None and not e.quantities and (e.place.country_iso3, e.sentence.paragraph) in towns)]


_TOLL_WORDS = re.compile(r"\b(?:killed|dead|died|deaths|injured|wounded|casualties)\b")


def _link_packages(events: list[Event]) -> None:
    """Resolve 'part of a larger G7 loan' to the package row carrying that loan's amount."""
    for ev in events:
        if not ev.part_of_label:
            continue
        label = ev.part_of_label
        words = {fold(w) for w in re.findall(r"[A-Za-z0-9]+", label)}
        best = None
        for other in events:
            if other is ev or other.own_money is None:
                continue
            donor_words = {fold(other.donor)} | {fold(a) for a in other.actors}
            kind = other.aid_type or other.topic
            if words & donor_words or (kind and fold(kind) in words):
                if not re.search(r"\(\d", label) or format_amounts([other.own_money]) in label:
                    best = other
                    break
        if best is not None:
            who = best.donor or (best.actors[0] if best.actors else "")
            ev.part_of = f"{who} {best.aid_type or 'package'} ({format_amounts([best.own_money])})".strip()
        else:
            ev.part_of = label
