"""Synthetic event tables for benchmarks: `python scripts/make_synthetic.py --rows N --out PATH`.

    python scripts/make_synthetic.py --rows 1000000 --out /tmp/events-1m.parquet --seed 1

Writes a table with every column of dashboard.curation.schema.COLUMNS, shaped like a newsroom's curation
of a war's daily briefings, or a merged ACLED/GDELT-sized dataset:
- places cluster on real gazetteer towns (data/gazetteer.tsv.gz, read only): most events in
  Ukraine and the Russian border regions, weighted towards big towns and a few front-line hot
  spots, so many events share a point; some are 'near' a town (a few km off it), or only an
  oblast, a country (its capital) or a sea;
- time comes in bursts (offensives, waves of strikes) over a steady daily background, and a few
  events are long spans ("since August 2023");
- every topic occurs; aid rows carry donors, amounts in their own currency and USD, and some
  are shares of a package row of the same article (`part_of` as the curation writes it);
  quantities and evidence text are filled in as the curation would.

It is for benchmarks and tests only: nothing it writes is data of the project, and the default
output is under the system's temporary folder (or artifacts/, which git ignores). The output
type follows the suffix: .csv or .parquet.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.curation import schema  # noqa: E402

GAZETTEER = ROOT / "data" / "gazetteer.tsv.gz"
REGIONS = ROOT / "data" / "regions.csv"
COUNTRIES = ROOT / "data" / "countries.csv"

START, DAYS = pd.Timestamp("2022-02-24"), 3 * 365
TOPIC_SHARES = {"attack": 0.40, "combat": 0.16, "troop_movement": 0.04, "arms_transfer": 0.04,
                "military_aid": 0.07, "financial_aid": 0.05, "humanitarian_aid": 0.05, "sanctions": 0.05,
                "diplomacy": 0.09, "maritime_security": 0.03, "other": 0.02}
DONORS = ["USA", "DEU", "GBR", "FRA", "JPN", "CAN", "NLD", "POL", "NOR", "DNK", "SWE", "ITA", "EU", "G7"]
DONOR_CURRENCY = {"USA": "USD", "GBR": "GBP", "JPN": "JPY", "CAN": "CAD", "NOR": "NOK", "DNK": "DKK",
                  "SWE": "SEK", "POL": "PLN", "G7": "USD"}
USD_PER = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "JPY": 0.0068, "CAD": 0.74, "NOK": 0.094,
           "DKK": 0.145, "SEK": 0.095, "PLN": 0.25}
ORGANISATION_SEATS = {"EU": (50.8503, 4.3517, "BEL"), "G7": (48.8566, 2.3522, "FRA")}
VERBS = {"attack": "struck", "combat": "fought near", "troop_movement": "moved troops to",
         "arms_transfer": "shipped arms to", "military_aid": "pledged military aid for",
         "financial_aid": "announced financial support for", "humanitarian_aid": "sent relief to",
         "sanctions": "imposed sanctions over", "diplomacy": "held talks in",
         "maritime_security": "reported ships near", "other": "reported events in"}


def default_out(rows: int, suffix: str = ".parquet") -> Path:
    return Path(tempfile.gettempdir()) / f"warnews-synthetic-{rows}{suffix}"


def _places(rng: np.random.Generator) -> pd.DataFrame:
    """Candidate event towns: Ukraine and Russia's border regions, weighted by size and hot spots."""
    towns = pd.read_csv(GAZETTEER, sep="\t", usecols=["name", "lat", "lon", "country_iso3", "admin1",
                                                      "population", "kind"], keep_default_na=False)
    towns = towns[(towns["kind"] == "city") & towns["country_iso3"].isin(["UKR", "RUS"])]
    border = towns["admin1"].str.contains("Belgorod|Kursk|Bryansk|Rostov|Krasnodar|Crimea|Voronezh|Moscow",
                                          regex=True)
    towns = towns[(towns["country_iso3"] == "UKR") | border].reset_index(drop=True)
    weight = np.sqrt(pd.to_numeric(towns["population"], errors="coerce").fillna(1000).clip(lower=500))
    east = towns["lon"].astype(float) > 33          # the front: Kharkiv to Kherson
    weight = weight * np.where(east, 4.0, 1.0)
    hot = rng.choice(len(towns), size=min(40, len(towns)), replace=False, p=weight / weight.sum())
    weight[hot] *= 30                                # front-line towns in the news every day
    towns["weight"] = weight / weight.sum()
    return towns


def _bursty_days(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days since START: 45% a steady background, 55% in bursts of a few days to a few weeks."""
    background = rng.random(n) < 0.45
    centres = rng.integers(0, DAYS, 60)
    widths = rng.uniform(2, 20, 60)
    burst = rng.integers(0, 60, n)
    days = np.where(background, rng.integers(0, DAYS, n),
                    np.rint(centres[burst] + rng.normal(0, 1, n) * widths[burst]))
    return np.clip(days, 0, DAYS - 1).astype(np.int64)


def _nice(values: np.ndarray) -> np.ndarray:
    """Round to two significant figures, as briefings state figures ('1,500 troops', '$2.3bn')."""
    values = np.maximum(values, 1.0)
    scale = 10.0 ** np.maximum(np.floor(np.log10(values)) - 1, 0)
    return np.rint(values / scale) * scale


def synthetic_events(rows: int, seed: int = 0) -> pd.DataFrame:
    """A synthetic event table of `rows` rows with every schema column (text columns as strings)."""
    rng = np.random.default_rng(seed)
    n = int(rows)
    towns = _places(rng)
    regions = pd.read_csv(REGIONS, keep_default_na=False)
    seas = regions[regions["kind"] == "sea"].head(3)                 # Black Sea, Azov, Kerch Strait
    oblasts = regions[(regions["kind"] == "admin1") & (regions["country_iso3"] == "UKR")]
    countries = pd.read_csv(COUNTRIES, keep_default_na=False).set_index("iso3")

    # articles: one a day-ish briefing, about a dozen events each, published in bursts
    n_articles = max(1, n // 12)
    published_day = np.sort(_bursty_days(rng, n_articles))
    article = np.sort(rng.integers(0, n_articles, n))
    topics = np.array(list(TOPIC_SHARES))
    topic = topics[rng.choice(len(topics), n, p=np.array(list(TOPIC_SHARES.values())))]

    # dates: the day before publication ('overnight') or the day itself, some spans, a few long ones
    published = START + pd.to_timedelta(published_day[article], "D")
    back = rng.choice([0, 1, 2, 3], n, p=[0.55, 0.35, 0.07, 0.03])
    start = published - pd.to_timedelta(back, "D")
    kind = rng.choice(["day", "range", "month", "long"], n, p=[0.86, 0.10, 0.035, 0.005])
    length = np.select([kind == "range", kind == "month", kind == "long"],
                       [rng.integers(1, 14, n), 29, rng.integers(120, 600, n)], 0)
    start = start - pd.to_timedelta(np.where(kind == "long", length, 0), "D")
    end = start + pd.to_timedelta(length, "D")
    end = end.where(kind != "long", published)

    # places
    town = rng.choice(len(towns), n, p=towns["weight"].to_numpy())
    precision = rng.choice(["point", "near", "admin2", "admin1", "country", "sea"], n,
                           p=[0.62, 0.14, 0.06, 0.10, 0.05, 0.03])
    precision = np.where(topic == "maritime_security", "sea", precision)
    aid = np.isin(topic, ["military_aid", "financial_aid", "humanitarian_aid"])
    diplomatic = aid | np.isin(topic, ["sanctions", "diplomacy"])
    precision = np.where(diplomatic, "country", precision)
    lat = towns["lat"].to_numpy(float)[town]
    lon = towns["lon"].to_numpy(float)[town]
    location = towns["name"].to_numpy(object)[town]
    admin1 = towns["admin1"].to_numpy(object)[town]
    country = towns["country_iso3"].to_numpy(object)[town]
    near = precision == "near"
    lat = np.where(near, lat + rng.normal(0, 0.08, n), lat)
    lon = np.where(near, lon + rng.normal(0, 0.12, n), lon)
    is_oblast = precision == "admin1"
    oblast = rng.integers(0, len(oblasts), n)
    lat = np.where(is_oblast, oblasts["lat"].to_numpy(float)[oblast], lat)
    lon = np.where(is_oblast, oblasts["lon"].to_numpy(float)[oblast], lon)
    location = np.where(is_oblast, oblasts["name"].to_numpy(object)[oblast], location)
    admin1 = np.where(is_oblast, oblasts["name"].to_numpy(object)[oblast], admin1)
    country = np.where(is_oblast, "UKR", country)
    sea = precision == "sea"
    which_sea = rng.integers(0, len(seas), n)
    lat = np.where(sea, seas["lat"].to_numpy(float)[which_sea], lat)
    lon = np.where(sea, seas["lon"].to_numpy(float)[which_sea], lon)
    location = np.where(sea, seas["name"].to_numpy(object)[which_sea], location)
    admin1 = np.where(sea, "", admin1)
    country = np.where(sea, "", country)

    # who acts: attacks by Russia on Ukraine (and the reverse across the border); donors give
    donor_pool = np.array(DONORS, dtype=object)
    donor = np.where(aid, donor_pool[rng.integers(0, len(DONORS), n)], "")
    other_state = donor_pool[rng.integers(0, 10, n)]
    acting = np.where(aid, donor, np.where(diplomatic, other_state, ""))
    capital = countries.reindex([c if c in countries.index else "UKR" for c in acting.tolist()])
    seat_lat = capital["lat"].to_numpy(float)
    seat_lon = capital["lon"].to_numpy(float)
    for org, (o_lat, o_lon, _) in ORGANISATION_SEATS.items():
        seat_lat = np.where(acting == org, o_lat, seat_lat)
        seat_lon = np.where(acting == org, o_lon, seat_lon)
    at_seat = diplomatic & (rng.random(n) < 0.6)       # the rest are about Kyiv or the front
    lat = np.where(at_seat, seat_lat, np.where(diplomatic, 50.45466, lat))
    lon = np.where(at_seat, seat_lon, np.where(diplomatic, 30.5238, lon))
    names = capital["name"].to_numpy(object)
    location = np.where(at_seat, np.where(np.isin(acting, list(ORGANISATION_SEATS)), acting, names),
                        np.where(diplomatic, "Ukraine", location))
    country = np.where(at_seat, np.where(np.isin(acting, list(ORGANISATION_SEATS)), "", acting),
                       np.where(diplomatic, "UKR", country))
    admin1 = np.where(diplomatic, "", admin1)
    in_russia = country == "RUS"
    actors = np.where(aid | diplomatic, np.char.add(acting.astype(str), ";UKR"),
                      np.where(in_russia, "UKR;RUS", "RUS;UKR")).astype(object)
    korea = (topic == "troop_movement") & (rng.random(n) < 0.3)
    actors = np.where(korea, "PRK;RUS", actors)

    # casualties
    violent = np.isin(topic, ["attack", "combat"])
    stated = violent & (rng.random(n) < 0.6)
    killed = np.where(stated & (rng.random(n) < 0.7), rng.geometric(0.35, n) - 1, -1)
    injured = np.where(stated & (rng.random(n) < 0.85), rng.geometric(0.15, n) - 1, -1)

    # money: aid and a few sanctions (frozen assets)
    currency = np.array([DONOR_CURRENCY.get(d, "EUR") for d in donor.tolist()], dtype=object)
    has_money = aid & (rng.random(n) < 0.85)
    usd = _nice(np.exp(rng.normal(np.log(3e8), 1.6, n)))
    amount = _nice(usd / np.array([USD_PER[c] for c in currency.tolist()]))
    amount_usd = amount * np.array([USD_PER[c] for c in currency.tolist()])
    currency = np.where(has_money, currency, "")
    aid_type = np.select([topic == "military_aid", topic == "humanitarian_aid", topic == "financial_aid"],
                         ["military", "humanitarian",
                          np.array(["loan", "grant", "budget"], dtype=object)[rng.integers(0, 3, n)]], "")

    table = pd.DataFrame({
        "article_id": pd.Series(article).map("syn_{:07d}".format),
        "published": published.strftime("%Y-%m-%d"),
        "date_start": start.strftime("%Y-%m-%d"), "date_end": end.strftime("%Y-%m-%d"),
        "topic": topic, "location": location, "admin1": admin1, "country_iso3": country,
        "latitude": np.round(lat, 5), "longitude": np.round(lon, 5), "geo_precision": precision,
        "actors": actors, "donor": donor, "aid_type": aid_type,
    })
    table["event_id"] = pd.Series(rng.integers(0, 2**62, n, dtype=np.int64)).map("{:016x}".format)
    headline = pd.Series(location).where(~diplomatic, "talks and aid").astype(str).to_numpy()
    first_of_article = np.searchsorted(article, article)          # events are grouped by article
    table["article_title"] = ("Ukraine war briefing " + table["published"] + ": "
                              + pd.Series(headline[first_of_article]))
    table["article_url"] = "https://example.org/briefings/" + table["article_id"]
    table["date_precision"] = np.select([kind == "range", kind == "month", kind == "long"],
                                        ["range", "month", "range"], "day")
    table["date_method"] = np.select([back == 0, back == 1], ["publication", "past_day"], "relative")
    table["date_text"] = np.select([kind == "long", kind == "month", back == 1, back > 1],
                                   ["since " + start.strftime("%B %Y"), "in " + start.strftime("%B"),
                                    "overnight", "on " + start.strftime("%A")], "")
    table["status"] = rng.choice(schema.STATUSES, n, p=[0.86, 0.07, 0.07])
    table["killed"] = pd.Series(killed, dtype="Int64").where(killed >= 0)
    table["injured"] = pd.Series(injured, dtype="Int64").where(injured >= 0)
    table["amount"] = np.where(has_money, amount, np.nan)
    table["currency"] = currency
    table["amount_usd"] = np.where(has_money, amount_usd, np.nan)
    table["recipient"] = np.where(aid, "UKR", "")
    # a share of a package: the article's previous aid row, when it is bigger, written as the
    # curation writes part_of ("G7 loan (50000000000 USD)")
    table["part_of"] = ""
    money_rows = np.flatnonzero(has_money)
    if len(money_rows) > 1:
        prev, cur = money_rows[:-1], money_rows[1:]
        share = ((article[prev] == article[cur]) & (amount_usd[prev] > amount_usd[cur])
                 & (rng.random(len(cur)) < 0.5))
        p, c = prev[share], cur[share]
        label = (pd.Series(donor[p]).astype(str) + " " + pd.Series(aid_type[p]).astype(str) + " ("
                 + pd.Series(amount[p]).map("{:.0f}".format) + " " + pd.Series(currency[p]).astype(str) + ")")
        table.loc[c, "part_of"] = label.to_numpy()
    money_text = (table["amount"].map("{:.0f}".format) + " " + table["currency"]).where(has_money, "")
    table["amounts"] = money_text

    quantity = np.select(
        [topic == "troop_movement", topic == "arms_transfer", (topic == "attack") & (rng.random(n) < 0.3),
         (topic == "military_aid") & (rng.random(n) < 0.4)],
        ["up to " + pd.Series(_nice(rng.lognormal(7, 1.2, n))).map("{:.0f}".format) + " troops",
         pd.Series(_nice(rng.lognormal(10, 1.5, n))).map("{:.0f}".format) + " shells; "
         + pd.Series(rng.integers(2, 80, n)).astype(str) + " shipments",
         pd.Series(rng.integers(3, 120, n)).astype(str) + " drones; "
         + pd.Series(rng.integers(1, 40, n)).astype(str) + " missiles",
         pd.Series(rng.integers(2, 60, n)).astype(str) + " tanks"], "")
    table["quantities"] = quantity

    figures = (pd.Series(np.where(killed > 0, " killing " + pd.Series(killed).astype(str), ""))
               + pd.Series(np.where(injured > 0, " and injuring " + pd.Series(injured).astype(str), "")))
    verb = pd.Series(topic).map(VERBS)
    who = pd.Series(acting).where(pd.Series(acting) != "", "Russian forces")
    place = pd.Series(location).astype(str)
    table["summary"] = (pd.Series(topic).str.replace("_", " ").str.capitalize() + ": " + place + figures)
    table["evidence"] = (pd.Series(table["date_text"]).str.capitalize().where(table["date_text"] != "", "Officials said")
                         + " " + who + " " + verb + " " + place
                         + pd.Series(np.where(admin1 != "", " in " + pd.Series(admin1).astype(str), ""))
                         + figures + ", according to the briefing's source "
                         + pd.Series(rng.integers(1, 10**6, n)).astype(str) + "."
                         + pd.Series(np.where(quantity != "", " It involved " + pd.Series(quantity) + ".", "")))
    # offsets: the events of an article follow one another in its text
    size = table["evidence"].str.len().to_numpy() + 1
    first = np.r_[True, article[1:] != article[:-1]]
    ends = np.cumsum(size)
    base = np.maximum.accumulate(np.where(first, ends - size, 0))
    table["char_start"] = ends - size - base
    table["char_end"] = table["char_start"] + size - 1
    table["review"] = np.where(table["date_text"] == "", "date_publication", "")   # the engine's doubts
    return table[schema.COLUMNS]


def save_table(table: pd.DataFrame, out: Path) -> None:
    """Write CSV or Parquet by the file's suffix."""
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".csv":
        table.to_csv(out, index=False)
    elif out.suffix.lower() in (".parquet", ".pq"):
        table.to_parquet(out, index=False)
    else:
        raise SystemExit(f"--out {out}: use a .csv or .parquet file name")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, required=True, help="number of events")
    parser.add_argument("--out", type=Path, help="output .csv or .parquet (default: the temporary folder)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    out = args.out or default_out(args.rows)
    save_table(synthetic_events(args.rows, args.seed), out)
    print(f"{args.rows:,} events -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
