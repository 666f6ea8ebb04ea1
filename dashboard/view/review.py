"""The dashboard on a store: reviewed events for the figures, the review page, saving added articles.

    streamlit run dashboard/app.py -- --store PATH [--edit] [--passwords FILE] [--editor NAME]

- Viewing is open. Editing (corrections, review status, articles saved into the store) is off unless
  the app is started with ``--edit``.
- With editing on, an app that listens on anything but the loopback address asks editors to sign in
  against ``--passwords FILE`` (see dashboard/view/editors.py); without the file nobody may edit.
  On 127.0.0.1 the editor is ``--editor NAME`` (else the login name).
- Whether a session may write is decided here, from how the app was started and the session's
  sign-in, never from what a browser sends; a viewer's reads go through a read-only connection.
"""
from __future__ import annotations

import argparse
import getpass
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import store as stx
from dashboard.curation import schema
from dashboard.curation.errors import CurationError
from dashboard.view import editors, exports, filters, loading, reading

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_SIGNED_IN = "_review_editor"   # not a widget key: a browser cannot set it


@dataclass(frozen=True)
class Options:
    store: str = ""          # path or URL; "" when the app shows a CSV/Parquet table
    edit: bool = False
    passwords: str = ""
    editor: str = ""


def app_options(argv: Sequence[str], environ: Mapping[str, str]) -> Options:
    """`-- --store [PATH] [--edit] [--passwords FILE] [--editor NAME]`; a bare --store means $WARNEWS_STORE,
    else the default store. Without --store the app shows a table file, as before."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--store", nargs="?", const="")
    parser.add_argument("--edit", action="store_true")
    parser.add_argument("--passwords")
    parser.add_argument("--editor")
    known, _ = parser.parse_known_args(list(argv))
    target = "" if known.store is None else stx.store_target(known.store, environ)
    return Options(target, bool(known.edit), str(known.passwords or ""), str(known.editor or ""))


def listens_on_loopback() -> bool:
    return str(st.get_option("server.address") or "") in LOOPBACK


def signed_in_editor(options: Options) -> str | None:
    """The name this session edits under, or None when it may only view."""
    if not options.edit or not options.store:
        return None
    if listens_on_loopback() and not options.passwords:
        return options.editor or getpass.getuser()
    user = st.session_state.get(_SIGNED_IN)
    return user if isinstance(user, str) and user else None


def sign_in_form(options: Options) -> None:
    """The sidebar's sign-in for editors, when editing is on and needs it."""
    if not options.edit or not options.store or (listens_on_loopback() and not options.passwords):
        return
    with st.sidebar:
        st.header("Editor", anchor="editor")
        user = st.session_state.get(_SIGNED_IN)
        if user:
            st.caption(f"Signed in as {user}.")
            if st.button("Sign out", key="rv_sign_out"):
                st.session_state.pop(_SIGNED_IN, None)
                st.rerun()
            return
        if not options.passwords:
            st.caption("Editing needs a sign-in: start the app with --passwords FILE (or on 127.0.0.1).")
            return
        with st.form("rv_sign_in"):
            name = st.text_input("Name", key="rv_user")
            password = st.text_input("Password", type="password", key="rv_password")
            pressed = st.form_submit_button("Sign in", key="rv_sign_in_submit")
        if pressed:
            try:
                ok = editors.check_sign_in(editors.load_passwords(options.passwords), name.strip(), password)
            except editors.PasswordFileError as exc:
                st.error(str(exc))
                return
            if ok:
                st.session_state[_SIGNED_IN] = name.strip()
                st.rerun()
            st.error("Wrong name or password.")


# ---- reading ------------------------------------------------------------------------------------

@dataclass
class Reviewed:
    events: pd.DataFrame          # the reviewed rows, rejected ones left out: what figures and downloads use
    everything: pd.DataFrame      # every row with its review_status (the review page)
    orphans: list
    corrections: list
    revision: int


def _revision(target: str) -> int:
    with stx.open_store(target, readonly=True) as store:
        return stx.load_revision(store)


# The reviewed table is shared by all sessions (nothing mutates it, as for the loaded CSV in app.py),
# keyed by the store's revision: any write, from any process, makes the next rerun read it again.
@st.cache_resource(show_spinner="Loading the store…", max_entries=2)
def _cached_reviewed(target: str, revision: int) -> Reviewed:
    with stx.open_store(target, readonly=True) as store:
        snapshot = stx.load_snapshot(store)
    rows, orphans = stx.apply_corrections(snapshot.events, snapshot.corrections)
    columns = schema.COLUMNS + ["review_status", "corrected_fields", "engine_version", "engine_location"]
    everything = loading.normalise_events(pd.DataFrame(rows, columns=columns).astype(str))
    kept = filters.sort_by_date(everything[everything["review_status"] != "rejected"].reset_index(drop=True))
    return Reviewed(kept, everything, orphans, snapshot.corrections, snapshot.revision)


def load_reviewed(options: Options) -> Reviewed:
    """The store's reviewed events; StoreError (one line) when it cannot be read."""
    if not os.path.exists(options.store) and "://" not in options.store:
        raise CurationError(f"{options.store}: no such store; create it with "
                            f"`python -m dashboard.curate --store {options.store}`")
    return _cached_reviewed(options.store, _revision(options.store))


def reviewed_caption(reviewed: Reviewed) -> str:
    corrected = int((reviewed.events["review_status"] == "corrected").sum())
    rejected = len(reviewed.everything) - len(reviewed.events)
    return (f"Figures, table and downloads use the reviewed values: corrections applied to {corrected} event(s), "
            f"{rejected} rejected event(s) left out; the CSV carries each row's review_status.")


def load_article(options: Options, article_id: str) -> reading.Article | None:
    with stx.open_store(options.store, readonly=True) as store:
        found = stx.load_article(store, str(article_id))
    return reading.Article(found.article_id, found.text, found.title, found.url, found.published) if found else None


# ---- writing ------------------------------------------------------------------------------------

def save_added_article(options: Options, text: str, day: str, article_id: str, title: str, url: str,
                       rows: pd.DataFrame) -> str:
    """Save an article added in the page into the store, if this session may edit; the message to show."""
    editor = signed_in_editor(options)
    if editor is None:
        return ""
    records = [_row_dict(r) for _, r in rows[schema.COLUMNS].iterrows()]
    with stx.open_store(options.store) as store:
        report = stx.save_articles(store, [(stx.StoredArticle(article_id, text, title, url, day), records)])
    if report.unchanged:
        return f"The article was already in the store ({len(rows)} event(s)); nothing changed."
    return f"Added {len(rows)} event(s) from the article to the store {options.store}."


def _save(options: Options, corrections: list) -> None:
    if signed_in_editor(options) is None:   # checked again at the moment of writing
        raise CurationError("this session may not edit the store")
    with stx.open_store(options.store) as store:
        stx.save_corrections(store, corrections)


# ---- the review page -----------------------------------------------------------------------------

def _reasons(codes: str) -> str:
    return "; ".join(schema.REVIEW_REASONS.get(c, c) for c in str(codes).split(";") if c)


def _label(row) -> str:
    day = row["date_start"].strftime("%Y-%m-%d") if pd.notna(row["date_start"]) else "undated"
    doubts = f" · doubts: {row['review']}" if row["review"] else ""
    return f"[{row['review_status']}] {day} · {str(row['summary'])[:80]}{doubts}"


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _place_options(query: str) -> list[tuple[str, dict]]:
    from dashboard.curation.gazetteer import load_gazetteer
    places = load_gazetteer().candidates(query.strip())[:25] if query.strip() else []
    out = []
    for p in places:
        precision = {"city": "point", "admin1": "admin1", "country": "country", "sea": "sea"}.get(p.kind, "point")
        values = {"location": p.name, "admin1": p.admin1 if p.kind in ("city", "admin1", "feature") else "",
                  "country_iso3": p.country_iso3, "latitude": round(p.lat, 5), "longitude": round(p.lon, 5),
                  "geo_precision": precision}
        label = ", ".join(x for x in (p.name, values["admin1"], p.country_iso3) if x)
        out.append((f"{label} ({p.kind}, {p.lat:.3f}, {p.lon:.3f})", values))
    return out


def _defaults(row) -> dict:
    def day(value):
        return value.date() if pd.notna(value) else None
    return {"rv_place_query": _text(row["location"]), "rv_date_start": day(row["date_start"]),
            "rv_date_end": day(row["date_end"]),
            "rv_topic": _text(row["topic"]) if _text(row["topic"]) in schema.TOPICS else "other",
            "rv_killed": _text(row["killed"]), "rv_injured": _text(row["injured"]),
            "rv_amount": _text(stx._text_cell("amount", stx._cell("amount", row["amount"]))),
            "rv_currency": _text(row["currency"]), "rv_donor": _text(row["donor"]), "rv_note": ""}


def _changes(row) -> dict:
    """The editor's values from the widgets; CurationError for a figure that is not a whole number."""
    state = st.session_state
    changes = {}
    for key, column in (("rv_killed", "killed"), ("rv_injured", "injured")):
        value = str(state.get(key) or "").strip()
        if value and not (value.isdigit()):
            raise CurationError(f"{column}: {value!r} is not a whole number of people; give a number or leave it empty")
        changes[column] = value
    amount = str(state.get("rv_amount") or "").replace(",", "").strip()
    if amount:
        try:
            float(amount)
        except ValueError:
            raise CurationError(f"amount: {amount!r} is not a number; give the amount in its currency") from None
    changes["amount"] = amount
    changes["currency"] = str(state.get("rv_currency") or "").strip().upper()
    changes["donor"] = str(state.get("rv_donor") or "").strip()
    if state.get("rv_topic") in schema.TOPICS:
        changes["topic"] = state["rv_topic"]
    start, end = state.get("rv_date_start"), state.get("rv_date_end")
    if isinstance(start, date):
        changes["date_start"] = start.isoformat()
        changes["date_end"] = (end if isinstance(end, date) and end >= start else start).isoformat()
    picked = state.get("rv_place")
    if picked:
        changes.update(dict(_place_options(state.get("rv_place_query") or "")).get(picked, {}))
    return changes


def _row_dict(row) -> dict:
    out = {}
    for column, value in row.items():
        if isinstance(value, pd.Timestamp):
            out[column] = value.strftime("%Y-%m-%d")
        else:
            out[column] = _text(value)
    return out


def render_review(options: Options, reviewed: Reviewed) -> None:
    """The review page: rows the engine doubts, their evidence in the article, corrections, orphans."""
    st.header("Review", anchor="review")
    if "rv_flash" in st.session_state:
        st.success(st.session_state.pop("rv_flash"))
    everything = reviewed.everything
    editor = signed_in_editor(options)
    doubtful = (everything["review"] != "") & (everything["review_status"] == "new")
    st.caption(f"{int(doubtful.sum())} event(s) need review (the engine doubts them and nobody checked them yet) · "
               + " · ".join(f"{int((everything['review_status'] == s).sum())} {s}" for s in stx.REVIEW_STATUSES)
               + ("" if editor else " · viewing only: start the app with --edit (and sign in) to correct"))
    if reviewed.orphans:
        with st.container(key="rv_orphans", border=True):
            st.warning(f"{len(reviewed.orphans)} correction(s) no longer find their event after re-curation "
                       "(kept, not applied):")
            st.markdown("\n".join(f"- `{o.correction.correction_id[:8]}` {o.correction.kind} "
                                  f"{o.correction.field or ''} → {o.correction.new or ''} by {o.correction.author}: "
                                  f"{o.reason}" for o in reviewed.orphans))
    which = st.radio("Rows", ["needs review", "all"], key="rv_which", horizontal=True)
    listed = everything[doubtful] if which == "needs review" else everything
    ids = listed["event_id"].astype(str).tolist()
    labels = {eid: _label(row) for eid, (_, row) in zip(ids, listed.iterrows())}
    if st.session_state.get("rv_pick") not in ids:
        st.session_state["rv_pick"] = None
    picked = st.selectbox("Event to review", ids, key="rv_pick", index=None, format_func=labels.get,
                          placeholder="choose an event" if ids else "nothing to review")
    if editor and reviewed.corrections:
        st.download_button("Corrections (CSV)", partial(corrections_csv, reviewed), "corrections.csv", "text/csv",
                           key="dl_corrections", on_click="ignore")
    if not picked:
        return
    row = listed[listed["event_id"] == picked].iloc[0]
    if row["review"]:
        st.info("The engine doubts this row: " + _reasons(row["review"]))
    if row["corrected_fields"]:
        st.caption(f"Corrected: {row['corrected_fields']} (the engine's values stay in the store).")
    article = load_article(options, row["article_id"])
    if article is not None:
        with st.container(key="rv_article", border=True, height=300):
            st.markdown(reading.article_html(article, row["char_start"], row["char_end"], row["evidence"]),
                        unsafe_allow_html=True)
    if editor is None:
        return
    if st.session_state.get("rv_for") != picked:
        st.session_state.update(_defaults(row), rv_for=picked, rv_place=None)
    st.text_input("Place (search the gazetteer)", key="rv_place_query")
    places = _place_options(st.session_state.get("rv_place_query") or "")
    st.selectbox("Pick the place (coordinates and region follow)", [label for label, _ in places], key="rv_place",
                 index=None, placeholder="keep the place")
    c1, c2, c3 = st.columns(3)
    c1.date_input("Date", key="rv_date_start")
    c2.date_input("Until", key="rv_date_end")
    c3.selectbox("Topic", schema.TOPICS, key="rv_topic")
    c4, c5, c6, c7, c8 = st.columns(5)
    c4.text_input("Killed", key="rv_killed")
    c5.text_input("Injured", key="rv_injured")
    c6.text_input("Amount", key="rv_amount")
    c7.text_input("Currency", key="rv_currency")
    c8.text_input("Donor", key="rv_donor")
    st.text_input("Note (optional)", key="rv_note")
    b1, b2, b3, b4 = st.columns(4)
    save = b1.button("Save corrections", key="rv_save", type="primary")
    check = b2.button("Mark checked", key="rv_check")
    reject = b3.button("Reject the row", key="rv_reject")
    reopen = b4.button("Back to new", key="rv_reopen")
    if not (save or check or reject or reopen):
        return
    note = str(st.session_state.get("rv_note") or "")
    current = _row_dict(row)
    current["engine_location"] = _text(row["engine_location"])
    try:
        if save:
            corrections = stx.edits_for(current, _changes(row), editor, note)
            message = f"Saved {len(corrections)} correction(s)." if corrections else "Nothing changed."
        else:
            kind = stx.CHECK if check else stx.REJECT if reject else stx.REOPEN
            corrections = [stx.status_correction(current, kind, editor, note)]
            message = {stx.CHECK: "Marked checked.", stx.REJECT: "Rejected.", stx.REOPEN: "Back to new."}[kind]
        if corrections:
            _save(options, corrections)
    except CurationError as exc:
        st.error(str(exc), icon="⚠️")
        return
    st.session_state["rv_flash"] = message
    st.session_state["rv_for"] = None
    st.rerun()


def corrections_csv(reviewed: Reviewed) -> bytes:
    rows = stx.corrections_rows(reviewed.corrections, reviewed.orphans)
    return exports.to_csv_bytes(pd.DataFrame(rows, columns=stx.CORRECTION_COLUMNS))
