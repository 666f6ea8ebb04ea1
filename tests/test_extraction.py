"""Short articles of the genre, written for these tests, curated whole: the rows that matter."""
import datetime as dt

import pytest

from dashboard.curation.articles import Article
from dashboard.curate import curate_article

ROUNDUP = """Russian attacks kill 2, injure 9 over past day

Russian troops shelled Nikopol and Marhanets in Dnipropetrovsk region overnight, wounding a 45-year-old man, Governor Serhii Lysak said.

In Kharkiv, a guided bomb hit an apartment block on Saturday evening, killing three people, including a child, and injuring 24, Mayor Ihor Terekhov said.

Two people were killed and five injured in a drone attack on the city of Kostyantynivka in Donetsk Oblast, the regional prosecutor's office reported.

In Sumy Oblast, one woman was killed in Bilopillia and another injured in Krasnopillia.

Russia launched 47 Shahed drones and three Kh-101 cruise missiles at Ukraine overnight. Air defenses destroyed 40 of the drones, the Air Force said.

The Chernihiv, Poltava and Odesa oblasts also came under attack, but no casualties were reported.
"""

AID = """Sweden will provide Ukraine with a new military aid package worth 13.3 billion kronor ($1.25 billion), Defence Minister Pal Jonson said in Stockholm on Thursday.

The package includes 20 CV90 infantry fighting vehicles and ammunition for air defence systems.

Japan has agreed to lend Ukraine $3 billion as part of the G7's $50 billion loan, the Japanese Finance Ministry said.
"""

MIXED = """The European Union on Monday adopted its 14th package of sanctions against Russia, targeting liquefied natural gas shipments for the first time.

Meanwhile, Russian forces captured the village of Krasnohorivka near Pokrovsk, the Defense Ministry in Moscow claimed on Tuesday.

A Russian missile struck a civilian cargo vessel in the port of Odesa on Wednesday, killing four people and injuring two.

Ukrainian drones attacked Belgorod Oblast overnight, injuring two people in the town of Shebekino, Governor Vyacheslav Gladkov said.

Zelensky is expected to meet NATO Secretary General Mark Rutte in Brussels next week to discuss air defence.

Up to 2,000 North Korean troops have arrived in Kursk Oblast, South Korea's spy agency said.
"""


def curate(text, published="2024-06-25", title=""):
    art = Article("t", text, title, "", dt.date.fromisoformat(published))
    return curate_article(art)


def cells(rows, *fields):
    """Each row's values of these fields, as tuples in row order."""
    return [tuple(r[f] for f in fields) for r in rows]


def by_location(rows):
    out = {}
    for r in rows:
        out.setdefault(r["location"], r)
    return out


@pytest.mark.parametrize("location, fields", [
    ("Nikopol", {"killed": "", "injured": "", "admin1": "Dnipropetrovsk Oblast", "topic": "attack",
                 "date_start": "2024-06-24", "date_end": "2024-06-25", "date_method": "past_day"}),
    ("Marhanets", {"injured": "", "country_iso3": "UKR"}),
    ("Kharkiv", {"killed": 3, "injured": 24, "date_start": "2024-06-22", "date_method": "relative"}),
    ("Kostyantynivka", {"killed": 2, "injured": 5, "admin1": "Donetsk Oblast", "geo_precision": "point"}),
    ("Bilopillia", {"killed": 1, "injured": ""}),
    ("Krasnopillia", {"injured": 1, "killed": ""}),
    ("Ukraine", {"geo_precision": "country", "quantities": "47 drones; 3 missiles; 40 drones"}),
    ("Poltava Oblast", {"killed": 0, "injured": 0, "geo_precision": "admin1"}),
])
def test_roundup(location, fields):
    rows = by_location(curate(ROUNDUP.split("\n", 2)[2], title=ROUNDUP.split("\n")[0]))
    assert location in rows, sorted(rows)
    for k, v in fields.items():
        assert rows[location][k] == v, (location, k, rows[location][k])


def test_roundup_shared_figures_are_on_no_place():
    rows = curate(ROUNDUP)
    # "wounding a 45-year-old man" is stated for Nikopol and Marhanets together
    assert all(r["injured"] == "" for r in rows if r["location"] in ("Nikopol", "Marhanets"))
    # the Donetsk Oblast of "in Donetsk Oblast" is an address, not an event
    assert "Donetsk Oblast" not in {r["location"] for r in rows}


def test_aid():
    rows = curate(AID)
    sweden = [r for r in rows if r["amount"] == 13300000000]
    assert len(sweden) == 1
    s = sweden[0]
    assert (s["currency"], s["topic"], s["donor"], s["recipient"], s["aid_type"]) == ("SEK", "military_aid", "SWE", "UKR", "military")
    assert s["location"] == "Stockholm" and s["date_start"] == "2024-06-20"
    assert "1250000000 USD" in s["amounts"] and "20 vehicles" in s["quantities"]
    assert 1.1e9 < s["amount_usd"] < 1.4e9
    japan = [r for r in rows if r["amount"] == 3000000000][0]
    assert (japan["donor"], japan["recipient"], japan["aid_type"]) == ("JPN", "UKR", "loan")
    assert japan["location"] == "Japan" and japan["geo_precision"] == "country"


def test_mixed_topics_and_places():
    rows = by_location(curate(MIXED))
    assert rows["Krasnohorivka"]["topic"] == "combat" and rows["Krasnohorivka"]["admin1"] == "Donetsk Oblast"
    assert "Pokrovsk" not in rows and "Moscow" not in rows
    assert (rows["Odesa"]["killed"], rows["Odesa"]["injured"], rows["Odesa"]["date_start"]) == (4, 2, "2024-06-19")
    assert rows["Shebekino"]["injured"] == 2 and rows["Shebekino"]["country_iso3"] == "RUS"
    assert rows["Brussels"]["status"] == "planned" and rows["Brussels"]["date_start"] == "2024-06-26"
    kursk = rows["Kursk Oblast"]
    assert (kursk["topic"], kursk["quantities"], kursk["geo_precision"]) == ("troop_movement", "up to 2000 troops", "admin1")
    assert "PRK" in kursk["actors"].split(";")
    sanctions = [r for r in rows.values() if r["topic"] == "sanctions"]
    assert sanctions and sanctions[0]["date_start"] == "2024-06-24"


def test_evidence_offsets_point_into_the_article():
    for text in (ROUNDUP, AID, MIXED):
        for r in curate(text):
            assert text[r["char_start"]:r["char_end"]].startswith(r["evidence"][:40])


class FakeGeocoder:
    """Stands in for an online geocoder: answers from a dict, records the queries."""

    def __init__(self, answers, fail=False):
        self.answers, self.fail, self.queries = answers, fail, []

    def geocode(self, query, exactly_one=True, **kw):
        from geopy.location import Location
        self.queries.append(query)
        if self.fail:
            raise OSError("network down")
        point = self.answers.get(query.split(",")[0])
        return Location(query, point, {}) if point else None


VILLAGE = "Russian shelling killed a man in the village of Zzyzxivka in Kharkiv Oblast, the governor said."


@pytest.mark.parametrize("answers, fail, precision, lat", [
    ({}, False, "admin1", None),                                  # unknown everywhere: the oblast
    ({"Zzyzxivka": (49.9, 36.9)}, False, "point", 49.9),          # found near the oblast: the point
    ({"Zzyzxivka": (10.0, 10.0)}, False, "admin1", None),         # found far away: not trusted
    ({"Zzyzxivka": (49.9, 36.9)}, True, "admin1", None),          # the service fails: offline answer
])
def test_injected_geocoder_only_for_places_the_gazetteer_lacks(answers, fail, precision, lat):
    geocoder = FakeGeocoder(answers, fail)
    art = Article("v", VILLAGE, "", "", dt.date(2024, 5, 1))
    rows = [r for r in curate_article(art, geocoder=geocoder) if r["location"] == "Zzyzxivka"]
    assert len(rows) == 1 and rows[0]["killed"] == 1
    assert rows[0]["geo_precision"] == precision and rows[0]["admin1"] == "Kharkiv Oblast"
    if lat is not None:
        assert rows[0]["latitude"] == lat
    assert geocoder.queries == ["Zzyzxivka, Kharkiv Oblast, Ukraine"]


REGIONS = """Russian attacks over the past day killed six civilians and injured 31 others across Ukraine, regional authorities said on Nov. 12.

In Zaporizhzhia Oblast, Russian forces attacked 8 settlements, killing a 71-year-old man in Huliaipole and injuring two women in Orikhiv, Governor Ivan Fedorov reported.

A Russian guided aerial bomb struck Kherson's Dniprovskyi district, injuring five people, the city military administration said.

Three people were killed in Russian shelling of Kupiansk in Kharkiv Oblast, while two more were injured in the nearby village of Kivsharivka.

In Donetsk Oblast, Russian attacks killed one person in Pokrovsk and injured 12 others throughout the region, Governor Vadym Filashkin said.

Russian drones hit an energy facility in Odesa Oblast overnight, causing a fire. No one was injured, according to the regional governor.
"""


@pytest.mark.parametrize("location, killed, injured, admin1", [
    ("Huliaipole", 1, "", "Zaporizhzhia Oblast"),
    ("Orikhiv", "", 2, "Zaporizhzhia Oblast"),
    ("Dniprovskyi district", "", 5, "Kherson Oblast"),     # Kherson's district, not Kyiv's namesake
    ("Kupiansk", 3, "", "Kharkiv Oblast"),
    ("Kivsharivka", "", 2, "Kharkiv Oblast"),
    ("Pokrovsk", 1, "", "Donetsk Oblast"),
    ("Donetsk Oblast", "", 12, "Donetsk Oblast"),           # "12 others throughout the region"
    ("Odesa Oblast", 0, 0, "Odesa Oblast"),
])
def test_figures_per_place(location, killed, injured, admin1):
    rows = by_location(curate(REGIONS, "2024-11-12"))
    assert "Ukraine" not in rows  # the lead's country-wide total is not an event
    r = rows[location]
    assert (r["killed"], r["injured"], r["admin1"]) == (killed, injured, admin1)
    assert (r["date_start"], r["date_end"]) == ("2024-11-11", "2024-11-12")


FEATURES = """A Ukrainian drone attack on the Russian-occupied Crimean port of Sevastopol damaged a ship, the Russian-installed governor said on Sunday.

The International Atomic Energy Agency reported drone strikes near the Zaporizhzhia Nuclear Power Plant in Enerhodar, its chief said.

In Russia's Kursk region, Ukrainian forces advanced up to 3 kilometers near Sudzha, Russian military bloggers reported.

Russian authorities said a drone struck an oil depot in the city of Bryansk, causing a fire. No casualties were reported.
"""


def test_features_regions_abroad_and_addresses():
    rows = by_location(curate(FEATURES, "2024-12-08"))
    assert rows["Sevastopol"]["admin1"] == "Sevastopol" and rows["Sevastopol"]["date_start"] == "2024-12-07"
    plant = rows["Zaporizhzhia Nuclear Power Plant"]
    assert plant["admin1"] == "Zaporizhzhia Oblast" and "IAEA" in plant["actors"].split(";")
    assert "Enerhodar" not in rows           # the plant's address, not a second event
    assert "Kursk region" not in rows        # the frame of a sentence naming a finer place
    assert (rows["Sudzha"]["admin1"], rows["Sudzha"]["geo_precision"], rows["Sudzha"]["topic"]) == \
        ("Kursk Oblast", "near", "combat")
    assert (rows["Bryansk"]["country_iso3"], rows["Bryansk"]["killed"], rows["Bryansk"]["injured"]) == ("RUS", 0, 0)


def test_colon_headed_region_is_a_frame():
    text = "Kherson Oblast: A 60-year-old man was killed in the village of Bilozerka, while a woman was wounded in Kherson.\n"
    rows = by_location(curate(text, "2024-10-05"))
    assert "Kherson Oblast" not in rows
    assert (rows["Bilozerka"]["killed"], rows["Kherson"]["injured"]) == (1, 1)


SANCTIONS_AND_PORTS = """The United States on Friday imposed sanctions on more than 300 entities in Russia, China and Turkey, the Treasury Department said.

The G7 price cap of $60 per barrel on Russian crude oil remains in place, officials said.

Britain separately sanctioned 10 vessels of Russia's shadow fleet of oil tankers, the Foreign Office said.

A Russian drone struck a Panama-flagged cargo ship in the port of Izmail on the Danube on Saturday, injuring two sailors.

Russia's Black Sea Fleet lost another landing ship off the coast of Crimea on March 24, Ukraine's navy said.

Japan will provide $4.5 billion in additional support to Ukraine, including $1 billion in humanitarian aid.
"""


def test_sanctions_ports_and_generic_money():
    rows = curate(SANCTIONS_AND_PORTS, "2024-06-15")
    topics = [r["topic"] for r in rows]
    assert topics.count("sanctions") == 3, topics
    cap = [r for r in rows if "price cap" in r["evidence"]][0]
    # a price, neither aid nor an amount of the measure
    assert (cap["topic"], cap["donor"], cap["aid_type"]) == ("sanctions", "", "") and not cap["amount"]
    assert "60 USD" in cap["amounts"]
    izmail = by_location(rows)["Izmail"]
    assert (izmail["injured"], izmail["admin1"], izmail["date_start"]) == (2, "Odesa Oblast", "2024-06-15")
    assert "Black Sea" not in by_location(rows)        # the Black Sea Fleet is a navy, not a place
    # a package told with its share is one event (CONVENTIONS: the share is listed with the package)
    japan = [r for r in rows if r["donor"] == "JPN"]
    assert cells(japan, "topic", "amount", "amounts") == [("financial_aid", 4500000000, "4500000000 USD; 1000000000 USD")]


MEETINGS_AND_MONEY = """President Volodymyr Zelensky met U.S. President Joe Biden at the White House on Thursday, where Biden announced $7.9 billion in security assistance for Ukraine.

Ukraine received the first tranche of 4.2 billion euros under the EU's Ukraine Facility, the prime minister said on March 21.

Russian Foreign Minister Sergei Lavrov will travel to Pyongyang next month for talks with North Korean officials, the Kremlin said.

Norway will contribute 1.5 billion kroner to the Czech-led initiative to buy artillery ammunition for Ukraine.
"""


def test_seats_of_power_receivers_and_crowns():
    rows = curate(MEETINGS_AND_MONEY, "2024-09-27")
    at = by_location(rows)
    assert at["White House"]["country_iso3"] == "USA"            # not Casablanca ("the white house")
    assert at["White House"]["date_start"] == "2024-09-26"
    tranche = [r for r in rows if r["currency"] == "EUR"][0]
    assert (tranche["donor"], tranche["recipient"]) == ("EU", "UKR")  # Ukraine receives, the EU gives
    trip = at["Pyongyang"]
    assert (trip["status"], trip["date_start"], trip["date_end"]) == ("planned", "2024-10-01", "2024-10-31")
    crowns = [r for r in rows if r["donor"] == "NOR"][0]
    assert (crowns["currency"], crowns["recipient"]) == ("NOK", "UKR")


# Roundup phenomena (wordings written for these tests): remainders of a region's figures, figures of a
# place-less sentence continuing the event before it, updates that replace, stated zeros per place.
CONTINUED = """Russian strikes kill 4, injure 7 across Ukraine over past day

In Chernihiv Oblast, Russian attacks killed three people and injured two over the past day, Governor Viacheslav Chaus said. Two men were killed when a drone hit a car in the village of Semenivka.

Houses were damaged in the city of Sumy. One person was killed, and two were injured, local officials said. Later the number of injured rose to five.

Russian forces also attacked Poltava, Vinnytsia and Zhytomyr oblasts, but no civilian casualties were reported.

Explosions were heard in Mezhova and Bilopillia overnight. No casualties have been reported.
"""


@pytest.mark.parametrize("location, killed, injured", [
    ("Chernihiv Oblast", 1, 2),     # three killed, two of them in Semenivka: the oblast keeps the rest
    ("Semenivka", 2, ""),
    ("Sumy", 1, 5),                 # the place-less sentences continue Sumy; the update replaces 2 by 5
    ("Poltava Oblast", 0, 0),
    ("Vinnytsia Oblast", 0, 0),
    ("Zhytomyr Oblast", 0, 0),
    ("Mezhova", 0, 0),              # the next sentence's zero covers both places
    ("Bilopillia", 0, 0),
])
def test_roundup_figures_continue_and_update(location, killed, injured):
    rows = by_location(curate(CONTINUED, "2024-03-05"))
    assert "Ukraine" not in rows, "a place-less sentence with figures continues the event before it"
    r = rows[location]
    assert (r["killed"], r["injured"]) == (killed, injured)


LISTS = """Russian shelling killed six people and wounded nine over the past day, officials said.

Three people died in the Kharkiv region, two in Kherson, and one in the town of Marhanets.

Four villages in Sumy Oblast, Khotin, Yunakivka and Myropillia, came under fire, each reporting one injured resident.
"""


@pytest.mark.parametrize("location, killed, injured", [
    ("Kharkiv region", 3, ""),
    ("Kherson", 2, ""),
    ("Marhanets", 1, ""),
    ("Khotin", "", 1),
    ("Yunakivka", "", 1),
    ("Myropillia", "", 1),
])
def test_elliptical_and_distributed_lists(location, killed, injured):
    rows = by_location(curate(LISTS, "2024-03-05"))
    assert rows["Sumy Oblast"]["injured"] == "" if "Sumy Oblast" in rows else True  # the address takes no share
    r = rows[location]
    assert (r["killed"], r["injured"]) == (killed, injured)


TALLY = """Air defences downed 30 of 42 drones overnight, the Air Force said.

A drone hit a house in the village of Kivsharivka, injuring a woman.

Two men were injured in the city of Izium, and the villages of Kamianka and Donetske.

Russia also fired four cruise missiles overnight, all of which were shot down.
"""


def test_a_nationwide_tally_told_twice_is_one_event_and_lists_share_figures():
    rows = curate(TALLY, "2024-03-05")
    country = [r for r in rows if r["geo_precision"] == "country"]
    assert len(country) == 1, [r["evidence"] for r in country]
    assert [q.split()[0] for q in country[0]["quantities"].split("; ")] == ["30", "42", "4"]
    places = by_location(rows)
    assert places["Kivsharivka"]["injured"] == 1
    assert places["Izium"]["injured"] == ""   # two men across three places: on none


STATEMENTS = """A missile struck an apartment block in the city of Dnipro on Monday, killing two people.

The Finnish prime minister condemned the strike.

Putin accused the West of prolonging the war on Tuesday.

Two more people were injured in the strike, rescuers said.
"""


def test_statements_of_states_are_their_diplomacy():
    rows = curate(STATEMENTS, "2024-03-06")
    got = [(r["location"], r["topic"], r["country_iso3"], r["geo_precision"]) for r in rows]
    assert ("Finland", "diplomacy", "FIN", "country") in got
    assert ("Russia", "diplomacy", "RUS", "country") in got
    dnipro = by_location(rows)["Dnipro"]
    assert (dnipro["topic"], dnipro["killed"]) == ("attack", 2)


def test_several_figures_of_one_sentence_are_several_packages():
    text = ("The donors' conference in Geneva raised $600 million in humanitarian aid and $150 million "
            "for reconstruction, the organisers said.")
    rows = curate(text, "2024-03-06")
    assert sorted(r["amount"] for r in rows) == [150_000_000, 600_000_000]
    assert len({r["event_id"] for r in rows}) == len(rows)


def test_a_donors_next_figure_without_a_name_stays_with_the_donor():
    text = ("Norway will give Ukraine NOK 3 billion in military aid, the defence ministry said. "
            "The programme also sets aside another NOK 500 million for demining.")
    rows = curate(text, "2024-03-06")
    assert sorted((r["amount"], r["country_iso3"], r["donor"]) for r in rows) == [
        (500_000_000, "NOR", "NOR"), (3_000_000_000, "NOR", "NOR")]


def test_the_country_of_a_placeless_strike_comes_from_the_text_not_from_one_war():
    text = ("Sudan's army said its air defences downed 12 drones launched by the RSF over Port Sudan overnight.\n\n"
            "The militia also fired artillery shells, killing three civilians, medics said.")
    countries = {r["country_iso3"] for r in curate(text, "2025-05-06")}
    assert "UKR" not in countries and "SDN" in countries


# --- villages the gazetteer lacks, and the regions that only frame them -------------------

VILLAGES = """About 15 civilians were killed as airstrikes hit Rakhine State and Chin State on Monday and Tuesday.

In Kyaukpyu Township, Rakhine State, witnesses said army gunboats shelled villages. The fishing village, Zarthi Kon, was hit, killing six people.

On Tuesday, an airstrike hit Qworran Chaung village in Maungdaw Township, Rakhine State, killing five and injuring eight.

In Chin State, soldiers torched houses in Lwangpi village; four residents were killed.
"""


def test_villages_the_gazetteer_lacks_carry_their_figures_and_the_frames_are_no_rows():
    rows = curate(VILLAGES, "2024-05-15")
    got = {r["location"]: (r["killed"], r["injured"], r["admin1"]) for r in rows}
    assert got.get("Zarthi Kon", (None,))[0] == 6 and "Rakhine" in got["Zarthi Kon"][2]
    assert got.get("Qworran Chaung", (None,))[:2] == (5, 8)
    assert got.get("Lwangpi", (None,))[0] == 4 and "Chin" in got["Lwangpi"][2]
    # the lead's states and the township frame are summaries of these, not rows of their own
    assert not [r for r in rows if r["location"] in ("Rakhine State", "Chin State") and r["topic"] == "attack"]
    assert all(r["geo_precision"] == "admin1" and "place_region" in r["review"] for r in rows
               if r["location"] in ("Zarthi Kon", "Qworran Chaung", "Lwangpi"))


def test_a_bare_region_elsewhere_in_the_article_stays_a_row():
    text = ("Drone debris damaged houses in the Poltava and Chernihiv oblasts overnight.\n\n"
            "Separately, a missile attack injured three people in the city of Poltava, the governor said.\n")
    rows = curate(text, "2024-10-31")
    assert {"Poltava", "Chernihiv Oblast"} <= {r["location"] for r in rows}
    assert [r for r in rows if r["location"].startswith("Poltava") and r["location"] != "Poltava"]


PLEDGES = """Vienna: A donors' meeting for Moldova raised pledges for its refugees, the hosts said.

The Austrian chancellor said: "Together we have raised EUR 300 million for refugees and EUR 100 million for the armed forces, that is about EUR 400 million," at the close of the meeting in Vienna.

Canada pledged about $50 million, officials said. The Dutch prime minister had urged donors to give generously, as the Netherlands promised $20 million.

Norway pledged 45 million euros in humanitarian aid to Moldova and its neighbours, also hurt by the fighting in Eastern Europe.
"""


def test_pledges_per_donor_and_totals_are_no_packages():
    rows = curate(PLEDGES, "2025-03-05")
    amounts = sorted((r["amount"], r["currency"], r["location"]) for r in rows if r["amount"] != "")
    assert (400000000, "EUR", "Vienna") not in amounts          # the sum of the two packages
    assert (300000000, "EUR", "Vienna") in amounts and (100000000, "EUR", "Vienna") in amounts
    topics = {r["amount"]: r["topic"] for r in rows if r["amount"] != ""}
    assert topics[100000000] == "military_aid" and topics[300000000] == "humanitarian_aid"
    by_amount = {r["amount"]: r["location"] for r in rows if r["amount"] != ""}
    assert by_amount[20000000] == "Netherlands"                 # a new donor, not Canada's row
    assert by_amount[50000000] == "Canada"
    assert by_amount[45000000] == "Norway"                      # "Eastern Europe" is no place


@pytest.mark.parametrize("text, expected", [
    # a state's head or government speaking of nothing that happened here: its statement
    ("Brazilian President Lula said in his weekly broadcast on Monday that pressure on Caracas must grow.",
     [("Brazil", "diplomacy")]),
    ("The Elysee said on Friday it had shelved the idea of a summit.", [("Elysee", "diplomacy")]),
    ("Kremlin spokesman Dmitry Peskov said it saw no sign of a ceasefire.", [("Kremlin", "diplomacy")]),
    ("Hanoi has bristled at the plan and accused its neighbours of bad faith.", [("Hanoi", "diplomacy")]),
    ("Poland's defence ministry claimed the drone attacks were meant to test its air defences.",
     [("Poland", "diplomacy")]),
    # the speaker's venue
    ("The German chancellor said in Vilnius that the brigade would stay.", [("Vilnius", "diplomacy")]),
    # quoted, with no verb of speaking
    ("According to Canada's deputy prime minister, what Russia calls referendums violate international law.",
     [("Canada", "diplomacy")]),
])
def test_statements_of_states(text, expected):
    rows = curate(text, "2025-05-10")
    assert cells(rows, "location", "topic") == expected


@pytest.mark.parametrize("text, location, topic", [
    # a report of a strike folds into the strike, wherever the speaker comes
    ("Zelensky said Russian missiles struck a hospital in Kharkiv.", "Kharkiv", "attack"),
    ("Russian drones struck a depot in Odesa, the Ukrainian president said.", "Odesa", "attack"),
    ("Ukraine's defence ministry said Russian forces had captured the village of Krasnohorivka.",
     "Krasnohorivka", "combat"),
])
def test_reports_fold_into_what_they_report(text, location, topic):
    rows = curate(text, "2025-05-10")
    assert cells(rows, "location", "topic") == [(location, topic)]


def test_standing_positions_are_no_statements():
    rows = curate("Both Kyiv and Washington have previously said that the strikes must stop.", "2025-05-10")
    assert [r for r in rows if r["topic"] == "diplomacy"] == []


LEAD_AND_BREAKDOWN = """Airstrikes across the Idlib Governorate killed at least 30 people overnight, rescuers said, as government troops pushed into areas of Saraqib in the east of the province.

Government forces shelled several districts of Saraqib in eastern Idlib, leaving at least 12 people dead and dozens hurt, a monitoring group said.

In Ariha, 15 civilians were killed, rescuers said. One strike on a market in Ariha killed 11 people, while another hit a bakery, killing four others.

Later on Sunday, a drone strike on a clinic in Sarmin in central Idlib killed three people and wounded nine. The Syrian army said the strike was aimed at militants using the clinic.
"""


def test_a_lede_toll_a_retold_place_and_a_breakdown_are_no_extra_rows():
    rows = curate(LEAD_AND_BREAKDOWN, "2025-03-10")
    got = sorted((r["location"], r["killed"], r["injured"]) for r in rows)
    # the lede's 30 is the 12 + 15 + 3 below; Saraqib named in the lede is the shelling told below;
    # "One strike ... another ..." breaks Ariha's 15 down; the army's claim is about the strike
    assert got == [("Ariha", 15, ""), ("Saraqib", 12, ""), ("Sarmin", 3, 9)], got
    assert sum(r["killed"] or 0 for r in rows) == 30


@pytest.mark.parametrize("text, expected", [
    # a region's toll in the lede, the one town it fell on below
    ("Three people were killed in a Russian drone strike in the Kherson region on Friday, officials said.\n\n"
     "The drone hit a minibus in Bilozerka, the regional governor said.\n", [("Bilozerka", 3, "")]),
    # a country's, told in other words
    ("A missile strike in western Ukraine on Friday left one person dead and four wounded.\n\n"
     "The missile struck an industrial site in Stryi, local authorities said.\n", [("Stryi", 1, 4)]),
    # two places below: the toll is shared, it stays where the lede put it
    ("Two people were killed and six injured when Russian missiles struck Ukraine overnight, officials said.\n\n"
     "A missile hit a warehouse in Bila Tserkva, and drones struck an energy site near Lviv, authorities said.\n",
     [("Bila Tserkva", "", ""), ("Lviv", "", ""), ("Ukraine", 2, 6)]),
    # strikes across the region: the town below may be one of several
    ("Russian strikes killed four people across the Sumy region on Friday.\n\n"
     "A guided bomb hit a school in Shostka, the governor said.\n", [("Shostka", "", ""), ("Sumy region", 4, "")]),
    # the town below has a toll of its own: the lede's is another's or a total, not moved
    ("Four people were killed in Russian shelling of the Donetsk region on Monday.\n\n"
     "In Kostiantynivka, a shell killed two people, the governor said.\n",
     [("Donetsk region", 2, ""), ("Kostiantynivka", 2, "")]),
])
def test_a_lede_toll_goes_to_the_one_place_told_below(text, expected):
    rows = curate(text, "2025-03-14")
    assert sorted((r["location"], r["killed"], r["injured"]) for r in rows) == expected


TOLD_AGAIN = """Drone attack on Sumy kills a teenager

The strikes went on as the number of injured rose after a Russian drone attack on the city of Sumy on Thursday.

At least four people were killed, including a 15-year-old boy, according to the region's governor.

Across the border, two people were killed and several injured after Ukrainian shelling reportedly hit the Russian town of Rylsk.

Rylsk's mayor said on Friday morning that 12 residents were injured in the shelling.

On March 2, Ukrainian drones had also hit Rylsk, damaging a school in the attack.
"""


def test_a_strike_told_again_is_one_row():
    rows = curate(TOLD_AGAIN, "2025-03-07")
    got = sorted((r["location"], str(r["killed"]), str(r["injured"])) for r in rows)
    # the headline and the region's governor tell the Sumy strike; the mayor tells the Rylsk shelling;
    # a strike there on a day of its own is another row
    assert got == [("Rylsk", "", ""), ("Rylsk", "2", "12"), ("Sumy", "4", "")], got


@pytest.mark.parametrize("text", [
    "In the eastern Kharkiv region, Russia launched a heavy artillery attack on the town of Kupiansk, "
    "Governor Ivan Petrenko said, adding that two drones were also shot down over his region.",
    "Russian troops shelled Kupiansk in the Kharkiv region on Monday, while two drones were downed over the region.",
])
def test_a_count_over_the_region_is_the_regions_not_its_towns(text):
    rows = by_location(curate(text, "2025-03-14"))
    assert rows["Kupiansk"]["quantities"] == ""
    region = next(r for loc, r in rows.items() if loc.startswith("Kharkiv"))
    assert region["quantities"] == "2 drones" and region["geo_precision"] == "admin1"


@pytest.mark.parametrize("text, expected", [
    ("Russia shelled settlements in the eastern Kharkiv region on Monday, killing two people and wounding nine, "
     "officials said.\n\nThe deaths occurred during shelling of the town of Kupiansk, while those wounded were "
     "residents of Izium and Balakliia, the governor said.\n",
     [("Balakliia", "", ""), ("Izium", "", ""), ("Kupiansk", "2", "")]),
    ("Russian strikes on the Sumy region killed one person and injured four on Friday.\n\n"
     "The dead man was in Shostka, and the injured were all in Konotop, local officials said.\n",
     [("Konotop", "", "4"), ("Shostka", "1", "")]),
])
def test_the_next_sentence_gives_the_regions_figures_to_its_places(text, expected):
    rows = curate(text, "2025-03-14")
    assert sorted((r["location"], str(r["killed"]), str(r["injured"])) for r in rows) == expected


@pytest.mark.parametrize("dateline", [
    "ODESA, Ukraine (AP) \u2014 ",
    "ODESA, 14 February 2025 - ",
    "ODESA, Feb 14 (Reuters) - ",
    "ODESA, February 14. /TASS/. ",
])
def test_a_dateline_is_no_event(dateline):
    rows = curate(dateline + "Russian drones struck Izmail overnight, injuring two port workers.", "2025-02-14")
    assert [(r["location"], r["injured"]) for r in rows] == [("Izmail", 2)]


OTHER_DAY = """Russian shelling killed five civilians and wounded 12 over the past day, officials said.

Three people died in the Donetsk region and two in Kherson. A day earlier, missiles fired at cities across Ukraine had killed at least nine people.
"""

OPENING_LINES = """These are the main developments on the 500th day of the war.

Here is the situation on Friday.

At least 20 people were killed and 60 injured after Russia struck Ukrainian cities with missiles, officials said. Twelve people were killed in Odesa, and eight in Mykolaiv.
"""


def test_a_country_toll_of_another_day_is_its_own_event_and_the_lede_may_follow_opening_lines():
    rows = curate(OTHER_DAY, "2025-02-14")
    got = sorted((r["location"], str(r["killed"])) for r in rows if r["killed"] != "")
    assert got == [("Donetsk region", "3"), ("Kherson", "2"), ("Ukraine", "9")], got
    rows = curate(OPENING_LINES, "2025-02-14")
    got = sorted((r["location"], str(r["killed"])) for r in rows if r["killed"] != "")
    assert got == [("Mykolaiv", "8"), ("Odesa", "12")], got   # the lede's 20 is their sum


def test_the_town_of_one_name_takes_no_list():
    rows = curate("The shelling damaged two schools in the nearby town of Vuhledar, Petrenko said.", "2025-02-14")
    assert [r["location"] for r in rows] == ["Vuhledar"]


FIGURE_TOLD_AGAIN = """Finland's defence minister told parliament on Tuesday that the 25th aid package provides EUR 180 million for air defence.

"The threat to Ukraine's cities has not eased. That is why we are sending a further EUR 180 million today," the minister said.

Separately, Sweden pledged EUR 180 million for demining.
"""


def test_a_figure_told_again_is_the_same_package_and_another_donors_is_not():
    rows = curate(FIGURE_TOLD_AGAIN, "2025-03-11")
    got = [(r["location"], r["amount"], r["donor"]) for r in rows if r["amount"] != ""]
    assert got == [("Finland", 180000000, "FIN"), ("Sweden", 180000000, "SWE")], got


@pytest.mark.parametrize("text, location, topic", [
    # a deployment or a transfer is at its destination, not at the state that reports it
    ("Japanese intelligence told lawmakers on Monday that Iran had sent another 300 drones to Russia.",
     "Russia", "arms_transfer"),
    ("Seoul's spy agency said North Korea has dispatched about 2,000 more soldiers to Russia.", "Russia",
     "troop_movement"),
    # troops expected to arrive in a region: a movement there, whoever says so
    ("A Ukrainian intelligence official says the first North Korean soldiers are expected to arrive in "
     "Russia's Kursk region on Thursday.", "Kursk region", "troop_movement"),
])
def test_movements_go_where_they_arrive(text, location, topic):
    rows = curate(text, "2025-03-11")
    assert cells(rows, "location", "topic") == [(location, topic)]


def test_a_trend_is_no_event():
    rows = curate("With its own stocks running low, Belarus has been becoming Russia's main supplier of shells.",
                  "2025-03-11")
    assert rows == []


PACKAGE_AND_PLEDGES = """Italy will give Ukraine another military aid package worth EUR 400 million that will include two SAMP/T batteries, the defence minister said in Rome on Monday.

So far, Rome has pledged to supply Kyiv with six air defence systems, four of which have been delivered.

The aid package will also contain 15,000 artillery shells, the minister said.

The shells come on top of 60,000 rounds Italy has promised to deliver next year.
"""


def test_a_package_told_after_a_pledge_and_a_capital_that_gives():
    rows = curate(PACKAGE_AND_PLEDGES, "2025-03-10")
    package = next(r for r in rows if r["amount"] == 400000000)
    assert "15000 shells" in package["quantities"]        # "the aid package" is the one with the figure
    rome = by_location(rows)["Rome"] if package["location"] != "Rome" else \
        next(r for r in rows if r["location"] == "Rome" and r is not package)
    assert (rome["donor"], rome["topic"]) == ("ITA", "military_aid")   # the capital's state gives
    later = next(r for r in rows if "60000 rounds" in r["quantities"])
    assert (later["topic"], later["donor"]) == ("military_aid", "ITA")  # a pledge to deliver is aid


@pytest.mark.parametrize("text, expected", [
    # a parliament's vote is its state's decision, the vote a count
    ("Hungary's parliament voted 188-6 to ratify Finland's NATO membership on Monday.",
     [("Hungary", "diplomacy", "188 votes; 6 votes")]),
    # a denial of a transfer is the denying state's statement, not a transfer
    ("Belarus's president said his government had never sent any troops to Russia.", [("Belarus", "diplomacy", "")]),
    ("Iran denied supplying drones to Russia, its foreign ministry said on Tuesday.", [("Iran", "diplomacy", "")]),
    # a state that received weapons from another: a transfer at the receiver
    ("Washington said on Friday that Russia had received artillery shells from North Korea.",
     [("Russia", "arms_transfer", "")]),
])
def test_votes_denials_and_receipts(text, expected):
    rows = curate(text, "2025-03-11")
    assert [(r["location"], r["topic"], r["quantities"]) for r in rows] == expected


def test_whose_assets_pay_is_no_recipient():
    rows = curate("The G7 agreed a $50 billion loan in June, funded by profits from frozen Russian assets.", "2025-03-11")
    assert [(r["donor"], r["recipient"]) for r in rows] == [("G7", "")]


@pytest.mark.parametrize("text, expected", [
    # a sea that describes the port struck is no place of its own
    ("Two people were killed in Mykolaiv after Russian drones hit the Ukrainian Black Sea port overnight.",
     [("Mykolaiv", "2")]),
    # a city's mayor gives the city's figures
    ("Ukrainian drones flew towards Russia overnight. The Kazan mayor said 9 drones were downed before dawn.",
     [("Kazan", "")]),
    # the governor "of" a region reports damage there
    ("The governor of Kursk region said Ukrainian drones triggered fires and knocked down power lines.",
     [("Kursk region", "")]),
])
def test_what_officials_of_a_place_report_is_that_places(text, expected):
    rows = curate(text, "2025-07-19")
    assert [(r["location"], str(r["killed"])) for r in rows if r["topic"] == "attack"] == expected


def test_a_district_named_above_locates_the_villages_below():
    text = ("A drone struck a car in Zorvyk in the Pokrovsk district on Tuesday, killing two men.\n\n"
            "Hours later, the outskirts of Qarvyn and Tebbel were shelled, the news agency said.\n")
    rows = by_location(curate(text, "2025-06-24"))
    assert rows["Qarvyn"]["admin1"] == rows["Tebbel"]["admin1"] == rows["Zorvyk"]["admin1"] != ""
    assert rows["Qarvyn"]["geo_precision"] == "admin1"


def test_a_village_of_a_list_named_again_takes_its_own_figures():
    text = ("The villages of Qarvyn, Tebbel and Zorvyk in the Belgorod district were attacked by six drones. "
            "In Tebbel, a woman was injured when a drone hit her house.\n")
    rows = by_location(curate(text, "2025-08-22"))
    assert (rows["Tebbel"]["injured"], rows["Qarvyn"]["injured"], rows["Zorvyk"]["injured"]) == (1, "", "")


OFFICIALS = """At least six people were killed and 20 injured in overnight strikes. Two deaths were reported in the Sumy region, four more in the Poltava region.

The Sumy regional governor, Oleh Hryhorov, said two people were killed and eight others were wounded.

A drone hit a depot in Lozova. Kharkiv regional authorities reported five injuries.

Poltava Oblast Governor Volodymyr Kohut said four people were killed and seven were injured in Kremenchuk.
"""


def test_an_officials_region_carries_the_figures_and_the_lede_joins_its_paragraph():
    rows = curate(OFFICIALS, "2025-05-24")
    got = {r["location"]: (r["killed"], r["injured"]) for r in rows}
    assert got["Sumy Oblast"] == (2, 8)          # the lede's two and the governor's eight: one event
    assert got["Lozova"] == ("", 5)              # the authorities of the depot's region: the depot's
    assert got["Kremenchuk"] == (4, 7) and "Poltava region" not in got   # the lede's four are Kremenchuk's
    assert sum(r["killed"] or 0 for r in rows) == 6


COUNTS_CONTINUED = """The third meeting of defence chiefs on the coalition plan took place in Riga. Delegates from 31 countries and two international bodies attended.

A drone hit a school in Sumy on Monday, injuring a teacher, the mayor said. He said the attack came at night.

Four apartment blocks and 12 private houses were damaged in the city. Nine cars and 3 garages were also hit.
"""


LISTED_UNDER_INTRO = """Defence ministers met in Oslo on Tuesday to coordinate air defence deliveries.

The delegations came from:

14 European countries

5 Asian nations

2 African countries
"""


def test_a_list_under_an_introducing_line_tells_more_of_the_event_before():
    rows = curate(LISTED_UNDER_INTRO, "2025-02-05")
    assert [r["location"] for r in rows] == ["Oslo"]
    for count in ("14 countries", "5 countries", "2 countries"):   # nations count as countries
        assert count in rows[0]["quantities"], rows[0]["quantities"]


def test_counts_without_a_place_tell_more_of_the_event_before():
    rows = curate(COUNTS_CONTINUED, "2025-02-03")
    at = by_location(rows)
    assert "31 countries" in at["Riga"]["quantities"]
    sumy = at["Sumy"]
    for count in ("4 buildings", "12 buildings", "9 vehicles", "3 buildings"):
        assert count in sumy["quantities"], sumy["quantities"]
    assert [r["location"] for r in rows] == ["Riga", "Sumy"]


STRIKES_ON_VILLAGES = """A drone strike killed two people in southern Lebanon on Thursday, officials said.

The health ministry said a drone hit a motorbike in Qarnoun in the Marjayoun district. The truce took hold in November after months of fighting.

On Wednesday, Israel launched a wave of air strikes on villages north of the river. The outskirts of Zibqoul, Ain Tahra and Kfar Dounine were hit, causing fires but no casualties, the news agency said.
"""


def test_villages_of_a_list_a_stated_zero_and_the_day_of_their_paragraph():
    rows = curate(STRIKES_ON_VILLAGES, "2025-06-27")
    at = by_location(rows)
    for name in ("Zibqoul", "Ain Tahra", "Kfar Dounine"):
        r = at[name]
        assert (r["killed"], r["injured"], r["date_start"]) == (0, 0, "2025-06-25"), (name, r)
        assert r["country_iso3"] == "LBN"
    qarnoun = at["Qarnoun"]
    assert qarnoun["country_iso3"] == "LBN" and qarnoun["date_start"] != "2024-11-01"


SANCTIONS_ROUND = """A week after Russia seized two more towns, Canada has imposed new sanctions on a number of Russian officials, the Canadian foreign ministry said on Tuesday.

Sanctions hit 45 people and seven firms

The new sanctions imposed by Canada target 45 people and seven Russian firms, including a shipyard in Crimea.

To date, Canada has sanctioned 1,200 people and 300 entities.
"""


def test_sanctions_are_the_imposers_and_a_running_total_is_its_own_row():
    rows = curate(SANCTIONS_ROUND, "2025-03-04")
    assert cells(rows, "location", "topic") == [("Canada", "sanctions"), ("Canada", "sanctions")]
    first, total = rows
    assert "45 people" in first["quantities"] and "1200 people" in total["quantities"]


def test_a_leaders_administration_is_its_state():
    rows = curate("The Starmer government on Monday announced a GBP 150 million air defence package "
                  "that includes missiles to counter Russian drones.", "2025-03-04")
    assert [(r["location"], r["donor"], r["topic"]) for r in rows] == [("United Kingdom", "GBR", "military_aid")]


def test_a_period_since_another_event_dates_nothing():
    rows = curate("Since Russia's invasion of Ukraine in February 2022, the Biden administration has "
                  "provided more than $40 billion in security assistance.", "2023-08-30")
    assert rows[0]["date_start"] == "2023-08-30" and rows[0]["date_method"] == "publication"


REGION_UPDATES = """In Zaporizhzhia Oblast, Russian forces targeted 17 settlements. One person was killed, and three were injured, Governor Ivan Fedorov reported.

Russian attacks damaged 9 houses and a school. Seven people were injured, according to the governor.

A man was injured in the village of Preobrazhenka.

Ukrainian air defences shot down 41 of 60 drones overnight, the Air Force said.
"""


def test_a_regions_later_figures_update_it_and_a_national_tally_stays_apart():
    rows = curate(REGION_UPDATES, "2024-10-22")
    at = by_location(rows)
    # the governor's later seven replace the three; the village's one is part of them
    assert (at["Zaporizhzhia Oblast"]["killed"], at["Zaporizhzhia Oblast"]["injured"]) == (1, 6)
    assert sum(r["injured"] or 0 for r in rows) == 7
    assert at["Preobrazhenka"]["injured"] == 1
    assert "Ukraine" in at and "41 drones" in at["Ukraine"]["quantities"]


LOANS = """The G20 countries agreed on a $30 billion loan for Moldova, to be repaid from the income of frozen assets.

In total, the European Union, the G7 countries and Canada have frozen about EUR 180 billion in securities.

On March 3, the Council of the EU finally approved granting Moldova a loan of up to EUR 12 billion. The money is the bloc's share of the $30 billion loan.

The funds, equivalent to 1.9 trillion yen, will be paid in three tranches. It will be repaid using profits from frozen sovereign assets.

We are extending the support programme for Moldova by another NOK 5 billion, the Norwegian prime minister said.
"""


def test_loans_decisions_and_stated_equivalents():
    rows = curate(LOANS, "2025-03-05")
    by_amount = {(r["amount"], r["currency"]): r for r in rows if r["amount"] != ""}
    assert by_amount[(180000000000, "EUR")]["topic"] == "sanctions"
    assert by_amount[(180000000000, "EUR")]["location"] == "European Union"   # the subject of "have frozen"
    eu = by_amount[(12000000000, "EUR")]
    assert (eu["donor"], eu["recipient"], eu["date_start"]) == ("EU", "MDA", "2025-03-03")
    assert (1.9e12, "JPY") not in by_amount                  # a stated equivalent, no package of its own
    assert not [r for r in rows if r["topic"] == "sanctions" and r["amount"] == ""]   # repaid from assets: context
    assert by_amount[(5000000000, "NOK")]["location"] != "Moldova"                    # the recipient is no donor


BRIEFING = """Georgian President Salome Zourabichvili made an urgent appeal on Tuesday to the European Parliament for more support. Swedish Prime Minister Ulf Kristersson announced an additional $300 million for Georgia's army.

In the besieged city of Sukhumi, an airstrike destroyed a school where dozens of families were sheltering. Many people were trapped under the rubble, the Georgian interior ministry said in a statement, though casualties were unclear.

The airstrike also destroyed a clinic and several houses.
"""


def test_a_new_donors_package_and_reports_of_a_strike():
    rows = curate(BRIEFING, "2025-04-01")
    got = cells(rows, "location", "topic")
    assert ("Sweden", "military_aid") in got                  # not more of the appeal before it
    assert ("Sukhumi", "attack") in got                       # an airstrike, though the city is besieged
    assert [r for r in rows if r["topic"] == "diplomacy" and "rubble" in r["evidence"]] == []
    assert len([r for r in rows if r["topic"] == "attack"]) == 1   # "The airstrike also ..." is the same strike


def test_a_tally_over_regions_named_as_examples_is_the_countrys():
    text = ("Turkey's defence ministry said its air defences destroyed 41 drones over several provinces overnight, "
            "including over the Hatay and Adana provinces, with no casualties reported.")
    rows = curate(text, "2025-07-19")
    at = by_location(rows)
    assert "41 drones" in at["Turkey"]["quantities"] and (at["Turkey"]["killed"], at["Turkey"]["injured"]) == (0, 0)
    assert {"Hatay", "Adana"} <= {r["location"].split()[0] for r in rows}
    assert all("41" not in r["quantities"] for r in rows if r["location"] != "Turkey")


def test_a_government_ready_to_pause_attacks_makes_a_statement_not_an_attack():
    rows = curate("Tbilisi was \u201cready\u201d to pause strikes on the pipeline network, the Georgian prime minister said.",
                  "2025-03-20")
    assert cells(rows, "location", "topic") == [("Tbilisi", "diplomacy")]


# Another war, names of my own: officials speak about strikes they deny or explain.
SPOKEN_OF_STRIKES = """\
Georgian drones hit Sukhumi on Monday, killing two people.

John Roe, a deputy defence minister at the Pentagon, said the drone attacks were meant to test Russia's air defences while new US funding is stalled in Congress.

Russia's defence ministry claimed its own air assault on Georgia had hit only military depots. Asked about the raids and civilian casualties, Kremlin spokesman Ivan Petrov said the Russian forces "do not hit civilians".
"""


def test_statements_about_strikes_and_denials_of_hits_are_statements():
    rows = curate(SPOKEN_OF_STRIKES, "2025-03-04")
    got = cells(rows, "location", "topic")
    assert [loc for loc, topic in got if topic == "attack"] == ["Sukhumi"]   # "do not hit" and "said the attacks": no strike
    # the official at the Pentagon speaks for the United States; the Kremlin's spokesman, right after his state's
    # ministry, tells on Russia's statement
    assert ("United States", "diplomacy") in got and ("Russia", "diplomacy") in got
    assert "Congress" not in {loc for loc, _ in got} or by_location(rows)["Congress"]["country"] == "USA"
    # the second state speaking is a statement of its own, not more of the first one's
    speakers = [r for r in rows if r["topic"] == "diplomacy" and "defence ministry claimed" in r["evidence"]]
    assert len(speakers) == 1 and "Pentagon" not in speakers[0]["evidence"] and "Kremlin" in speakers[0]["evidence"]


def test_a_country_struck_deep_inside_and_deaths_after_a_statement_are_incidents_of_their_own():
    text = ("Energy security remains a priority, Georgian President Ivan Doe said, as Georgia works to export its wine.\n\n"
            "A decorated pilot was one of two pilots killed in the midair collision of two training jets in western "
            "Georgia on Friday, authorities said.\n\n"
            "Officials say Georgia sent waves of drones deep into southern Russia in nighttime attacks that struck "
            "military depots.")
    rows = curate(text, "2023-08-30")
    crash = [r for r in rows if "collision" in r["evidence"]]
    assert len(crash) == 1 and "Energy security" not in crash[0]["evidence"]   # not more of the president's words
    assert (crash[0]["location"], crash[0]["killed"], crash[0]["date_start"]) == ("Georgia", 2, "2023-08-25")
    drones = [r for r in rows if "waves of drones" in r["evidence"]]
    assert [(r["location"], r["topic"]) for r in drones] == [("Russia", "attack")]   # where they struck, not who sent them


def test_a_ships_flag_is_no_place_or_party_however_it_is_written():
    text = ("On the evening of March 3, Russian forces attacked Mykolaiv with ballistic missiles, striking a civilian "
            "vessel flying the flag of Tuvalu. The attack resulted in one fatality, the governor said.\n\n"
            "A second missile hit a bulk carrier under the Maltese flag, and a tanker flying the flags of Antigua and "
            "Barbuda was damaged.")
    rows = curate(text, "2024-03-04")
    assert {r["location"] for r in rows} <= {"Mykolaiv", "Ukraine"}   # the second strike names no place
    assert all({a for a in r["actors"].split(";") if a} <= {"RUS"} for r in rows)


def test_armed_groups_are_actors_by_their_short_name():
    text = ("Nineteen people were killed in shelling by the Rapid Support Forces of the prison in El Fasher on Friday.\n\n"
            "Hizbollah fired rockets at Haifa, injuring two people.")
    at = by_location(curate(text, "2025-05-10"))
    assert "RSF" in at["El Fasher"]["actors"].split(";") and "Hezbollah" in at["Haifa"]["actors"].split(";")
    assert "Rapid Support Forces" not in at["El Fasher"]["actors"]


@pytest.mark.parametrize("text, location, parties", [
    ("PM Modi had a telephonic conversation with Russian President Vladimir Putin.", "India", {"IND", "RUS"}),
    ("Macron spoke by phone with Zelensky on Tuesday.", "France", {"FRA", "UKR"}),
    ("Erdogan held a phone call with Putin about the grain deal.", "Turkey", {"TUR", "RUS"}),
])
def test_a_leaders_phone_call_is_his_states_diplomacy(text, location, parties):
    rows = curate(text, "2024-03-04")
    assert cells(rows, "location", "topic") == [(location, "diplomacy")]
    assert set(rows[0]["actors"].split(";")) == parties


def test_pledges_told_after_a_strike_are_each_states_own_and_an_officials_region_is_no_row():
    text = ("Russian shelling killed three people in Kherson on Thursday.\n\n"
            "The bombardments followed announcements by Canada and Norway of plans to ship powerful tanks to help "
            "Ukraine defend itself.\n\n"
            "The governor of the neighbouring Mykolaiv region, Ivan Doe, said Ukrainian shelling hit two Russian "
            "depots in the occupied towns of Oleshky and Hola Prystan.")
    rows = curate(text, "2023-01-27")
    got = cells(rows, "location", "topic")
    assert ("Kherson", "attack") in got and "tanks" not in by_location(rows)["Kherson"]["evidence"]
    pledges = {r["location"]: r for r in rows if r["topic"] == "military_aid"}
    assert set(pledges) == {"Canada", "Norway"}          # two states announcing: two pledges, not a shipping story
    assert (pledges["Canada"]["donor"], pledges["Norway"]["donor"]) == ("CAN", "NOR")
    assert not any(r["location"].startswith("Mykolaiv") for r in rows)   # whose governor spoke, not where it hit
    assert {"Oleshky", "Hola Prystan"} <= {r["location"] for r in rows}


def test_a_pledge_and_a_statement_in_one_sentence_and_deployments_on_a_citys_outskirts():
    text = ("Canadian Prime Minister John Doe announced an additional $300 million for Ukraine's military and said "
            "the Russian president is a \u201cwar criminal.\u201d\n\n"
            "Norway pledged $50 million for Ukraine and said the money would go to demining.\n\n"
            "Ten people were killed while queuing for water in the northern city of Sumy, prosecutors said.\n\n"
            "Satellite images showed Russian artillery and rocket launchers deployed on the outskirts of Sumy, "
            "their barrels aimed at the city.")
    rows = curate(text, "2022-03-16")
    got = cells(rows, "location", "topic")
    assert ("Canada", "military_aid") in got and ("Canada", "diplomacy") in got   # a people's name, not a Texas town
    assert [t for loc, t in got if loc == "Norway"] == ["financial_aid"]          # what it said is of the pledge
    assert ("Sumy", "troop_movement") in got and ("Sumy", "attack") in got
    assert len({r["event_id"] for r in rows}) == len(rows)


def test_a_donors_shipment_told_after_its_package_is_that_package():
    text = ("The Canadian government on Tuesday announced a $250 million military aid package for Ukraine that "
            "includes equipment to clear minefields.\n\n"
            "The shipment also includes ammunition for air defence. Additionally, Ottawa will send artillery shells "
            "and two million rounds of small-arms ammunition.\n\n"
            "Iran sent artillery shells to Russia last month, officials in Kyiv said.")
    rows = curate(text, "2023-08-30")
    package = [r for r in rows if r["topic"] == "military_aid"]
    assert len(package) == 1 and "2000000 rounds" in package[0]["quantities"]
    assert [r["location"] for r in rows if r["topic"] == "arms_transfer"] == ["Russia"]   # another state's transfer stays one


def test_victims_who_received_assistance_are_the_injured_of_the_strike_before():
    text = ("Drones attacked the Kursk region overnight, the governor said. \u201cThe town of Lgov was attacked by a "
            "drone. The two victims received all the necessary assistance,\u201d he noted.\n\n"
            "In Rylsk, three residents were taken to hospital after shelling.")
    at = by_location(curate(text, "2025-08-22"))
    assert at["Lgov"]["injured"] == 2 and at["Rylsk"]["injured"] == 3


@pytest.mark.parametrize("clause, day", [
    ("adding that Russian shelling the previous day killed two civilians and wounded 11", "2024-06-26"),
    ("adding that shelling on June 24 killed two civilians and wounded 11", "2024-06-24"),
])
def test_a_clause_of_another_day_is_another_strike_at_that_place(clause, day):
    text = f"Three drones were destroyed over the southern region of Mykolaiv early on June 27, Governor Ivan Doe reported, {clause}."
    rows = sorted(curate(text, "2024-06-27"), key=lambda r: r["date_start"])
    assert [(r["date_start"], r["killed"], r["injured"]) for r in rows] == [(day, 2, 11), ("2024-06-27", "", "")]
    assert "3 drones" in rows[1]["quantities"] and len({r["event_id"] for r in rows}) == 2


def test_another_measure_with_its_own_targets_is_a_sanctions_event_of_its_own():
    text = ("Canada on Friday imposed sanctions on more than 200 entities and individuals for supporting Russia's war "
            "effort, the foreign ministry said.\n\n"
            "The Canadian government also added 80 entities to its export control list, which forces suppliers to "
            "obtain licences. Those added on Friday included 50 entities in Russia and 20 in Iran.\n\n"
            "The finance ministry said it was also targeting networks that procure ammunition for Russia.")
    rows = [r for r in curate(text, "2024-08-25") if r["topic"] == "sanctions"]
    assert [r["location"] for r in rows] == ["Canada", "Canada"]
    assert "80 entities" in rows[1]["quantities"] and "80" not in rows[0]["quantities"]
    assert "finance ministry" in " ".join(r["evidence"] for r in rows)   # told on, no third measure


def test_returned_bodies_are_one_event_where_they_came_back_and_a_wars_toll_is_none():
    text = ("Armenia on Friday received 300 bodies from Azerbaijan that Baku said were of fallen Armenian soldiers, "
            "a Yerevan government agency announced.\n\n"
            "\u201cRepatriation took place today. 300 bodies have been returned to Armenia,\u201d the Commission on "
            "Prisoners of War said.\n\n"
            "Armenia returned the bodies of 12 Azerbaijani soldiers in exchange, another government body said.\n\n"
            "Thousands of soldiers have been killed on both sides since the war began, though neither side "
            "publishes its losses.")
    rows = curate(text, "2025-09-19")
    assert cells(rows, "location", "topic") == [("Armenia", "other")]
    assert "300 bodies" in rows[0]["quantities"] and "12 bodies" in rows[0]["quantities"]
    assert "sides" not in rows[0]["quantities"] and "troops" not in rows[0]["quantities"]


def test_a_party_speaking_on_after_a_meeting_is_more_of_it_not_an_event_at_the_place_it_named():
    text = ("Guterres held talks with Erdogan on the sidelines of the summit in Ankara on Tuesday.\n\n"
            "Guterres also described freedom of navigation in the Black Sea as \u201cof paramount importance\u201d "
            "for global food security.")
    rows = curate(text, "2024-10-25")
    assert cells(rows, "location", "topic") == [("Ankara", "diplomacy")]
    assert "Black Sea" in rows[0]["evidence"]


@pytest.mark.parametrize("sentence, place, killed, injured", [
    # a reference point after the place: "X, south of Y", "X, 20 km north-west of Y"
    ("Warplanes struck a depot near Qatana, west of Damascus, on Monday, killing three soldiers.", "Qatana", 3, ""),
    ("Artillery hit the town of Hajin, 30 km south-east of Deir ez-Zor, on Monday, wounding five people.", "Hajin", "", 5),
    # the region a town is the capital or a town of: "Y, the capital of Z state"
    ("A drone struck a market in El Geneina, the capital of West Darfur state, on Monday, killing nine people.",
     "El Geneina", 9, ""),
    ("Shelling of Kadugli, the main city of South Kordofan, killed four people and injured 12 on Monday.", "Kadugli", 4, 12),
    # the region of the official who reports it: "Z Region acting Governor ... said"
    ("Belgorod Region acting Governor Ivan Petrov said a drone attack on the town of Valuyki on Monday killed one man.",
     "Valuyki", 1, ""),
    ("Bryansk Oblast interim head Anna Orlova said shelling of Klintsy on Monday injured two people.", "Klintsy", "", 2),
])
def test_a_reference_point_a_towns_region_and_an_officials_region_leave_the_figures_on_the_town(
        sentence, place, killed, injured):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [(place, killed, injured)]


@pytest.mark.parametrize("text, expected", [
    # a dateline under a one-line headline, and a dateline of two cities
    ("Shelling hits border villages\n\nAMMAN (AFP) - Shelling killed three people in the village of Nawa on Monday, "
     "medics said.", [("Nawa", 3, "")]),
    ("Bloc agrees new measures\n\nLONDON/PARIS (Reuters) - The European Union on Monday adopted new sanctions "
     "against Iran, targeting 20 entities.", [("European Union", "", "")]),
])
def test_a_dateline_under_a_headline_is_no_place(text, expected):
    rows = curate(text, "2025-08-19")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == expected


@pytest.mark.parametrize("sentence, killed, injured", [
    ("A fourth person was killed in a strike on Tyre on Monday.", 1, ""),
    ("A drone strike on Monday killed a third civilian in Tyre.", 1, ""),
    ("A second man was wounded in Tyre on Monday when a drone hit his car.", "", 1),
])
def test_an_ordinal_person_is_one(sentence, killed, injured):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [("Tyre", killed, injured)]


def test_a_later_sentences_since_year_does_not_date_the_event_and_an_ambush_is_combat():
    text = ("Gunmen ambushed an army convoy on Monday near Gao. Nine soldiers were killed, a security source said. "
            "Mali has since 2021 relied on foreign instructors.")
    rows = curate(text, "2025-08-20")
    assert [(r["location"], r["topic"], r["date_start"], r["killed"]) for r in rows] == [("Gao", "combat", "2025-08-18", 9)]


@pytest.mark.parametrize("sentence", [
    "Rights groups say more than 500 civilians have been killed in air strikes this year.",
    "The monitor said 1,200 people had been killed so far in the fighting.",
    "Some 300 people have been wounded to date, the agency said.",
])
def test_a_running_toll_after_an_incident_is_not_its_figure(sentence):
    text = "A drone hit a school in Pakokku on Wednesday, killing two students. " + sentence
    rows = curate(text, "2025-08-15")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [("Pakokku", 2, "")]


@pytest.mark.parametrize("sentence, place", [
    ("Fighting between soldiers and Fano militiamen in the town of Bahir Dar killed 11 civilians on Sunday.", "Bahir Dar"),
    ("Clashes between the army and Wagner fighters near Kidal left 11 people dead on Sunday.", "Kidal"),
])
def test_a_group_named_after_a_place_is_no_place_and_deaths_in_fighting_are_combat(sentence, place):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["topic"], r["killed"]) for r in rows] == [(place, "combat", 11)]


@pytest.mark.parametrize("sentence, place, admin1, country, killed", [
    # a unit named in French, written in English; a village the gazetteer lacks, in a local unit of it
    ("Militiamen raided the village of Bukombo in Rutshuru territory, North Kivu province, on Monday, killing 6 people.",
     "Bukombo", "Nord-Kivu", "COD", 6),
    # units written without their kind
    ("Shelling in North Darfur killed 6 people on Monday.", "North Darfur", "North Darfur State", "SDN", 6),
    ("Fighting in South Kivu killed 6 people on Monday.", "South Kivu", "South Kivu Province", "COD", 6),
    # "the province of X" frames a village whose namesake lies in another country
    ("In the southern province of Sweida, gunmen attacked the village of al-Mazraa on Monday, killing 6 people.",
     "al-Mazraa", "As Suwaydā' Province", "SYR", 6),
])
def test_units_of_other_wars_locate_their_villages(sentence, place, admin1, country, killed):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["admin1"], r["country_iso3"], r["killed"]) for r in rows] == [
        (place, admin1, country, killed)]


def test_a_unit_named_like_a_foreign_name_of_a_capital_is_not_that_capitals_region():
    rows = curate("Rebels attacked a camp in Kivu province on Monday, killing 6 people.", "2025-08-19")
    assert all(r["country_iso3"] != "UKR" for r in rows)


def test_deaths_where_no_fighting_was_reported_are_a_strikes():
    rows = curate("Jets bombed the village of Kadugli, where no fighting was reported, killing 6 people on Monday.",
                  "2025-08-19")
    assert [(r["location"], r["topic"], r["killed"]) for r in rows] == [("Kadugli", "attack", 6)]


@pytest.mark.parametrize("sentence, place, killed, injured", [
    # "in X, near Y": Y locates X, it is no second place of the strike
    ("A shell hit a farm in Kfarkela, close to Marjayoun, on Sunday, wounding four people.", "Kfarkela", "", 4),
    ("A drone struck a car in Tulkarm, near Nablus, on Sunday, killing two men.", "Tulkarm", 2, ""),
    # "X township, northern Y State": the state is the township's address
    ("An air strike on a school in Tamu township, northern Sagaing Region, on Sunday killed five people and wounded 8.",
     "Tamu", 5, 8),
    # a village the gazetteer lacks, located by the town it is near or a distance from it
    ("Drones hit a camp in Abu Zarga, 40 km west of Nyala, killing 3 people on Sunday.", "Abu Zarga", 3, ""),
])
def test_a_place_near_another_and_a_township_with_its_state_keep_the_figures_on_the_place(
        sentence, place, killed, injured):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [(place, killed, injured)]


@pytest.mark.parametrize("sentence, killed, injured", [
    ("A drone dropped a grenade on a tractor near Vovchansk on Sunday, killing the driver.", 1, ""),
    ("The pilot was injured when a drone hit a helicopter near Vovchansk on Sunday.", "", 1),
    ("A missile struck a bus near Vovchansk on Sunday; the driver died and two passengers were hurt.", 1, 2),
    # plural or no person: no count
    ("Shelling of Vovchansk on Sunday killed the residents of a house.", "", ""),
])
def test_the_one_person_a_singular_noun_names_is_one(sentence, killed, injured):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [("Vovchansk", killed, injured)]


def test_a_toll_that_rose_to_a_number_of_injured_is_injured():
    text = ("Russian missiles hit Dnipro overnight. Three people were injured in the Novokodatskyi district.\n\n"
            "The toll in Dnipro has risen to 11 injured, the regional governor says.")
    rows = [r for r in curate(text, "2025-08-19") if r["location"] == "Dnipro"]
    assert [(r["killed"], r["injured"]) for r in rows] == [("", 11)]


def test_a_liveblogs_clock_times_are_no_counts():
    text = ("09:15 - A man was injured in the town of Nizhyn in Chernihiv Oblast when a drone hit a garage.\n\n"
            "09:45 - Romania scrambled two fighter jets after a drone entered its airspace.")
    rows = curate(text, "2025-08-19")
    assert all("45" not in r["quantities"] and "15" not in r["quantities"] for r in rows)


@pytest.mark.parametrize("sentence, day", [
    # the past verb next to the weekday dates it, though the reported speech is in the future
    ("Foreign Minister Lavrov on Thursday warned that new sanctions would hurt Europe more than Russia.", "2025-08-14"),
    ("Lavrov said on Thursday that the talks would fail.", "2025-08-14"),
    ("Lavrov will travel to Ankara on Thursday, the ministry said.", "2025-08-21"),
    # the clause of the weekday is in the past, though the next one looks ahead
    ("Envoys met rebel leaders in Geneva on Thursday, and a second round was expected to follow.", "2025-08-14"),
    ("Envoys will meet rebel leaders in Geneva on Thursday, and a second round is expected to follow.", "2025-08-21"),
    ("Ottawa listed 30 firms on Thursday and warned that more listings would follow.", "2025-08-14"),
])
def test_a_weekday_next_to_a_past_verb_is_the_last_one(sentence, day):
    rows = curate(sentence, "2025-08-15")
    assert [r["date_start"] for r in rows] == [day]


@pytest.mark.parametrize("sentence, day", [
    # a pledge of things to come is made the day it is told; the period it names is when they arrive
    ("Portugal will send 40 armoured vehicles to Ukraine next year, its defence minister said on Wednesday.",
     "2025-08-13"),
    ("Finland will deliver two air defence systems in 2027, the government announced on Monday.", "2025-08-11"),
])
def test_a_pledge_for_a_later_period_is_dated_by_its_announcement(sentence, day):
    rows = curate(sentence, "2025-08-15")
    assert [r["date_start"] for r in rows] == [day]


@pytest.mark.parametrize("sentence, expected", [
    ("Austria allocated 20 million euros for demining in Ukraine, and Norway announced NOK 300 million in budget "
     "support.", [("Austria", "AUT", 20000000, "EUR"), ("Norway", "NOR", 300000000, "NOK")]),
    ("Spain will lend Ukraine 400 million euros for energy repairs, and Australia extended a loan of A$250 million, "
     "the ministries said on Monday.", [("Spain", "ESP", 400000000, "EUR"), ("Australia", "AUS", 250000000, "AUD")]),
])
def test_each_clause_of_a_sentence_gives_its_own_states_figure(sentence, expected):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["donor"], r["amount"], r["currency"]) for r in rows] == expected


@pytest.mark.parametrize("sentence, admin1", [
    # the Arabic article as another transliteration writes it, joined or apart
    ("An Israeli strike killed four people in Deir al Balah on Sunday.", "Deir al-Balah Governorate"),
    ("An Israeli strike killed four people in Deir Al-Balah on Sunday.", "Deir al-Balah Governorate"),
    ("A drone strike killed four people in Deir al-Zor on Sunday.", "Dayr az Zawr Province"),
])
def test_an_arabic_article_in_any_spelling_finds_the_town(sentence, admin1):
    rows = curate(sentence, "2025-08-19")
    assert [(r["admin1"], r["killed"], r["geo_precision"]) for r in rows] == [(admin1, 4, "point")]


@pytest.mark.parametrize("update", [
    "By evening the toll in Zolochiv had risen to four.",
    "Later the toll in Zolochiv climbed to four after a woman died in hospital.",
])
def test_a_toll_update_at_a_town_named_again_replaces_its_figure(update):
    # Zolochiv of Kharkiv Oblast, named again bare: the same town, not its larger namesake in Lviv Oblast
    text = ("A glide bomb hit the village of Zolochiv in Kharkiv Oblast on Sunday, killing three people.\n\n" + update)
    rows = curate(text, "2025-08-19")
    assert [(r["location"], r["admin1"], r["killed"]) for r in rows] == [("Zolochiv", "Kharkiv Oblast", 4)]


def test_a_town_named_again_bare_is_the_one_named_first():
    text = ("Shelling hit the village of Zolochiv in Kharkiv Oblast on Sunday, injuring two people.\n\n"
            "On Monday a drone hit a shop in Zolochiv, killing one man.")
    rows = curate(text, "2025-08-19")
    assert {(r["admin1"], r["date_start"]) for r in rows} == {("Kharkiv Oblast", "2025-08-17"),
                                                              ("Kharkiv Oblast", "2025-08-18")}


def test_the_next_paragraph_tells_the_strikes_of_the_day_in_the_region_the_lead_dated():
    text = ("Russian troops shelled 23 towns and villages in Kherson Oblast on Wednesday, the regional governor said.\n\n"
            "A man was killed in Beryslav and two women were injured in Bilozerka.\n\n"
            "A drone hit a bus in Nikopol, injuring its driver.")
    rows = by_location(curate(text, "2025-08-22"))
    assert (rows["Beryslav"]["date_start"], rows["Bilozerka"]["date_start"]) == ("2025-08-20", "2025-08-20")
    assert rows["Nikopol"]["date_method"] == "publication"   # another region, another paragraph: not that day


@pytest.mark.parametrize("sentence, place, admin1", [
    # a settlement the gazetteer lacks, called one by its apposition, in the units that follow
    ("Gunmen attacked Bambu, a village in Djugu territory, Ituri province, on Sunday, killing 9 people.",
     "Bambu", "Ituri"),
    ("Militants raided Kobe, a small town in the Far North region, on Sunday, killing 9 people.",
     "Kobe", "Far North Region"),
])
def test_a_settlement_its_apposition_places_in_a_unit_keeps_the_figures(sentence, place, admin1):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["admin1"], r["killed"]) for r in rows] == [(place, admin1, 9)]


def test_a_list_of_hromadas_opening_a_sentence_is_each_towns_community_in_the_region():
    text = "Russian forces shelled Sumy Oblast over the past day. The Krasnopillia, Velyka Pysarivka and Seredyna-Buda hromadas came under fire."
    rows = curate(text, "2025-08-19")
    hromadas = [(r["location"], r["admin1"]) for r in rows if r["location"].endswith("hromada")]
    assert hromadas == [("Krasnopillia hromada", "Sumy Oblast"), ("Velyka Pysarivka hromada", "Sumy Oblast"),
                        ("Seredyna-Buda hromada", "Sumy Oblast")]


@pytest.mark.parametrize("sentence", [
    "Air defences shot down 30 drones overnight, including 18 over Bryansk region and 12 over Oryol region, "
    "the ministry said.",
    "Air defences shot down 30 drones overnight, among them 18 over Bryansk region and 12 over Oryol region.",
])
def test_the_shares_of_a_count_told_by_region_go_to_each_region(sentence):
    rows = by_location(curate(sentence, "2025-08-19"))
    assert (rows["Bryansk region"]["quantities"], rows["Oryol region"]["quantities"]) == ("18 drones", "12 drones")
    assert rows["Russia"]["quantities"] == "30 drones"


@pytest.mark.parametrize("toll", [
    "More than 60 civilians have been killed in Tillaberi this month, a monitoring group said.",
    "Officials said a total of 1,410 residents have been killed in the region since the start of the war.",
])
def test_a_running_toll_in_a_sentence_of_its_own_is_no_incident_and_no_count(toll):
    text = "Jihadists attacked a convoy near Tera on Sunday, killing 7 soldiers.\n\n" + toll
    rows = curate(text, "2025-08-19")
    assert [(r["location"], r["killed"], r["quantities"]) for r in rows] == [("Tera", 7, "")]


def test_every_hromada_of_a_list_is_a_place_of_its_own_not_the_unit_of_the_names_before_it():
    text = ("Russian forces struck Zaporizhzhia Oblast on Sunday. Drones hit the Kushuhum, Vilniansk, Stepnohirsk and "
            "Tavriiske hromadas in the Zaporizhzhia district.")
    rows = curate(text, "2025-08-19")
    hromadas = [(r["location"], r["geo_precision"]) for r in rows if r["location"].endswith("hromada")]
    assert hromadas == [("Kushuhum hromada", "point"), ("Vilniansk hromada", "point"),
                        ("Stepnohirsk hromada", "point"), ("Tavriiske hromada", "point")]


@pytest.mark.parametrize("sentence", [
    # a district that frames the sentence keeps its village out of another country's namesake
    "In the Belgorod district, a drone hit a house in the village of Dubovoye on Sunday, injuring three people.",
    # "in Russia's X region": the region is the village's address, not a second place sharing its figure
    "A drone hit a house in the village of Dubovoye in Russia's Belgorod region on Sunday, injuring three people.",
])
def test_a_village_the_gazetteer_lacks_stays_in_the_russian_unit_the_text_gives(sentence):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["country_iso3"], r["admin1"], r["injured"]) for r in rows] == [
        ("Dubovoye", "RUS", "Belgorod Oblast", 3)]


@pytest.mark.parametrize("sentence", [
    "Belarus has supplied Russia with more than 2,000 artillery shells since the spring, a Ukrainian official said.",
    "Iran is providing the Houthis with drones and ballistic missiles, the US envoy said.",
])
def test_a_state_that_supplied_another_with_munitions_is_a_transfer_not_a_strike(sentence):
    rows = curate(sentence, "2025-08-19")
    assert [r["topic"] for r in rows] == ["arms_transfer"]


@pytest.mark.parametrize("sentence", [
    "Government forces recaptured the town of Kutum from the rebels on Sunday, the army said.",
    "Rebels retook the town of Kutum on Sunday after two days of shelling.",
])
def test_a_town_recaptured_is_combat(sentence):
    rows = curate(sentence, "2025-08-19")
    assert cells(rows, "location", "topic") == [("Kutum", "combat")]


@pytest.mark.parametrize("sentence, place", [
    ("Hungarian jets were scrambled after a drone approached the border.", "Hungary"),
    ("Lithuania scrambled fighter jets to guard its airspace during the attack.", "Lithuania"),
    ("Two drones flew back towards Russia and one entered Moldovan airspace, the air force added.", "Moldova"),
])
def test_jets_scrambled_or_airspace_entered_are_the_owner_states_own_event(sentence, place):
    text = "A drone hit a house in the village of Ivanivka in Chernihiv Oblast overnight, killing a man.\n\n" + sentence
    rows = curate(text, "2025-08-19")
    assert cells(rows, "location", "topic") == [("Ivanivka", "attack"), (place, "other")]


def test_the_wars_past_told_by_month_is_no_incident():
    text = ("Ukrainian troops recaptured much of the Kherson region in November 2022.\n\n"
            "A drone hit a bus in Kherson on Monday, injuring four people.")
    rows = curate(text, "2025-08-19")
    assert [(r["location"], r["injured"]) for r in rows] == [("Kherson", 4)]


def test_a_year_in_an_apposition_does_not_make_todays_strike_the_wars_past():
    text = "An explosion was reported near an airfield in Crimea, the peninsula Russia annexed in 2014, residents said."
    rows = curate(text, "2025-08-19")
    assert [r["location"] for r in rows] == ["Crimea"]


@pytest.mark.parametrize("sentence, killed", [
    # the children are part of the toll, no count of their own
    ("An air strike on a school in Khan Younis killed 11 people, including four children, on Monday.", 11),
    # "shot dead", and the agency named after a place is the source, not a second place
    ("In Khan Younis, three men were shot dead near a food distribution point on Monday, the Gaza civil defence "
     "said.", 3),
])
def test_a_tolls_subset_is_no_count_and_an_agency_of_a_place_is_its_source(sentence, killed):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["killed"], r["quantities"]) for r in rows] == [("Khan Younis", killed, "")]


@pytest.mark.parametrize("sentence, parts", [
    ("Russian drones struck the Saltivskyi district of Kharkiv overnight, injuring five people.",
     [("Saltivskyi district", "Kharkiv Oblast", 5)]),
    ("Glide bombs hit the Industrialnyi and Nemyshlianskyi districts of Kharkiv overnight.",
     [("Industrialnyi district", "Kharkiv Oblast", ""), ("Nemyshlianskyi district", "Kharkiv Oblast", "")]),
    ("Israeli strikes hit the Shujaiya and Daraj neighbourhoods of Gaza City on Monday.",
     [("Shujaiya", "Gaza Governorate", ""), ("Daraj", "Gaza Governorate", "")]),
])
def test_districts_and_neighbourhoods_of_a_city_are_in_that_city(sentence, parts):
    rows = curate(sentence, "2025-08-19")
    assert [(r["location"], r["admin1"], r["injured"]) for r in rows] == parts


@pytest.mark.parametrize("text, place", [
    ("Russian drones attacked Kyiv Oblast overnight, damaging houses in Bucha.\n\nThe city military administration "
     "said one person was killed and six injured in the capital.", "Kyiv"),
    ("Drone strikes hit Sudan on Sunday. Four people were killed in the Sudanese capital, medics said.", "Khartoum"),
])
def test_deaths_in_the_capital_are_at_the_countrys_capital_city(text, place):
    rows = [r for r in curate(text, "2025-08-19") if r["killed"] != ""]
    assert [(r["location"], r["geo_precision"]) for r in rows] == [(place, "point")]


@pytest.mark.parametrize("sentence", [
    "Armenia and Azerbaijan exchanged 32 prisoners of war on Friday.",
    "Sudan and the RSF carried out a prisoner swap in Jeddah on Friday, the ICRC said.",
])
def test_a_prisoner_exchange_is_diplomacy(sentence):
    rows = curate(sentence, "2025-08-19")
    assert rows and all(r["topic"] == "diplomacy" for r in rows)


@pytest.mark.parametrize("sentence, country", [
    # names the gazetteer holds only with their Arabic article ("El Hodeidah", "Al Amarah")
    ("US air strikes hit Hodeidah on Thursday, killing three dock workers.", "YEM"),
    ("A roadside bomb exploded in Amarah on Thursday, killing three soldiers.", "IRQ"),
])
def test_an_arab_town_written_without_its_article_is_found(sentence, country):
    rows = curate(sentence, "2025-08-19")
    assert [(r["country_iso3"], r["geo_precision"], r["killed"]) for r in rows] == [(country, "point", 3)]


def test_the_same_day_is_the_day_told_just_before():
    text = ("Finland summoned the Russian ambassador on Tuesday over the drone incursion.\n\n"
            "Sweden summoned the Russian envoy the same day.")
    rows = curate(text, "2025-08-22")
    assert [(r["location"], r["date_start"]) for r in rows] == [("Finland", "2025-08-19"), ("Sweden", "2025-08-19")]


@pytest.mark.parametrize("sentence, places", [
    # the raids are events; the agency that reports them closes the sentence, after a comma
    ("Further raids were reported on Saturday in the eastern province of Abyan, Lahij in the south and the "
     "port of Mukalla, Saba said.", ["Abyan", "Lahij", "Mukalla"]),
    ("Raids hit Idlib and Jisr al-Shughur overnight, Sana reported.", ["Idlib", "Jisr al-Shughur"]),
])
def test_raids_are_attacks_and_the_agency_after_a_comma_is_their_source(sentence, places):
    rows = curate(sentence, "2025-08-19")
    assert [r["location"] for r in rows] == places
    assert {r["topic"] for r in rows} == {"attack"}


@pytest.mark.parametrize("sentence, place, admin1", [
    ("Israeli strikes hit the Bekaa valley overnight, killing four people.", "Bekaa", "Al Biqā‘"),
    ("Two people were killed in a drone strike in South Lebanon on Tuesday.", "South Lebanon", "South Governorate"),
    ("Drone strikes on the Hodeidah governorate killed five people on Tuesday.", "Hodeidah governorate",
     "Al Hudaydah Governorate"),
    ("Fighting in Tigray killed dozens of fighters on Tuesday.", "Tigray", "Tigray Regional State"),
    ("Junta air strikes on the Magwe region killed 11 villagers on Tuesday.", "Magwe region", "Magway Region"),
])
def test_a_region_abroad_is_found_by_its_english_name(sentence, place, admin1):
    rows = curate(sentence, "2025-08-20")
    assert [(r["location"], r["admin1"], r["geo_precision"]) for r in rows] == [(place, admin1, "admin1")]


def test_congo_alone_is_the_democratic_republic_and_a_title_case_dateline_dates_nothing():
    text = ("Bukavu (Congo), Feb 15 (AP) Rebels clashed with the army in eastern Congo, leaving four soldiers "
            "dead, officials said Friday.")
    rows = curate(text, "2025-02-15")
    assert [(r["location"], r["country_iso3"], r["killed"], r["date_start"]) for r in rows] == \
        [("Congo", "COD", 4, "2025-02-13")]
    assert rows[0]["evidence"].startswith("Rebels clashed")


@pytest.mark.parametrize("sentence, admin1", [
    # the attacker's missiles tell who fired, not the country where a town of the name is
    ("Two people were killed when Russian missiles hit Pokrovsk on Thursday.", "Donetsk Oblast"),
    ("Russian forces shelled Lyman overnight, injuring three people.", "Donetsk Oblast"),
])
def test_the_attackers_weapons_do_not_draw_a_town_into_the_attackers_country(sentence, admin1):
    rows = curate(sentence, "2025-01-10")
    assert [(r["admin1"], r["country_iso3"]) for r in rows] == [(admin1, "UKR")]


@pytest.mark.parametrize("text, killed, injured", [
    # an update whose toll is told with the strike it counts
    ("The death toll from Tuesday's missile strike on Poltava rose to 51, the regional governor said.", 51, ""),
    ("The number of people injured in Friday's attack on Sumy has grown to 32.", "", 32),
    # the figure the update replaced
    ("The death toll from the strike on a shopping centre in Odesa has climbed to 9. Initial reports put the "
     "toll at 6 killed and 20 injured.", 9, ""),
    # a count told again in detail, and a speaker after a comma
    ("A drone hit a minibus in Kherson overnight, injuring one passenger, a 63-year-old woman.", "", 1),
    ("Shelling of Izium killed two people, a man and a woman, on Friday.", 2, ""),
    ("Artillery fire on Avdiivka killed three soldiers, a military spokesman told Reuters.", 3, ""),
    ("An air strike on a school in Mellit killed 9 people, a nurse at the clinic said.", 9, ""),
    # people counted by what they sustained, a pair, a relative
    ("Shelling hit Vovchansk on Friday. Three men sustained shrapnel wounds.", "", 3),
    ("A drone struck a car in Hlukhiv on Friday, injuring a married couple.", "", 2),
    ("A woman was killed in Krasnopillia on Friday, and her son was hospitalised with burns.", 1, 1),
])
def test_tolls_updates_and_counted_people_read_as_an_analyst_counts_them(text, killed, injured):
    rows = curate(text, "2024-09-07")
    assert [(r["killed"], r["injured"]) for r in rows] == [(killed, injured)]


def test_a_bare_no_casualties_is_a_zero_for_each_place_and_an_unknown_village_is_in_its_neighbours_region():
    rows = curate("Over the past day, Russian forces dropped guided bombs on Velyka Pysarivka and the village of "
                  "Zelenyi Klyn. No casualties.", "2025-04-15")
    assert [(r["location"], r["admin1"], r["killed"], r["injured"]) for r in rows] == [
        ("Velyka Pysarivka", "Sumy Oblast", 0, 0), ("Zelenyi Klyn", "Sumy Oblast", 0, 0)]


def test_a_dated_dateline_and_a_tag_line_leave_the_roundups_day_to_its_later_items():
    tass = ("KURSK, March 4. /TASS/. Three civilians were injured in Ukrainian attacks on the Kursk Region over the "
            "past day, the governor said. In the town of Rylsk, a drone hit a garage, wounding a man.")
    tagged = ("Kherson region: one killed in a day\n\nSuspilne Kherson. Over the past day, Russian troops shelled 21 "
              "settlements of Kherson Oblast, the regional administration reported.\n\nA man was killed in Bilozerka.")
    for text in (tass, tagged):
        rows = curate(text, "2025-03-04")
        assert rows and {(r["date_start"], r["date_method"]) for r in rows} == {("2025-03-03", "past_day")}


@pytest.mark.parametrize("sentence", [
    "During the night, Russia launched 71 drones against Ukraine, the Air Force said.",
    "At night, drones attacked Odesa, injuring four people.",
])
def test_the_night_is_the_night_before_publication(sentence):
    rows = curate(sentence, "2025-03-04")
    assert [(r["date_start"], r["date_method"]) for r in rows] == [("2025-03-03", "past_day")]


def test_a_day_earlier_is_the_day_before_the_one_told_and_another_days_strike_in_the_city_is_its_own():
    rows = curate("A glide bomb hit Kramatorsk on Thursday, injuring six. A day earlier, shelling killed three people "
                  "in Druzhkivka.", "2025-03-08")
    assert [(r["location"], r["date_start"]) for r in rows] == [("Kramatorsk", "2025-03-06"), ("Druzhkivka", "2025-03-05")]
    rows = curate("Four people were killed in shelling of Nikopol late on Friday, officials said. The previous day, "
                  "a drone strike on a market in the city killed two.", "2025-03-09")
    assert [(r["location"], r["date_start"], r["killed"]) for r in rows] == [
        ("Nikopol", "2025-03-07", 4), ("Nikopol", "2025-03-06", 2)]


@pytest.mark.parametrize("sentence, admin1", [
    # a village GeoNames has only in another country (a Yarun of Zhytomyr Oblast), in a text that names its country
    ("An Israeli drone struck a car in the Lebanese village of Yaroun on Friday, killing one person.", ""),
    ("An Israeli drone struck a car in Yaroun, Lebanon, on Friday, killing one person.", ""),
    ("An Israeli drone struck a car in Yaroun in southern Lebanon on Friday, killing one person.",
     "South Governorate"),
    ("An Israeli drone struck a car in the south Lebanon town of Yaroun on Friday, killing one person.",
     "South Governorate"),
])
def test_a_town_the_text_puts_in_a_country_is_never_a_namesake_elsewhere(sentence, admin1):
    rows = curate(sentence, "2025-10-18")
    assert [(r["location"], r["country_iso3"], r["admin1"], r["killed"]) for r in rows] == [
        ("Yaroun", "LBN", admin1, 1)]


@pytest.mark.parametrize("sentence, place, admin1, injured", [
    ("In Kherson, a drone hit a bus stop in the Suvorovskyi district on Monday, wounding four people.",
     "Suvorovskyi district", "Kherson Oblast", 4),
    ("Shells hit a school in the Bureij refugee camp in central Gaza on Monday, wounding 16 people.",
     "Bureij", "Deir al-Balah Governorate", 16),
    ("A glide bomb injured five people in the Kharkiv region town of Zolochiv on Monday.",
     "Zolochiv", "Kharkiv Oblast", 5),
])
def test_a_part_of_a_framing_city_a_camp_in_central_gaza_and_an_ap_style_address_make_one_row(
        sentence, place, admin1, injured):
    rows = curate(sentence, "2025-10-14")
    assert [(r["location"], r["admin1"], r["injured"]) for r in rows] == [(place, admin1, injured)]


def test_the_attacker_named_before_the_city_of_x_does_not_put_the_city_in_its_country():
    rows = curate("Russia shelled the city of Zaporizhzhia on Sunday, damaging 16 buildings.", "2025-10-14")
    assert [(r["location"], r["country_iso3"], r["geo_precision"]) for r in rows] == [("Zaporizhzhia", "UKR", "point")]


def test_the_region_shelled_again_in_the_next_sentence_is_more_of_the_regions_day():
    rows = curate("Two men were injured in Russian attacks on Ukraine's Kherson region, the governor said. Russian "
                  "troops shelled the region 97 times over the past day, he added.", "2025-03-04")
    assert [(r["location"], r["injured"], r["quantities"], r["date_start"]) for r in rows] == [
        ("Kherson region", 2, "97 times", "2025-03-03")]


@pytest.mark.parametrize("sentence, field, value", [
    # the day of a month is no count
    ("A missile attack on Sumy on the evening of Nov. 3 killed two people.", "quantities", ""),
    # "handed over" is no "over N"
    ("Ukraine handed over 57 bodies to Russia on Friday.", "quantities", "57 bodies"),
    ("The Treasury on Monday designated more than 80 individuals and entities tied to Russia's arms industry.",
     "topic", "sanctions"),
    ("A drone hit a car in Sidon on Tuesday. Three people were lightly wounded, the ministry said.", "injured", 3),
    ("Four members of the security forces were wounded by gunfire near Homs on Monday.", "injured", 4),
    ("Sweden approved a 2.5 billion Swedish crown package for Ukraine on Monday.", "currency", "SEK"),
    ("The Russian defence ministry said its forces had taken control of Vovchansk in the Kharkiv region.",
     "topic", "combat"),
    ("Russian troops have entered the village of Shevchenko in the Donetsk region, Moscow said.", "topic", "combat"),
    ("Kyiv handed over 84 Russian prisoners of war on Friday in exchange for 84 Ukrainians.", "topic", "diplomacy"),
])
def test_days_of_months_handed_over_designations_light_wounds_crowns_and_control_taken(sentence, field, value):
    rows = curate(sentence, "2025-11-07")
    assert rows and rows[0][field] == value


def test_a_district_lead_its_towns_add_up_to_keeps_only_its_own_counts():
    text = ("Russian troops shelled the Nikopol district 31 times over the past day, killing one person and injuring "
            "four, the governor said.\n\nA 61-year-old man was killed in Marhanets. In Nikopol, three women were "
            "wounded. A boy was also injured in the Chervonohryhorivka hromada.")
    rows = curate(text, "2025-02-11")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [
        ("Nikopol district", "", ""), ("Marhanets", 1, ""), ("Nikopol", "", 3), ("Chervonohryhorivka hromada", "", 1)]
    assert rows[0]["quantities"] == "31 times"


@pytest.mark.parametrize("text, figures", [
    ("Over the past day, six people were injured in Kherson, three in Beryslav and one each in Komyshany and "
     "Bilozerka.", [("Kherson", 6), ("Beryslav", 3), ("Komyshany", 1), ("Bilozerka", 1)]),
    ("Over the past day, one person each was injured in Komyshany and Antonivka.",
     [("Komyshany", 1), ("Antonivka", 1)]),
    # the oblast keeps what its towns do not account for
    ("Over the past day, nine residents were injured in Donetsk Oblast, including five in Sloviansk.",
     [("Donetsk Oblast", 4), ("Sloviansk", 5)]),
])
def test_distributed_counts_go_to_each_place_and_a_part_named_with_including_to_its_town(text, figures):
    rows = curate(text, "2025-02-11")
    assert [(r["location"], r["injured"]) for r in rows] == figures


def test_a_colon_list_distributes_a_regions_toll_and_a_list_picks_the_namesake_of_its_region():
    rows = curate("On Friday, Russian troops killed five residents of Kherson Oblast: three in Bilozerka, one in "
                  "Stanislav and one in Tiahynka.", "2025-02-11")
    assert [(r["location"], r["admin1"], r["killed"]) for r in rows] == [
        ("Bilozerka", "Kherson Oblast", 3), ("Stanislav", "Kherson Oblast", 1), ("Tiahynka", "Kherson Oblast", 1)]


def test_a_region_that_reports_attacks_is_where_they_happened():
    rows = curate("In Kharkiv Oblast, one man was killed, the governor said.\n\nChernihiv Oblast reported attacks on "
                  "nine communities, but no casualties were reported.", "2025-02-11")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [
        ("Kharkiv Oblast", 1, ""), ("Chernihiv Oblast", 0, 0)]


@pytest.mark.parametrize("text, rows_wanted", [
    # a nationwide tally after a town's strike is the country's own row
    ("A Russian drone hit a grain terminal near Reni on Tuesday, injuring two workers, the governor said. Russia "
     "launched 64 drones and two missiles at Ukraine overnight, the air force said.",
     [("Reni", "attack", ""), ("Ukraine", "attack", "64 drones; 2 missiles")]),
    # bodies returned after a pledge are an event of their own; international bodies are no remains
    ("Norway will buy drones worth 2 billion crowns for the Ukrainian army, its defence minister said. The bodies of 757 "
     "soldiers were returned to Ukraine on Thursday, Kyiv said.",
     [("Norway", "military_aid", ""), ("Ukraine", "other", "757 bodies")]),
])
def test_a_nationwide_tally_and_bodies_returned_are_not_more_of_the_event_before(text, rows_wanted):
    rows = curate(text, "2025-11-28")
    assert [(r["location"], r["topic"], r["quantities"]) for r in rows] == rows_wanted


@pytest.mark.parametrize("sentence, donor, currency", [
    ("Sweden will give Ukraine 3 billion crowns for air defence.", "SWE", "SEK"),
    ("Denmark announced $450m for Ukraine's air defence on Tuesday.", "DNK", "USD"),
    ("The Netherlands set aside 400 million euros to buy air defence missiles for Ukraine.", "NLD", "EUR"),
])
def test_money_for_air_defence_is_military_aid(sentence, donor, currency):
    rows = curate(sentence, "2025-06-11")
    assert [(r["topic"], r["donor"], r["currency"]) for r in rows] == [("military_aid", donor, currency)]


def test_a_camp_near_a_town_is_one_place_with_the_toll():
    rows = curate("Shelling of the Kalma camp near Nyala killed 17 people on Sunday, medics said.", "2025-05-12")
    assert [(r["location"], r["geo_precision"], r["killed"]) for r in rows] == [("Kalma", "near", 17)]


@pytest.mark.parametrize("sentence, total", [
    ("Belgium pledged €900m to Ukraine on Monday, of which €300 million in grants and €600m in loans.", 900_000_000),
    ("Austria approved a €1 billion package for Ukraine, including €250 million in grants and €750 million in loans.",
     1_000_000_000),
])
def test_a_package_told_with_its_shares_is_one_event_with_every_figure(sentence, total):
    rows = curate(sentence, "2025-06-11")
    assert len(rows) == 1 and rows[0]["amount"] == total and rows[0]["amounts"].count("EUR") == 3


@pytest.mark.parametrize("sentence, place, topic", [
    ("The IAEA said a drone hit the turbine hall of the Zaporizhzhia nuclear power plant on Monday. No one was hurt.",
     "Zaporizhzhia nuclear power plant", "other"),
    ("The Zaporizhzhia Nuclear Power Plant lost off-site power on Monday for the ninth time, the IAEA said.",
     "Zaporizhzhia Nuclear Power Plant", "other"),
    # beside a town that was hit, the plant only tells where the town is
    ("Russian shelling hit Nikopol, across the river from the Zaporizhzhia nuclear plant, injuring two people on "
     "Monday.", "Nikopol", "attack"),
    # a capture of the plant stays combat
    ("Russian troops seized the Chernobyl nuclear power plant on Monday, 100 km from Kyiv.",
     "Chernobyl nuclear power plant", "combat"),
])
def test_an_incident_at_a_nuclear_plant_is_at_the_plant(sentence, place, topic):
    rows = curate(sentence, "2025-06-10")
    assert cells(rows, "location", "topic") == [(place, topic)]


def test_a_headline_above_a_dateline_still_tells_the_roundups_day():
    text = ("Russian attacks kill 2 over past day\n\nKHERSON, March 5 (Reuters) - A man was killed in Kherson and "
            "another in Bilozerka, officials said.")
    rows = curate(text, "2025-03-05")
    assert [(r["location"], r["date_start"], r["date_method"]) for r in rows] == [
        ("Kherson", "2025-03-04", "past_day"), ("Bilozerka", "2025-03-04", "past_day")]


@pytest.mark.parametrize("second, killed", [
    # the other side's toll, told after the lede's total: the country's own row keeps it
    ("Occupation officials said attacks by Ukrainian troops killed two civilians.", 2),
    ("Russian-installed authorities claimed Ukrainian shelling had killed three people.", 3),
    # a part of the total, the total again, and an update are no toll of their own
    ("Three of the dead were children.", ""),
    ("The victims included a child.", ""),
    ("The strikes killed nine people, officials said.", ""),
    ("Two more people were killed later in the day.", ""),
])
def test_a_lede_sentence_after_the_country_total_keeps_a_toll_of_its_own(second, killed):
    text = (f"Russian shelling has killed at least nine civilians in Ukraine over the past 24 hours and wounded 14 "
            f"more, Ukrainian officials said Friday. {second}\n\nThe regional governor said four people were killed "
            f"in the town of Orikhiv, with the towns of Tokmak and Polohy each reporting one civilian dead.")
    rows = curate(text, "2024-03-09")
    country = [r for r in rows if r["location"] == "Ukraine"]
    assert [(r["location"], r["killed"]) for r in rows if r["location"] != "Ukraine"] == [
        ("Orikhiv", 4), ("Tokmak", 1), ("Polohy", 1)]
    assert [r["killed"] for r in country] == ([killed] if country else [])
    if killed:
        assert country


@pytest.mark.parametrize("sentence, places", [
    ("Vasylivka and Molochansk each reported one dead after the shelling.", ["Vasylivka", "Molochansk"]),
    ("Four people were killed in Bilmak, with Vasylivka and Molochansk each reporting one dead.",
     ["Bilmak", "Vasylivka", "Molochansk"]),
    ("Shelling hit Bilmak, with Vasylivka, Orikhiv and Molochansk also coming under fire.",
     ["Bilmak", "Vasylivka", "Orikhiv", "Molochansk"]),
])
def test_the_first_town_of_a_list_is_a_place_without_a_preposition(sentence, places):
    rows = curate(f"Russian forces kept up attacks in Zaporizhzhia Oblast. {sentence}", "2024-03-09")
    assert [r["location"] for r in rows if r["location"] not in ("Zaporizhzhia Oblast", "Ukraine")] == places


@pytest.mark.parametrize("sentence, killed", [
    ("An Israeli strike killed senior militia commander Fuad Hamdi in Tyre on Tuesday.", 1),
    ("A car bomb in Tyre on Tuesday killed General Omar Baskani, the army said.", 1),
    ("Gunmen assassinated local mayor Karim Saadeh in Tyre on Tuesday.", 1),
    # a title with no name is no count
    ("A strike in Tyre on Tuesday killed the group's spokesman, the army said.", ""),
])
def test_a_named_person_killed_by_title_counts_one(sentence, killed):
    rows = curate(sentence, "2024-03-09")
    assert [(r["location"], r["killed"]) for r in rows] == [("Tyre", killed)]


def test_a_great_city_beats_a_quarter_of_the_region_carried_from_earlier_sentences():
    # Khartoum has a quarter that GeoNames calls Riyadh; the paragraph before named Khartoum, this one does not
    rows = curate("In Khartoum, an artillery strike killed six people on Friday.\n\n"
                  "Egypt's foreign minister met his Saudi counterpart in Riyadh on Sunday.", "2025-11-09")
    assert [(r["location"], r["country_iso3"]) for r in rows] == [("Khartoum", "SDN"), ("Riyadh", "SAU")]


def test_a_quarter_named_with_its_region_stays_in_it():
    # the sentence itself puts the name in the region: the quarter, not the far capital
    rows = curate("Shells fell on Riyadh in Khartoum State on Friday, killing two people.", "2025-11-09")
    assert [(r["location"], r["country_iso3"], r["killed"]) for r in rows] == [("Riyadh", "SDN", 2)]


@pytest.mark.parametrize("sentence, place, killed", [
    ("In Khartoum, an artillery strike on Omdurman killed six people on Friday.", "Omdurman", 6),
    ("In Kharkiv, a Russian strike on the village of Tsyrkuny killed six people on Friday.", "Tsyrkuny", 6),
])
def test_a_city_that_frames_the_sentence_only_locates_the_place_inside_it(sentence, place, killed):
    rows = curate(sentence, "2025-11-09")
    assert [(r["location"], r["killed"]) for r in rows] == [(place, killed)]


def test_a_place_after_the_frame_city_s_own_toll_is_an_incident_of_its_own():
    rows = curate("In Kharkiv, a strike killed three people on Friday, and in Tsyrkuny two were injured.",
                  "2025-11-09")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [
        ("Kharkiv", 3, ""), ("Tsyrkuny", "", 2)]


@pytest.mark.parametrize("part", ["the Qurnata neighbourhood", "the Qurnata quarter"])
def test_a_neighbourhood_the_gazetteer_lacks_is_kept_in_the_paragraph_s_region(part):
    # an invented name: no gazetteer entry, so only the word after it makes it a place
    rows = curate("In Gaza City, a strike on a school killed six people on Thursday.\n\n"
                  f"Another strike hit a house in {part}, killing four.", "2025-05-16")
    assert [(r["location"], r["country_iso3"], r["admin1"], r["killed"]) for r in rows] == [
        ("Gaza City", "PSE", "Gaza Governorate", 6), ("Qurnata", "PSE", "Gaza Governorate", 4)]


def test_a_village_the_gazetteer_lacks_is_in_the_country_the_sentence_names_not_the_paragraph_s_region():
    rows = curate("In Gaza City, a strike on a school killed six people on Thursday.\n\n"
                  "A drone struck a car in the village of Qabrikha in southern Lebanon, killing two men.",
                  "2025-05-16")
    assert [(r["location"], r["country_iso3"], r["killed"]) for r in rows] == [
        ("Gaza City", "PSE", 6), ("Qabrikha", "LBN", 2)]


SHIPS_BY_NAME = """The bulk carrier Aurora Sky left the port of Chornomorsk on Tuesday with 30,000 tonnes of wheat.

A Russian drone hit the tanker “Alba Marina” off Novorossiysk on Tuesday, the ministry said.
"""


def test_a_ship_s_name_is_no_place_and_a_carrier_is_shipping():
    rows = curate(SHIPS_BY_NAME, "2024-06-26")
    places = by_location(rows)
    assert set(places) == {"Chornomorsk", "Novorossiysk"}, [(r["location"], r["country_iso3"]) for r in rows]
    assert places["Chornomorsk"]["topic"] == "maritime_security"
    assert places["Chornomorsk"]["date_start"] == "2024-06-25"


YEARS_OF_A_PROGRAMME = """Finland's government said on Tuesday it would expand its support programme for Ukraine to 9 billion euros and extend it until 2029.

The programme had been worth 6 billion euros before, the prime minister told parliament.

In 2022 and 2023, EUR 400 million and EUR 900 million were allocated on top of the planned sums to help Ukraine, respectively.

The government has also proposed raising allocations to Ukraine by another EUR 300 million this year, bringing Finland's total contribution to EUR 2.4 billion.
"""


def test_a_programme_s_yearly_figures_stay_with_the_donor_and_a_total_reached_is_no_package():
    rows = curate(YEARS_OF_A_PROGRAMME, "2024-06-25")
    assert [(r["location"], r["donor"], r["recipient"], r["amount"]) for r in rows] == [
        ("Finland", "FIN", "UKR", 9e9), ("Finland", "FIN", "UKR", 4e8), ("Finland", "FIN", "UKR", 3e8)]
    assert "900000000 EUR" in rows[1]["amounts"]         # the second year's figure, with the first
    assert "2400000000 EUR" in rows[2]["amounts"]        # the total reached, kept with the increase
    assert rows[0]["date_start"] == "2024-06-25"         # "until 2029" is the programme's end, no date


def test_a_fund_raised_from_one_size_to_another_is_one_package_at_the_giver():
    rows = curate("The Netherlands raised its fund for Ukraine's air defence from EUR 1 billion to EUR 1.5 billion "
                  "on Friday, the defence ministry said.\n\nPortugal has also joined a coalition to supply drones to "
                  "Ukraine. EUR 20 million were set aside for this purpose.\n", "2024-06-29")
    assert [(r["location"], r["amount"], r["donor"]) for r in rows] == [
        ("The Netherlands", 1.5e9, "NLD"), ("Portugal", 2e7, "PRT")], \
        [(r["location"], r["amount"], r["topic"]) for r in rows]
    assert "1000000000 EUR" in rows[0]["amounts"]


@pytest.mark.parametrize("follow_up", [
    "They said the attack destroyed the gym, and that rescuers in the region were searching the rubble.",
    "He added that emergency crews across the region were still clearing the debris.",
])
def test_a_follow_up_about_the_region_tells_more_of_the_strike_on_its_town(follow_up):
    rows = curate("A missile hit a school in Sloviansk on Monday, killing three teachers, officials said.\n\n"
                  f"{follow_up}\n", "2025-03-12")
    assert [(r["location"], r["killed"]) for r in rows] == [("Sloviansk", 3)], \
        [(r["location"], r["evidence"][:60]) for r in rows]
    if "attack" in follow_up:   # about the strike: part of its telling
        assert follow_up in rows[0]["evidence"]


@pytest.mark.parametrize("sentence", [
    "About 2,000 North Korean soldiers have been sent to Russia's Kursk region, Seoul said.",
    "South Korea's spy agency said on Friday that about 2,000 North Korean soldiers had been moved to the Kursk region.",
    "Some 2,000 soldiers from North Korea were relocated to the Kursk region last week, officials in Seoul said.",
])
def test_soldiers_sent_or_moved_somewhere_are_a_troop_movement(sentence):
    rows = curate(sentence + "\n", "2025-03-12")
    assert cells(rows, "location", "topic") == [("Kursk region", "troop_movement")]
    assert "2000 troops" in rows[0]["quantities"]


TRADE_BAN_ROUND = """Belgium imposes sanctions on 40 people over Russia's war

Belgium on Monday imposed sanctions on 40 people and nine companies tied to Russia's arms industry, the foreign ministry said.

The measures target makers of drone engines and shipping firms that carried Russian oil above the price cap of $60 a barrel.

Separately, Iceland said it had banned exports of 14 more goods to Russia.
"""


def test_a_sanctions_round_told_on_and_a_trade_ban_with_a_price_cap_that_is_no_money():
    rows = curate(TRADE_BAN_ROUND, "2025-03-12")
    assert cells(rows, "location", "topic") == [("Belgium", "sanctions"), ("Iceland", "sanctions")], \
        [(r["location"], r["topic"], r["amount"]) for r in rows]
    assert "The measures target" in rows[0]["evidence"] and not rows[0]["amount"]
    assert "14" in rows[1]["quantities"]


@pytest.mark.parametrize("sentence", [
    "Zelensky thanked Lisbon and said Ukraine expected more air defence systems before winter.",
    "Zelensky on Monday praised Lisbon for its help.",
    "Zelensky accused Lisbon of dragging its feet on the jets.",
])
def test_a_capital_spoken_to_is_no_place_of_the_statement(sentence):
    rows = curate(sentence + "\n", "2025-03-12")
    assert cells(rows, "location", "topic") == [("Ukraine", "diplomacy")]


SUDAN_DAY = """Shelling kills 11 in Zalingei

Shelling by the Rapid Support Forces killed 11 civilians in Zalingei, the capital of Central Darfur state, on Saturday, a local medical group said.

The RSF also attacked the Kasir displacement camp south of the city, killing three people, the group added.
"""


def test_a_camp_the_gazetteer_lacks_south_of_the_city_just_told_is_by_that_city():
    rows = curate(SUDAN_DAY, "2025-03-12")
    assert [(r["location"], r["killed"]) for r in rows] == [("Zalingei", 11), ("Kasir", 3)], \
        [(r["location"], r["killed"]) for r in rows]
    camp = rows[1]
    assert (camp["admin1"], camp["geo_precision"]) == (rows[0]["admin1"], "near")


@pytest.mark.parametrize("sentence, town, unit", [
    ("An air strike on a market in Hakha town in Chin State killed nine civilians.", "Hakha", "Chin State"),
    ("A drone strike on a market in Balakliia town in Kharkiv Oblast killed nine civilians.", "Balakliia", "Kharkiv"),
])
def test_a_town_s_kind_between_it_and_its_unit_keeps_the_unit_an_address(sentence, town, unit):
    rows = curate(sentence + "\n", "2025-03-12")
    assert [(r["location"], r["killed"]) for r in rows] == [(town, 9)], [(r["location"], r["killed"]) for r in rows]
    assert unit in rows[0]["admin1"]


def test_a_namesake_abroad_by_another_spelling_is_no_unit_of_the_theatre():
    rows = curate("Myanmar military jets bombed a school in Kone Gyi village in Tabayin township in the Sagaing "
                  "region on Sunday, killing 14 children and six teachers, local media in Myanmar said.\n", "2025-03-12")
    assert {r["country_iso3"] for r in rows} == {"MMR"}, [(r["location"], r["country_iso3"]) for r in rows]
    assert sum(r["killed"] or 0 for r in rows) == 20


@pytest.mark.parametrize("tally", [
    "Ukraine's air force said it had shot down 41 of the 58 drones Russia launched overnight.",
    "Air defences downed 30 of the 44 drones and two of the five missiles fired by Russia, the air force said.",
])
def test_a_nationwide_air_tally_after_a_village_s_strike_is_the_country_s(tally):
    rows = curate("A woman was killed when a guided bomb hit her house in the village of Mala Tokmachka in the "
                  f"Zaporizhzhia region, the governor said.\n\n{tally}\n", "2025-03-11")
    assert [(r["location"], r["killed"] or None) for r in rows] == [("Mala Tokmachka", 1), ("Ukraine", None)], \
        [(r["location"], r["quantities"]) for r in rows]
    assert not rows[0]["quantities"] and "drones" in rows[1]["quantities"]


@pytest.mark.parametrize("sentence", [
    "Mykolaiv Oblast: Russian forces shelled 17 settlements, including Ochakiv, killing two people and injuring "
    "nine, the governor said.",
    "Russian troops hit 17 settlements in Mykolaiv Oblast, including the town of Ochakiv, killing two people and "
    "injuring nine.",
])
def test_a_toll_after_an_example_of_the_settlements_hit_is_the_region_s(sentence):
    rows = by_location(curate(sentence + "\n", "2025-03-11"))
    assert (rows["Mykolaiv Oblast"]["killed"], rows["Mykolaiv Oblast"]["injured"]) == (2, 9), rows
    example = rows.get("Ochakiv", {})   # the example, where it is a row, has no share of the toll
    assert not example.get("killed") and not example.get("injured")


def test_the_same_seat_speaking_again_in_its_paragraph_is_one_statement():
    rows = curate("The Kremlin said on Wednesday it was studying the proposal. Kremlin spokesman Dmitry Peskov told "
                  "reporters that any talks would have to reflect the situation at the front.\n\n"
                  "The Kremlin later said it would send a delegation to a second round of talks.\n", "2025-03-12")
    assert [r["location"] for r in rows] == ["Kremlin", "Kremlin"], [(r["location"], r["evidence"][:50]) for r in rows]
    assert "Peskov" in rows[0]["evidence"] and "second round" in rows[1]["evidence"]


def test_a_lender_s_loan_after_donors_pledges_is_the_lender_s():
    rows = curate("Finland announced EUR 90 million for demining.\n\nThe European Bank for Reconstruction and "
                  "Development signed a EUR 300 million loan with Ukraine's rail company.\n", "2025-03-14")
    assert [(r["location"], r["donor"]) for r in rows] == [
        ("Finland", "FIN"), ("European Bank for Reconstruction and Development", "EBRD")], \
        [(r["location"], r["donor"]) for r in rows]


def test_each_donor_s_figure_in_a_list_takes_the_kind_its_own_words_give():
    rows = curate("Chile announced $20 million in budget support, while Peru pledged $30 million in loans and "
                  "Uruguay said it would finance mortars worth $15 million.\n", "2025-03-14")
    assert [(r["donor"], r["topic"]) for r in rows] == [
        ("CHL", "financial_aid"), ("PER", "financial_aid"), ("URY", "military_aid")], \
        [(r["donor"], r["topic"], r["amount"]) for r in rows]


@pytest.mark.parametrize("transfer", [
    "Belarus delivered more than 300 Shahed-136 attack drones to Russia last month, according to U.S. officials.",
    "Belarus has supplied 1,200 artillery shells to Russia, officials said.",
])
def test_a_transfer_told_after_a_strike_in_its_paragraph_is_its_own_event(transfer):
    rows = curate(f"Ukraine's navy said it had destroyed a Russian patrol boat near Sevastopol. {transfer}\n", "2025-03-14")
    assert cells(rows, "location", "topic")[-1] == ("Russia", "arms_transfer")
    assert len(rows) == 2 and transfer not in rows[0]["evidence"]


def test_who_the_dead_were_is_no_troop_count_and_a_running_count_is_no_strike_s():
    rows = curate("Rebels seized the town of Uvira in South Kivu province on Friday after clashes with government "
                  "troops.\n\nAt least 11 people were killed in the fighting, including four soldiers, a local official "
                  "said. The UN said more than 200,000 people had been displaced since January.\n", "2025-02-15")
    uvira = by_location(rows)["Uvira"]
    assert uvira["killed"] == 11 and "troops" not in uvira["quantities"], uvira["quantities"]
    assert "displaced" not in uvira["evidence"]


def test_a_town_said_to_lie_south_of_a_city_is_no_namesake_on_another_continent():
    rows = curate("A strike on a building in the town of Barja, south of Beirut, killed 12 people, the health "
                  "ministry said.\n", "2024-11-06")
    assert [(r["location"], r["country_iso3"], r["geo_precision"]) for r in rows] == [("Barja", "LBN", "near")], \
        [(r["location"], r["country_iso3"]) for r in rows]


def test_an_army_s_word_on_the_rockets_just_told_is_part_of_that_attack():
    rows = curate("Hezbollah said it fired a barrage of rockets at a base near Nahariya. The Israeli military said "
                  "most of the rockets were intercepted.\n", "2024-11-06")
    assert cells(rows, "location", "topic") == [("Nahariya", "attack")]


@pytest.mark.parametrize("none", [
    "No crew members were hurt, according to the UK Maritime Trade Operations agency.",
    "No sailors were injured, the shipping company said.",
])
def test_no_crew_hurt_after_a_ship_struck_at_sea_is_that_ship_s_zero(none):
    rows = curate(f"On Tuesday the Houthis claimed an attack on a Maltese-owned bulk carrier in the Gulf of Aden. {none}\n",
                  "2025-03-16")
    assert [(r["location"], r["killed"], r["injured"]) for r in rows] == [("Gulf of Aden", 0, 0)], \
        [(r["location"], r["killed"], r["injured"]) for r in rows]


def test_another_strike_on_the_city_a_day_later_is_its_own_event_on_the_next_day():
    rows = curate("Overnight on Monday, a drone struck a warehouse in Uman, injuring a 40-year-old man. A day "
                  "later, another strike on the city killed a woman.\n", "2025-03-20")
    assert [(r["location"], r["date_start"], r["date_end"], r["killed"] or None, r["injured"] or None)
            for r in rows] == [("Uman", "2025-03-17", "2025-03-17", None, 1),
                               ("Uman", "2025-03-18", "2025-03-18", 1, None)], \
        [(r["location"], r["date_start"], r["killed"], r["injured"]) for r in rows]


def test_a_money_heading_the_paragraph_restates_and_a_standing_position_are_no_events():
    rows = curate("$90 million for Moldova\n\nThe European Commission on Tuesday announced a $90 million package "
                  "for Moldova's energy grid.\n\nEnergy security remains a top priority, the Moldovan president said, "
                  "as the country works to replace Russian gas.\n\nThe president continues to call for more "
                  "help from the bloc.\n", "2025-03-19")
    assert [(r["location"], r["amount"]) for r in rows] == [("European Union", 9e7)], \
        [(r["location"], r["amount"], r["evidence"][:40]) for r in rows]


@pytest.mark.parametrize("reaction, place", [
    ("Moscow condemned the sanctions as illegal and vowed to retaliate.", "Moscow"),
    ("Russia's foreign ministry denounced the new measures as economic warfare.", "Russia"),
    ("The Kremlin called the restrictions unlawful.", "Kremlin"),
])
def test_a_reaction_to_sanctions_is_a_statement_not_a_measure(reaction, place):
    rows = curate("Canada on Wednesday imposed sanctions on 30 vessels of Russia's shadow fleet.\n\n"
                  f"{reaction}\n", "2025-02-26")
    assert cells(rows, "location", "topic") == [("Canada", "sanctions"), (place, "diplomacy")]


def test_a_titled_person_s_surname_said_alone_is_no_town():
    rows = curate("Ukrainian President Volodymyr Zelensky met U.S. envoy Keith Kellogg in Kyiv on Thursday.\n\n"
                  "The two discussed security guarantees, Zelensky said.\n\n"
                  "Later on Thursday, Kellogg travelled to Warsaw, where he met the Polish president.\n\n"
                  "Russia's deputy foreign minister told reporters in Moscow that no talks were planned.\n", "2025-02-21")
    assert [(r["location"], r["country_iso3"]) for r in rows] == [("Kyiv", "UKR"), ("Warsaw", "POL"), ("Moscow", "RUS")], \
        [(r["location"], r["country_iso3"], r["admin1"]) for r in rows]
    assert "guarantees" not in rows[0]["quantities"]   # "the two" are the parties, no count


def test_a_share_of_the_package_just_told_is_part_of_it():
    rows = curate("Chile will provide an additional $900 million in financial support to Ukraine, the president "
                  "announced on Tuesday.\n\nOf that sum, $300 million will go to humanitarian aid and the rest to "
                  "reconstruction, a spokesman said.\n", "2025-02-19")
    assert [(r["location"], r["amount"]) for r in rows] == [("Chile", 9e8)], [(r["location"], r["amount"]) for r in rows]
    assert "300000000 USD" in rows[0]["amounts"]


def test_the_containers_of_a_transfer_told_again_are_part_of_it():
    rows = curate("Iran has shipped more than 400 containers of munitions to Russia since last year, Kyiv's "
                  "intelligence service said on Monday.\n\nThe containers could hold up to 300,000 artillery "
                  "shells, the service said.\n", "2025-03-24")
    assert cells(rows, "location", "topic") == [("Russia", "arms_transfer")]
    assert "300000 shells" in rows[0]["quantities"]


@pytest.mark.parametrize("sentence, country, killed", [
    ("Clashes in the southern Syrian province of Daraa have killed at least 37 people since Sunday, a monitor said.",
     "SYR", 37),
    ("Shelling in the Ukrainian region of Sumy killed five people on Monday.", "UKR", 5),
])
def test_a_country_s_word_before_the_unit_is_no_unit_of_its_own(sentence, country, killed):
    rows = curate(sentence + "\n", "2025-07-14")
    assert [(r["country_iso3"], r["geo_precision"], r["killed"]) for r in rows] == [(country, "admin1", killed)], \
        [(r["location"], r["country_iso3"], r["killed"]) for r in rows]


def test_a_development_bank_s_loan_after_a_donor_s_pledge_is_the_bank_s():
    rows = curate("Austria signed an agreement to provide 2 billion euros for reconstruction.\n\nThe Council of "
                  "Europe Development Bank approved a EUR 100 million loan for housing.\n", "2025-03-28")
    assert [(r["location"], r["donor"]) for r in rows] == [
        ("Austria", "AUT"), ("Council of Europe Development Bank", "CEB")], [(r["location"], r["donor"]) for r in rows]


HEADLINED_GAZA_DAY = """Air strikes kill 14 across Gaza

Israeli air strikes killed at least 14 people across the Gaza Strip on Friday, the civil defence agency said.

In Rafah, a strike on an apartment killed six people. Five more were killed in Nuseirat, medics said.

Three people died when a tent was hit in Beit Lahia.
"""


def test_a_lead_under_a_headline_that_its_towns_add_up_to_is_their_sum_and_dates_them():
    rows = curate(HEADLINED_GAZA_DAY, "2025-05-12")
    assert cells(rows, "location", "killed", "date_start") == [
        ("Rafah", 6, "2025-05-09"), ("Nuseirat", 5, "2025-05-09"), ("Beit Lahia", 3, "2025-05-09")]


SHARED_OUT_LEAD = """Russian strikes kill six across Ukraine

Three deaths were reported in the Sumy region, two more in the Kharkiv region and one in the city of Odesa, officials said on Sunday.

In Kharkiv, a drone killed two men near a bus stop.

A missile hit a port warehouse in Odesa, killing a guard.
"""


def test_a_lead_under_a_headline_that_shares_its_toll_out_among_places_keeps_each_part():
    rows = curate(SHARED_OUT_LEAD, "2025-05-12")
    # the headline's total is no row; Odesa's guard, told in the lede and again below, is one
    assert cells(rows, "location", "killed") == [("Sumy region", 3), ("Kharkiv", 2), ("Odesa", 1)]


@pytest.mark.parametrize("sentence, place", [
    ("Rebels captured the airport at Ntabuga, 25 km north of Goma, on Friday.", "Ntabuga"),
    ("Fighting near Kasoro killed at least 12 civilians on Friday, the UN said.", "Kasoro"),
    ("Shelling in Mbangoro wounded nine people on Friday.", "Mbangoro"),
])
def test_a_settlement_the_gazetteer_lacks_is_placed_in_the_region_told(sentence, place):
    rows = curate("Fighting spread across North Kivu province this week, officials in Goma said.\n\n"
                  f"{sentence}\n", "2025-03-10")
    region = rows[0]["admin1"]   # the province's own row, as the gazetteer spells it
    assert (place, region, "COD") in cells(rows, "location", "admin1", "country_iso3"), \
        cells(rows, "location", "admin1", "evidence")


@pytest.mark.parametrize("second, killed, injured", [
    ("No one was killed, the army said.", 0, ""),
    ("No one was hurt, the army said.", 0, 0),
    ("No one was killed, but four guards were wounded.", 0, 4),
])
def test_no_one_killed_is_a_zero_for_the_dead_only(second, killed, injured):
    rows = curate(f"A drone set fire to a fuel depot in Kassala on Sunday. {second}\n", "2025-03-10")
    assert cells(rows, "location", "killed", "injured") == [("Kassala", killed, injured)]


def test_an_unknown_township_of_the_region_told_is_the_place():
    rows = curate("Fighting has intensified in Myanmar's Magway region.\n\n"
                  "Artillery fire wounded five people in Kishanje township on Monday, a local group said.\n",
                  "2025-03-12")
    assert ("Kishanje", 5) in cells(rows, "location", "injured"), cells(rows, "location", "injured")
    assert rows[-1]["admin1"] == rows[0]["admin1"] and rows[-1]["country_iso3"] == "MMR"


@pytest.mark.parametrize("sentence", [
    "Poland summoned the Belarusian ambassador on Monday over the border incident, the foreign ministry in Warsaw said.",
    "Poland called in the Belarusian envoy on Monday to protest, the foreign ministry said.",
])
def test_the_envoy_summoned_is_not_the_speaker(sentence):
    rows = curate(sentence + "\n", "2025-03-12")
    assert cells(rows, "country_iso3", "topic") == [("POL", "diplomacy")]


DIPLOMATIC_PROTEST = """Poland and Lithuania summon Belarusian envoys over balloons

Poland summoned the Belarusian ambassador on Monday, the foreign ministry in Warsaw said.

Finland's defence minister told reporters in Helsinki that the deployment of Belarusian troops to the border was a threat. Helsinki also called in a Belarusian diplomat.
"""


def test_a_headline_naming_two_states_folds_into_the_lead_and_a_seat_doing_more_is_its_own_event():
    rows = curate(DIPLOMATIC_PROTEST, "2025-03-12")
    assert cells(rows, "country_iso3", "topic") == [("POL", "diplomacy"), ("FIN", "diplomacy"), ("FIN", "diplomacy")]
    assert rows[0]["evidence"].startswith("Poland and Lithuania summon") and rows[0]["date_start"] == "2025-03-10"
    assert rows[2]["evidence"] == "Helsinki also called in a Belarusian diplomat."


@pytest.mark.parametrize("sentence, expected", [
    # a donor's weapons are aid, at the donor (CONVENTIONS); the arms trade of states outside aid is a transfer
    ("Norway sent 20 air defence launchers to Ukraine on Monday.", ("Norway", "military_aid")),
    ("Spain said it would send 300 more drones to Ukraine this year, five times more than in 2024.",
     ("Spain", "military_aid")),
    ("Iran sent 200 more drones to Russia on Monday.", ("Russia", "arms_transfer")),
    ("Seoul said Pyongyang had sent 1,500 more troops to Russia.", ("Russia", "troop_movement")),
    ("NATO's chief said on Monday that North Korean units had been sent to the Kursk region.",
     ("Kursk region", "troop_movement")),
])
def test_weapons_and_troops_sent_somewhere(sentence, expected):
    rows = curate(sentence + "\n", "2025-03-12")
    assert cells(rows, "location", "topic") == [expected]


def test_a_meeting_to_discuss_aid_is_diplomacy_and_a_comparison_dates_nothing():
    rows = curate("Defence ministers of 30 countries met in Ramstein on Tuesday to discuss military aid for Kyiv. "
                  "It was their first meeting since 2023.\n\n"
                  "Portugal said it had sent 400 more drones to Ukraine this year than in 2024.\n", "2025-03-12")
    assert cells(rows, "location", "topic", "date_start") == [("Ramstein", "diplomacy", "2025-03-11"),
                                                               ("Portugal", "military_aid", "2025-03-12")]
    assert rows[1]["date_method"] == "publication"


def test_a_donorless_figure_told_after_a_package_at_a_venue_keeps_its_precision():
    rows = curate("Denmark on Monday pledged 1 billion kroner for air defence at a donor conference in Copenhagen. "
                  "Another 200 million kroner will go to drones next year.\n", "2025-03-12")
    assert cells(rows, "location", "geo_precision") == [("Copenhagen", "point"), ("Copenhagen", "point")]


def test_the_lead_under_a_money_headline_gives_the_event_its_figure_and_topic():
    rows = curate("UN appeals for $2bn for Myanmar\n\nThe United Nations launched an appeal on Monday for $2.3 billion to "
                  "help five million people in Myanmar this year, and $900 million for refugees in neighbouring "
                  "countries.\n", "2025-03-12")
    assert cells(rows, "location", "topic", "amount") == [("UN", "humanitarian_aid", 2.3e9)]


def test_a_town_where_nothing_happens_sets_no_region_for_the_villages_after_it():
    rows = curate("Israeli drones struck a car in Nabatieh on Tuesday, killing two people. One of the victims had "
                  "run a shop in Beirut.\n\nOn Wednesday, the outskirts of Deir Mizrab, Kfar Tellab and Ain Qusra were "
                  "hit, causing fires but no casualties.\n", "2025-03-13")
    assert [r["location"] for r in rows] == ["Nabatieh", "Deir Mizrab", "Kfar Tellab", "Ain Qusra"]
    assert {r["admin1"] for r in rows} == {rows[0]["admin1"]}   # Nabatieh's governorate, not Beirut's


LABELLED_ROUNDUP = """Overnight attacks: what we know

Poltava Oblast: The regional administration reported 41 explosions across 12 settlements. No casualties were reported.

Zaporizhzhia Oblast: Four people were killed and nine injured across the region, the governor said, three in Huliaipole and one in Orikhiv.
"""


def test_a_labelled_roundup_line_is_its_region_s_event_and_a_list_shares_out_the_figure_it_adds_up_to():
    rows = curate(LABELLED_ROUNDUP, "2025-06-15")
    assert cells(rows, "location", "killed", "injured") == [
        ("Poltava Oblast", 0, 0), ("Zaporizhzhia Oblast", "", 9), ("Huliaipole", 3, ""), ("Orikhiv", 1, "")]
    assert "41 explosions" in rows[0]["quantities"]


def test_a_tally_with_a_share_over_a_region_is_the_country_s_and_the_region_s():
    rows = curate("Russia's defence ministry said its air defences had destroyed 64 Ukrainian drones overnight, "
                  "19 of them over the Kursk region.\n", "2025-06-15")
    assert cells(rows, "location", "quantities") == [("Russia", "64 drones"), ("Kursk region", "19 drones")]


def test_a_sea_discussed_at_a_meeting_is_no_place_and_the_two_leaders_are_no_count():
    rows = curate("Romania's president met Moldova's president in Chisinau on Monday and discussed the safety of "
                  "shipping in the Black Sea. The two leaders also discussed energy links.\n", "2025-03-12")
    assert cells(rows, "location", "topic", "quantities") == [("Chisinau", "diplomacy", "")]


def test_a_second_body_s_designations_told_separately_are_a_measure_of_their_own():
    rows = curate("Britain's Foreign Office on Tuesday imposed sanctions on 25 companies supplying Russia's army.\n\n"
                  "The Treasury separately designated nine Russian officials and two banks.\n", "2025-03-12")
    assert [r["topic"] for r in rows] == ["sanctions", "sanctions"]
    assert "9 officials" in rows[1]["quantities"] and "9 officials" not in rows[0]["quantities"]


def test_a_ship_located_off_a_port_is_the_ship_just_told_at_sea():
    rows = curate("Yemen's Houthi rebels said on Tuesday they had attacked a Greek-owned tanker in the Red Sea with "
                  "two drones.\n\nThe UK Maritime Trade Operations agency said the vessel was hit about 40 nautical "
                  "miles south-west of Mokha and its crew had been evacuated.\n", "2025-07-08")
    assert cells(rows, "location", "topic") == [("Red Sea", "maritime_security")]


def test_each_state_of_a_gapped_list_gives_its_own_figure():
    rows = curate("At the meeting, Denmark pledged DKK 500 million for artillery, Finland €90 million for "
                  "demining and Canada C$200 million for drones, their governments said.\n", "2025-06-26")
    assert cells(rows, "location", "donor", "currency") == [("Denmark", "DNK", "DKK"), ("Finland", "FIN", "EUR"),
                                                            ("Canada", "CAN", "CAD")]
    # the recipients of one gift are no list of givers
    rows = curate("Berlin will give Poland and Moldova €400 million for air defence.\n", "2025-06-26")
    assert cells(rows, "donor") == [("DEU",)]


def test_a_lead_s_one_attack_in_a_country_is_at_the_one_place_told_below():
    rows = curate("Gunmen kill 22 soldiers in Niger\n\nSuspected jihadists killed at least 22 soldiers in an attack "
                  "on an army post in western Niger on Saturday, the defence ministry said.\n\nThe assault on the post "
                  "at Ouallam lasted several hours. About ten attackers were killed in the fighting, the army "
                  "said.\n", "2025-03-10")
    assert cells(rows, "location", "killed", "date_start") == [("Ouallam", 22, "2025-03-08")]


def test_a_lead_s_one_attack_keeps_its_toll_where_the_place_below_tells_a_smaller_one():
    rows = curate("Suspected jihadists killed at least 22 soldiers in an attack on an army post in western Niger on "
                  "Saturday, the defence ministry said.\n\nThe assault on the post at Ouallam began at dawn, and "
                  "around 15 militants were killed in the fighting, the army said.\n", "2025-03-10")
    assert cells(rows, "location", "killed", "date_start") == [("Ouallam", 22, "2025-03-08")]


def test_a_swap_agreed_elsewhere_is_not_there_and_bodies_received_are_at_the_receiver():
    rows = curate("Armenia and Azerbaijan exchanged 32 detainees on Friday under a deal agreed at talks in Geneva, "
                  "officials said.\n\nArmenia also received the remains of 12 soldiers.\n", "2025-05-26")
    assert "Geneva" not in [r["location"] for r in rows]
    assert cells(rows, "location", "topic")[-1] == ("Armenia", "other")


def test_separately_frees_a_town_from_the_region_told_before_and_a_tally_over_regions_is_the_country_s():
    rows = curate("A drone hit a school in Mykolaiv on Monday, wounding two teachers. Separately, a guided bomb "
                  "killed a woman in the town of Kostiantynivka.\n\nUkraine said it had struck an oil depot in "
                  "the Bryansk region overnight. Russia's defence ministry said it downed 38 Ukrainian drones "
                  "over six regions.\n", "2025-06-12")
    assert cells(rows, "location", "admin1") == [
        ("Mykolaiv", "Mykolaiv Oblast"), ("Kostiantynivka", "Donetsk Oblast"), ("Bryansk region", "Bryansk Oblast"),
        ("Russia", "")]
    assert "38 drones" in rows[-1]["quantities"]


def test_howitzers_a_state_buys_for_another_are_military_aid():
    rows = curate("Denmark will buy 18 more howitzers for Ukraine with proceeds from frozen Russian assets, its "
                  "defence ministry said.\n", "2025-06-12")
    assert cells(rows, "location", "topic") == [("Denmark", "military_aid")]


def test_a_share_told_in_a_building_of_a_town_is_the_town_s():
    rows = curate("Air strikes killed at least 26 people across the Gaza Strip on Sunday, including nine in a "
                  "school in Jabalia, medics said.\n", "2025-05-13")
    assert ("Jabalia", 9) in cells(rows, "location", "killed")


def test_a_headline_naming_the_region_of_the_village_below_is_no_row():
    rows = curate("Air strike on Magway village kills 14\n\nA military air strike hit a monastery in the village of "
                  "Kyauk Ta Loke in Magway region's Pauk township on Monday, killing 14 people and two monks, a local "
                  "group said.\n", "2025-05-13")
    assert [r["location"] for r in rows] == ["Kyauk Ta Loke"]


SUMMIT_DAY = """Leaders agree loan for Kyiv

European Union leaders meeting in Brussels on Thursday agreed to lend Ukraine EUR 60 billion over the next two years.

Separately, the G7 finance ministers said in a joint statement that Russian assets would stay frozen.

Turkish President Recep Tayyip Erdogan welcomed Ukrainian President Volodymyr Zelensky to Istanbul on Tuesday. Brazil's president spoke to Putin by phone on Wednesday.
"""


def test_a_summit_day_a_decision_taken_a_body_s_statement_a_host_s_venue_and_a_phone_call():
    rows = curate(SUMMIT_DAY, "2025-12-19")   # a Friday
    assert cells(rows, "location", "topic", "date_start") == [
        ("Brussels", "financial_aid", "2025-12-18"), ("G7", "diplomacy", "2025-12-19"),
        ("Istanbul", "diplomacy", "2025-12-16"), ("Brazil", "diplomacy", "2025-12-17")]


def test_drones_shot_down_in_a_neighbour_s_airspace_are_its_event_as_its_leader_tells():
    rows = curate("Romania says drones violated its airspace\n\nRomania shot down two drones that entered its "
                  "airspace overnight during an attack on southern Ukraine, President Nicusor Dan said on "
                  "Wednesday.\n", "2025-09-10")
    assert cells(rows, "location", "topic") == [("Romania", "other")]


def test_separately_a_strike_told_without_a_place_is_no_more_of_the_one_before():
    rows = curate("Shelling damaged a power line near Enerhodar on Monday, the energy ministry said. Separately, "
                  "a drone struck a workshop, injuring one worker, officials said.\n", "2025-09-10")
    assert len(rows) == 2 and rows[0]["injured"] == ""


def test_a_ministry_s_tally_of_drones_destroyed_over_its_territory_is_its_country_s():
    rows = curate("In the Kharkiv region, two teenagers were wounded in a guided bomb attack on the town of "
                  "Zolochiv.\n\nRussia's Defense Ministry said it had destroyed 33 Ukrainian drones over its "
                  "territory overnight.\n", "2025-04-05")
    assert cells(rows, "location", "quantities") == [("Zolochiv", ""), ("Russia", "33 drones")]


def test_a_district_of_the_city_struck_told_after_it_is_where_the_strike_fell():
    rows = curate("A Russian missile attack on Kyiv killed nine people overnight, in one of the deadliest strikes "
                  "on the capital this year, officials said.\n\nA block of flats in the Darnytskyi district "
                  "partly collapsed after a direct hit.\n", "2025-08-28")
    assert cells(rows, "location", "killed", "quantities") == [("Kyiv", 9, "")]
    assert "Darnytskyi" in rows[0]["evidence"]


def test_a_state_supplied_with_systems_is_where_the_transfer_went():
    rows = curate("Moscow in return has supplied Tehran with air defence systems and fighter jets, according to "
                  "the ministry.\n", "2024-09-12")
    assert cells(rows, "location", "topic") == [("Tehran", "arms_transfer")]


def test_who_the_dead_were_does_not_make_the_framing_region_a_place_of_several():
    rows = curate("In South Darfur, shelling of the Kalma camp killed nine displaced people, including four "
                  "children.\n", "2025-05-08")
    assert cells(rows, "location", "killed") == [("Kalma", 9)]


def test_a_headline_counting_the_regions_the_lede_names_is_no_row_of_the_country():
    rows = curate("Strikes hit power plants in three regions\n\nRussian missiles struck power plants in the Rivne, "
                  "Volyn and Chernivtsi regions overnight, the energy ministry said.\n", "2025-10-11")
    assert [r["country_iso3"] for r in rows] == ["UKR", "UKR", "UKR"]
    assert "Ukraine" not in [r["location"] for r in rows]


def test_a_meeting_at_a_seat_where_a_transfer_is_refused_is_the_meeting_there_that_day():
    rows = curate("Moldova's president met the French president at the Elysee Palace on Friday, where he said "
                  "France would not yet send cruise missiles to Moldova.\n\nEarlier, she met executives of two French "
                  "defence companies and a bank in Paris to discuss air defence systems.\n", "2025-10-18")
    assert cells(rows, "location", "topic", "date_start") == [("Elysee Palace", "diplomacy", "2025-10-17"),
                                                              ("Paris", "diplomacy", "2025-10-18")]


def test_a_statement_opening_with_where_it_was_told_is_there():
    rows = curate("Brussels fined three Chinese banks on Tuesday for helping Russia evade sanctions.\n\nIn Warsaw, "
                  "Polish Prime Minister Donald Tusk welcomed the decision and urged partners to follow.\n",
                  "2025-03-12")
    assert cells(rows, "location", "topic")[1:] == [("Warsaw", "diplomacy")]


def test_an_organisation_s_chief_announcing_on_a_trip_announces_where_the_trip_goes():
    rows = curate("The World Bank's president is expected to unveil $300 million for Ukraine's power grid when he "
                  "travels to Dnipro on Thursday.\n", "2025-03-10")
    assert cells(rows, "location", "topic", "donor") == [("Dnipro", "financial_aid", "World Bank")]


def test_money_announced_on_a_visit_is_aid_not_the_visit():
    rows = curate("Canada's foreign minister announced 90 million Canadian dollars for rebuilding bridges during "
                  "a visit to Mykolaiv.\n", "2025-03-10")
    assert cells(rows, "location", "topic", "donor") == [("Mykolaiv", "financial_aid", "CAN")]


def test_the_counterpart_met_is_not_the_donor():
    rows = curate("The Finnish defence minister met his Ukrainian counterpart in Helsinki and pledged EUR 80 "
                  "million for air defence.\n", "2025-03-10")
    assert cells(rows, "location", "donor", "recipient") == [("Helsinki", "FIN", "UKR")]


def test_a_paragraph_opening_with_another_state_is_its_own_event():
    rows = curate("Ukraine and Russia swapped 84 prisoners of war on Sunday, the coordination headquarters "
                  "said.\n\nRomania said it would buy 54 helicopters.\n", "2025-03-12")
    assert cells(rows, "quantities") == [("84 prisoners",), ("54 helicopters",)]
    assert rows[1]["country_iso3"] == "ROU"


def test_a_state_s_act_on_a_day_of_its_own_is_not_more_of_its_statement():
    rows = curate("Ukrainian President Volodymyr Zelensky urged allies to speed up deliveries of air defence "
                  "systems.\n\nUkraine and Russia exchanged 130 prisoners on Friday, the ombudsman said.\n",
                  "2025-03-12")
    assert cells(rows, "topic", "date_start", "quantities") == [("diplomacy", "2025-03-12", ""),
                                                                ("diplomacy", "2025-03-07", "130 prisoners")]


def test_entities_a_state_listed_are_its_sanctions():
    rows = curate("Australia said separately it had listed 17 entities and 4 people in Iran and Belarus.\n",
                  "2025-04-02")
    assert cells(rows, "location", "topic", "quantities") == [("Australia", "sanctions", "17 entities; 4 people")]


def test_an_appeal_for_money_to_help_people_is_humanitarian():
    rows = curate("The United Nations appealed for $1.9 billion on Monday to help 6 million people in Haiti.\n",
                  "2025-04-02")
    assert cells(rows, "topic", "amount") == [("humanitarian_aid", 1900000000)]


def test_a_convoy_is_where_it_reached():
    rows = curate("A convoy of 14 trucks carrying flour and medicine reached Kadugli on Tuesday, the World Food "
                  "Programme said.\n", "2025-04-02")
    assert cells(rows, "location", "topic") == [("Kadugli", "humanitarian_aid")]


def test_an_institution_of_an_organisation_is_the_organisation():
    rows = curate("The European Parliament voted 402-131, with 40 abstentions, for a resolution calling for more "
                  "air defence for Ukraine.\n", "2025-04-02")
    assert cells(rows, "location", "quantities") == [("European Union", "402 votes; 131 votes; 40 abstentions")]


def test_a_share_told_as_part_of_the_programme_before_is_no_package_of_its_own():
    rows = curate("Austria will allocate 9.5 million euros in winter aid to Ukraine, the foreign ministry said.\n\n"
                  "As part of the winter programme, the UN refugee agency will receive 2 million euros for shelters.\n",
                  "2025-04-02")
    assert cells(rows, "location", "amount") == [("Austria", 9500000)]


def test_a_standing_supply_a_new_paragraph_tells_is_no_act_of_its_own():
    rows = curate("Norway will give NOK 300 million for Ukraine's gas reserves, the government said.\n\nThe "
                  "European Investment Bank will add 40 million euros to the fund.\n\nNorway has been providing "
                  "support to Ukraine since the start of the war.\n", "2025-04-02")
    assert len(rows) == 2


def test_a_village_also_in_a_region_named_as_its_city_is_in_the_region():
    rows = curate("Aircraft bombed a clinic in Magway Region on Monday, killing seven people.\n\nA second strike on "
                  "the village of Zyx Taw, also in Magway, killed three people the same day, residents said.\n",
                  "2025-11-12")
    assert cells(rows, "location", "admin1", "killed") == [("Magway Region", "Magway Region", 7),
                                                           ("Zyx Taw", "Magway Region", 3)]


def test_a_place_the_gazetteer_lacks_around_which_fighting_went_is_kept_in_its_region():
    rows = curate("In Kachin State, fighting around Zyxbum had displaced some 9,000 people, the UN said.\n",
                  "2025-11-12")
    assert cells(rows, "location", "admin1") == [("Zyxbum", "Kachin State")]


def test_troops_sent_to_a_part_of_a_country_go_to_that_country():
    rows = curate("Uganda has sent an additional 1,000 soldiers to the eastern Democratic Republic of Congo, two "
                  "military sources said.\n", "2025-11-12")
    assert cells(rows, "location", "quantities") == [("Democratic Republic of Congo", "1000 troops")]


def test_a_region_s_toll_shared_out_over_its_towns_in_the_next_sentence():
    rows = curate("Zaporizhzhia Oblast: Russian attacks killed five people and injured 12, Governor Ivan Fedorov "
                  "said. Four of the dead were in Huliaipole and one in Orikhiv.\n", "2025-06-15")
    assert cells(rows, "location", "killed", "injured") == [("Zaporizhzhia Oblast", "", 12), ("Huliaipole", 4, ""),
                                                            ("Orikhiv", 1, "")]


def test_a_lede_s_region_told_again_by_a_drone_tally_still_sums_its_towns():
    rows = curate("Drones attacked nine settlements in Russia's Kursk region over the past day, injuring four people, "
                  "the governor said.\n\nIn the Rylsk district, a drone hit a bus in the village of Zyxovka, wounding "
                  "three men.\n\nA woman was injured in Lgov.\n\nIn the Glushkovo district, a shop was damaged.\n\n"
                  "The Defence Ministry said air defences had destroyed 30 drones overnight, including 9 over the "
                  "Kursk region.\n", "2025-06-15")
    region = [r for r in rows if r["location"] == "Kursk region"]
    assert cells(region, "killed", "injured", "quantities") == [("", "", "9 settlements; 9 drones")]


def test_a_regional_governor_s_title_is_no_place_of_the_strike():
    rows = curate("A Russian glide bomb killed two people in the town of Druzhkivka on Tuesday evening, Donetsk "
                  "regional governor Vadym Filashkin said.\n", "2025-06-12")
    assert cells(rows, "location", "killed") == [("Druzhkivka", 2)]


def test_a_regional_governor_telling_of_the_city_tells_of_the_region_s_own_city():
    rows = curate("Russian attacks on the Sumy and Poltava regions and the port city of Mykolaiv killed two civilians "
                  "and injured others, officials said on Saturday.\n\nTwo people were killed in the town of Romny, the "
                  "Sumy governor said.\n\nIn the south, Mykolaiv regional governor Vitaliy Kim said three people had "
                  "been injured in the city by a missile strike.\n", "2025-06-12")
    assert ("Mykolaiv", "", 3) in cells(rows, "location", "killed", "injured")


def test_talks_told_in_a_clause_of_a_strike_s_sentence_are_talks():
    rows = curate("Air strikes killed 14 people in the town of Zalingei on Friday, local doctors said, as envoys "
                  "resumed talks in Jeddah.\n", "2025-03-08")
    assert cells(rows, "location", "topic") == [("Zalingei", "attack"), ("Jeddah", "diplomacy")]


def test_a_city_framed_by_its_part_of_the_land_is_no_place_of_the_town_struck_in_it():
    rows = curate("In northern Gaza, six people were killed when a strike hit a clinic in Beit Lahia, the civil "
                  "defence agency said.\n", "2025-03-08")
    assert cells(rows, "location", "killed") == [("Beit Lahia", 6)]


def test_a_country_framing_the_sentence_ends_the_region_told_before():
    rows = curate("US air strikes hit the port of Ras Isa in Hodeidah province overnight, killing nine people.\n\n"
                  "In Lebanon, an Israeli drone strike on a motorbike in the southern town of Bint Jbeil killed one "
                  "man, the state news agency said.\n", "2025-05-06")
    assert cells(rows, "location", "country_iso3")[-1] == ("Bint Jbeil", "LBN")


def test_a_ship_at_sea_reported_again_in_its_paragraph_is_one_event_of_shipping():
    rows = curate("Houthi rebels said they had targeted a Panama-flagged bulk carrier in the Gulf of Aden with two "
                  "missiles. The UK Maritime Trade Operations agency said a vessel reported a blast nearby about 80 "
                  "nautical miles east of Aden, and that its crew were safe.\n", "2025-05-06")
    assert cells(rows, "location", "topic") == [("Gulf of Aden", "maritime_security")]


def test_a_headline_of_a_ship_attacked_at_sea_folds_into_the_lede_s_strike_there():
    rows = curate("Rebels claim attack on tanker in Red Sea\n\nYemen's Houthi rebels said they had fired drones at a "
                  "Malta-flagged tanker in the Red Sea on Monday.\n", "2025-05-06")
    assert cells(rows, "location", "topic") == [("Red Sea", "maritime_security")]


def test_a_loan_backed_by_profits_from_frozen_assets_is_the_loan_s_figure():
    rows = curate("Canada said it would lend Ukraine $2 billion backed by profits from frozen Russian assets.\n",
                  "2025-02-13")
    assert cells(rows, "location", "amount", "currency") == [("Canada", 2000000000, "USD")]


def test_a_clause_s_state_that_gives_only_counts_is_its_own_pledge():
    rows = curate("Denmark said it would send 40,000 shells this year, and Finland pledged EUR 90 million for "
                  "air defence.\n", "2025-02-13")
    assert sorted(cells(rows, "location", "donor", "amount", "quantities")) == [
        ("Denmark", "DNK", "", "40000 shells"), ("Finland", "FIN", 90000000, "")]


def test_a_package_told_with_a_share_is_one_event_of_the_package_s_kind():
    rows = curate("Belgium has allocated some EUR 3 billion in support to Ukraine since 2022, including roughly "
                  "EUR 1 billion worth of weapons and military equipment.\n", "2025-02-13")
    assert cells(rows, "location", "topic", "amount") == [("Belgium", "financial_aid", 3000000000)]


def test_a_motive_the_attackers_say_they_have_is_no_strike():
    rows = curate("Houthi rebels fired two drones at a cargo ship in the Gulf of Aden on Monday.\n\nThe rebels say "
                  "their attacks are in solidarity with Palestinians in Rafah.\n", "2025-04-22")
    assert [r["location"] for r in rows] == ["Gulf of Aden"]


def test_a_missile_fired_at_a_state_s_base_is_an_attack_on_that_state_which_reports_it():
    rows = curate("Yemen's Houthis said they had fired a ballistic missile at an Israeli air base overnight.\n\n"
                  "The Israeli military said the missile was intercepted before it crossed into Israeli territory.\n",
                  "2025-04-22")
    assert cells(rows, "location", "topic") == [("Israel", "attack")]


def test_a_list_of_weapons_sent_to_a_state_is_a_transfer_there():
    rows = curate("North Korea has sent about 3 million artillery shells and 150 long-range rocket launchers to "
                  "Russia, Seoul's spy agency told lawmakers on Tuesday.\n", "2025-11-05")
    assert cells(rows, "location", "topic", "quantities") == [("Russia", "arms_transfer",
                                                               "around 3000000 shells; 150 launchers")]


def test_bodies_pulled_from_the_rubble_are_more_of_the_strike():
    rows = curate("A Russian missile strike on the city of Poltava on Saturday killed 14 people, the governor "
                  "said.\n\nRescuers pulled three more bodies from the rubble overnight, the emergency service "
                  "said.\n", "2025-04-14")
    assert cells(rows, "location", "topic") == [("Poltava", "attack")]


def test_elsewhere_in_a_region_frames_the_village_that_follows():
    rows = curate("Elsewhere in Kharkiv Oblast, a drone hit a car in the village of Pisochyn, killing two men, "
                  "the governor said.\n", "2025-04-14")
    assert cells(rows, "location", "killed") == [("Pisochyn", 2)]


def test_an_organisation_s_head_speaking_is_its_statement():
    rows = curate("A Russian drone crashed in a field in eastern Romania overnight, the defence ministry said.\n\n"
                  "NATO Secretary General Mark Rutte said the allies would hold consultations under Article 4 at the "
                  "request of Bucharest.\n", "2025-09-12")
    assert ("NATO", "diplomacy") in cells(rows, "location", "topic")
    assert "Bucharest" not in [r["location"] for r in rows]


def test_a_state_named_as_the_subject_of_a_statement_is_its_statement():
    rows = curate("A Russian drone crashed in a field in eastern Romania overnight, the defence ministry said.\n\n"
                  "Moldova said it had warned Romania about drones straying across the border.\n", "2025-09-12")
    assert ("Moldova", "diplomacy") in cells(rows, "location", "topic")


def test_a_state_dropping_its_veto_is_its_own_act():
    rows = curate("EU governments adopted a new sanctions package on Thursday.\n\nHungary dropped its veto after "
                  "securing an exemption for oil imports, the prime minister said.\n", "2025-10-23")
    assert ("Hungary", "diplomacy") in cells(rows, "location", "topic")


def test_a_headline_of_a_strike_amid_fighting_folds_into_the_lede_s_strike():
    rows = curate("Drones hit Kassala for third day as fighting rages in Darfur\n\nDrones launched by the paramilitary "
                  "Rapid Support Forces struck fuel depots in Kassala on Friday, the army said.\n", "2025-05-10")
    assert cells(rows, "location", "topic", "date_start") == [("Kassala", "attack", "2025-05-09")]


def test_units_and_towns_where_things_happen_make_the_theatre_of_a_namesake():
    # Egypt is named more often than Gaza, but the strikes fall in Gaza's units: its Rafah, not Egypt's
    rows = curate("Shelling killed four people in Khan Younis in the southern Gaza Strip, medics said. Three more "
                  "were killed in Rafah, where tanks advanced overnight.\n\n"
                  "Egypt's envoy met Qatar's prime minister in Cairo on Monday, Egypt's state media said.\n",
                  "2025-06-03")
    assert ("Rafah", "PSE") in cells(rows, "location", "country_iso3")


def test_a_region_frame_with_an_adjective_locates_the_town_it_frames():
    rows = curate("In the occupied West Bank, soldiers shot dead a teenager during a raid on the town of Tubas, "
                  "the health ministry said.\n", "2025-06-03")
    assert cells(rows, "location", "killed") == [("Tubas", 1)]


def test_another_attack_told_after_a_region_s_strike_is_in_that_region_and_no_total_of_it():
    rows = curate("In the southern Mykolaiv region, a drone injured a tractor driver near Bashtanka, the regional "
                  "governor said.\n\nHe added that four people had been hurt in another attack overnight that "
                  "damaged a power line.\n", "2025-06-03")
    assert cells(rows, "location", "injured") == [("Bashtanka", 1), ("Mykolaiv Oblast", 4)]


def test_weapons_a_package_pays_for_are_aid_not_a_strike_and_a_defence_budget_is_no_aid():
    rows = curate("Norway will give Ukraine 2 billion kroner in military aid, its defence minister said on Monday.\n\n"
                  "The money will pay for missiles and air defence systems, he told a news conference in Oslo.\n\n"
                  "Estonia's government approved a military budget of 5% of GDP on Tuesday.\n", "2025-06-05")
    # the money's purpose and the venue it was told at are the pledge's: one row
    assert [(r["topic"], r["amount"]) for r in rows if r["location"] != "Estonia"] == [("military_aid", 2e9)]
    assert ("Estonia", "financial_aid") not in cells(rows, "location", "topic")


def test_a_statement_about_the_site_of_an_earlier_strike_folds_into_that_strike():
    rows = curate("An air strike hit a hospital in Khan Younis, killing four people, medics said.\n\n"
                  "Five more people were killed in Nuseirat, where tanks moved into the eastern outskirts.\n\n"
                  "The military said it had targeted gunmen hiding inside the hospital.\n", "2025-06-05")
    assert cells(rows, "location", "killed") == [("Khan Younis", 4), ("Nuseirat", 5)]
    assert "gunmen" in rows[0]["evidence"]


def test_a_lede_s_dead_in_a_village_of_a_region_and_the_named_village_s_wounded_below_are_one_strike():
    rows = curate("A drone strike killed nine people in a village in North Kordofan state on Sunday, activists said."
                  "\n\nThe drone hit a crowded market in the village of Um Sumeima, they said. Twelve others were "
                  "wounded.\n", "2025-06-05")
    assert cells(rows, "location", "killed", "injured") == [("Um Sumeima", 9, 12)]


@pytest.mark.parametrize("sentence", [
    "Canada will lend Ukraine $2.5 billion from the windfall profits of immobilised Russian assets, Ottawa said, "
    "as part of a $50 billion G7 loan.",
    "Canada will lend Ukraine $2.5 billion as its share of a $50 billion G7 loan, Ottawa said.",
])
def test_a_share_drawn_from_asset_profits_is_the_donor_s_and_the_organisation_s_programme_is_its_own_row(sentence):
    rows = curate(sentence + "\n", "2025-05-13")
    assert cells(rows, "location", "donor", "amount") == [("Canada", "CAN", 2.5e9), ("G7", "G7", 5e10)]
    assert rows[0]["part_of"].startswith("G7 loan")


def test_the_package_announced_at_a_venue_is_the_measures_just_told_not_a_meeting_of_its_own():
    rows = curate("Australia on Monday imposed sanctions on 15 Russian banks and 40 individuals.\n\n"
                  "Foreign Minister Penny Wong unveiled the measures in Geneva, where she was attending a "
                  "human rights forum.\n", "2025-06-04")
    assert cells(rows, "location", "topic") == [("Geneva", "sanctions")]


def test_a_donor_that_will_deliver_weapons_to_a_state_gives_military_aid():
    rows = curate("Spain will deliver 60 anti-aircraft missiles to Ukraine by the summer, its defence minister said "
                  "on Monday.\n", "2025-06-04")
    assert cells(rows, "location", "topic", "donor") == [("Spain", "military_aid", "ESP")]


def test_a_word_of_a_village_s_name_is_no_place_of_its_own():
    # ("Zelenyi" alone is another name of a town elsewhere, "Kut" a village elsewhere)
    rows = curate("Russian troops captured the village of Zelenyi Kut in the Kharkiv region, the defence ministry "
                  "in Moscow said on Monday.\n", "2025-06-04")
    assert cells(rows, "location", "admin1") == [("Zelenyi Kut", "Kharkiv Oblast")]


def test_rebels_seizing_a_town_and_soldiers_and_civilians_killed_in_the_fighting():
    rows = curate("Rebels pushed toward Uvira on Saturday after seizing the town of Kamanyola, residents said.\n\n"
                  "At least 15 soldiers and civilians were killed in the fighting around Kamanyola, an official "
                  "said.\n", "2025-02-17")
    # the lede's seizing is the fighting's day
    assert ("Kamanyola", "combat", 15, "2025-02-15") in cells(rows, "location", "topic", "killed", "date_start")


def test_the_striker_s_word_on_the_strikes_just_told_is_no_statement_row():
    rows = curate("A drone strike on a motorcycle near the town of Nabatieh killed one man, the health ministry said.\n\n"
                  "The Israeli army said it had struck a Hezbollah commander.\n", "2025-02-17")
    assert cells(rows, "location", "topic", "killed") == [("Nabatieh", "attack", 1)]


def test_a_town_s_strike_of_another_day_is_no_part_of_the_region_s_toll():
    rows = curate("Russian shelling of the Sumy region on Saturday killed two people and injured five, the governor "
                  "said.\n\nOn Sunday, a drone hit a school in Konotop, injuring three people.\n", "2025-06-02")
    assert cells(rows, "location", "killed", "injured") == [("Sumy region", 2, 5), ("Konotop", "", 3)]


def test_a_seat_in_a_speaker_s_title_is_the_state_speaking():
    rows = curate("John Carter, a deputy assistant secretary at the Pentagon, said the drone strikes were meant to "
                  "wear down air defences.\n", "2025-03-02")
    assert cells(rows, "location", "topic") == [("United States", "diplomacy")]


def test_a_striker_s_claim_about_arms_plants_and_its_seat_s_denial_are_one_statement():
    rows = curate("Russia's army claimed its drone raid on Ukraine targeted plants producing shells and drones. Asked "
                  "about civilian deaths, Kremlin spokesman Dmitry Peskov said the army does not hit homes.\n",
                  "2025-03-02")
    assert cells(rows, "location", "topic") == [("Russia", "diplomacy")]


def test_a_package_announced_at_a_meeting_takes_the_figure_told_next_and_the_meeting_is_its_own_row():
    rows = curate("Canada is set to unveil a new drone package for Ukraine as its prime minister prepares to meet "
                  "Nordic leaders in Oslo on Tuesday. According to his office, he will announce Canada's plan to "
                  "supply thousands of drones under a C$200m contract.\n", "2025-06-09")
    assert cells(rows, "location", "topic", "amount", "donor") == [
        ("Oslo", "military_aid", 2e8, "CAN"), ("Oslo", "diplomacy", "", "")]


@pytest.mark.parametrize("sentence, place", [
    ("Ukraine's president made an emotional appeal on Tuesday to the Canadian parliament for more air defences.",
     "Canada"),
    ("Georgia's ambassador urged Turkish President Erdogan to mediate.", "Turkey"),
])
def test_a_statement_to_a_legislature_or_an_envoy_s_plea_to_a_leader_is_where_it_is_addressed(sentence, place):
    rows = curate(sentence + "\n", "2025-06-10")
    assert cells(rows, "location", "topic") == [(place, "diplomacy")]


def test_vessels_designated_are_sanctions_and_a_denial_is_the_denier_s_not_the_receiver_s():
    rows = curate("The State Department on Monday designated six vessels that it said had carried North Korean "
                  "shells to Russian ports on the Sea of Japan.\n\nNorth Korea's foreign ministry condemned the "
                  "move and denied that Pyongyang had shipped any shells to Moscow.\n", "2025-06-12")
    got = cells(rows, "topic", "country_iso3")
    assert got == [("sanctions", "USA"), ("diplomacy", "PRK")]


@pytest.mark.parametrize("sentence, holder", [
    ("The value of frozen Russian sovereign assets in Belgium is about 190 billion euros.", "Belgium"),
    ("Frozen Russian state assets in Canada are worth about C$20 billion.", "Canada"),
])
def test_frozen_assets_held_somewhere_are_the_holder_s_not_the_owner_s(sentence, holder):
    rows = curate(sentence + "\n", "2025-06-12")
    assert cells(rows, "location", "topic") == [(holder, "sanctions")]


# A day of pledges at a donors' meeting, names and figures of my own
PLEDGING_DAY = """\
Allies pledge more drones at Wiesbaden meeting

Defence ministers from some 40 countries met at Wiesbaden in Germany on Tuesday to coordinate military aid for Ukraine.

Denmark pledged 600 million kroner for drones, while Sweden said it would give 1 billion kronor for artillery.

Polish Defence Minister Jan Nowak said Poland would deliver 200 Piorun missiles this year.

Ukraine's defence minister thanked the allies and said Ukraine needed at least six more air defence systems.

The next meeting of the group will be held in Vilnius.
"""


def test_a_donors_meeting_its_pledges_a_coming_supply_and_a_request():
    rows = curate(PLEDGING_DAY, "2025-06-11")
    got = cells(rows, "location", "topic")
    assert got[0] == ("Wiesbaden", "diplomacy")   # the meeting; the headline with nothing of its own is its
    assert ("Denmark", "military_aid") in got and ("Sweden", "military_aid") in got
    assert ("Poland", "military_aid") in got      # "would deliver 200 more mortars"
    assert ("Ukraine", "diplomacy") in got        # what Ukraine needs is asked for, not given
    assert ("Vilnius", "diplomacy") in got        # the next meeting is another one, not where the request was made
    assert len(got) == 6


def test_a_state_that_would_deliver_weapons_gives_them_with_no_recipient_named():
    rows = curate("British Defence Secretary Jane Doe said Britain would deliver 120 Brimstone missiles this year.\n",
                  "2025-06-11")
    assert cells(rows, "country_iso3", "topic") == [("GBR", "military_aid")]


@pytest.mark.parametrize("sentence, expected", [
    # the figures of a "where" clause are the place's it hangs on, also past an apposition
    ("Shells fell on Sennar and a drone struck a bus station in Kosti, where nine passengers died.",
     [("Sennar", ""), ("Kosti", 9)]),
    ("The militia shelled Sennar and accused the army of bombing a clinic in Kosti, a city on the White Nile, "
     "where it said 14 patients died.", [("Sennar", ""), ("Kosti", 14)]),
    # people named by their work: "a port worker"
    ("A drone hit the port of Kosti, where a port worker was killed and two crane drivers were hurt.",
     [("Kosti", 1)]),
])
def test_a_where_clause_gives_its_figures_to_its_place(sentence, expected):
    rows = curate(sentence + "\n", "2025-06-12")
    assert cells(rows, "location", "killed") == expected


@pytest.mark.parametrize("reaction, expected", [
    # a condemnation of the strikes just told is the condemning state's statement, not more of the strikes
    ("Jordan condemned the raids as a breach of international law.", ("Jordan", "diplomacy", "JOR")),
    ("The foreign ministry in Amman denounced the latest bombing.", ("Amman", "diplomacy", "JOR")),
])
def test_a_condemnation_of_strikes_is_a_statement_of_its_own(reaction, expected):
    rows = curate("Warplanes struck a convoy near the town of Jenin, the army said. " + reaction + "\n", "2025-06-12")
    assert cells(rows, "location", "topic")[0] == ("Jenin", "attack")
    assert cells(rows, "location", "topic", "country_iso3")[1:] == [expected]


def test_a_headline_of_two_places_folds_into_the_lede_at_each():
    text = ("Shelling kills 12 in Goma as peace talks open in Luanda\n\n"
            "Shelling killed 12 people in Goma on Monday, officials said, as delegations gathered in Luanda for "
            "a new round of peace talks.\n")
    rows = curate(text, "2025-06-10")
    assert cells(rows, "location", "topic") == [("Goma", "attack"), ("Luanda", "diplomacy")]


@pytest.mark.parametrize("trend", [
    "Fighting between the army and the rebels has escalated in recent weeks in the province.",
    "Clashes have intensified over the past two months around Bunia, residents said.",
])
def test_a_trend_of_recent_weeks_is_no_incident(trend):
    text = "A drone struck a market in Bunia on Monday, killing five people.\n\n" + trend + "\n"
    rows = curate(text, "2025-06-12")
    assert cells(rows, "location", "topic", "killed") == [("Bunia", "attack", 5)]


@pytest.mark.parametrize("sentence", [
    # a township the text puts in a region is in that region, never a great city of the name abroad
    "Junta jets bombed a school in Magway region's Salem township on Monday, killing nine pupils.",
    "Junta jets bombed a school in Salem township in Magway region on Monday, killing nine pupils.",
    "Junta jets bombed a school in Salem township, Magway region, on Monday, killing nine pupils.",
])
def test_a_township_of_a_named_region_stays_in_it(sentence):
    rows = curate(sentence + "\n", "2025-06-12")
    assert cells(rows, "admin1", "country_iso3", "killed") == [("Magway Region", "MMR", 9)]


def test_a_report_on_the_ship_attacked_in_the_next_paragraph_tells_on_that_attack():
    text = ("The rebels said on Monday they had fired a drone at a bulk carrier in the Gulf of Aden.\n\n"
            "A French maritime agency said a vessel reported an explosion in the water nearby, but no damage or "
            "injuries.\n")
    rows = curate(text, "2025-06-10")
    assert cells(rows, "location", "topic") == [("Gulf of Aden", "maritime_security")]
    assert "explosion in the water" in rows[0]["evidence"]


@pytest.mark.parametrize("flight", [
    "and hundreds of families fled towards Uvira",
    "while residents escaped to the nearby town of Uvira",
])
def test_where_people_fled_to_is_no_place_of_the_fighting(flight):
    text = ("Rebels seized the town of Kabare on Tuesday after clashes with the army, officials said.\n\n"
            f"At least nine civilians were killed by shells in the fighting, {flight}, a local leader said.\n")
    rows = curate(text, "2025-06-12")
    assert cells(rows, "location", "killed") == [("Kabare", 9)]


@pytest.mark.parametrize("sentence", [
    # a named site of the town the sentence names is in that town, whatever place its name recalls
    "In Kismayo, a car bomb killed four people near the Baccarat hotel, police said.",
    "A car bomb killed four people outside the Lyon mosque in Kismayo, police said.",
])
def test_a_named_site_of_a_town_is_no_place_of_its_own(sentence):
    text = "Militants attacked an army base in the Lower Juba region on Monday.\n\n" + sentence + "\n"
    rows = curate(text, "2025-06-12")
    assert cells(rows, "location", "killed")[-1:] == [("Kismayo", 4)] and len(rows) == 2


def test_a_lede_of_one_site_stormed_in_a_region_is_the_towns_told_below():
    text = ("Gunmen stormed a police post in the Far North region on Sunday, killing six officers, officials said.\n\n"
            "The attackers set fire to the post in the town of Mora after a firefight, a local official said. Three "
            "officers were wounded.\n")
    rows = curate(text, "2025-06-12")
    assert cells(rows, "location", "killed", "injured") == [("Mora", 6, 3)]


def test_a_meeting_on_the_sidelines_is_at_the_summit_s_city():
    text = ("EU leaders meeting in Copenhagen on Thursday agreed to open accession talks with Moldova.\n\n"
            "On the sidelines, the Moldovan president met the Danish prime minister to discuss energy aid.\n")
    rows = curate(text, "2025-06-27")
    assert cells(rows, "location", "topic", "geo_precision") == [("Copenhagen", "diplomacy", "point")] * 2


@pytest.mark.parametrize("sentence", [
    # a warning of sanctions is a statement, told where the speaker spoke
    "Japan's foreign minister, speaking in Paris alongside her French counterpart, warned that the deliveries would "
    "bring new sanctions.",
    "Japan's foreign minister, speaking in Paris alongside her French counterpart, threatened that Tokyo could widen "
    "its sanctions.",
])
def test_a_warning_of_sanctions_is_a_statement_where_it_was_spoken(sentence):
    rows = curate(sentence + "\n", "2025-06-27")
    assert cells(rows, "location", "topic") == [("Paris", "diplomacy")]


def test_a_package_told_on_with_the_ministers_meeting_that_adopted_it_is_one_measure_at_the_venue():
    text = ("The European Union on Monday adopted new sanctions against Belarus, listing 40 officials.\n\n"
            "The measures, approved by foreign ministers meeting in Strasbourg, also target 12 state companies.\n")
    rows = curate(text, "2025-06-24")
    assert cells(rows, "location", "topic") == [("Strasbourg", "sanctions")]
    assert "12 " in rows[0]["quantities"] and "40 " in rows[0]["quantities"]


def test_the_arrival_of_goods_just_transferred_tells_on_the_transfer():
    text = ("Pyongyang has shipped 8,000 artillery shells to Russia, South Korean officials said on Monday.\n\n"
            "The shells arrived at a Russian port on the Sea of Japan last week, one official said.\n")
    rows = curate(text, "2025-06-24")
    assert cells(rows, "location", "topic") == [("Russia", "arms_transfer")]


def test_a_state_calling_the_reports_false_is_its_statement():
    text = ("Belarus has sent 30 tanks to Russia, Polish intelligence said on Monday.\n\n"
            "A Belarusian foreign ministry spokesman called the reports \"a crude fabrication\".\n")
    rows = curate(text, "2025-06-24")
    assert cells(rows, "location", "topic") == [("Russia", "arms_transfer"), ("Belarus", "diplomacy")]


def test_the_dead_included_shares_a_regions_toll_among_its_towns():
    text = ("Sumy Oblast: Four people were killed and nine injured. The dead included three men in Okhtyrka, while "
            "a woman died in the village of Trostianets, the governor said.\n")
    rows = curate(text, "2025-08-14")
    assert cells(rows, "location", "killed", "injured") == [("Sumy Oblast", "", 9), ("Okhtyrka", 3, ""),
                                                            ("Trostianets", 1, "")]


@pytest.mark.parametrize("frame", ["In the capital Kinshasa,", "In Kinshasa,"])
def test_a_neighbourhood_of_the_framing_city_is_one_row_with_its_figures(frame):
    text = f"{frame} police said they had killed nine gunmen in an operation in the Gombe neighbourhood.\n"
    rows = curate(text, "2025-06-14")
    assert [r["killed"] for r in rows] == [9] and rows[0]["country_iso3"] == "COD"


@pytest.mark.parametrize("text, expected", [
    # an earlier event cited as the cause is no place or toll of the one told
    ("Rwanda launched drone strikes on six sites in Burundi early on Monday, the army said, two weeks after a raid "
     "on a market in Rubavu killed 19 people.\n", [("Burundi", "attack", "")]),
    ("Militiamen burned the town of Mora on Friday, killing at least 14 people.\n\nThe attack came a week after "
     "militiamen seized the town of Kousseri, forcing 3,000 people to flee.\n", [("Mora", "attack", 14)]),
    ("Officials said on Friday, two weeks after the shelling, that four people were killed in Maroua.\n",
     [("Maroua", "attack", 4)]),
])
def test_an_earlier_event_cited_as_the_cause_is_no_part_of_the_event(text, expected):
    # (a cause set off by commas ends at the next one: "said on Monday, two days after the shelling, that ...")
    rows = curate(text, "2025-06-14")
    assert cells(rows, "location", "topic", "killed") == expected
    assert all("3000" not in r["quantities"] for r in rows)


@pytest.mark.parametrize("sentence, admin1", [
    # a unit whose name joins two words with "and" is one name, and a district of it is its own
    ("Cross-border shelling wounded six villagers in Jammu and Kashmir on Monday.", "Jammu and Kashm\u012br"),
    ("Cross-border shelling wounded six villagers in the Poonch district of Jammu and Kashmir on Monday.",
     "Jammu and Kashm\u012br"),
])
def test_a_region_named_with_and_and_its_district_stay_in_that_country(sentence, admin1):
    rows = curate(sentence + "\n", "2025-05-14")
    assert cells(rows, "admin1", "country_iso3", "injured") == [(admin1, "IND", 6)]


def test_aid_dropped_over_a_city_is_there():
    rows = curate("Egypt and Qatar carried out airdrops of flour and medicine over Khan Younis, their armies said.\n",
                  "2025-06-17")
    assert cells(rows, "location", "topic") == [("Khan Younis", "humanitarian_aid")]


@pytest.mark.parametrize("sentence, expected", [
    # military people other than "troops" sent somewhere, and troops a state takes in, are a movement
    ("Pyongyang will send 3,000 military sappers and builders to Russia's Belgorod region, Seoul's spy agency said.",
     ("Belgorod region", "troop_movement", "3000")),
    ("Serbia said it would host 2,000 Hungarian troops for joint drills in October.", ("Serbia", "troop_movement", "2000")),
])
def test_military_people_sent_or_hosted_are_a_troop_movement(sentence, expected):
    rows = curate(sentence + "\n", "2025-07-15")
    assert [(r["location"], r["topic"], r["quantities"].split()[0]) for r in rows] == [expected]


def test_where_an_agency_told_lawmakers_is_no_place_of_the_deployment():
    text = ("About 2,000 soldiers arrived in the Kursk region in May, the spy agency told lawmakers in Seoul.\n")
    rows = curate(text, "2025-07-15")
    assert cells(rows, "location", "topic") == [("Kursk region", "troop_movement")]


@pytest.mark.parametrize("sentence, expected", [
    # where people sheltered in the struck town is that town, and a town's site beside another town keeps it
    ("Residents fled into basements in Kherson as shells fell, killing two people.", [("Kherson", 2)]),
    ("Missiles hit the Kharkiv hospital and a school in Sumy, killing three people.", [("Kharkiv", ""), ("Sumy", "")]),
])
def test_shelter_in_a_town_and_a_site_named_for_a_town_keep_their_town(sentence, expected):
    rows = curate(sentence + "\n", "2025-06-14")
    assert cells(rows, "location", "killed") == expected


def test_a_strike_of_the_day_before_told_beside_is_no_cause():
    text = "Drones hit Garoua on Tuesday, a day after shells killed six people in Maroua, officials said.\n"
    rows = curate(text, "2025-06-14")
    assert ("Maroua", 6) in cells(rows, "location", "killed")


@pytest.mark.parametrize("text, expected", [
    # a province that is a second-level unit of the text's country, not a namesake village abroad
    ("Gunmen killed 14 villagers in Bam province in northern Burkina Faso on Sunday, the army said.\n",
     [("Centre-Nord Region", "BFA", 14)]),
    ("Jihadists attacked a convoy in Kossi province on Sunday, killing nine soldiers, Burkina Faso's army said.\n",
     [("Boucle du Mouhoun Region", "BFA", 9)]),
    ("Rebels ambushed a patrol in Samar province, killing five soldiers, the Philippine army said on Sunday.\n",
     [("Eastern Visayas", "PHL", 5)]),
])
def test_a_province_that_is_a_second_level_unit_stays_in_the_texts_country(text, expected):
    rows = curate(text, "2025-03-10")
    assert cells(rows, "admin1", "country_iso3", "killed") == expected


@pytest.mark.parametrize("text, expected", [
    # the strike just told, said again with the district or province of its town: one row, figures completed
    ("Gunmen attacked a police post in Djibo on Friday, killing 12 officers, officials said.\n\n"
     "The attack on the post, in the Soum province, lasted two hours. Another 7 officers were wounded.\n",
     [("Djibo", 12, 7)]),
    ("A missile struck a warehouse in Bucha on Friday, killing two workers.\n\n"
     "The strike, in the Buchanskyi district, also wounded five people, police said.\n",
     [("Bucha", 2, 5)]),
])
def test_the_strike_told_again_with_its_towns_district_is_one_row(text, expected):
    rows = curate(text, "2025-03-08")
    assert cells(rows, "location", "killed", "injured") == expected


@pytest.mark.parametrize("who", [
    # who came home in an exchange, and their past, is no fighting of its own
    "Among those released were troops captured near Vovchansk and medics who served in Kherson.",
    "The freed servicemen included marines wounded in Bakhmut.",
    "Those swapped on Saturday were mostly seized during the fighting for Avdiivka, officials said.",
])
def test_who_was_freed_in_an_exchange_is_no_event_of_its_own(who):
    text = f"Kyiv and Moscow exchanged 84 prisoners of war each on Saturday, both sides said.\n\n{who}\n"
    rows = curate(text, "2025-03-10")
    assert cells(rows, "topic", "quantities") == [("diplomacy", "84 prisoners")]


@pytest.mark.parametrize("follow", [
    "In addition, the package provides a further EUR 30 million for demining equipment.",
    "Aid Package 12 also allocates another EUR 30 million for demining equipment.",
    "Additionally, this package sets aside an extra EUR 30 million for demining equipment.",
])
def test_more_money_that_the_package_itself_provides_is_a_share_of_it(follow):
    rows = curate("Portugal's defence minister announced on Tuesday a military aid package for Ukraine worth "
                  "EUR 120 million, the ministry said.\n\n" + follow + "\n", "2025-03-04")
    assert [(r["location"], r["amount"]) for r in rows] == [("Portugal", 1.2e8)], \
        [(r["location"], r["amount"]) for r in rows]
    assert "30000000 EUR" in rows[0]["amounts"], rows[0]["amounts"]


def test_a_new_package_of_the_same_donor_is_still_a_package_of_its_own():
    rows = curate("Portugal's defence minister announced on Tuesday a military aid package for Ukraine worth "
                  "EUR 120 million, the ministry said.\n\nIn addition, the government approved another "
                  "EUR 30 million for demining equipment.\n", "2025-03-04")
    assert sorted(r["amount"] for r in rows) == [3e7, 1.2e8], [(r["location"], r["amount"]) for r in rows]


@pytest.mark.parametrize("quote", [
    "\"Ukraine's need for air defence remains great, and the best way to help is to strengthen its own industry,\" "
    "Hakkanen said.",
    "\"The needs of Ukraine's armed forces are still enormous. We will keep helping,\" the minister said.",
    "Ukraine's defence needs remain immense, Hakkanen told reporters.",
])
def test_a_word_on_the_recipient_s_needs_after_a_package_is_no_aid_of_its_own(quote):
    rows = curate("Finland's defence minister Antti Hakkanen announced on Tuesday a military aid package for "
                  "Ukraine worth EUR 190 million.\n\n" + quote + "\n", "2025-03-04")
    assert [(r["location"], r["amount"]) for r in rows] == [("Finland", 1.9e8)], \
        [(r["location"], r["amount"]) for r in rows]
