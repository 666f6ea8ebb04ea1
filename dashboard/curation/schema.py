"""The event table's contract: column names, vocabularies and their meaning.

Every stage that writes or reads the table (curation, dashboard, exports) takes
its column names from here, so the table cannot drift between them.
"""

COLUMNS = [
    "event_id",
    "article_id", "article_title", "article_url", "published",
    "date_start", "date_end", "date_precision", "date_text", "date_method",
    "status", "topic", "summary",
    "location", "admin1", "country_iso3", "latitude", "longitude", "geo_precision",
    "actors",
    "killed", "injured",
    "amount", "currency", "amount_usd",
    "donor", "recipient", "aid_type", "part_of",
    "amounts", "quantities",
    "evidence", "char_start", "char_end",
    "review",
]

TOPICS = [
    "attack", "combat", "troop_movement", "arms_transfer", "military_aid",
    "financial_aid", "humanitarian_aid", "sanctions", "diplomacy",
    "maritime_security", "other",
]

STATUSES = ["occurred", "planned", "ongoing"]
DATE_PRECISIONS = ["day", "range", "month", "year"]
DATE_METHODS = ["explicit", "relative", "past_day", "publication"]

# geo_precision -> UCDP GED `where_prec` (1 exact place ... 7 international waters).
GEO_PRECISIONS = {
    "point": 1,    # the named town or village itself
    "near": 2,     # "near", "outskirts of", "around" a named place (within ~25 km)
    "admin2": 3,   # a district (raion) or hromada, plotted at its namesake town
    "admin1": 4,   # an oblast, krai, region or state, plotted inside it
    "country": 6,  # only the country (or an organisation) is known
    "sea": 7,      # a sea or other international waters
}
APPROXIMATE_PRECISIONS = {"admin1", "country", "sea"}

AID_TYPES = ["loan", "grant", "military", "humanitarian", "budget", "other"]

# The engine's reasons to doubt a row, `;`-separated in the `review` column (empty: none).
# An editor checks these rows first (dashboard/view/review.py).
REVIEW_REASONS = {
    "place_region": "the place is missing from the gazetteer: placed in the region the text names",
    "place_country": "an attack or fighting whose sentence names no place: placed at the country",
    "namesakes": "several places of this name in its country: check the one chosen",
    "lead_figures": "the casualty figures come from the article's lead, which may sum other rows",
    "date_publication": "no date in the text: dated to the publication day",
    "amount_no_donor": "a money figure without a donor",
}

INT_COLUMNS = ["killed", "injured", "char_start", "char_end"]
FLOAT_COLUMNS = ["latitude", "longitude", "amount", "amount_usd"]
