"""Place finding on short texts written for these tests: each class of phenomenon
(a place located in a unit, districts, launch sites, flags, armed groups, the
theatre of a text) in a few wordings."""
from __future__ import annotations

import pytest

from dashboard.curation import lexicon
from dashboard.curation.gazetteer import fold, load_gazetteer
from dashboard.curation.places import find_actors, find_places, theatre


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def places(text, gz, **kw):
    kw.setdefault("theatre", theatre(text, gz))
    return find_places(text, gz, **kw)


def events(text, gz, **kw):
    return [m for m in places(text, gz, **kw) if m.role == "event"]


def test_lexicon_says_where_its_words_come_from():
    words = lexicon.load("places")
    assert words["source"].strip()
    assert "oblast" in words["admin_words"] and "hromada" in words["admin_words"]


# --- the theatre comes from the text ------------------------------------------

@pytest.mark.parametrize("text, first", [
    ("Ukrainian officials said Russian drones hit Kharkiv Oblast and Sumy Oblast.", "UKR"),
    ("Syrian government forces shelled villages in Idlib Governorate, Syria's last rebel enclave.", "SYR"),
    ("Sudanese troops and the RSF fought near El Fasher in North Darfur State, Sudan.", "SDN"),
    ("Russian air defences downed drones over the Belgorod region and the Kursk region, Russia said.", "RUS"),
    # its people or forces count for less than where it happens
    ("Ukrainian drones and Ukrainian missiles hit the Belgorod region; Ukrainian artillery also fired, "
     "the governor said.", "RUS"),
])
def test_theatre_is_the_countries_the_text_names(gz, text, first):
    assert theatre(text, gz)[0] == first


@pytest.mark.parametrize("text, first", [
    # units and towns named where things happen count, seas do not ("Red Sea" is also a Sudanese state)
    ("Strikes hit homes in Khan Younis and in Deir al-Balah across the Gaza Strip. Egypt's envoy met Qatar's "
     "minister in Cairo, Egypt's media said.", "PSE"),
    ("A tanker was hit in the Red Sea, 50 nautical miles west of Hodeidah, the agency said.", "YEM"),
])
def test_theatre_counts_where_things_happen_but_no_sea(gz, text, first):
    assert theatre(text, gz)[0] == first


def test_no_country_favoured_when_the_text_names_none(gz):
    assert theatre("The meeting ended late on Tuesday.", gz) == ()


# --- a place the text locates stays in that unit ----------------------------------

@pytest.mark.parametrize("text, admin1", [
    ("Shelling hit London, a village in the Kharkiv region, on Monday.", "Kharkiv Oblast"),
    ("A drone struck Berlin, a small village in Zaporizhzhia Oblast.", "Zaporizhzhia Oblast"),
    ("Two houses burned in Madrid, Donetsk Oblast, after a strike.", "Donetsk Oblast"),
])
def test_foreign_namesake_never_wins_over_the_unit_named(gz, text, admin1):
    found = events(text, gz)
    assert found, text
    first = found[0]
    assert first.place.country_iso3 == "UKR"
    assert fold(first.place.admin1 or first.place.name) == fold(admin1)


def test_village_in_a_unit_takes_the_namesake_inside_it(gz):
    # Many Ukrainian villages share a name; the oblast given decides which one.
    name = next(n for n, iso3, a1 in _shared_names(gz) if iso3 == "UKR")
    units = sorted({p.admin1 for p in gz.candidates(name) if p.country_iso3 == "UKR" and p.kind == "city"})
    for unit in units[:3]:
        text = f"Russian artillery hit {name} in {unit} overnight."
        found = events(text, gz)
        assert found[0].place.admin1 == unit, (text, found[0].place)


@pytest.mark.parametrize("text, name, admin1", [
    # the sentence names a region; the only namesakes lie in regions it does not name
    ("In Kharkiv Oblast, Russian shelling injured a woman in Stepove, the governor said.", "Stepove", "Kharkiv Oblast"),
    ("Drones hit homes in Bilozerka and Shostka in Sumy Oblast overnight.", "Bilozerka", "Sumy Oblast"),
    # a city the text calls a village is another place of that name
    ("Ukrainian drones attacked the Kursk region. In the village of Kolomna, a barn burned.", "Kolomna",
     "Kursk Oblast"),
    # a small namesake in another country while the text is about this region
    ("Ukrainian forces shelled the Kursk region overnight, the governor said. In the village of Stepove, "
     "a house was damaged.", "Stepove", "Kursk Oblast"),
])
def test_a_namesake_elsewhere_gives_way_to_the_region_of_the_story(gz, text, name, admin1):
    th = theatre(text, gz)
    hint = None
    for sentence in text.split(". "):
        found = [m for m in find_places(sentence, gz, admin1=hint, theatre=th)]
        hint = next((m.place.admin1 or m.place.name for m in found if m.place.kind == "admin1"), hint)
        hit = next((m for m in found if m.text == name), None)
        if hit is not None:
            assert hit.missing and hit.place.name == admin1, (sentence, hit)
            return
    raise AssertionError(f"{name} not found in {text!r}")


def test_a_unit_after_a_list_locates_every_village_of_it(gz):
    text = "The villages of Stepove, Pisky and Hrushivka in Kherson Oblast came under fire."
    found = {m.text: m for m in events(text, gz)}
    for name in ("Stepove", "Pisky", "Hrushivka"):
        assert found[name].place.admin1 == "Kherson Oblast" or (
            found[name].missing and found[name].place.name == "Kherson Oblast"), found[name]


@pytest.mark.parametrize("text, qualifier", [
    ("Shelling hit the Donetsk towns of Lyman and Siversk on Monday.", "Donetsk"),
    ("Drones struck the Kharkiv villages of Vilkhivka and Tsyrkuny overnight.", "Kharkiv"),
])
def test_a_place_that_qualifies_the_places_after_it_is_no_event(gz, text, qualifier):
    found = events(text, gz)
    assert qualifier not in [m.text for m in found]
    assert len(found) == 2, found


@pytest.mark.parametrize("text, missing", [
    ("Shelling wounded residents of Zorvyk, Selydove and Kurakhove on Monday.", "Zorvyk"),
    ("Drones hit Izium, Balakliia and Zorvyk overnight, the governor said.", "Zorvyk"),
])
def test_an_unknown_name_opening_or_closing_a_list_of_towns_is_a_village_of_their_region(gz, text, missing):
    found = {m.text: m for m in events(text, gz)}
    known = [m for m in found.values() if not m.missing]
    assert found[missing].missing and found[missing].place.name == known[0].place.admin1, found


@pytest.mark.parametrize("text, units", [
    ("A curfew was imposed in the Tartus and Latakia governorates after clashes.", 2),
    ("Fighting spread to the Kassala and Gedaref states on Monday.", 2),   # a state named after its capital
])
def test_plural_governorates_and_states_are_regions(gz, text, units):
    found = [m for m in events(text, gz) if m.precision == "admin1" and m.place.kind == "admin1"]
    assert len(found) == units, found


def test_a_village_in_a_towns_countryside_is_in_the_towns_region(gz):
    found = {m.text: m for m in places("Shelling also hit Al-Zorvyk in the Jableh countryside on Friday.", gz)}
    village, town = found["Al-Zorvyk"], found["Jableh"]
    assert village.missing and village.role == "event" and village.place.name == town.place.admin1
    assert town.role == "context"


def _shared_names(gz):
    for name in ("Novoukrainka", "Mykolaivka", "Olexandrivka", "Oleksandrivka", "Ivanivka", "Petrivka"):
        ukr = {p.admin1 for p in gz.candidates(name) if p.country_iso3 == "UKR" and p.kind == "city"}
        if len(ukr) >= 2:
            yield name, "UKR", ukr


# --- districts of any country resolve within their region ---------------------------

@pytest.mark.parametrize("text, admin1", [
    ("A farm was hit in the Chuhuiv district of Kharkiv Oblast.", "Kharkiv Oblast"),
    ("Shelling damaged a school in the Lozova district, Kharkiv region.", "Kharkiv Oblast"),
    ("In the Belgorod region, a drone hit a car in the Rakityansky district.", "Belgorod Oblast"),
    ("A drone fell in the Grayvoronsky district of the Belgorod region.", "Belgorod Oblast"),
    ("In the Kursk region, shelling hit the Rylsky district.", "Kursk Oblast"),
])
def test_districts_resolve_inside_their_region(gz, text, admin1):
    districts = [m for m in events(text, gz) if "district" in m.text.lower()]
    assert districts, text
    assert districts[0].place.admin1 == admin1
    assert districts[0].precision in ("admin2", "admin1")


@pytest.mark.parametrize("text", [
    "Russian shelling hit the Slobidskyi district of Kharkiv on Friday.",
    "A missile struck Kharkiv's Industrialnyi district.",
    "Three people were injured in the Shevchenkivskyi district in Kharkiv Oblast.",
])
def test_a_city_district_never_lands_abroad(gz, text):
    found = [m for m in places(text, gz) if "district" in m.text.lower()]
    assert found and all(m.place.country_iso3 == "UKR" for m in found), [(m.text, m.place) for m in found]


# --- not places -----------------------------------------------------------------------

@pytest.mark.parametrize("text, flag", [
    ("A Panama-flagged bulk carrier was struck in the port of Odesa.", "PAN"),
    ("Missiles hit a Liberia-flagged container ship near Odesa.", "LBR"),
])
def test_ship_flags_are_no_place_or_party(gz, text, flag):
    assert all(m.place.country_iso3 != flag for m in places(text, gz))
    assert all(a.code != flag for a in find_actors(text, gz, places(text, gz)))


@pytest.mark.parametrize("text, source", [
    ("Drones launched from Crimea hit Kherson overnight.", "Crimea"),
    ("Missiles fired from the Belgorod region struck Kharkiv.", "Belgorod"),
])
def test_launch_sites_are_not_where_it_happened(gz, text, source):
    roles = {m.text.split()[0]: m.role for m in places(text, gz)}
    assert roles.get(source) != "event"
    assert any(m.role == "event" for m in places(text, gz))


def test_a_river_is_a_reference(gz):
    text = "Russian forces shelled Nikopol across the Dnipro river."
    assert [m.place.name for m in events(text, gz)] == ["Nikopol"]


def test_a_landmark_near_which_something_happened_is_no_event(gz):
    text = "Shelling hit Nikopol, near the Russian-held Zaporizhzhia nuclear plant."
    assert all("Zaporizhzhia" not in m.text for m in events(text, gz))


@pytest.mark.parametrize("text", [
    "Hezbollah fired rockets at northern Israel on Sunday.",
    "Hamas said the strike killed civilians.",
    "The RSF shelled the city, the army said.",
])
def test_armed_groups_are_no_places(gz, text):
    assert all(m.text not in ("Hezbollah", "Hamas", "RSF") for m in places(text, gz))


@pytest.mark.parametrize("text", [
    "Moscow launched 40 drones at Kharkiv overnight.",
    "Moscow has fired missiles at Odesa again.",
])
def test_a_capital_in_an_attack_is_the_attacker(gz, text):
    found = places(text, gz)
    assert [m.role for m in found if m.text == "Moscow"] == ["actor"]
    assert any(m.role == "event" and m.text != "Moscow" for m in found)


# --- other wars -----------------------------------------------------------------------

@pytest.mark.parametrize("text, iso3", [
    ("An Israeli strike hit a house in Bani Suheila in the southern Gaza Strip.", "PSE"),
    ("Syrian troops shelled Maarrat an-Numan in Idlib Governorate, Syria.", "SYR"),
    ("Israeli tanks entered Deir el-Balah in the central Gaza Strip.", "PSE"),
])
def test_multi_word_names_are_not_one_of_their_words_elsewhere(gz, text, iso3):
    found = events(text, gz)
    assert found and all(m.place.country_iso3 == iso3 for m in found), [(m.text, m.place) for m in found]


def test_a_governorate_that_is_also_its_town_stays_the_town(gz):
    found = events("Shelling hit Idlib on Monday, Syrian activists said.", gz)
    assert found and found[0].place.kind == "city" and found[0].place.country_iso3 == "SYR"


@pytest.mark.parametrize("text", [
    # "Hope", "Reform" and "Harmony" are villages abroad, here a name and words of a fund's name
    "Two houses were damaged in Kharkiv Oblast, Hope said.",
    "The money comes from the Ukraine Relief, Reform and Harmony Fund.",
    "A drone strike hit Kharkiv, Governor Ivan Tkachenko said.",
])
def test_a_word_that_is_only_a_village_abroad_is_no_place(gz, text):
    found = places(text, gz)
    assert all(m.place.country_iso3 == "UKR" for m in found), [(m.text, m.place) for m in found]


@pytest.mark.parametrize("name, iso3", [("Gaza", "PSE"), ("Tripoli", "LBN"), ("Acre", "ISR")])
def test_a_province_abroad_never_takes_a_towns_bare_name(gz, name, iso3):
    # Mozambique's Gaza Province, Libya's Tarabulus, Brazil's Acre State are named with their kind.
    text = f"An Israeli air strike hit {name} on Sunday, Lebanese and Palestinian officials said."
    found = events(text, gz)
    assert found and found[0].place.kind == "city" and found[0].place.country_iso3 == iso3, found


# --- villages the gazetteer lacks are kept, inside the unit the text gives ----------

def _missing(found, name):
    return [m for m in found if m.text == name and m.missing]


@pytest.mark.parametrize("text, name, admin1", [
    # the name before the settlement noun, located by a township and a state
    ("A military airstrike hit Qworran Chaung village in Maungdaw Township, Rakhine State, killing four people.",
     "Qworran Chaung", "Rakhine"),
    # an apposition after the noun
    ("In Rakhine State, a fishing village, Zyltha Kon, was shelled, killing seven residents.",
     "Zyltha Kon", "Rakhine"),
    # a list after a plural noun, located by a district that follows it
    ("The villages of Zorkivka, Blyzhnevo and Vyrkhino in the Belgorod district were attacked by drones.",
     "Blyzhnevo", "Belgorod"),
    ("The villages of Zorkivka, Blyzhnevo and Vyrkhino in the Belgorod district were attacked by drones.",
     "Vyrkhino", "Belgorod"),
    # an unknown name among known towns of one region
    ("Five people were injured in Kostiantynivka, Zyrkivka, Kurakhove and Chasiv Yar, the governor said.",
     "Zyrkivka", "Donetsk"),
    ("Two men were injured in attacks on the city of Kharkiv and the settlements of Derhachi and Zaltsivka.",
     "Zaltsivka", "Kharkiv"),
    # "the village of X" in a sentence that names its governorate
    ("Shelling of the village of Al-Qwaymah in Hama Governorate killed 12 civilians, monitors said.",
     "Al-Qwaymah", "Hama"),
])
def test_a_village_the_gazetteer_lacks_is_kept_in_its_unit(gz, text, name, admin1):
    found = _missing(events(text, gz), name)
    assert len(found) == 1, [(m.text, m.missing) for m in events(text, gz)]
    assert fold(admin1) in fold(found[0].place.admin1 or found[0].place.name)


@pytest.mark.parametrize("text", [
    "Foreign Minister Andrii Sybiha met officials in Kyiv, Lviv and Odesa on Tuesday.",
    "Zelensky, Sybiha and Umerov travelled from Kyiv to Lviv.",
    "Ethnic Kaman villagers fled the fighting in Rakhine State, the group said.",
    "The outskirts of Kharkiv were shelled, the Kharkiv Regional Military Administration said.",
])
def test_no_village_is_made_of_people_or_words(gz, text):
    assert [m.text for m in events(text, gz) if m.missing] == []


@pytest.mark.parametrize("text", [
    "Germany pledged aid to Lebanon, hit hard by the violence in the Middle East.",
    "The ministers met to discuss security in Europe and the Balkans.",
    "Drought and conflict have displaced millions across the Sahel and the Horn of Africa.",
])
def test_parts_of_the_world_are_no_places(gz, text):
    assert [m.text for m in events(text, gz)] == []


@pytest.mark.parametrize("text, region", [
    ("Four people in the southern Russian border region of Belgorod were wounded by shelling.", "Belgorod Oblast"),
    ("Two drones were destroyed over the province of Kherson overnight.", "Kherson Oblast"),
])
def test_the_region_of_a_city_is_the_region(gz, text, region):
    found = events(text, gz)
    assert [(m.place.name, m.precision) for m in found] == [(region, "admin1")]


@pytest.mark.parametrize("text, sides, where", [
    ("The latest on the strikes between Tbilisi and Moscow.", ["Tbilisi", "Moscow"], []),
    ("Talks between Washington and Beijing resumed on Monday.", ["Washington", "Beijing"], []),
    ("Fighting raged between Bakhmut and Soledar.", [], ["Bakhmut", "Soledar"]),   # towns, not governments
    ("Trains again run between Kyiv and Lviv.", [], ["Kyiv", "Lviv"]),             # one capital is no two sides
])
def test_capitals_named_as_the_two_sides_are_actors(gz, text, sides, where):
    found = find_places(text, gz)
    assert [m.text for m in found if m.role == "actor"] == sides
    assert [m.text for m in found if m.role == "event"] == where


@pytest.mark.parametrize("text", [
    "Dutch envoy Pieter van Delft is expected to announce new funding when he travels to Kharkiv on Friday.",
    "EU official Anna von Essen is expected to announce new funding when she travels to Kharkiv on Friday.",
    "The Dutch minister, Ruben van der Leiden, is expected to visit Kharkiv on Friday.",
])
def test_a_surname_after_its_particle_is_no_place(gz, text):
    assert [m.text for m in places(text, gz)] == ["Kharkiv"]


@pytest.mark.parametrize("text, town", [
    ("Shelling of Kherson Oblast's Beryslav wounded two men.", "Beryslav"),
    ("Air strikes on a school in Sagaing Region's Kanbalu township killed 12 people.", "Kanbalu"),
])
def test_a_town_owned_by_the_unit_named_before_it_is_the_place(gz, text, town):
    assert town in [m.text for m in events(text, gz)]


def test_an_advance_s_starting_point_is_no_place_of_the_fighting(gz):
    text = "Rebels advanced north from Uvira on Monday and clashed with the army near Sange, South Kivu province."
    assert "Uvira" not in [m.text for m in events(text, gz)]


def test_a_holiday_after_around_is_no_settlement(gz):
    text = "In Rakhine State, fighting around Easter killed 12 people."
    assert [m.text for m in events(text, gz)] == ["Rakhine State"]


@pytest.mark.parametrize("text", [
    "The package includes Marder fighting vehicles and Archer howitzers for the Sumy region.",
    "The army asked for more Patriot missiles and Caesar howitzers for the Sumy region.",
])
def test_a_weapon_s_name_is_no_place(gz, text):
    assert [m.text for m in places(text, gz, admin1="Sumy Oblast")] == ["Sumy region"]
