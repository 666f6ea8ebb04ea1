import pytest

from dashboard.curation.sentences import split_sentences
from dashboard.curation.topics import classify, has_cue


def test_sentences_keep_offsets_and_paragraphs():
    text = "Drones hit Sumy on Oct. 3. The U.S. condemned it.\n\nMr. Smith said so. Done!"
    got = split_sentences(text)
    assert [s.text for s in got] == ["Drones hit Sumy on Oct. 3.", "The U.S. condemned it.", "Mr. Smith said so.", "Done!"]
    assert [s.paragraph for s in got] == [0, 0, 1, 1]
    assert all(text[s.start:s.end] == s.text for s in got)


@pytest.mark.parametrize("text, kwargs, expected", [
    ("Missiles struck a power plant in the city.", {}, "attack"),
    # what a strike destroys is not what a donor sends
    ("Army jets bombed militia bases near the town, destroying weapons depots and military equipment.", {}, "attack"),
    ("Rebel positions in the valley were hit, destroying ammunition depots, the army said.", {}, "attack"),
    ("The package includes military equipment and weapons for the army.", {}, "military_aid"),
    ("Ukrainian troops repelled an assault near the village.", {}, "combat"),
    ("The garrison is holding on to the heavily contested town, the general said.", {}, "combat"),
    ("Two thousand troops were deployed to the border.", {}, "troop_movement"),
    ("Iran shipped 40 containers of munitions to Russia.", {}, "arms_transfer"),
    ("Canada will lend Ukraine $2bn.", {"money": True}, "financial_aid"),
    ("Norway announced a military aid package of $500m.", {"money": True}, "military_aid"),
    # money for a fund or a state to buy weapons with is military aid
    ("Helsinki will contribute 1 billion euros to a joint fund with Tallinn that buys weapons from local makers.",
     {"money": True}, "military_aid"),
    ("Lisbon gave $40m to help Kyiv purchase arms.", {"money": True}, "military_aid"),
    ("The EU sent humanitarian supplies to Kherson.", {}, "humanitarian_aid"),
    ("Washington imposed sanctions on 50 firms.", {}, "sanctions"),
    ("The foreign ministers met in Ankara for talks.", {}, "diplomacy"),
    ("Kyiv wants to keep shipping lanes open for navigation.", {}, "maritime_security"),
    ("The weather was mild.", {}, "other"),
])
def test_topics(text, kwargs, expected):
    assert classify(text, **kwargs) == expected


@pytest.mark.parametrize("text", [
    # a strike named by what it hit, told by the striker
    "The army said it hit a fuel terminal in the city overnight.",
    "Its forces said they targeted an air base near the capital.",
    # the place an attack aimed at
    "The northern city was the main target, the mayor said, reporting damage to homes.",
])
def test_a_strike_named_by_its_target_is_an_event(text):
    assert has_cue(text) and classify(text) == "attack"


def test_every_topic_cue_is_tried_where_its_words_occur():
    # A cue is looked up by the first letters of its literal words; one whose words no lookup finds
    # ("to supply") never counted.
    from dashboard.curation import topics
    for i, keys in enumerate(topics._KEYS):
        if i in topics._ALWAYS:
            continue
        for key in keys:
            words = topics._WORD.findall(key)
            assert words and key.startswith(words[0]), key
            assert any(j == i and head == words[0] for head, _, j in topics._BY_PREFIX.get(words[0][:3], ())), key
    # a cue with no literal words to look for names the words its matches need: none runs on every sentence
    assert all(topics._KEYS[i] is not None for i in topics._ALWAYS)
    patterns = {p for cues in topics.LEXICON.values() for p, _w in cues}
    assert set(topics._REQUIRED) <= patterns   # an edited cue keeps its list of required words
    assert topics.topic_scores("Germany agreed to supply more shells.")["military_aid"] > \
        topics.topic_scores("Germany agreed more shells.")["military_aid"]


def test_topic_lookup_tries_every_cue_that_matches():
    # The lookup by keys only skips work: the scores are those of trying every cue on the text.
    import glob
    import os
    from dashboard.curation import topics
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    texts = [s.text for p in sorted(glob.glob(os.path.join(root, "seeds", "*.txt")))
             for s in split_sentences(open(p, encoding="utf-8").read())]
    texts += [t.upper() for t in texts] + ["Kyiv said aid was sent; Berlin pledged to deliver IRIS-T and F-16s."]
    for text in texts:
        scores = dict.fromkeys(topics.LEXICON, 0.0)
        for topic, pattern, weight, _ in topics._CUES:
            hits = len(pattern.findall(text))
            if hits:
                scores[topic] += weight * hits
        assert dict(topics._base_scores(text)) == scores, text
