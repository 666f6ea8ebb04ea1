"""Tables the charts are drawn from: aid money, munitions and troop quantities, shared map points.

All pure functions over the event table, vectorised with pandas.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

AID_TOPICS = {"military_aid", "financial_aid", "humanitarian_aid"}

_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_SYMBOLS = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
# A money figure inside free text such as part_of: "US$50 billion", "£2.26bn", "50000000000 USD".
_MONEY = (r"(?:(?P<symbol>US\$|\$|£|€|¥|₴|₽)\s*|(?<![\w.]))(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
          r"(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)?\b\s*(?P<code>[A-Z]{3})?")


def _blank(series: pd.Series) -> pd.Series:
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


def aid_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Events that carry an aid money figure."""
    has_money = df["amount"].notna() | df["amount_usd"].notna()
    is_aid = df["topic"].isin(AID_TOPICS) | ~_blank(df["aid_type"])
    return df[has_money & is_aid]


def package_of_shares(aid: pd.DataFrame) -> pd.Series:
    """For each aid row, the event_id of another row whose own amount contains it ('' if none).

    A row's part_of names its package. It is inside another row's total when part_of is that
    row's event_id, or, within the same article, when part_of states that row's amount
    (value and currency) or that row's summary contains the words of part_of. A package is
    never smaller than its share.
    """
    result = pd.Series("", index=aid.index, dtype=object)
    shares = aid[~_blank(aid["part_of"])]
    if shares.empty:
        return result
    left = shares[["event_id", "article_id", "part_of", "amount_usd"]].rename(columns=lambda c: "s_" + c)
    left["s_index"] = shares.index
    right = aid[["event_id", "article_id", "summary", "amount", "currency", "amount_usd"]]
    by_id = left.merge(right, left_on="s_part_of", right_on="event_id")
    same_article = left.merge(right, left_on="s_article_id", right_on="article_id")
    pairs = pd.concat([by_id.assign(by_id=True), same_article.assign(by_id=False)], ignore_index=True)
    pairs = pairs[pairs["s_event_id"] != pairs["event_id"]]
    if pairs.empty:
        return result
    stated = money_in_text(pairs["s_part_of"])
    same_money = (np.isclose(stated["value"], pairs["amount"], rtol=0.01)
                  & ((stated["currency"] == pairs["currency"]) | (stated["currency"] == "")))
    wanted, summary = _norm(pairs["s_part_of"]), _norm(pairs["summary"])
    named = wanted.ne("") & (np.char.find(summary.to_numpy(str), wanted.to_numpy(str)) >= 0)
    not_smaller = ~(pairs["amount_usd"] < pairs["s_amount_usd"])
    matched = pairs[(pairs["by_id"] | same_money | named) & not_smaller]
    first = matched.drop_duplicates("s_index").set_index("s_index")["event_id"]
    result.loc[first.index] = first.astype(str)
    return result


def aid_table(df: pd.DataFrame) -> pd.DataFrame:
    """Aid rows with `package_event_id` (the total a share is inside) and `counted` (enters totals)."""
    aid = aid_rows(df).copy()
    aid["package_event_id"] = package_of_shares(aid)
    aid["counted"] = aid["package_event_id"] == ""
    columns = ["event_id", "date_start", "status", "donor", "recipient", "aid_type", "amount", "currency",
               "amount_usd", "part_of", "package_event_id", "counted", "summary", "evidence",
               "article_id", "article_title", "article_url"]
    return aid[columns].reset_index(drop=True)


def aid_by_donor(aid: pd.DataFrame) -> pd.DataFrame:
    """USD totals per donor and aid type over counted rows, with the original amounts for the hover."""
    rows = aid[aid["counted"] & aid["amount_usd"].notna()].copy()
    columns = ["donor", "aid_type", "amount_usd", "events", "originals"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows["donor"] = rows["donor"].where(~_blank(rows["donor"]), "unknown donor")
    rows["aid_type"] = rows["aid_type"].where(~_blank(rows["aid_type"]), "other")
    rows["original"] = format_money(rows["amount"], rows["currency"])
    rows["original"] = rows["original"].where(rows["original"] != "", "amount not stated")
    grouped = rows.groupby(["donor", "aid_type"], sort=False).agg(
        amount_usd=("amount_usd", "sum"), events=("event_id", "count"),
        originals=("original", "; ".join))
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


def quantities_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per munitions/troops quantity item: event, actor, category, qualifier, value, unit, label.

    Items whose unit is in none of QUANTITY_CATEGORIES (e.g. '30 buildings') are left out.
    """
    columns = ["event_id", "date_start", "topic", "status", "actor", "category", "qualifier", "value",
               "unit", "label", "summary", "evidence"]
    items = df["quantities"].fillna("").astype(str).str.split(";").explode().str.strip()
    items = items[items != ""]
    parts = items.str.extract(_ITEM)
    parts = parts[parts["value"].notna()]
    if parts.empty:
        return pd.DataFrame(columns=columns)
    out = df.loc[parts.index, ["event_id", "date_start", "topic", "status", "summary", "evidence"]].copy()
    out["actor"] = quantity_actor(df).loc[parts.index]
    out["qualifier"] = parts["qualifier"].fillna("").str.strip()
    out["value"] = pd.to_numeric(parts["value"].str.replace(",", "", regex=False))
    out["unit"] = parts["unit"].str.strip()
    out["category"] = ""
    unit = out["unit"].str.lower()
    for name, pattern in reversed(QUANTITY_CATEGORIES):  # reversed so the first pattern wins
        out.loc[unit.str.contains(pattern, regex=True), "category"] = name
    out = out[out["category"] != ""]
    value_text = out["value"].map("{:,.0f}".format).astype(str)
    out["label"] = (out["qualifier"] + " " + value_text + " " + out["unit"]).str.strip()
    return out[columns].reset_index(drop=True)


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
