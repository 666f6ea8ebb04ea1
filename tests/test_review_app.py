"""The dashboard on a store (AppTest): an editor corrects two rows and rejects one, the engine changes
and re-curates, and the corrections still hold; a viewer's session cannot change the store."""
import sys
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import store as stx
from dashboard.curate import main
from dashboard.curation import events as engine_events
from dashboard.view import editors

ROOT = Path(__file__).parents[1]
APP = str(ROOT / "dashboard" / "app.py")
ARTICLE = ("On March 3, a drone struck a depot in the city of Kharkiv, injuring four workers.\n"
           "Separately, shelling hit houses in Sumy on Sunday, killing one man, officials said.\n"
           "A missile damaged a school in Poltava on Monday, the governor said.\n")


@pytest.fixture
def desk(tmp_path, monkeypatch, capsys):
    """A store with one curated article, and a password file with the editor ana."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "strikes.txt").write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "desk.sqlite"
    assert main([str(folder), "--store", str(store), "--published", "2024-03-05"]) == 0
    passwords = tmp_path / "editors.txt"
    editors.save_password(passwords, "ana", "correct horse")
    capsys.readouterr()
    return {"folder": folder, "store": store, "passwords": passwords}


@pytest.fixture(autouse=True)
def not_on_loopback(monkeypatch):
    """These sessions stand for a dashboard listening on a network: .streamlit/config.toml binds the
    app to 127.0.0.1 by default, which AppTest reads too, and on 127.0.0.1 the local user may edit."""
    from dashboard.view import review
    monkeypatch.setattr(review, "listens_on_loopback", lambda: False)


def start(monkeypatch, store, edit=False, passwords=None):
    st.cache_data.clear()
    st.cache_resource.clear()
    argv = ["app.py", "--store", str(store)] + (["--edit"] if edit else []) \
        + (["--passwords", str(passwords)] if passwords else [])
    monkeypatch.setattr(sys, "argv", argv)   # what `streamlit run dashboard/app.py -- ARGS` gives the script
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at, name="ana", password="correct horse"):
    at.text_input(key="rv_user").input(name)
    at.text_input(key="rv_password").input(password)
    at.button(key="rv_sign_in_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]


def choose(at, store, location):
    at.radio(key="rv_which").set_value("all").run()
    eid = reviewed_rows(store)[0][location]["event_id"]
    assert f" in {location}" in at.selectbox(key="rv_pick").format_func(eid)
    at.selectbox(key="rv_pick").set_value(eid).run()
    assert not at.exception, [e.value for e in at.exception]


def reviewed_rows(store):
    with stx.open_store(store, readonly=True) as s:
        snap = stx.load_snapshot(s)
    rows, orphans = stx.apply_corrections(snap.events, snap.corrections)
    return {r["engine_location"]: r for r in rows}, orphans, snap


def test_correct_two_rows_reject_one_then_re_curate_with_a_changed_rule(desk, monkeypatch, capsys):
    at = start(monkeypatch, desk["store"], edit=True, passwords=desk["passwords"])
    assert "Review" in [h.value for h in at.header]
    assert not at.get("button") or "rv_save" not in [b.key for b in at.button]
    sign_in(at)
    assert "Signed in as ana." in [c.value for c in at.caption]
    # Kharkiv: the injured are six, not four
    choose(at, desk["store"], "Kharkiv")
    assert any("lead" in i.value for i in at.info)           # the engine's doubt, in words
    assert any('<mark id="evidence">On March 3, a drone struck' in m.value for m in at.markdown)
    at.text_input(key="rv_injured").input("6")
    at.text_input(key="rv_note").input("the city's statement")
    at.button(key="rv_save").click().run()
    assert not at.exception and "Saved 1 correction(s)." in [s.value for s in at.success]
    # Sumy: the shelling hit another town; pick it from the gazetteer, its point and region follow
    choose(at, desk["store"], "Sumy")
    at.text_input(key="rv_place_query").input("Okhtyrka").run()
    option = at.selectbox(key="rv_place").options[0]
    assert option.startswith("Okhtyrka")
    at.selectbox(key="rv_place").set_value(option).run()
    at.date_input(key="rv_date_start").set_value(date(2024, 3, 2))
    at.date_input(key="rv_date_end").set_value(date(2024, 3, 2))
    at.button(key="rv_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # Poltava: not an event of this war's record
    choose(at, desk["store"], "Poltava")
    at.text_input(key="rv_note").input("a drill")
    at.button(key="rv_reject").click().run()
    assert not at.exception and "Rejected." in [s.value for s in at.success]
    assert at.dataframe(key="events_table").value["location"].tolist() == ["Okhtyrka", "Kharkiv"]   # by date
    assert any("rejected event(s) left out" in c.value for c in at.caption)

    before, _, snap = reviewed_rows(desk["store"])
    assert {c.author for c in snap.corrections} == {"ana"}
    fields = sorted(c.field for c in snap.corrections if c.kind == "edit")
    # each changed column its own correction; Okhtyrka shares Sumy's region and country, so those stay
    assert fields == sorted(["injured", "location", "latitude", "longitude", "date_start", "date_end"])

    # a changed rule: shelling and strikes are now "combat" (the ids hold the topic, so they change)
    classify = engine_events.classify
    monkeypatch.setattr(engine_events, "classify",
                        lambda *a, **k: "combat" if classify(*a, **k) == "attack" else classify(*a, **k))
    assert main([str(desk["folder"]), "--store", str(desk["store"]), "--published", "2024-03-05"]) == 0
    assert "1 re-curated" in capsys.readouterr().err
    monkeypatch.undo()
    after, orphans, snap = reviewed_rows(desk["store"])
    assert not orphans
    assert {r["event_id"] for r in after.values()}.isdisjoint({r["event_id"] for r in before.values()})
    assert all(r["topic"] == "combat" for r in after.values())
    kharkiv, sumy, poltava = after["Kharkiv"], after["Sumy"], after["Poltava"]
    assert (kharkiv["injured"], kharkiv["review_status"]) == ("6", "corrected")
    assert (sumy["location"], sumy["date_start"], sumy["review_status"]) == ("Okhtyrka", "2024-03-02", "corrected")
    assert abs(float(sumy["latitude"]) - 50.31) < 0.1 and sumy["admin1"] == before["Sumy"]["admin1"]
    assert poltava["review_status"] == "rejected"
    engine = {r["location"]: r for r in snap.events}
    assert engine["Kharkiv"]["injured"] == "4" and "Sumy" in engine   # the engine's output is kept as it was

    # a new session shows the reviewed values, and the editor can export the corrections
    at = start(monkeypatch, desk["store"], edit=True, passwords=desk["passwords"])
    table = at.dataframe(key="events_table").value
    assert sorted(table["location"]) == ["Kharkiv", "Okhtyrka"]
    sign_in(at)
    button = [b for b in at.get("download_button") if b.proto.id.endswith("dl_corrections")]
    assert button and button[0].proto.label == "Corrections (CSV)"


def test_a_wrong_password_signs_nobody_in(desk, monkeypatch):
    at = start(monkeypatch, desk["store"], edit=True, passwords=desk["passwords"])
    sign_in(at, password="wrong")
    assert "Wrong name or password." in [e.value for e in at.error]
    assert "rv_save" not in [b.key for b in at.button]


def test_a_viewer_session_cannot_change_the_store_whatever_it_sends(desk, monkeypatch):
    before = desk["store"].read_bytes()
    _, _, snap = reviewed_rows(desk["store"])
    for edit in (False, True):   # editing off; editing on but not signed in (not on 127.0.0.1)
        at = start(monkeypatch, desk["store"], edit=edit, passwords=None)
        eid = snap.events[0]["event_id"]
        # what a page can send is widget values: those of the review widgets (shown or not), presses
        # of its buttons, a sign-in name, and an article to add
        for key, value in {"rv_pick": eid, "rv_for": eid, "rv_injured": "99", "rv_note": "forged",
                           "rv_save": True, "rv_reject": True, "rv_check": True, "rv_user": "ana",
                           "rv_sign_in_submit": True, "add_text": ARTICLE.replace("Kharkiv", "Lviv")}.items():
            at.session_state[key] = value
        at.run()
        assert not at.exception
        assert "rv_save" not in [b.key for b in at.button] and "rv_reject" not in [b.key for b in at.button]
        at.button(key="add_submit").click()
        at.date_input(key="add_published").set_value(date(2024, 3, 6))
        at.run()
        assert not at.exception
        assert "this session only" in " ".join(s.value for s in at.success)
    after_rows, _, after = reviewed_rows(desk["store"])
    assert after.corrections == [] and after.events == snap.events and after.revision == snap.revision
    assert desk["store"].read_bytes() == before


def test_the_events_csv_carries_reviewed_values_and_review_status(desk, monkeypatch):
    from dashboard.view import exports, review
    import io
    import pandas as pd
    rows, _, _ = reviewed_rows(desk["store"])
    with stx.open_store(desk["store"]) as s:
        s_rows = {r["location"]: r for r in stx.load_event_rows(s)}
        stx.save_corrections(s, stx.edits_for(s_rows["Kharkiv"], {"injured": "6"}, "ana")
                             + [stx.status_correction(s_rows["Poltava"], stx.REJECT, "ana")])
    st.cache_resource.clear()
    reviewed = review.load_reviewed(review.Options(str(desk["store"])))
    table = pd.read_csv(io.BytesIO(exports.events_csv(reviewed.events)), dtype=str, keep_default_na=False)
    assert sorted(table["location"]) == ["Kharkiv", "Sumy"]          # the rejected row left out
    got = table.set_index("location")
    assert (got.loc["Kharkiv", "injured"], got.loc["Kharkiv", "review_status"]) == ("6", "corrected")
    assert (got.loc["Sumy", "review_status"], got.loc["Kharkiv", "corrected_fields"]) == ("new", "injured")
    assert "rejected event(s) left out" in review.reviewed_caption(reviewed)


def test_a_store_of_a_newer_schema_is_named_on_the_page(desk, monkeypatch):
    with stx.open_store(desk["store"]) as s, s.transaction(write=True):
        s.execute("UPDATE schema_version SET version = ?", (stx.SCHEMA_VERSION + 1,))
    at = start(monkeypatch, desk["store"])
    assert len(at.error) == 1 and "newer than this program's" in at.error[0].value
    assert "Review" not in [h.value for h in at.header]
