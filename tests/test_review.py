"""The engine's reasons to doubt a row (the `review` column), on short articles written for the test."""
import pytest

from dashboard.curation import curate_text, schema


@pytest.mark.parametrize("text, location, expected", [
    ("Russian strikes killed four people across the Kharkiv region over the past day.\n"
     "A missile hit a school in the city of Izium, the governor said.\n", "Kharkiv region", "lead_figures"),
    ("Russian strikes killed four people across the Kharkiv region over the past day.\n"
     "A missile hit a school in the city of Izium, the governor said.\n", "Izium", ""),
    ("Ukraine will receive 300 million euros for energy repairs, officials announced.\n", "Ukraine",
     "date_publication;amount_no_donor"),
    ("Shelling damaged houses in the village of Zzyzxovka in the Sumy region, injuring one man.\n", "Zzyzxovka",
     "place_region;date_publication"),
    ("On March 3, a drone hit a warehouse in Lviv, injuring two workers.\n", "Lviv", ""),
])
def test_review_reasons(text, location, expected):
    rows = curate_text(text, "2024-03-05", "a")
    row = rows[rows["location"] == location].iloc[0]
    assert row["review"] == expected
    assert all(code in schema.REVIEW_REASONS for code in filter(None, expected.split(";")))
