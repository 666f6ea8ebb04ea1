"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

AppTest (tests/test_app.py) checks what the script sends; only a browser shows that Vega
really draws the offline map, that the grid shows the filtered rows and that a download
returns them. The app runs on 127.0.0.1 on the fixture table and every request to any other
host is aborted, so the page must work with nothing from outside.

Playwright cannot download its own browser here: the test uses /usr/bin/chromium and is
skipped, with that reason, only when it is missing (scripts/test.sh installs it).
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect, sync_playwright

from dashboard.curation import schema
from dashboard.curation.incidents import INCIDENT_COLUMNS

from dashboard.view import loading
from dashboard.view.basemap import LABELS_URL, STATIC_URL as STATIC_SVG_URL, mercator_y

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "events.csv"
SEEDS = f"{Path(__file__).parent / 'fixtures' / 'seeds'}:{ROOT / 'seeds'}"
ARTIFACTS = Path(os.environ.get("WARNEWS_ARTIFACTS", ROOT / "artifacts"))
SCREENSHOT = ARTIFACTS / "dashboard.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
START_TIMEOUT_S = 60
RENDER_TIMEOUT_MS = 60_000   # first page load: the front end fetches and compiles its bundle
UPDATE_TIMEOUT_MS = 30_000   # a rerun after a filter change, a download
# The map's palette (dashboard/view/figures.py: LAND, WATER), as the screenshot shows it.
LAND_RGB, WATER_RGB = (0xF3, 0xF1, 0xEA), (0xD6, 0xE6, 0xF2)

FIXTURE_ROWS = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
LOCATED = FIXTURE_ROWS[(FIXTURE_ROWS["latitude"] != "") & (FIXTURE_ROWS["longitude"] != "")]
# The fixture's events with North Korea as place or actor (as in tests/test_app.py).
PRK_IDS = ["s-003", "s-004", "s-005", "s-006"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is missing: install Debian's chromium "
                                       "(scripts/test.sh does) to run the browser test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll streamlit's health endpoint until it answers, the process dies, or time runs out."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with code {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer {url}/_stcore/health within {START_TIMEOUT_S} s:\n"
                f"{log.read_text()[-3000:]}")


@contextlib.contextmanager
def running_app(folder: Path, app_args: list[str]):
    """`streamlit run dashboard/app.py -- APP_ARGS` on a free port of 127.0.0.1; yields its URL."""
    port = free_port()
    log = folder / "streamlit.log"
    command = [str(ROOT / ".venv" / "bin" / "streamlit"), "run", "dashboard/app.py",
               "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
               "--browser.gatherUsageStats", "false", "--", *app_args]
    env = {**os.environ, "WARNEWS_SEEDS": SEEDS}
    env.pop(loading.EVENTS_ENV, None)
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The dashboard on the fixture table."""
    with running_app(tmp_path_factory.mktemp("streamlit"), ["--data", str(FIXTURE)]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium from Debian."""
    with sync_playwright() as playwright:
        # launch() gives every run a new, empty profile in a temporary folder
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_local(url: str) -> bool:
    return urlsplit(url).hostname in LOCAL_HOSTS


@pytest.fixture(scope="module")
def open_page(browser):
    """Open a path of the app in its own browser context; requests off 127.0.0.1 are aborted."""
    contexts, blocked = [], []

    def block(route):
        blocked.append(route.request.url)
        route.abort("blockedbyclient")

    def refuse_socket(socket_route):
        blocked.append(socket_route.url)
        socket_route.close()

    def start(url: str):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                      service_workers="block")
        context.route(lambda request_url: not is_local(request_url), block)
        context.route_web_socket(lambda socket_url: not is_local(socket_url), refuse_socket)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    start.blocked = blocked
    yield start
    for context in contexts:
        context.close()
    # Printed, not asserted: the checks below already show the page works without them.
    print(f"\nrequests outside 127.0.0.1 aborted: {len(blocked)}", *blocked, sep="\n  ")


def wait_until_drawn(page, charts=("map_chart", "timeline_chart")) -> None:
    """Streamlit renders asynchronously: wait for the charts the view has and for the table."""
    for key in charts:
        page.locator(f".st-key-{key} .vega-embed svg g.role-mark").first.wait_for(state="attached",
                                                                                  timeout=RENDER_TIMEOUT_MS)
    page.locator(".st-key-events_table table[role=grid]").wait_for(state="attached", timeout=RENDER_TIMEOUT_MS)
    expect(page.locator("[data-testid=stException]")).to_have_count(0)


@pytest.fixture(scope="module")
def dashboard(app_url, open_page):
    """The default view, fully drawn, with a full-page screenshot saved as a test artefact."""
    page = open_page(app_url + "/")
    wait_until_drawn(page, ("map_chart", "timeline_chart", "aid_chart", "quantities_chart"))
    base_map_loaded(page)
    # The page scrolls inside Streamlit's main block, not the document: grow the window to its height.
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, int(height))})
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    return page


def marks(page, key: str) -> list[dict]:
    """What Vega drew in a chart: per mark group (a layer or panel) its kind and each item's ARIA label,
    which Vega-Lite writes from the item's fields ("x: 30.7; topic_key: attack; event: ...")."""
    return page.evaluate("""key => Array.from(
        document.querySelectorAll(`.st-key-${key} .vega-embed svg g.role-mark`), group => ({
            kind: (group.getAttribute('class').match(/mark-(\\w+)/) || [])[1],
            labels: Array.from(group.children, item => item.getAttribute('aria-label') || '')}))""", key)


def field(label: str, name: str) -> str | None:
    """A field's value in a mark's ARIA label."""
    found = re.search(rf"(?:^|; ){re.escape(name)}: (.*?)(?:; \w[\w ]*: |$)", label)
    return found.group(1) if found else None


def base_map_loaded(page) -> None:
    """Wait until the map's image (the cached static SVG) is decoded and drawn."""
    page.wait_for_function("""() => {
        const image = document.querySelector('.st-key-map_chart .vega-embed svg image');
        if (!image) return false;
        if (!window.__baseMap) {
            window.__baseMap = 'loading';
            const probe = new Image();
            probe.onload = () => { window.__baseMap = 'loaded'; };
            probe.src = image.getAttribute('href') || image.getAttribute('xlink:href');
        }
        return window.__baseMap === 'loaded';
    }""", timeout=RENDER_TIMEOUT_MS)
    page.wait_for_timeout(300)


# The map's units on screen: the base map image spans the world, -180..180 by Mercator y from +Y to -Y,
# at whatever zoom, so its box maps a longitude and latitude to the page's pixels.
TO_SCREEN = """([lon, y, top]) => {
    const image = document.querySelector('.st-key-map_chart .vega-embed svg image').getBoundingClientRect();
    const plot = document.querySelector('.st-key-map_chart .vega-embed svg path.background').getBoundingClientRect();
    const left = image.left + (lon + 180) / 360 * image.width;
    const down = image.top + (top - y) / (2 * top) * image.height;
    return {left, top: down, inside: left >= plot.left && left <= plot.right && down >= plot.top && down <= plot.bottom,
            span: 360 * plot.width / image.width, plot: [plot.left, plot.right, plot.top, plot.bottom],
            world: [image.left, image.width, image.top, image.height]};
}"""
WORLD_TOP = float(mercator_y(85.0))


def on_screen(page, lon: float, lat: float) -> dict:
    return page.evaluate(TO_SCREEN, [lon, float(mercator_y(lat)), WORLD_TOP])


def markers_inside_plot(page, key: str, kinds=("symbol",)) -> list[bool]:
    """For each drawn symbol of the chart, whether its centre lies inside its plot area."""
    return page.evaluate("""([key, kinds]) => {
        const chart = document.querySelector(`.st-key-${key} .vega-embed svg`);
        const areas = Array.from(chart.querySelectorAll('path.background'))      // the plots, not the legends
            .filter(p => !p.closest('.role-legend')).map(p => p.getBoundingClientRect());
        const items = Array.from(chart.querySelectorAll('g.role-mark'))
            .filter(group => kinds.some(kind => group.classList.contains('mark-' + kind)))
            .flatMap(group => Array.from(group.children));
        return items.map(item => {
            const box = item.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            return areas.some(a => x >= a.left - 0.5 && x <= a.right + 0.5 && y >= a.top - 0.5 && y <= a.bottom + 0.5);
        });
    }""", [key, list(kinds)])


def colour_at(page, lon: float, lat: float) -> tuple[int, int, int]:
    """The median colour of the screen pixels around a longitude/latitude of the map."""
    at = on_screen(page, lon, lat)
    assert at["inside"], f"({lon}, {lat}) is outside the map's view"
    png = page.screenshot(clip={"x": at["left"] - 2, "y": at["top"] - 2, "width": 5, "height": 5})
    pixels = list(Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data())
    return tuple(sorted(channel)[len(channel) // 2] for channel in zip(*pixels))


def looks_like(colour: tuple[int, int, int], reference: tuple[int, int, int], tolerance: int = 10) -> bool:
    return max(abs(a - b) for a, b in zip(colour, reference)) <= tolerance


def grid(page) -> tuple[int, list[dict[str, str]]]:
    """The event table as the grid shows it: its row count, and the cells of the rendered rows."""
    table = page.locator(".st-key-events_table table[role=grid]")
    count = int(table.get_attribute("aria-rowcount")) - 1     # the header is row 1
    rows = table.evaluate("""table => {
        const heads = Array.from(table.querySelectorAll('th'),
                                 th => [th.getAttribute('aria-colindex'), th.textContent]);
        return Array.from(table.querySelectorAll('tbody tr'), tr => Object.fromEntries(heads.map(
            ([index, name]) => [name, (tr.querySelector(`td[aria-colindex="${index}"]`) || {}).textContent ?? null])));
    }""")
    return count, rows


def map_images(page) -> list[str]:
    """The hrefs of the images the map draws (its base map), bottom first."""
    return page.evaluate("""() => Array.from(
        document.querySelectorAll('.st-key-map_chart .vega-embed svg image'),
        image => image.getAttribute('href') || image.getAttribute('xlink:href'))""")


def test_map_draws_land_and_a_marker_per_located_event(dashboard):
    # the base map is the static SVG, as an image under the events, fetched from this server
    hrefs = map_images(dashboard)
    assert len(hrefs) == 1 and urlsplit(hrefs[0]).path == STATIC_SVG_URL and is_local(hrefs[0])
    svg = dashboard.evaluate("url => fetch(url).then(answer => answer.text())", STATIC_SVG_URL)
    assert svg.startswith("<svg") and 'id="land"' in svg and 'id="regions"' in svg
    drawn = marks(dashboard, "map_chart")
    assert {group["kind"] for group in drawn} == {"image", "symbol", "text"}    # no geometry in the chart itself
    events = [label for group in drawn for label in group["labels"] if field(label, "place_kind")]
    topics = pd.Series([field(label, "topic_key").replace(" ", "_") for label in events]).value_counts()
    assert topics.to_dict() == LOCATED["topic"].value_counts().to_dict()
    assert len(events) == len(LOCATED) == 17
    inside = markers_inside_plot(dashboard, "map_chart")
    assert len(inside) >= len(LOCATED) and all(inside)
    # and the pixels agree: land where there is land, water where there is sea
    assert looks_like(colour_at(dashboard, 100.0, 60.0), LAND_RGB)      # central Siberia
    assert looks_like(colour_at(dashboard, 20.0, 10.0), LAND_RGB)       # Chad
    assert looks_like(colour_at(dashboard, -40.0, 35.0), WATER_RGB)     # mid-Atlantic
    assert looks_like(colour_at(dashboard, 65.0, 15.0), WATER_RGB)      # Arabian Sea
    expect(dashboard.get_by_text("1 event(s) without a place are not on the map.")).to_be_visible()
    assert SCREENSHOT.stat().st_size > 50_000


def test_map_land_does_not_cover_the_open_sea(dashboard):
    assert looks_like(colour_at(dashboard, 2.0, 67.0), WATER_RGB)       # Norwegian Sea


def test_a_badge_counts_the_events_at_a_point_and_its_tooltip_lists_them(dashboard):
    badges = [label for group in marks(dashboard, "map_chart") if group["kind"] == "text" for label in group["labels"]]
    kyiv = [label for label in badges if field(label, "count") == "5"]
    assert len(kyiv) == 1 and "Drone debris injures three" in kyiv[0]
    at = on_screen(dashboard, 30.5234, 50.4501)
    dashboard.mouse.move(at["left"], at["top"])
    tooltip = dashboard.locator("#vg-tooltip-element")
    expect(tooltip).to_contain_text("events at this point", timeout=UPDATE_TIMEOUT_MS)
    expect(tooltip).to_contain_text("Netherlands pledges")
    dashboard.mouse.move(0, 0)


def test_timeline_and_both_charts_render(dashboard):
    timeline = marks(dashboard, "timeline_chart")
    dated = FIXTURE_ROWS[FIXTURE_ROWS["date_start"] != ""]
    assert sum(len(group["labels"]) for group in timeline if group["kind"] in ("symbol", "rule")) >= len(dated) == 18
    lanes = dashboard.evaluate("""() => Array.from(document.querySelectorAll(
        '.st-key-timeline_chart .vega-embed svg g.role-axis[aria-label^="Y-axis"] g.role-axis-label text'),
        text => text.textContent)""")
    topics = set(FIXTURE_ROWS["topic"])
    assert lanes == [t.replace("_", " ") for t in schema.TOPICS if t in topics]
    assert all(markers_inside_plot(dashboard, "timeline_chart"))

    aid = [label for group in marks(dashboard, "aid_chart") if group["kind"] == "rect" for label in group["labels"]]
    assert {field(label, "aid type") for label in aid} == set(FIXTURE_ROWS["aid_type"]) - {""} == {
        "loan", "military", "humanitarian"}
    assert len(aid) == 3

    quantities = [label for group in marks(dashboard, "quantities_chart") if group["kind"] == "rect"
                  for label in group["labels"]]
    assert len(quantities) == 4     # 2 troop figures, 70 shipments, 8 million rounds
    panels = dashboard.evaluate("""() => Array.from(document.querySelectorAll(
        '.st-key-quantities_chart .vega-embed svg g.role-title text'), text => text.textContent)""")
    assert panels == ["troops", "shipments", "shells/rounds"]


def test_a_filter_changes_the_table_and_the_csv_download_returns_its_rows(app_url, open_page, tmp_path):
    page = open_page(app_url + "/")
    wait_until_drawn(page)
    assert grid(page)[0] == len(FIXTURE_ROWS) == 18
    country = page.locator(".st-key-f_country input")
    country.fill("North Korea")
    country.press("Enter")
    expect(page.locator(".st-key-f_country")).to_contain_text("North Korea (PRK)")
    table = page.locator(".st-key-events_table table[role=grid]")
    expect(table).to_have_attribute("aria-rowcount", str(len(PRK_IDS) + 1), timeout=UPDATE_TIMEOUT_MS)
    expect(page).to_have_url(f"{app_url}/?country=PRK")

    count, rows = grid(page)
    assert count == len(rows) == len(PRK_IDS)
    assert sorted(row["event_id"] for row in rows) == PRK_IDS

    with page.expect_download(timeout=UPDATE_TIMEOUT_MS) as started:
        page.locator(".st-key-dl_events button").click()
    download = started.value
    assert download.suggested_filename == "events.csv" and is_local(download.url)
    downloaded = tmp_path / download.suggested_filename     # the browser keeps it under a random name
    download.save_as(downloaded)
    assert downloaded.read_bytes().startswith(b"\xef\xbb\xbfevent_id,")     # UTF-8 BOM, for Excel
    with open(downloaded, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    # the same rows, in the order the table shows them, with what the table shows in them
    assert [r["event_id"] for r in records] == [row["event_id"] for row in rows]
    for shown, record in zip(rows, records):
        for column in ("status", "topic", "location", "country_iso3", "actors"):
            assert shown[column] == record[column], (shown["event_id"], column)
        assert (shown["date"], shown["until"]) == (record["date_start"], record["date_end"])
    # and every column of each row is the fixture's, once both are read the dashboard's way
    got = loading.load_events(downloaded).set_index("event_id").sort_index()
    expected = loading.load_events(FIXTURE).set_index("event_id").loc[PRK_IDS]
    # counted as incidents (the default), each of these its only report: the incident columns follow
    assert [c for c in got.columns if c not in expected.columns] == INCIDENT_COLUMNS
    pd.testing.assert_frame_equal(got[expected.columns], expected)


def test_a_shared_link_opens_the_filtered_view(app_url, open_page):
    page = open_page(app_url + "/?topic=attack&from=2024-10-19&to=2024-10-19")
    wait_until_drawn(page)
    expect(page.locator(".st-key-f_topic")).to_contain_text("attack")
    expect(page.locator(".st-key-events_table table[role=grid]")).to_have_attribute("aria-rowcount", "3")
    count, rows = grid(page)
    assert count == len(rows) == 2
    assert sorted(row["event_id"] for row in rows) == ["fx-002", "fx-003"]     # the attacks of 19 October
    assert parse_qs(urlsplit(page.url).query) == {"topic": ["attack"], "from": ["2024-10-19"],
                                                  "to": ["2024-10-19"]}


def test_requests_outside_127_0_0_1_are_aborted(dashboard, open_page):
    outcome = dashboard.evaluate("""() => fetch('https://example.org/tile.png', {mode: 'no-cors'})
        .then(() => 'answered', error => 'failed: ' + error.message)""")
    assert outcome.startswith("failed")
    assert "https://example.org/tile.png" in open_page.blocked


def map_view(page) -> tuple[list[float], list[float]]:
    """The map's current x (longitude) and y (Mercator) ranges: its plot area in the world image's units."""
    at = on_screen(page, 0.0, 0.0)
    left, right, top, bottom = at["plot"]
    x0, width, y0, height = at["world"]
    lon = [-180 + (left - x0) / width * 360, -180 + (right - x0) / width * 360]
    y = [WORLD_TOP - (bottom - y0) / height * 2 * WORLD_TOP, WORLD_TOP - (top - y0) / height * 2 * WORLD_TOP]
    return lon, y


def zoom_map(page, lon: float, lat: float, span: float) -> None:
    """Zoom with the mouse wheel on a place until the map is at most `span` degrees wide, as a user does."""
    for _ in range(60):
        at = on_screen(page, lon, lat)
        if at["span"] <= span:
            return
        page.mouse.move(at["left"], at["top"])
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(120)
    pytest.fail(f"the map did not zoom to {span} degrees: it is {at['span']:.1f} wide")


def ink_near(page, lon: float, lat: float, colour: tuple[int, int, int], box: tuple[int, int, int, int]) -> int:
    """Pixels of about `colour` in a box (left, top, width, height, in px from the place) of the map."""
    at = on_screen(page, lon, lat)
    png = page.screenshot(clip={"x": at["left"] + box[0], "y": at["top"] + box[1], "width": box[2], "height": box[3]})
    pixels = Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data()
    return sum(looks_like(pixel, colour, tolerance=45) for pixel in pixels)


CITY_RGB, REGION_RGB = (0x3D, 0x3D, 0x3D), (0x8A, 0x7F, 0x70)   # basemap.CITY_TEXT, REGION_TEXT
POLTAVA, POLTAVA_OBLAST = (34.55367, 49.58925), (33.7723, 49.6978)   # the city, its region's label point


def test_region_zoom_shows_place_names_and_the_zoom_survives_a_filter_change(app_url, open_page):
    page = open_page(app_url + "/")
    wait_until_drawn(page)
    base_map_loaded(page)
    # on the opening view (the world's width of the events) the labels are too small to be seen, and
    # their file is not even loaded: only the outlines are drawn
    assert ink_near(page, *POLTAVA, CITY_RGB, (3, -14, 60, 16)) < 15
    assert [urlsplit(href).path for href in map_images(page)] == [STATIC_SVG_URL]
    zoom_map(page, 35.0, 49.6, 5.0)
    page.wait_for_timeout(500)
    assert [urlsplit(href).path for href in map_images(page)] == [STATIC_SVG_URL, LABELS_URL]
    # at region zoom: the city's name beside its dot, the region's name in capitals
    assert ink_near(page, *POLTAVA, CITY_RGB, (3, -16, 70, 20)) > 25
    assert ink_near(page, *POLTAVA_OBLAST, REGION_RGB, (-45, -16, 90, 20)) > 25
    zoomed = map_view(page)
    assert zoomed[0][1] - zoomed[0][0] <= 5.0

    for topic in ("attack", "combat"):     # two reruns, each with a new figure
        box = page.locator(".st-key-f_topic input")
        box.fill(topic)
        box.press("Enter")
        box.press("Escape")
        expect(page).to_have_url(re.compile(rf"topic={topic}"), timeout=UPDATE_TIMEOUT_MS)
        wait_until_drawn(page)
        page.wait_for_timeout(800)
        kept = map_view(page)
        assert len(marks(page, "map_chart")[2]["labels"]) < len(LOCATED)     # the new view's events are drawn
        assert kept[0] == pytest.approx(zoomed[0], abs=0.05), (topic, kept, zoomed)
        assert np.mean(kept[1]) == pytest.approx(np.mean(zoomed[1]), abs=0.2), (topic, kept, zoomed)
    assert ink_near(page, *POLTAVA, CITY_RGB, (3, -16, 70, 20)) > 25


def test_a_narrow_window_draws_every_chart_inside_the_page(app_url, browser):
    context = browser.new_context(viewport={"width": 420, "height": 900}, service_workers="block")
    context.route(lambda request_url: not is_local(request_url), lambda route: route.abort("blockedbyclient"))
    try:
        page = context.new_page()
        page.goto(app_url + "/")
        wait_until_drawn(page, ("map_chart", "timeline_chart", "aid_chart", "quantities_chart"))
        page.wait_for_timeout(500)
        overflow = page.evaluate("""() => {
            const main = document.querySelector('[data-testid=stMain]');
            return main.scrollWidth - main.clientWidth;
        }""")
        assert overflow <= 1                                  # no sideways scrolling
        # every tick label of the timeline (dates and their year) lies inside its chart
        x_labels = '.st-key-timeline_chart .vega-embed svg g.role-axis[aria-label^="X-axis"] g.role-axis-label text'
        clipped = page.evaluate("""selector => {
            const box = document.querySelector('.st-key-timeline_chart .vega-embed').getBoundingClientRect();
            return Array.from(document.querySelectorAll(selector), label => {
                if (label.getAttribute('opacity') === '0') return null;     // a label Vega hid, as it overlapped
                const r = label.getBoundingClientRect();
                return r.left < box.left - 0.5 || r.right > box.right + 0.5 ? label.textContent : null;
            }).filter(Boolean);
        }""", x_labels)
        assert clipped == []
        ticks = page.locator(x_labels).all_text_contents()
        assert ticks and not any(":" in tick for tick in ticks)   # days, never 00:00 / 12:00
        assert markers_inside_plot(page, "map_chart")
    finally:
        context.close()


STORE_ARTICLE = ("On March 3, a drone struck a depot in the city of Kharkiv, injuring four workers.\n"
                 "Separately, shelling hit houses in Sumy on Sunday, killing one man, officials said.\n")


@pytest.fixture(scope="module")
def store_app(tmp_path_factory):
    """`streamlit run dashboard/app.py -- --store PATH --edit` on a new, empty store, on 127.0.0.1."""
    from dashboard import store as stx
    folder = tmp_path_factory.mktemp("store")
    path = folder / "desk.sqlite"
    stx.open_store(path).close()
    with running_app(folder, ["--store", str(path), "--edit", "--editor", "desk"]) as url:
        yield url, path


def test_an_added_article_is_kept_in_the_store_across_reload_and_tabs(store_app, open_page):
    from dashboard import store as stx
    url, path = store_app
    page = open_page(url + "/")
    expect(page.get_by_text("The table has no events yet")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    page.locator(".st-key-add_text textarea").fill(STORE_ARTICLE)
    for part, value in (("year", "2024"), ("month", "03"), ("day", "05")):   # the date field's segments
        segment = page.get_by_role("spinbutton", name=f"{part}, Publication date")
        segment.click()
        page.keyboard.type(value)
    page.locator(".st-key-add_title input").fill("Strikes overnight")
    page.locator(".st-key-add_submit button").click()
    expect(page.get_by_text("to the store")).to_be_visible(timeout=UPDATE_TIMEOUT_MS)
    with stx.open_store(path, readonly=True) as store:
        stored_ids = sorted(r["event_id"] for r in stx.load_event_rows(store))
        assert [a["title"] for a in stx.load_articles(store)] == ["Strikes overnight"]
    assert len(stored_ids) == 2

    def shown(on_page) -> list[str]:
        wait_until_drawn(on_page, ("map_chart",))
        table = on_page.locator(".st-key-events_table table[role=grid]")
        expect(table).to_have_attribute("aria-rowcount", str(len(stored_ids) + 1), timeout=UPDATE_TIMEOUT_MS)
        count, rows = grid(on_page)
        assert count == len(rows)
        return sorted(row["event_id"] for row in rows)

    assert shown(page) == stored_ids
    page.reload()
    assert shown(page) == stored_ids                      # after F5: a new session, the same store
    other = open_page(url + "/")                          # another tab, its own browser context
    assert shown(other) == stored_ids
    expect(other.get_by_text("Figures, table and downloads use the reviewed values")).to_be_visible()
