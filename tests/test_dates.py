import datetime as dt

import pytest

from dashboard.curation.dates import find_dates, resolve, tense

PUB = dt.date(2024, 10, 22)  # a Tuesday


def first(text, published=PUB):
    direction = tense(text)
    found = [resolve(m, published, direction) for m in find_dates(text)]
    found = [f for f in found if f]
    return found[0] if found else None


@pytest.mark.parametrize("text, start, end, precision, method", [
    ("The ministers are set to meet on Thursday in Ankara.", "2024-10-24", "2024-10-24", "day", "relative"),
    ("The depot was hit on Sunday, officials said.", "2024-10-20", "2024-10-20", "day", "relative"),
    ("The envoy was summoned on Tuesday.", "2024-10-22", "2024-10-22", "day", "relative"),
    ("The summit will open next Tuesday.", "2024-10-29", "2024-10-29", "day", "relative"),
    ("Drones struck the city over the past day.", "2024-10-21", "2024-10-22", "range", "past_day"),
    ("Missiles hit the port overnight.", "2024-10-21", "2024-10-22", "range", "past_day"),
    ("Intelligence tracked 40 trains since March of last year.", "2023-03-01", "2024-10-22", "range", "relative"),
    ("Shelling resumed on Oct. 19.", "2024-10-19", "2024-10-19", "day", "explicit"),
    ("The treaty was signed on 3 September 2023.", "2023-09-03", "2023-09-03", "day", "explicit"),
    ("The deal was agreed on Sept. 5, 2022.", "2022-09-05", "2022-09-05", "day", "explicit"),
    ("A delivery is planned for Dec. 2.", "2024-12-02", "2024-12-02", "day", "explicit"),
    ("Fighting intensified on Dec. 30.", "2023-12-30", "2023-12-30", "day", "explicit"),
    ("The fund was launched in June.", "2024-06-01", "2024-06-30", "month", "relative"),
    ("Talks are expected in January.", "2025-01-01", "2025-01-31", "month", "relative"),
    ("The leaders met in late June.", "2024-06-21", "2024-06-30", "range", "relative"),
    ("The assets were frozen in February 2022.", "2022-02-01", "2022-02-28", "month", "explicit"),
    ("Aid has flowed since February 2022.", "2022-02-01", "2024-10-22", "range", "explicit"),
    ("Shipments rose yesterday.", "2024-10-21", "2024-10-21", "day", "relative"),
    ("On 2024-05-09 a parade was held.", "2024-05-09", "2024-05-09", "day", "explicit"),
    # a sentence's first word is capitalised
    ("In 2023, the fund paid out twice as much.", "2023-01-01", "2023-12-31", "year", "explicit"),
    ("In March, the first trains left.", "2024-03-01", "2024-03-31", "month", "relative"),
    ("During 2021 the plant was idle.", "2021-01-01", "2021-12-31", "year", "explicit"),
    # days named, not numbered: the last one before the publication, or the next one for what is planned
    ("On New Year's Eve, drones hit the city.", "2023-12-31", "2023-12-31", "day", "relative"),
    ("A missile hit a church on Easter Sunday.", "2024-03-31", "2024-03-31", "day", "relative"),
    ("The strike came on Orthodox Easter.", "2024-05-05", "2024-05-05", "day", "relative"),
    ("The city was shelled on Palm Sunday.", "2024-03-24", "2024-03-24", "day", "relative"),
    ("Rockets fell on Christmas Day.", "2023-12-25", "2023-12-25", "day", "relative"),
    ("The leaders will meet on Christmas Eve.", "2024-12-24", "2024-12-24", "day", "relative"),
])
def test_resolves_against_publication(text, start, end, precision, method):
    got = first(text)
    assert got is not None, text
    assert (got.start.isoformat(), got.end.isoformat(), got.precision, got.method) == (start, end, precision, method)


@pytest.mark.parametrize("text", [
    "Officials said the strikes may continue.",
    "Troops could march on the capital.",
    "The statement was posted at 10:53 am.",
    "The brigade lost 2024 vehicles and 15 tanks.",
    "He said 12 people were evacuated.",
    "The programme was extended until 2029.",          # a deadline dates nothing
    "Ukraine hopes to join the bloc by 2030.",
    "Madrid will send the tanks after Easter.",        # a bound of a period, no day
    "A truce by Christmas looks unlikely.",
])
def test_invents_no_date(text):
    assert first(text) is None


@pytest.mark.parametrize("text, expected", [
    ("The president is set to meet the envoy.", "planned"),
    ("The loan is expected to be confirmed soon.", "planned"),
    ("The country will lend the funds.", "planned"),
    ("Kyiv has been seeking help.", "ongoing"),
    ("Drones struck the port.", "occurred"),
])
def test_tense(text, expected):
    assert tense(text) == expected


def test_a_past_day_window_stated_with_a_report_day_ends_on_that_day():
    import datetime as dt
    from dashboard.curation.articles import Article
    from dashboard.curate import curate_article
    text = ("The governor said on Saturday that Russian forces had shelled the town of Orikhiv 30 times "
            "over the previous day, wounding two people.")
    rows = curate_article(Article("t", text, "", "", dt.date(2024, 3, 11)))   # a Monday
    assert [(r["date_start"], r["date_end"]) for r in rows] == [("2024-03-08", "2024-03-09")]


def test_in_a_day_is_a_roundup_window():
    import datetime as dt
    from dashboard.curation.articles import Article
    from dashboard.curate import curate_article
    text = ("Russian shelling killed nine civilians and wounded 14 in a day, officials said.\n\n"
            "Four people died in the city of Kramatorsk.")
    rows = curate_article(Article("t", text, "", "", dt.date(2024, 3, 11)))
    kram = [r for r in rows if r["location"] == "Kramatorsk"][0]
    assert (kram["date_start"], kram["date_end"], kram["date_method"]) == ("2024-03-10", "2024-03-11", "past_day")
