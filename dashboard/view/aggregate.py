"""Tables the charts are drawn from: aid money, munitions and troop quantities, shared map points.

All pure functions over the event table, vectorised with pandas. Above a few thousand events
the views draw aggregates instead of single events: counts per map cell (grid_counts), per
day, week or month (timeline_counts) and totals per actor (quantity_totals); each keeps the
number of events it stands for.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard.view.loading import per_value, plain

AID_TOPICS = {"military_aid", "financial_aid", "humanitarian_aid"}

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_SYMBOLS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
# A money figure inside free text such as part_of: "US$50 billion", "£2.26bn", "50000000000 USD".
_MONEY = (r"(?:(?P<symbol>US\$|\$|£|€|¥|₴|₽)\s*|(?<![\w.]))(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
          r"(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)?\b\s*(?P<code>[A-Z]{3})?")


def _blank(series: pd.Series) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return per_value(series, lambda v: v.str.strip() == "").astype(bool)
    return series.fillna("").astype(str).str.strip() == ""


def _norm(series: pd.Series) -> pd.Series:
    """Lower-case words only, for comparing names written slightly differently."""
    return (series.fillna("").astype(str).str.lower()
            .str.replace(r"[^0-9a-z]+", " ", regex=True).str.strip())


def money_in_text(text: pd.Series) -> pd.DataFrame:
    """The money figure in each text -> columns value (float) and currency ('' if none is stated).

    A figure with a currency wins over a bare number ('the 2024 package of $1.7bn' -> 1.7e9 USD).
    """
    result = pd.DataFrame({"value": np.nan, "currency": ""}, index=text.index)
    codes, uniques = pd.factorize(text.fillna("").astype(str))
    if len(uniques) < len(text):   # each distinct text once (package names repeat row after row)
        distinct = money_in_text(pd.Series(uniques, dtype="str"))
        result["value"] = distinct["value"].to_numpy()[codes]
        result["currency"] = distinct["currency"].to_numpy()[codes]
        return result
    found = text.fillna("").astype(str).reset_index(drop=True).str.extractall(_MONEY)
    if found.empty:
        return result
    number = pd.to_numeric(found["number"].str.replace(",", "", regex=False), errors="coerce")
    scale = found["scale"].str.lower().map(_SCALES).fillna(1.0)
    currency = found["code"].fillna(found["symbol"].map(_SYMBOLS)).fillna("")
    matches = pd.DataFrame({"value": number * scale, "currency": currency,
                            "bare": currency == ""}, index=found.index)
    best = (matches.reset_index().sort_values(["level_0", "bare", "match"], kind="stable")
            .drop_duplicates("level_0").set_index("level_0"))
    result.iloc[best.index, 0] = best["value"].to_numpy()
    result.iloc[best.index, 1] = best["currency"].to_numpy()
    return result


_MAGNITUDES = [(1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k"), (0.0, "")]


def format_money(values: pd.Series, currencies: pd.Series | None = None) -> pd.Series:
    """2.26e9 and 'GBP' -> 'GBP 2.26 bn'; missing values give ''."""
    values = pd.to_numeric(values, errors="coerce").astype(float)
    size = values.abs()
    divisor = np.select([size >= m for m, _ in _MAGNITUDES], [max(m, 1.0) for m, _ in _MAGNITUDES], 1.0)
    word = np.select([size >= m for m, _ in _MAGNITUDES], [w for _, w in _MAGNITUDES], "")
    number = (values / divisor).round(2).map("{:,.2f}".format).astype(str).str.rstrip("0").str.rstrip(".")
    text = number + pd.Series(word, index=values.index)
    if currencies is not None:
        text = (currencies.fillna("").astype(str) + " " + text).str.strip()
    return text.where(values.notna(), "")


def aid_rows(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Events that carry an aid money figure (only `columns` of them, when given: cheaper to take)."""
    has_money = df["amount"].notna() | df["amount_usd"].notna()
    is_aid = df["topic"].isin(AID_TOPICS) | ~_blank(df["aid_type"])
    keep = (has_money & is_aid).to_numpy()
    return df.loc[keep, columns] if columns is not None else df[keep]


def package_of_shares(aid: pd.DataFrame) -> pd.Series:
    """For each aid row, the event_id of another row whose own amount contains it ('' if none).

    A row's part_of names its package. It is inside another row's total when part_of is that
    row's event_id, or, within the same article, when part_of states that row's amount
    (value and currency) or that row's summary contains the words of part_of. A package is
    never smaller than its share.
    """
    result = pd.Series("", index=aid.index, dtype=object)
    is_share = ~_blank(aid["part_of"])
    stated = _money_of(aid.loc[is_share, "part_of"])
    shares = plain(aid.loc[is_share, ["event_id", "article_id", "part_of", "amount_usd"]])
    if shares.empty:
        return result
    shares["value"], shares["stated_currency"] = stated["value"].to_numpy(), stated["currency"].to_numpy()
    left = shares.rename(columns=lambda c: "s_" + c)
    left["s_index"] = shares.index
    # a package is in a share's article or named by its id: only those rows can match
    named = pd.Series(shares["part_of"].unique())
    maybe_ids = named[~named.str.contains(" ", regex=False)].tolist()   # an event id has no spaces
    candidates = aid["article_id"].isin(shares["article_id"].unique().tolist())
    if maybe_ids:
        candidates |= aid["event_id"].isin(maybe_ids)
    right = plain(aid.loc[candidates, ["event_id", "article_id", "summary", "amount", "currency", "amount_usd"]])
    by_id = left.merge(right, left_on="s_part_of", right_on="event_id")
    same_article = left.merge(right, left_on="s_article_id", right_on="article_id")
    pairs = pd.concat([by_id.assign(by_id=True), same_article.assign(by_id=False)], ignore_index=True)
    pairs = pairs[pairs["s_event_id"] != pairs["event_id"]]
    if pairs.empty:
        return result
    same_money = (np.isclose(pairs["s_value"], pairs["amount"], rtol=0.01)
                  & ((pairs["s_stated_currency"] == pairs["currency"]) | (pairs["s_stated_currency"] == "")))
    # the words of part_of in the summary: only where the id and the money did not already tell
    named = pd.Series(False, index=pairs.index)
    open_pairs = pairs[~(pairs["by_id"] | same_money)]
    if len(open_pairs):
        wanted, summary = _norm(open_pairs["s_part_of"]), _norm(open_pairs["summary"])
        named[open_pairs.index] = wanted.ne("") & (np.char.find(summary.to_numpy(str), wanted.to_numpy(str)) >= 0)
    not_smaller = ~(pairs["amount_usd"] < pairs["s_amount_usd"])
    matched = pairs[(pairs["by_id"] | same_money | named) & not_smaller]
    first = matched.drop_duplicates("s_index").set_index("s_index")["event_id"]
    result.loc[first.index] = first.astype(str)
    return result


def _money_of(part_of: pd.Series) -> pd.DataFrame:
    """money_in_text of each row; for a categorical, of each category once per table (cached)."""
    if not isinstance(part_of.dtype, pd.CategoricalDtype):
        return money_in_text(part_of)
    value, currency = _money_of_values(tuple(part_of.cat.categories.astype("str").tolist()))
    codes = part_of.cat.codes.to_numpy()
    return pd.DataFrame({"value": value[codes], "currency": currency[codes]}, index=part_of.index)


@lru_cache(maxsize=8)
def _money_of_values(values: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The money in each distinct package name; a view's categories are its table's, so every view
    of one table reuses this."""
    found = money_in_text(pd.Series(values, dtype="str"))
    return found["value"].to_numpy(), found["currency"].to_numpy(dtype=object)


def aid_table(df: pd.DataFrame) -> pd.DataFrame:
    """Aid rows with `package_event_id` (the total a share is inside) and `counted` (enters totals)."""
    columns = ["event_id", "date_start", "status", "donor", "recipient", "aid_type", "amount", "currency",
               "amount_usd", "part_of", "package_event_id", "counted", "summary", "evidence",
               "article_id", "article_title", "article_url"]
    aid = aid_rows(df, [c for c in columns if c in df.columns]).copy()
    aid["package_event_id"] = package_of_shares(aid)
    aid["counted"] = aid["package_event_id"] == ""
    return aid[columns].reset_index(drop=True)


ORIGINALS_SHOWN = 12


def _or_default(names: pd.Series, default: str) -> pd.Series:
    """Blank names replaced by `default`; a categorical stays one (its categories are renamed)."""
    if not isinstance(names.dtype, pd.CategoricalDtype):
        return names.where(~_blank(names), default)
    renamed = [c if c.strip() else default for c in names.cat.categories.astype("str").tolist()]
    categories, mapping = np.unique(np.asarray(renamed, dtype=object).astype(str), return_inverse=True)
    codes = names.cat.codes.to_numpy()
    return pd.Series(pd.Categorical.from_codes(np.where(codes < 0, -1, mapping[codes.clip(0)]),
                                               categories=pd.Index(categories, dtype="str")), index=names.index)


def aid_by_donor(aid: pd.DataFrame) -> pd.DataFrame:
    """USD totals per donor and aid type over counted rows, with the original amounts for the hover."""
    columns = ["donor", "aid_type", "amount_usd", "events", "originals"]
    rows = aid.loc[aid["counted"] & aid["amount_usd"].notna(),
                   ["event_id", "donor", "aid_type", "amount", "currency", "amount_usd"]].copy()
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["donor"] = _or_default(rows["donor"], "unknown donor")
    rows["aid_type"] = _or_default(rows["aid_type"], "other")
    keys = ["donor", "aid_type"]
    groups = rows.groupby(keys, sort=False, observed=True)
    grouped = groups.agg(amount_usd=("amount_usd", "sum"), events=("event_id", "count"))
    # the hover lists the first ORIGINALS_SHOWN amounts of each bar, then how many more
    first = plain(rows[groups.cumcount() < ORIGINALS_SHOWN])
    first["original"] = format_money(first["amount"], first["currency"])
    first["original"] = first["original"].where(first["original"] != "", "amount not stated")
    grouped = plain(grouped.reset_index()).set_index(keys)
    grouped["originals"] = first.groupby(keys, sort=False)["original"].agg("; ".join)
    more = grouped["events"] - ORIGINALS_SHOWN
    grouped["originals"] = grouped["originals"].where(more <= 0, grouped["originals"] + "; … and "
                                                      + more.astype(str) + " more")
    return grouped.reset_index().sort_values("amount_usd", ascending=False, kind="stable")[columns]


# Unit words -> chart category; first match wins.
QUANTITY_CATEGORIES = [
    ("troops", r"troop|soldier|personnel|fighter|servicem|forces|mercenar|conscript"),
    ("shipments", r"shipment|consignment|container|train|convoy"),
    ("shells/rounds", r"shell|round|ammunition|munition|cartridge|bullet"),
    ("missiles", r"missile|rocket"),
    ("drones", r"drone|uav|shahed|unmanned"),
    ("equipment", r"tank|vehicle|howitzer|artillery system|launcher|aircraft|jet|helicopter|air.defen"),
]
_ITEM = r"^(?:(?P<qualifier>.*?)\s+)?(?P<value>\d[\d,]*(?:\.\d+)?)\s+(?P<unit>\S.*)$"


def quantity_actor(df: pd.DataFrame) -> pd.Series:
    """Who a quantity belongs to: the donor, else all actors (their order says nothing), else the country."""
    actors = df["actors"].fillna("").astype(str).str.replace(r"\s*;\s*", ", ", regex=True).str.strip(", ")
    actor = df["donor"].where(~_blank(df["donor"]), actors)
    actor = actor.where(~_blank(actor), df["country_iso3"])
    return actor.where(~_blank(actor), "unknown")


def _quantity_items(values: pd.Series) -> pd.DataFrame:
    """Distinct quantities strings -> one row per item (index: the string's position), with
    qualifier, value, unit and category; items in no category are left out."""
    items = values.reset_index(drop=True).str.split(";").explode().str.strip()
    items = items[items.notna() & (items != "")]
    parts = items.str.extract(_ITEM)
    parts = parts[parts["value"].notna()]
    out = pd.DataFrame({"qualifier": parts["qualifier"].fillna("").str.strip(),
                        "value": pd.to_numeric(parts["value"].str.replace(",", "", regex=False)),
                        "unit": parts["unit"].str.strip()}, index=parts.index)
    out["category"] = ""
    unit = out["unit"].str.lower()
    for name, pattern in reversed(QUANTITY_CATEGORIES):  # reversed so the first pattern wins
        out.loc[unit.str.contains(pattern, regex=True), "category"] = name
    out = out[out["category"] != ""]
    value_text = out["value"].map("{:,.0f}".format).astype(str)
    out["label"] = (out["qualifier"] + " " + value_text + " " + out["unit"]).str.strip()
    return out


@lru_cache(maxsize=8)
def _items_of_values(values: tuple[str, ...]) -> pd.DataFrame:
    """_quantity_items of a table's distinct quantities texts, parsed once per table (read only)."""
    return _quantity_items(pd.Series(values, dtype="str"))


def quantities_table(df: pd.DataFrame, text_up_to: int | None = None) -> pd.DataFrame:
    """One row per munitions/troops quantity item: event, actor, category, qualifier, value, unit, label.

    Items whose unit is in none of QUANTITY_CATEGORIES (e.g. '30 buildings') are left out. Each
    distinct quantities text is parsed once, however many events state it. With `text_up_to`,
    summary and evidence (the chart's hover) are filled only when there are at most that many
    items, and left blank otherwise: a chart of totals has no hover per figure, and copying the
    text of hundreds of thousands of events would cost more than the rest.
    """
    columns = ["event_id", "date_start", "topic", "status", "actor", "category", "qualifier", "value",
               "unit", "label", "summary", "evidence"]
    text = df["quantities"]
    if isinstance(text.dtype, pd.CategoricalDtype):   # every view of a table shares its categories
        codes, values = text.cat.codes.to_numpy(), pd.Series(text.cat.categories.astype("str"))
        items = _items_of_values(tuple(values.tolist()))
    else:
        codes, uniques = pd.factorize(text.fillna("").astype(str))
        values = pd.Series(uniques, dtype="str")
        items = _quantity_items(values)
    if items.empty:
        return pd.DataFrame(columns=columns)
    # each row gets the items of its text, in the order the text states them
    per_value_count = np.bincount(items.index.to_numpy(), minlength=len(values))
    first_item = np.concatenate([[0], np.cumsum(per_value_count)[:-1]])
    counts = np.where(codes >= 0, per_value_count[np.maximum(codes, 0)], 0)
    rows = np.repeat(np.arange(len(df)), counts)
    if len(rows) == 0:
        return pd.DataFrame(columns=columns)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
    item_at = np.repeat(first_item[np.maximum(codes, 0)], counts) + within
    item_rows = items.iloc[item_at]
    with_text = text_up_to is None or len(rows) <= text_up_to
    out = df[["event_id", "date_start", "topic", "status"] + (["summary", "evidence"] if with_text else [])].iloc[rows]
    if not with_text:
        out = out.assign(summary="", evidence="")
    # who: once per distinct (donor, actors, country), as those repeat from event to event
    key = np.zeros(len(rows), dtype=np.int64)
    for column in ("donor", "actors", "country_iso3"):
        codes_c, uniques_c = pd.factorize(df[column].iloc[rows])
        key = key * (len(uniques_c) + 1) + codes_c
    combo, _ = pd.factorize(key)
    first_row = np.zeros(combo.max() + 1, dtype=np.int64)
    first_row[combo[::-1]] = np.arange(len(combo))[::-1]          # the first row of each combination
    distinct = plain(df[["donor", "actors", "country_iso3"]].iloc[rows[first_row]])
    out["actor"] = quantity_actor(distinct).to_numpy()[combo]
    out["value"] = item_rows["value"].to_numpy()
    # the item texts repeat as much as the quantities do: categoricals, not a string per row
    for column in ("qualifier", "unit", "category", "label"):
        codes_i, uniques_i = pd.factorize(items[column])
        out[column] = pd.Categorical.from_codes(codes_i[item_at], categories=pd.Index(uniques_i, dtype="str"))
    return out[columns].reset_index(drop=True)


QUANTITY_BARS = 40   # above this many figures the chart shows totals per actor (quantity_totals)
TOP_ACTORS = 12


def quantity_totals(quantities: pd.DataFrame, top: int = TOP_ACTORS) -> pd.DataFrame:
    """Per category, the sum of stated figures by actor (the `top` biggest; the rest as 'other actors').

    Columns category, actor, value (sum), figures (how many were summed), label; every figure of
    `quantities` is in exactly one row, so the figures column sums to len(quantities).
    """
    columns = ["category", "actor", "value", "figures", "label"]
    if quantities.empty:
        return pd.DataFrame(columns=columns)
    totals = plain(quantities.groupby(["category", "actor"], sort=False, observed=True)
                   .agg(value=("value", "sum"), figures=("value", "size")).reset_index())
    rank = totals.groupby("category", sort=False)["value"].rank(method="first", ascending=False)
    totals["actor"] = totals["actor"].where(rank <= top, "other actors")
    totals = (totals.groupby(["category", "actor"], sort=False)
              .agg(value=("value", "sum"), figures=("figures", "sum")).reset_index())
    order = {name: i for i, (name, _) in enumerate(QUANTITY_CATEGORIES)}
    totals = totals.sort_values(["category", "value"], key=lambda c: c.map(order) if c.name == "category" else c,
                                ascending=[True, False], kind="stable")
    totals["label"] = (totals["value"].map("{:,.0f}".format).astype(str) + " " + totals["category"]
                       + " in " + totals["figures"].astype(str) + " figure(s)")
    return totals[columns].reset_index(drop=True)


def severity(df: pd.DataFrame) -> pd.DataFrame:
    """Casualties (killed + injured) and aid money in USD per event, for marker sizes."""
    casualties = df["killed"].astype("Float64").fillna(0) + df["injured"].astype("Float64").fillna(0)
    money = df["amount_usd"].where(df["topic"].isin(AID_TOPICS) | ~_blank(df["aid_type"]))
    return pd.DataFrame({"casualties": casualties.astype(float), "money_usd": money.astype(float)},
                        index=df.index)


def shared_points(df: pd.DataFrame, decimals: int = 4) -> pd.DataFrame:
    """Points where two or more events sit: latitude, longitude, events (count), rows (index labels)."""
    located = df[df["latitude"].notna() & df["longitude"].notna()]
    key = (located["latitude"].round(decimals).astype(str) + ","
           + located["longitude"].round(decimals).astype(str))
    groups = located.groupby(key, sort=False)
    points = pd.DataFrame({
        "latitude": groups["latitude"].first(),
        "longitude": groups["longitude"].first(),
        "events": groups["event_id"].count(),
        "rows": pd.Series(located.index, index=located.index).groupby(key, sort=False).agg(list),
    })
    return points[points["events"] > 1].reset_index(drop=True)


MAX_CELLS = 50_000   # marks the aggregated map may ever send to the browser
MAP_CELLS = 12_000   # the cells it aims at: as fine a grid as this many SVG circles allow


DENSE_CELLS = 4_000_000   # the finest grid, empty cells included: counting on it stays O(n)


def grid_counts(x: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None, n_groups: int = 0,
                max_cells: int = MAX_CELLS) -> tuple[pd.DataFrame, float]:
    """Events binned on a square grid (x, y in the map's units): one row per non-empty cell.

    Returns (cells, cell size). cells has x, y (the mean position of the cell's events, so a
    town's events sit on the town), events (the count) and, when `groups` (integer codes below
    n_groups, e.g. topic codes) is given, one column g0..g{n-1} of counts per group. The grid
    starts as fine as DENSE_CELLS cells over the events' extent allow, and its cells double
    until at most `max_cells` of them are filled: as fine as the limit allows. Every event is
    in exactly one cell: cells["events"].sum() == len(x).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    columns = ["x", "y", "events"] + [f"g{i}" for i in range(n_groups)]
    if len(x) == 0:
        return pd.DataFrame(columns=columns), 0.0
    x0, y0 = x.min(), y.min()
    size = max(np.sqrt((x.max() - x0 + 1e-9) * (y.max() - y0 + 1e-9) / DENSE_CELLS), 1e-4)
    ix = ((x - x0) / size).astype(np.int64)
    iy = ((y - y0) / size).astype(np.int64)
    while True:
        width = int(iy.max()) + 1
        key = ix * width + iy
        filled = np.bincount(key) > 0          # counting on the whole grid is O(n), no sort
        if filled.sum() <= max_cells:
            break
        ix, iy, size = ix // 2, iy // 2, size * 2
    cell_of = (np.cumsum(filled) - 1)[key]
    n_cells = int(filled.sum())
    counts = np.bincount(cell_of, minlength=n_cells)
    out = pd.DataFrame({"x": np.bincount(cell_of, weights=x, minlength=n_cells) / counts,
                        "y": np.bincount(cell_of, weights=y, minlength=n_cells) / counts, "events": counts})
    if groups is not None and n_groups:
        table = np.bincount(cell_of * n_groups + np.asarray(groups, dtype=np.int64),
                            minlength=n_cells * n_groups).reshape(n_cells, n_groups)
        for i in range(n_groups):
            out[f"g{i}"] = table[:, i]
    return out[columns], float(size)


MAX_BINS = 1_500     # time bins per topic the aggregated timeline may send
BINS = ["day", "week", "month", "year"]


def _bin_numbers(days: np.ndarray, name: str) -> np.ndarray:
    """datetime64[D] days -> whole numbers of their day, week (from Monday), month or year."""
    if name == "day":
        return days.astype(np.int64)
    if name == "week":   # 1970-01-01 was a Thursday: weeks counted from the Monday before it
        return (days.astype(np.int64) + 3) // 7
    return days.astype("datetime64[M]" if name == "month" else "datetime64[Y]").astype(np.int64)


def _bin_starts(numbers: np.ndarray, name: str) -> np.ndarray:
    """Inverse of _bin_numbers: the first day of each bin."""
    if name == "day":
        return numbers.astype("datetime64[D]")
    if name == "week":
        return (numbers * 7 - 3).astype("datetime64[D]")
    return numbers.astype("datetime64[M]" if name == "month" else "datetime64[Y]").astype("datetime64[D]")


def timeline_counts(df: pd.DataFrame, max_bins: int = MAX_BINS) -> tuple[pd.DataFrame, str]:
    """Events per topic and day (or week, month, year when there are more than `max_bins` days).

    Events are counted on their first day (date_start), spans included, so the counts add up to
    the number of dated events. Returns (table with period, topic, events; the bin's name).
    """
    dated = df["date_start"].notna().to_numpy()
    if not dated.any():
        return pd.DataFrame({"period": pd.Series([], dtype="datetime64[ns]"), "topic": pd.Series([], dtype="str"),
                             "events": pd.Series([], dtype=np.int64)}), "day"
    days = df["date_start"].to_numpy()[dated].astype("datetime64[D]")
    for name in BINS:
        numbers = _bin_numbers(days, name)
        first = int(numbers.min())
        span = int(numbers.max()) - first + 1
        if span <= max_bins or name == BINS[-1]:
            break
    if isinstance(df["topic"].dtype, pd.CategoricalDtype):
        codes, names = df["topic"].cat.codes.to_numpy()[dated], df["topic"].cat.categories.astype("str")
    else:
        codes, names = pd.factorize(df["topic"][dated].fillna("").astype(str))
    table = np.bincount((numbers - first) * len(names) + codes, minlength=span * len(names))
    cell = np.flatnonzero(table)
    counts = pd.DataFrame({"period": _bin_starts(cell // len(names) + first, name).astype("datetime64[ns]"),
                           "topic": pd.Series(np.asarray(names, dtype=object)[cell % len(names)], dtype="str"),
                           "events": table[cell]})
    return counts, name


def aid_totals(aid: pd.DataFrame) -> dict[str, float]:
    """USD totals of an aid table (aid_table), planned apart from the rest, each share counted once.

    "delivered": aid that occurred or is ongoing (delivered, disbursed, committed): the rows that
    enter totals, and also a share of a *planned* package, since that part is no longer only a plan.
    "planned": the planned packages and pledges, less the shares of them counted as delivered.
    """
    if aid.empty:
        return {"delivered": 0.0, "planned": 0.0}
    usd = pd.to_numeric(aid["amount_usd"], errors="coerce").fillna(0.0).astype(float)
    planned = (aid["status"].astype(str) == "planned").to_numpy()
    counted = aid["counted"].to_numpy(bool)
    status_of = dict(zip(aid["event_id"].astype(str), planned))
    in_planned_package = np.array([status_of.get(p, False) for p in aid["package_event_id"].astype(str)], dtype=bool)
    delivered_rows = ~planned & (counted | in_planned_package)
    taken = usd[delivered_rows & ~counted].groupby(aid["package_event_id"][delivered_rows & ~counted]).sum()
    package_usd = pd.Series(usd.to_numpy(), index=aid["event_id"].astype(str))
    left = package_usd[planned & counted].sub(taken, fill_value=0.0).reindex(package_usd[planned & counted].index)
    return {"delivered": float(usd[delivered_rows].sum()), "planned": float(left.clip(lower=0.0).sum())}


CASUALTY_BINS = {"day": "D", "week": "W-SUN", "month": "M"}   # weeks from Monday
CASUALTY_GROUPS = {"region": "admin1", "country": "country_iso3"}
TOP_GROUPS = 8


def casualties_over_time(df: pd.DataFrame, bin_name: str = "day", by: str = "region",
                         top: int = TOP_GROUPS) -> pd.DataFrame:
    """Killed and injured per day, week or month (each event on its first day) and region or country:
    columns period, group, killed, injured. The `top` groups with the most casualties keep their
    names, the rest are summed as "other"; events without a place are "unknown"."""
    if bin_name not in CASUALTY_BINS or by not in CASUALTY_GROUPS:
        raise ValueError(f"casualties per {bin_name!r} by {by!r}: use one of {', '.join(CASUALTY_BINS)} "
                         f"by one of {', '.join(CASUALTY_GROUPS)}")
    killed = pd.to_numeric(df["killed"], errors="coerce")
    injured = pd.to_numeric(df["injured"], errors="coerce")
    keep = (df["date_start"].notna() & (killed.fillna(0) + injured.fillna(0) > 0)).to_numpy()
    columns = ["period", "group", "killed", "injured"]
    if not keep.any():
        return pd.DataFrame(columns=columns)
    group = df[CASUALTY_GROUPS[by]][keep].astype("string").fillna("").str.strip()
    frame = pd.DataFrame({
        "period": df["date_start"][keep].dt.to_period(CASUALTY_BINS[bin_name]).dt.start_time,
        "group": group.where(group != "", "unknown").astype(str),
        "killed": killed[keep].fillna(0).astype(int), "injured": injured[keep].fillna(0).astype(int)})
    size = frame.groupby("group")[["killed", "injured"]].sum().sum(axis=1).sort_values(ascending=False, kind="stable")
    named = set(size.index[:top])
    frame["group"] = frame["group"].where(frame["group"].isin(named), "other")
    out = frame.groupby(["period", "group"], as_index=False)[["killed", "injured"]].sum()
    return out.sort_values(["period", "group"], kind="stable").reset_index(drop=True)[columns]
