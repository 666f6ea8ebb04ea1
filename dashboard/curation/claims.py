"""Money claims: which figures of a sentence are aid of its own, and whose they are.

A sentence's money mentions (quantities.find_money) are not all pledges. A conversion, a stock of
frozen assets, the total a pledge brings a donor to, the size a fund had before, the sum of the shares
listed beside it and an umbrella programme the figure is part of are context; what is left are the
sentence's own figures, each a package or allocation. This step decides that, and whether an own
figure continues the aid event before it or is a package of its own, before events.py places
the claims and turns them into rows.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import dates as D
from .gazetteer import Gazetteer, Place
from .parties import country_place
from .places import ActorMention
from .prechecks import Guarded
from .quantities import Money, format_amounts

if TYPE_CHECKING:
    from .events import Event

AID_TOPICS = {"military_aid", "financial_aid", "humanitarian_aid"}

# "in frozen assets", "of Russian revenues", "worth of damage": a stock or a cost, no pledge
# ("a $3bn loan backed by profits from frozen assets": the loan is the figure, what repays it follows)
_CONTEXT_MONEY = re.compile(r"^\s*(?:in|of|worth of)?\s*(?:frozen|immobili[sz]ed|seized)?\s*"
                            r"(?:(?!backed\b|from\b|financed\b|funded\b|repaid\b|secured\b|guaranteed\b|paid\b|serviced\b)"
                            r"\w+\s+){0,2}?(?:assets|revenues?|profits|damages?|GDP|deficit|debt|losses|costs?)\b",
                            re.I)
# "..., bringing its total contribution to" a figure: the sum reached, no package of its own
_TOTAL_REACHED = re.compile(r"\b(?:bringing|brings|bring|raising|raises|taking|takes|lifting|pushing)\s+"
                            r"(?:[\w\u2019']+\s+){0,4}?(?:total|sum|overall|tally)\b[^.;$\d]{0,30}\bto\s*$", re.I)
# "the latest tranche of a $15.6bn lending programme": the programme, no package of its own
_TRANCHE_OF = re.compile(r"\b(?:tranche|instalment|installment|disbursement|portion)\s+(?:of|from|under)\s+"
                         r"(?:a|an|the|its)\s+(?:\w+\s+)?$", re.I)
# "its $15.6bn loan programme, allowing an immediate disbursement of about $900m": the programme, the tranche after it
_TRANCHE_AFTER = re.compile(r"\s*(?:[\w\-]+\s+){0,3}?(?:programme|program|facility|arrangement)\b[^.;]{0,60}?\b"
                            r"(?:disbursement|tranche|instal?lment|payment)s?\s+of\s+(?:about\s+|around\s+|some\s+|"
                            r"nearly\s+|roughly\s+|up to\s+)?", re.I)
# "from" a figure "to" the next: the size before a change
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_TO_BETWEEN = re.compile(r"\s+to\s+")
# "EUR 400m and EUR 900m ..., respectively": the figures of one list
_RESPECTIVELY = re.compile(r"\b(?:respectively|accordingly)\b")
_FIGURE_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and)\s*$")
# Between a package's total and its first share: "EUR1.5bn to Ukraine on Thursday, of which", ", including"
_SHARES_FOLLOW = re.compile(r"[^.;]{0,80}?\b(?:of which|including|comprising|consisting of|made up of|split into|"
                            r"divided into|broken down into)\s+(?:[\w\-]+\s+){0,3}?$", re.I)
# A figure said to be a further one ("another NOK 500 million", "an additional $2bn", "in addition")
_ANOTHER_FIGURE = re.compile(r"\b(?:another|additional|further|separate|extra|in addition|on top of)\b", re.I)
# "part of a broader $50bn loan programme": the umbrella a package belongs to
PART_OF = Guarded(re.compile(
    r"\b(?:as |is |are |was )?(?:part|(?:its|their|the \w+[\u2019']s) share) of (?:a |an |the |its )?"
    r"(?:larger |broader |wider |bigger |overall |new |joint |planned )*"
    r"(?P<label>[^,.;]{0,80}?\b(?:loan|loans|package|program|programme|fund|facility|scheme|initiative|plan|contribution))\b",
    re.I), ("part of", "share of"))


# "a price cap of $60 a barrel", "at $70 per barrel", "the $60 cap": a price, no pledge
_PRICE_BEFORE = re.compile(r"\b(?:price|cap|ceiling|floor)\s+(?:of|at)\s+(?:about\s+|around\s+)?$", re.I)
_PER_UNIT = re.compile(r"\s*(?:(?:a|per|for each|each)\s+(?:barrel|tonne|ton|litre|liter|gallon|cubic metre|unit|share|head)|"
                       r"(?:price\s+)?(?:cap|ceiling)s?)\b", re.I)


def is_own(text: str, m: Money) -> bool:
    """Whether money mention ``m`` may be a pledge: no conversion of another figure, no stock or cost,
    no price."""
    return not m.conversion and not _CONTEXT_MONEY.match(text[m.end:m.end + 40]) and \
        not _PRICE_BEFORE.search(text, max(0, m.start - 30), m.start) and not _PER_UNIT.match(text, m.end)


def own_figures(text: str, money: list[Money]) -> list[Money]:
    """The sentence's figures that may be pledges: conversions, stocks and costs left out, and beside
    another figure, a total reached ("bringing its total to EUR 2.1bn") and a former size ("from EUR 2bn
    to EUR 5bn") left out as well."""
    own = [m for m in money if is_own(text, m)]
    if len(own) > 1:
        own = [m for m, nxt in zip(own, [*own[1:], None]) if not _context_figure(text, m, nxt)] or own
    return own


def _context_figure(text: str, m: Money, nxt: Money | None) -> bool:
    """Whether figure ``m`` is a total reached, the programme a tranche belongs to or the size before a
    change, beside the sentence's own figure."""
    if _TOTAL_REACHED.search(text, max(0, m.start - 60), m.start) or _TRANCHE_OF.search(text, max(0, m.start - 40),
                                                                                          m.start):
        return True
    if nxt is not None and _TRANCHE_AFTER.fullmatch(text, m.end, nxt.start):
        return True
    return nxt is not None and _FROM_BEFORE.search(text, max(0, m.start - 8), m.start) is not None and \
        _TO_BETWEEN.fullmatch(text, m.end, nxt.start) is not None


def package_figures(text: str, own: list[Money]) -> list[Money]:
    """The own figures that are packages: a total and its shares are one package ("EUR1.5bn, of which
    EUR500m in grants and EUR1bn in loans"), a total listed after its parts is none ("$800m in aid and
    $200m for the army, about $1bn"), and yearly figures listed "respectively" are one allocation."""
    own = list(own)
    if len(own) == 2 and first_share(text, own[0], own[1:]) is not None:
        return own[:1]   # "another EUR500m, including EUR150m for long-range drones": the package and a share
    if len(own) >= 3:
        whole = next((f for f in own if _sum_of_others(f, own) and _SHARES_FOLLOW.match(
            text, f.end, min((x.start for x in own if x.start > f.start), default=f.end))), None)
        own = [whole] if whole is not None else [f for f in own if not _sum_of_others(f, own)]
    if len(own) > 1 and _RESPECTIVELY.search(text) and \
            all(_FIGURE_LIST_GAP.match(text[a.end:b.start]) for a, b in zip(own, own[1:])):
        # (several donors' figures are split by donor later, per event)
        own = own[:1]
    return own


def first_share(text: str, whole: Money, money: list[Money]) -> Money | None:
    """The first figure after ``whole`` that the text gives as its share ("$175bn ..., including
    roughly $70bn worth of arms"): smaller, in its currency, after "including" or "of which"."""
    after = [m for m in money if m.start > whole.end and not m.conversion]
    m = after[0] if after else None
    return m if m is not None and m.currency == whole.currency and m.value < whole.value and \
        _SHARES_FOLLOW.match(text, whole.end, m.start) else None


def _sum_of_others(figure: Money, figures: list[Money]) -> bool:
    others = [m for m in figures if m is not figure]
    return all(m.currency == figure.currency for m in others) and \
        abs(sum(m.value for m in others) - figure.value) <= 0.05 * figure.value


_PACKAGE_REACH = 4   # aid events looked back at for the package a share belongs to


def is_package_part(text: str, own: list[Money], events: list[Event] = ()) -> bool:
    """Whether the sentence says its figure belongs to a package ("This is part of a broader $50bn
    loan"). "As part of the winter programme, the agency will allocate 3 million", after the
    programme's larger figure, names a share of a package told before, no package of its own."""
    m = PART_OF.search(text) if own else None
    if m is None:
        return False
    wholes = [e.own_money for e in events[-_PACKAGE_REACH:] if e.topic in AID_TOPICS and e.own_money is not None]
    share = any(all(x.currency == w.currency and x.value < w.value for x in own) for w in wholes)
    return not share or any(m.start() <= x.start < m.end() + 12 for x in own)


def told_again(own: list[Money], events: list[Event], actors: list[ActorMention]) -> Event | None:
    """The aid event whose own figure the sentence states again (same value and currency), when all its
    own figures are that one and it names no other state than that event's donor and recipient."""
    if len({(round(m.value), m.currency) for m in own}) != 1:
        return None
    m = own[0]
    e = next((e for e in reversed(events) if e.topic in AID_TOPICS and e.own_money is not None
              and e.own_money.currency == m.currency and abs(e.own_money.value - m.value) <= 0.005 * m.value),
             None)
    if e is None or any(a.code not in (e.donor, e.recipient) for a in actors if len(a.code) == 3 and a.code.isupper()):
        return None
    return e


# "Of that sum, $1bn will go to ...", "Of the total, ...": a share of the package just told
_SHARE_OPENS = re.compile(r"\s*(?:Of|From)\s+(?:that|this|the|these)\s+(?:\w+\s+)?(?:sum|amount|total|package|money|"
                          r"funding|funds|figure|allocation)\b")


_AS_PART = re.compile(r"\s*As part of (?:this|that|the|its)\b")   # "As part of the winter programme, ..."


def share_of(text: str, own: list[Money], previous: Event | None) -> bool:
    """Whether the sentence's figures are shares of the aid package just told: it opens by naming
    that package's sum or programme, and each figure is smaller than the package, in its currency."""
    if not own or previous is None or previous.topic not in AID_TOPICS or previous.own_money is None or \
            not (_SHARE_OPENS.match(text) or _AS_PART.match(text)):
        return False
    whole = previous.own_money
    return all(m.currency == whole.currency and m.value < whole.value for m in own)


# "In addition, the package provides ...", "Aid Package 12 also allocates ...": the package itself gives
_PACKAGE_GIVES = re.compile(r"\s*(?:(?:In addition|Additionally|Also|Besides|Moreover),?\s+)?"
                            r"(?:(?:The|the|This|this|That|that|Its|its|The same|the same)\s+(?:[\w\-]+\s+){0,2}?package"
                            r"|(?:[A-Z][\w\-]*\s+){0,3}Package(?:\s+[A-Z0-9][\w\-]*)?)\s+"
                            r"(?:also\s+|will\s+|would\s+|further\s+)*"
                            r"(?:provides?|allocates?|includes?|contains?|covers?|earmarks?|comprises?|"
                            r"sets? aside|adds?|features?|offers?)\b")


def package_gives(text: str, own: list[Money], previous: Event) -> bool:
    """Whether the sentence's figures are more that the package just told provides itself, each smaller
    than the package, in its currency."""
    whole = previous.own_money
    return whole is not None and _PACKAGE_GIVES.match(text) is not None and \
        all(m.currency == whole.currency and m.value < whole.value for m in own)


def another_package(text: str, own: list[Money], previous: Event, package: bool,
                    published: dt.date, direction: str) -> bool:
    """Whether the sentence's own figures are a package of their own rather than more of ``previous``."""
    if previous.own_money is None:
        # "Biden announced $800m" after an appeal: a package of its own, not more of the appeal
        return previous.topic not in AID_TOPICS
    if previous.topic not in AID_TOPICS or package:
        return False
    if package_gives(text, own, previous):
        return False   # "In addition, the package provides a further EUR 30m": more within the package
    if _ANOTHER_FIGURE.search(text) and all(abs(m.value - previous.own_money.value) > 0.01 * m.value for m in own):
        return True   # "another NOK 5bn": a figure of its own, another package or allocation
    # "In 2025, the government proposed NOK 15bn" after 2024's figures: that year's allocation
    return previous.date is not None and \
        all(abs(m.value - p.value) > 0.01 * m.value for m in own for p in previous.money) and \
        any(r is not None and r.start != previous.date.start and r.method == "explicit" for r in
            (D.resolve(m, published, direction) for m in D.find_dates(text)))


def inherited_donor(own: list[Money], money: list[Money], topic: str, near: bool, previous: Event | None,
                    events: list[Event], actors: list[ActorMention],
                    gz: Gazetteer) -> tuple[tuple[Place, str] | None, Event | None]:
    """For a sentence that names no donor of its own: where its figure goes and the event whose donor
    and recipient it takes (that event or None)."""
    if own and near and previous is not None and previous.topic in AID_TOPICS:
        # "The package also allocates another DKK 1.1 billion for...": the same donor's next figure
        return (previous.place, previous.location), previous
    earlier = next((e for e in reversed(events) if e.topic in AID_TOPICS and e.donor), None) \
        if own and topic in AID_TOPICS else None
    place, inherited = None, None
    if earlier is not None and all(a.code == earlier.recipient for a in actors):
        # "In 2023, EUR 400m was allocated to help Ukraine": no donor named, the article's donor gives again
        place, inherited = country_place(gz, earlier.donor), earlier
    if place is None and money and actors and topic in AID_TOPICS:
        # no donor named and none to continue: the state the sentence names, so the figure is kept
        place = country_place(gz, actors[0].code, None if actors[0].demonym else actors[0].text)
    return place, inherited


def part_of_statement(ev: Event, text: str, money: list[Money], own_sentence: bool = False) -> None:
    """Label ``ev`` with the umbrella programme the sentence says its package is part of."""
    m = PART_OF.search(text)
    if not m:
        return
    if own_sentence and ev.own_money is not None and money and m.start() < ev.own_money.start and \
            re.match(r"(?:This|It|The \w+) (?:is|was|will be)", text):
        return
    label = m.group("label").strip()
    if own_sentence and ev.own_money is not None and any(x.start >= m.start() for x in money if x is ev.own_money):
        return  # the package figure itself
    ev.part_of_label = label
    package = next((x for x in money if m.start() <= x.start < m.end() + 12 and not x.conversion), None)
    if package is not None:
        ev.part_of_label = f"{label} ({format_amounts([package])})"
