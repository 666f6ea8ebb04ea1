import pytest

from dashboard.curation.quantities import (find_casualties, find_money, find_quantities, parse_number,
                                           stated_zeros)


def casualties(text):
    out = {}
    for c in find_casualties(text):
        out[c.kind] = out.get(c.kind, 0) + c.count
    return out


@pytest.mark.parametrize("text, expected", [
    ("A drone strike on the market killed four people and injured 11 others.", {"killed": 4, "injured": 11}),
    ("The barrage resulted in three deaths and wounded nine civilians.", {"killed": 3, "injured": 9}),
    ("Shelling killed three people, including a child.", {"killed": 3}),
    ("Two women and a man were wounded in the attack.", {"injured": 3}),
    ("A 71-year-old man was killed when a shell hit his house.", {"killed": 1}),
    ("Nineteen people were injured, the mayor said.", {"injured": 19}),
    ("At least 12 people were hurt, including four children.", {"injured": 12}),
    ("The strike killed a 9-year-old girl.", {"killed": 1}),
    ("One resident was killed and another injured in the village.", {"killed": 1, "injured": 1}),
    ("A pensioner, aged 80, suffered injuries after the attack.", {"injured": 1}),
    ("The attacks killed two and injured 8, with one teenager among the injured.", {"killed": 2, "injured": 8}),
    ("The drones damaged a school.", {}),
    # people counted by what they were: fighters, inmates, pilots, pupils
    ("Two Hamas militants and a paramedic were killed near the crossing.", {"killed": 3}),
    ("The shelling of the prison killed 19 inmates and wounded 40 detainees.", {"killed": 19, "injured": 40}),
    ("Captain Ivanov was one of four pilots killed when two jets collided.", {"killed": 4}),
    ("Eleven pupils and two teachers were hurt when the school was hit.", {"injured": 13}),
    ("About 200 prisoners were exchanged on Friday.", {}),
    ("Six foreign crew members were injured.", {"injured": 6}),
    ("The three victims were rushed to a hospital in the city.", {"injured": 3}),
    ("Both men were wounded and a woman was killed.", {"injured": 2, "killed": 1}),
    ("The strike killed both the driver and his passenger.", {"killed": 2}),
    ("Two residents received medical treatment at the scene.", {"injured": 2}),
    ("Ukraine received 300 tanks.", {}),
    # people named by their work or employer: "aid workers", "a port worker", "two UN staff"
    ("Four aid workers were killed when their convoy was hit.", {"killed": 4}),
    ("A railway worker died and two hospital employees were hurt.", {"killed": 1, "injured": 2}),
    ("The strike killed three WFP staff and a clinic nurse.", {"killed": 4}),
    # a number before the people stays their number
    ("One resident died, with another six people injured.", {"killed": 1, "injured": 6}),
    # people of a toll told by who they were, and the toll before them kept
    ("The dead included three men in the village.", {"killed": 3}),
    ("Among the wounded were two firefighters.", {"injured": 2}),
])
def test_casualties(text, expected):
    assert casualties(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("No casualties were reported.", True),
    ("Officials reported no casualties.", True),
    ("No information on casualties was given.", False),
    ("No crew members were hurt, the agency said.", True),
    ("No civilians were killed in the raid.", True),
    ("No sailors were injured.", True),
])
def test_stated_zero(text, expected):
    assert bool(stated_zeros(text)) is expected


@pytest.mark.parametrize("text, kinds", [
    ("No casualties were reported.", ("killed", "injured")),
    ("No one was hurt, the mayor said.", ("killed", "injured")),
    ("No one was killed, officials said.", ("killed",)),
    ("No civilians were killed in the raid.", ("killed",)),
    ("Nobody was injured.", ("killed", "injured")),
    ("No injuries or deaths were recorded.", ("killed", "injured")),
    ("Three people were wounded.", ()),
])
def test_stated_zeros_name_the_figures_that_are_none(text, kinds):
    assert stated_zeros(text) == kinds


@pytest.mark.parametrize("text, expected", [
    ("Norway will give £1.5bn to the fund.", [(1.5e9, "GBP", False)]),
    ("The bank lends US$7 billion ($7bn) to Kyiv.", [(7e9, "USD", False), (7e9, "USD", True)]),
    ("Paris pledged €300 million (S$440 million) in aid.", [(3e8, "EUR", False), (4.4e8, "SGD", True)]),
    ("Sweden approved 2.5 billion kronor for air defence.", [(2.5e9, "SEK", False)]),
    ("Japan offered 450 million yen and $12m more.", [(4.5e8, "JPY", False), (1.2e7, "USD", False)]),
    ("The package is worth EUR 75 million.", [(7.5e7, "EUR", False)]),
    # the currencies of Central Europe by their names
    ("Prague sent 200 million koruna in ammunition.", [(2e8, "CZK", False)]),
    ("Budapest set aside 3 billion forints.", [(3e9, "HUF", False)]),
    ("Bucharest pledged 500 million lei.", [(5e8, "RON", False)]),
])
def test_money(text, expected):
    assert [(m.value, m.currency, m.conversion) for m in find_money(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Up to 3,000 Belarusian troops moved to the border.", ["up to 3000 troops"]),
    ("Satellites spotted around 40 trains and more than 1,200 containers.", ["around 40 trains", "over 1200 containers"]),
    ("The package includes 15,000 155mm artillery shells.", ["15000 shells"]),
    ("Both drones were shot down near the border.", ["2 drones"]),
    ("Talks between both sides stalled.", []),
    ("Kyiv handed over the bodies of 40 soldiers.", ["40 bodies"]),
    ("Air defence downed 31 out of 45 Shahed-type drones.", ["31 drones", "45 drones"]),
    ("It sent six Patriot systems, two of which are operational.", ["6 systems", "2 systems"]),
    ("Two \"kamikaze\" drones were destroyed.", ["2 drones"]),
    ("A 15-year-old boy was hurt near 2024 homes.", []),
    ("The region was shelled 45 times.", ["45 times"]),  # a count of strikes (CONVENTIONS: quantities)
    ("Oslo will send 24 armoured personnel carriers.", ["24 vehicles"]),  # carriers of personnel, no troops
    # the count a running total comes to
    ("The listing raises the total number of blacklisted tankers to 218.", ["218 ships"]),
    ("It brings the number of individuals under sanctions to more than 2,400.", ["over 2400 individuals"]),
    # the number in a model's name is no count, nor does it hide the count before it
    ("Rome will send 12 Mirage 2000 jets next spring.", ["12 aircraft"]),
    ("The first Challenger 2 tanks arrived, with 14 Leopard 2A6 tanks to follow.", ["14 tanks"]),
    ("Berlin gave Kyiv 30 tanks.", ["30 tanks"]),
    # who told it is no count, nor are the parties an article or a verb stands between
    ("Tehran shipped 40 drones, three European intelligence officials said.", ["40 drones"]),
    ("The two armies also exchanged the bodies of 60 soldiers.", ["60 bodies"]),
])
def test_quantities(text, expected):
    assert [q.label() for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, value", [
    ("2.26 billion", 2.26e9), ("12,000", 12000), ("twenty-five", 25), ("Thirteen", 13), ("8 million", 8e6),
    ("3bn", 3e9), ("bogus", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_of_which_count_takes_the_unit_before():
    got = [q.label() for q in find_quantities("Russia launched 90 drones overnight, of which 61 were downed.")]
    assert got == ["90 drones", "61 drones"]


# Phenomena of unseen roundups, in wordings written for these tests.
@pytest.mark.parametrize("text, expected", [
    # counted people add up
    ("Three men, aged 35 and 52 and 70, and a woman were wounded.", {"injured": 4}),
    ("Shrapnel injured three male and two female workers at the depot.", {"injured": 5}),
    ("An elderly couple were killed when the shell hit their home.", {"killed": 2}),
    ("The drone killed a farmer and wounded his son.", {"killed": 1, "injured": 1}),
    ("Women aged 33, 58 and 71 were wounded in the blast.", {"injured": 3}),
    ("Three people in the northern city of Sumy were wounded by shelling.", {"injured": 3}),
    # subjects with an aside, bare counts, 'more'
    ("Four people, including two teenagers, were injured, and one more person died.", {"injured": 4, "killed": 1}),
    ("One man was killed, and three were wounded.", {"killed": 1, "injured": 3}),
    ("Six more civilians were hurt in the district.", {"injured": 6}),
    ("Two residents have died of their wounds.", {"killed": 2}),
    # updates replace: the new figure is what counts
    ("The death toll has climbed to 17.", {"killed": 17}),
    ("The number of wounded rose from 20 to 41 overnight.", {"injured": 41}),
    ("Rescuers found two more bodies, raising the death toll to 9.", {"killed": 9}),
    # a subset of a count already given is no new count
    ("At least four of the dead were children.", {}),
    # people of one family, household or village are one group
    ("Eleven civilians from one family were reported killed by the shelling.", {"killed": 11}),
    ("Four members of the same family died when the house collapsed.", {"killed": 4}),
    ("The strike injured six members of a family in their car.", {"injured": 6}),
    ("Seven people, all from the same village, were wounded at the market.", {"injured": 7}),
    # durations, ages and years are not counts
    ("A 64-year-old woman was hospitalized for two days.", {"injured": 1}),
])
def test_casualty_phenomena(text, expected):
    assert casualties(text) == expected


@pytest.mark.parametrize("text", [
    "No civilian casualties were reported.",
    "There were no immediate reports of casualties.",
    "No one was hurt, officials said.",
    "The attacks caused no casualties.",
    "No injuries or deaths were recorded.",
])
def test_stated_zero_wordings(text):
    assert stated_zeros(text) == ("killed", "injured")


@pytest.mark.parametrize("text, cumulative", [
    ("The fighting, which has displaced 90,000 people, has killed more than 1,200 civilians.", True),
    ("Strikes have killed over 3,000 people since the start of the year, the ministry said.", True),
    ("The strike killed five people on Tuesday.", False),
    ("Two people have been killed since Monday morning in the city.", False),
])
def test_running_tolls_are_marked(text, cumulative):
    found = find_casualties(text)
    assert found and all(c.cumulative is cumulative for c in found)


# Counts beyond weapons and troops, and number formats of other newsrooms (wordings written for these tests).
@pytest.mark.parametrize("text, numbers", [
    ("The blast damaged 14 apartment blocks and three schools.", [14, 3]),
    ("Washington blacklisted 230 companies and 17 individuals.", [230, 17]),
    ("The exchange freed 95 prisoners of war on each side.", [95]),
    ("Moscow handed over 500 bodies of fallen soldiers.", [500]),
    ("Lawmakers backed the bill 312-45 on Tuesday.", [312, 45]),
    ("The motion passed by 220 votes to 31.", [220, 31]),
    ("Two brigades were moved to the front.", [2]),
    ("The plant can make a million shells a year.", [1e6]),
    ("Kyiv received 250 000 rounds last month.", [250000]),
    ("Representatives of 64 countries attended.", [64]),
    ("Air defence downed 27 of the 35 drones.", [27, 35]),
    ("A convoy of 40 aid trucks crossed the border.", [40]),
    ("Ships carried 120,500 tonnes of grain.", [120500]),
    # people of a nation, and the next counts of a list by place
    ("Ottawa has so far listed 412 Belarusians and 37 South Sudanese officials.", [412, 37]),
    ("The swap returned 150 Ukrainians and 8 North Koreans.", [150, 8]),
    ("Heating is back for two million more Ukrainians after the attacks.", [2e6]),
    ("The list adds 71 firms in Iran, 19 in Turkey and 6 in India.", [71, 19, 6]),
    # not counts: durations, distances, ages, percentages, years, dates
    ("The strike came 15 minutes after sirens, 30 km from the border.", []),
    ("The siege lasted six hours before security forces ended it.", []),
    # who the dead were, no count of people
    ("Among the dead were 12 children, the group said.", []),
    ("Among those killed were at least nine women.", []),
    ("It was one of the deadliest strikes on the city this year.", []),   # a ranking
    ("Prices rose 12 percent in 2023, a 40-year high, on 24 February.", []),
])
def test_more_quantities(text, numbers):
    assert [q.value for q in find_quantities(text)] == numbers


@pytest.mark.parametrize("text, expected", [
    ("The ministry pledged EUR1.5 billion.", [(1.5e9, "EUR", False)]),
    ("Bern gave 75 million Swiss francs.", [(7.5e7, "CHF", False)]),
    ("Oslo adds another NOK 2 billion.", [(2e9, "NOK", False)]),
    # a figure restated in brackets, with or without a hedge, is a conversion
    ("Stockholm adds SEK 3 billion (about $280 million) in support.", [(3e9, "SEK", False), (2.8e8, "USD", True)]),
    ("The fund grows by PLN 4 billion (over EUR 900 million).", [(4e9, "PLN", False), (9e8, "EUR", True)]),
    ("Prague sends CZK 2 billion (roughly EUR 80 million).", [(2e9, "CZK", False), (8e7, "EUR", True)]),
    # "worth about" restates only a figure just before it; after goods it is their value
    ("Oslo adds NOK 3 billion, worth about $290 million.", [(3e9, "NOK", False), (2.9e8, "USD", True)]),
    ("Rome will send three radars worth about 700 million euros.", [(7e8, "EUR", False)]),
    ("Madrid ordered howitzers valued at around 90 million euros.", [(9e7, "EUR", False)]),
    # "pound" as an adjective costs only with a scale: "a 300 million pound contract", not "1,000-pound bombs"
    ("London signed a 300 million pound contract for drones.", [(3e8, "GBP", False)]),
    ("The convoy carried 1,000 pound bombs and 2,000-pound bombs.", []),
])
def test_money_formats(text, expected):
    assert [(m.value, m.currency, m.conversion) for m in find_money(text)] == expected


@pytest.mark.parametrize("text", [
    "The army has since 2021 relied on foreign instructors.",
    "Troops have been stationed there since 2014 under a treaty.",
])
def test_a_year_is_no_count(text):
    assert [q.value for q in find_quantities(text)] == []


def test_the_two_who_speak_are_no_count():
    assert find_quantities("The two discussed security guarantees and a prisoner exchange.") == []
    assert [q.label() for q in find_quantities("The two sides agreed to swap 300 prisoners.")] == ["300 prisoners"]
    assert [q.value for q in find_quantities("Both sides discussed 12 proposals.")] == [12]


def test_a_ratio_is_no_count_of_times():
    assert [q.label() for q in find_quantities("It will send 300 drones, five times more than last year.")] == \
        ["300 drones"]
    assert [q.label() for q in find_quantities("The town was shelled 12 times overnight.")] == ["12 times"]


@pytest.mark.parametrize("text, expected", [
    ("Three diplomatic sources said 40 tanks had been delivered.", [(40, "tanks")]),
    ("Two people familiar with the talks said 500 shells were shipped.", [(500, "shells")]),
])
def test_who_told_it_is_no_count(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Two of the dead were in Izium and one in Balakliia.", [(2, "killed"), (1, "killed")]),
    ("Six of those injured were in Sumy.", [(6, "injured")]),
    ("Three of them were wounded in Nikopol.", [(3, "injured")]),
    ("Three of them were in Nikopol.", []),   # of whom? no kind told
])
def test_a_toll_told_before_shared_out_over_places(text, expected):
    assert [(c.count, c.kind) for c in find_casualties(text)] == expected


def test_people_of_a_named_place_hurt_are_a_count():
    assert [(c.count, c.kind) for c in find_casualties("Four residents of the village of Zyxivka were hurt.")] == \
        [(4, "injured")]


@pytest.mark.parametrize("text, expected", [
    ("Deputies voted 288 in favour, 43 against and 12 abstentions.", [(288, "votes"), (43, "votes"), (12, "abstentions")]),
    ("The motion passed with 301 votes in favor and 70 against.", [(301, "votes"), (70, "votes")]),
    ("He argued against 12 proposals.", [(12, "proposals")]),   # no vote told
])
def test_votes_in_favour_and_against(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


def test_another_strike_after_a_toll_is_no_other_person():
    text = "A drone hit a bus, killing a couple, and another strike injured a woman in Izium."
    assert [(c.count, c.kind) for c in find_casualties(text)] == [(2, "killed"), (1, "injured")]


@pytest.mark.parametrize("text, expected", [
    ("The package lists another 80 vessels, bringing the total to 420.", [(80, "ships"), (420, "ships")]),
    ("It targets 30 entities, including nine in China and two in Turkey.",
     [(30, "entities"), (9, "entities"), (2, "entities")]),
])
def test_a_total_reached_and_shares_in_places_count_in_the_unit_before(text, expected):
    assert [(q.value, q.unit) for q in find_quantities(text)] == expected


def test_a_toll_stays_beside_the_part_told_after_it():
    # "among the dead" after a semicolon opens the part; it does not make the toll before it a part
    found = find_casualties("Nine people died; among the dead were four children.")
    assert [(c.kind, c.count) for c in found] == [("killed", 9), ("killed", 4)]
