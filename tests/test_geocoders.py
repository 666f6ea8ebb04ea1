"""Tests of dashboard.curation.geocoders: the offline geocoder through geopy's interface,
and the online one's cache and failure paths against servers on 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from dashboard.curation.gazetteer import Gazetteer
from dashboard.curation.geocoders import (
    CachedGeocoder, OfflineGeocoder, make_geocoder, make_online_geocoder, online_geocoder_enabled,
)

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(str(DATA))


@pytest.fixture(scope="module")
def offline(gaz) -> OfflineGeocoder:
    return OfflineGeocoder(gaz)


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch):
    """Requests to 127.0.0.1 must not be sent to a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


# --- offline ---------------------------------------------------------------------

def test_offline_geocoder_is_a_geopy_geocoder(offline):
    assert isinstance(offline, Geocoder)


@pytest.mark.parametrize("query, options, name, kind, iso3, admin1, address", [
    ("Odessa", {}, "Odesa", "city", "UKR", "Odesa Oblast", "Odesa, Odesa Oblast, Ukraine"),
    ("Odessa", {"country_codes": "us"}, "Odessa", "city", "USA", "Texas", "Odessa, Texas, United States"),
    ("Odessa", {"country_codes": ["US", "CA"]}, "Odessa", "city", "USA", "Texas", None),
    ("Odessa", {"country_codes": "USA"}, "Odessa", "city", "USA", "Texas", None),
    ("Kiev", {}, "Kyiv", "city", "UKR", "Kyiv City", "Kyiv, Kyiv City, Ukraine"),
    ("Kostyantynivka", {}, "Kostiantynivka", "city", "UKR", "Donetsk Oblast", None),
    ("Kostyantynivka", {"admin1": "Zaporizhzhia region"}, "Kostiantynivka", "city", "UKR",
     "Zaporizhzhia Oblast", None),
    ("Vladivostok", {}, "Vladivostok", "city", "RUS", "Primorsky Krai", "Vladivostok, Primorsky Krai, Russia"),
    ("Kharkiv region", {}, "Kharkiv Oblast", "admin1", "UKR", "Kharkiv Oblast", "Kharkiv Oblast, Ukraine"),
    ("Black Sea", {}, "Black Sea", "sea", "", "", "Black Sea"),
    ("NATO", {}, "NATO", "org", "", "", "NATO"),
    ("Ukraine", {}, "Ukraine", "country", "UKR", "", "Ukraine"),
])
def test_offline_geocode(offline, query, options, name, kind, iso3, admin1, address):
    location = offline.geocode(query, **options)
    assert isinstance(location, Location)
    assert (location.raw["name"], location.raw["kind"], location.raw["country_iso3"],
            location.raw["admin1"]) == (name, kind, iso3, admin1)
    assert (location.latitude, location.longitude) == (location.raw["lat"], location.raw["lon"])
    assert location.raw["source"] == "gazetteer" and isinstance(location.raw["population"], int)
    if address is not None:
        assert location.address == address


def test_offline_geocode_all_candidates(offline):
    locations = offline.geocode("Odessa", exactly_one=False)
    assert [loc.raw["country_iso3"] for loc in locations][0] == "UKR"
    assert "USA" in {loc.raw["country_iso3"] for loc in locations}


@pytest.mark.parametrize("query, options", [
    ("Nowhereville", {}),
    ("Kupiansk", {"country_codes": "fr"}),
    ("Black Sea", {"country_codes": "ua"}),  # strict, like Nominatim: seas have no country
])
def test_offline_geocode_finds_nothing(offline, query, options):
    assert offline.geocode(query, **options) is None


@pytest.mark.parametrize("query, name", [
    ("50.45, 30.52", "Kyiv City"),
    (Point(48.59, 38.0), "Donetsk Oblast"),
    ((43.12, 131.9), "Primorsky Krai"),
])
def test_offline_reverse(offline, query, name):
    location = offline.reverse(query)
    assert location.raw["admin1"] == name and location.raw["kind"] == "city"


def test_fallback_is_asked_only_for_unknown_names(gaz):
    asked = []

    def fallback(query, exactly_one=True):
        asked.append(query)
        return Location("Somewhere", (1.0, 2.0), {"source": "fake"})

    geocoder = OfflineGeocoder(gaz, fallback=fallback)
    assert geocoder.geocode("Odessa").raw["source"] == "gazetteer"
    assert geocoder.geocode("Nowhereville").raw["source"] == "fake"
    assert asked == ["Nowhereville"]


@pytest.mark.parametrize("environ, enabled", [
    ({}, False), ({"WARNEWS_ONLINE_GEOCODER": "0"}, False), ({"WARNEWS_ONLINE_GEOCODER": ""}, False),
    ({"WARNEWS_ONLINE_GEOCODER": "1"}, True), ({"WARNEWS_ONLINE_GEOCODER": "true"}, True),
])
def test_online_geocoder_is_off_by_default(gaz, environ, enabled, tmp_path):
    assert online_geocoder_enabled(environ) is enabled
    geocoder = make_geocoder(gaz, cache_path=tmp_path / "c.json", environ=environ)
    assert isinstance(geocoder, OfflineGeocoder)
    assert isinstance(geocoder.fallback, CachedGeocoder) is enabled
    assert not (tmp_path / "c.json").exists()  # building it touches neither the disk nor the network


def test_user_agent_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WARNEWS_USER_AGENT", "warnews-test/1.0 (tests)")
    geocoder = make_online_geocoder(tmp_path / "c.json")
    nominatim = geocoder._geocode.func.__self__
    assert nominatim.headers["User-Agent"] == "warnews-test/1.0 (tests)"


# --- online: local servers -------------------------------------------------------------

@pytest.fixture
def silent_server():
    """A TCP server on 127.0.0.1 that accepts connections and never answers.
    It stops itself after 15 s at most."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.1)
    stop = threading.Event()
    held = []

    def serve():
        deadline = time.monotonic() + 15
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = server.accept()
                held.append(conn)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def closed_port() -> str:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"127.0.0.1:{port}"


@pytest.fixture
def nominatim_server():
    """A tiny Nominatim stand-in on 127.0.0.1 answering /search with one canned place."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            requests.append(self.path)
            body = json.dumps([{"lat": "47.8388", "lon": "35.1396", "place_id": 1,
                                "display_name": "Zaporizhzhia, Zaporizhzhia Oblast, Ukraine"}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def rate_limited_server():
    """A Nominatim stand-in on 127.0.0.1 that answers every request 429 Too Many Requests."""
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(429)
            self.send_header("Retry-After", "60")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _seed_cache(path: Path) -> bytes:
    entry = {"address": "Kept", "lat": 1.0, "lon": 2.0, "raw": {}}
    content = json.dumps({json.dumps(["Kept place", []]): entry}).encode()
    path.write_bytes(content)
    return content


@pytest.mark.parametrize("server", ["silent_server", "closed_port", "rate_limited_server"])
def test_online_geocoder_fails_fast_and_keeps_the_cache(server, request, tmp_path):
    domain = request.getfixturevalue(server)
    cache = tmp_path / "cache.json"
    before = _seed_cache(cache)
    geocoder = make_online_geocoder(cache, timeout=1.0, domain=domain, scheme="http")

    started = time.monotonic()
    assert geocoder.geocode("Pokrovsk") is None
    assert time.monotonic() - started < 2.0
    # one outage costs one timeout: the next names fail at once
    started = time.monotonic()
    assert geocoder.geocode("Selydove") is None
    assert time.monotonic() - started < 0.1

    assert cache.read_bytes() == before
    assert geocoder.geocode("Kept place").address == "Kept"  # the cache still answers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json"]


def test_online_geocoder_through_geopy_against_a_local_server(nominatim_server, tmp_path):
    domain, requests = nominatim_server
    cache = tmp_path / "cache.json"
    geocoder = make_online_geocoder(cache, timeout=1.0, domain=domain, scheme="http")
    location = geocoder.geocode("Zaporizhzhia")
    assert (location.latitude, location.longitude) == (47.8388, 35.1396)
    assert location.address == "Zaporizhzhia, Zaporizhzhia Oblast, Ukraine"
    assert len(requests) == 1 and requests[0].startswith("/search?")
    # a second geocoder reads the answer from the cache file, not the server
    again = make_online_geocoder(cache, timeout=1.0, domain=domain, scheme="http").geocode("Zaporizhzhia")
    assert (again.latitude, again.longitude, again.address) == (47.8388, 35.1396, location.address)
    assert len(requests) == 1


# --- online: the cache ------------------------------------------------------------------

class FakeGeocode:
    """A geopy-style geocode function with canned answers that counts its calls."""

    def __init__(self, answers):
        self.answers = answers
        self.calls = []

    def __call__(self, query, exactly_one=True, **options):
        self.calls.append(query)
        answer = self.answers[query]
        if isinstance(answer, Exception):
            raise answer
        return answer


def test_cache_answers_and_misses_are_remembered(tmp_path):
    fake = FakeGeocode({"Kupiansk": Location("Kupiansk", (49.71, 37.61), {"x": 1}), "Nowhere": None})
    cache = tmp_path / "sub" / "cache.json"
    geocoder = CachedGeocoder(fake, cache)
    assert geocoder.geocode("Kupiansk").raw == {"x": 1}
    assert geocoder.geocode("Nowhere") is None
    assert geocoder.geocode("Kupiansk").latitude == 49.71
    assert geocoder.geocode("Nowhere") is None
    assert fake.calls == ["Kupiansk", "Nowhere"]
    assert len([json.loads(line) for line in cache.read_text().splitlines()]) == 2   # one line per answer
    assert sorted(p.name for p in cache.parent.iterdir()) == ["cache.json"]  # no temp files left


def test_network_errors_are_not_cached_and_back_off(tmp_path):
    now = [0.0]
    fake = FakeGeocode({"Kupiansk": GeocoderUnavailable("down")})
    geocoder = CachedGeocoder(fake, tmp_path / "cache.json", backoff_seconds=60, clock=lambda: now[0])
    assert geocoder.geocode("Kupiansk") is None
    assert geocoder.geocode("Kupiansk") is None
    assert fake.calls == ["Kupiansk"]  # quiet during the back-off
    now[0] = 61.0
    fake.answers["Kupiansk"] = Location("Kupiansk", (49.71, 37.61), {})
    assert geocoder.geocode("Kupiansk").longitude == 37.61
    assert fake.calls == ["Kupiansk", "Kupiansk"]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe garbage"])
def test_a_corrupt_cache_is_set_aside_not_fatal(tmp_path, content):
    cache = tmp_path / "cache.json"
    cache.write_bytes(content)
    fake = FakeGeocode({"Kupiansk": Location("Kupiansk", (49.71, 37.61), {})})
    assert CachedGeocoder(fake, cache).geocode("Kupiansk").latitude == 49.71
    backups = [p for p in tmp_path.iterdir() if p.name.startswith("cache.json.corrupt-")]
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert json.loads(cache.read_text().splitlines()[0])["value"]["lat"] == 49.71


def test_an_unwritable_cache_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    fake = FakeGeocode({"Kupiansk": Location("Kupiansk", (49.71, 37.61), {})})
    geocoder = CachedGeocoder(fake, blocker / "cache.json")
    assert geocoder.geocode("Kupiansk").latitude == 49.71
    assert geocoder.geocode("Kupiansk").latitude == 49.71
    assert fake.calls == ["Kupiansk"]  # remembered in memory
