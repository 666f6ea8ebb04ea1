"""geopy geocoders for the pipeline: offline over the gazetteer, online only on request.

- :class:`OfflineGeocoder` answers geopy's ``geocode``/``reverse`` from
  :class:`dashboard.curation.gazetteer.Gazetteer` (GeoNames, CC BY 4.0); it never
  touches the network.
- :func:`make_online_geocoder` builds geopy's ``Nominatim`` (OpenStreetMap
  data, ODbL; its usage policy asks for at most one request a second and a real
  User-Agent) behind geopy's ``RateLimiter`` and an append-only cache file. It fails
  fast and returns ``None`` when the network is down.
- :func:`make_geocoder` is what the pipeline calls: the offline geocoder,
  falling back to the online one only when the environment says so.

Environment:
- ``WARNEWS_ONLINE_GEOCODER=1`` turns the online fallback on (off by default);
- ``WARNEWS_USER_AGENT`` is the User-Agent sent to Nominatim;
- ``WARNEWS_GEOCODER_CACHE`` is the cache file (default ``artifacts/geocode-cache.json``).

Nothing here does any work at import time.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from geopy.adapters import BaseAdapter, RequestsAdapter, URLLibAdapter
from geopy.exc import GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from dashboard.curation.gazetteer import Gazetteer, Place, load_gazetteer

log = logging.getLogger(__name__)

ONLINE_ENV = "WARNEWS_ONLINE_GEOCODER"
USER_AGENT_ENV = "WARNEWS_USER_AGENT"
CACHE_ENV = "WARNEWS_GEOCODER_CACHE"
DEFAULT_USER_AGENT = "warnews-dashboard/0.1 (war-news event table; offline-first geocoding)"
DEFAULT_CACHE_PATH = Path(__file__).resolve().parents[2] / "artifacts" / "geocode-cache.json"
# After a network failure the online geocoder stays quiet this long, so one
# outage costs one timeout, not one per place name.
OFFLINE_BACKOFF_SECONDS = 300.0
# The most the online geocoder may add to one article's curation, all its requests together.
ARTICLE_BUDGET_SECONDS = 5.0


def place_location(place: Place, country_name: str = "") -> Location:
    """A geopy Location for ``place``; ``.raw`` carries the Place's fields."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if country_name and country_name != place.name:
        parts.append(country_name)
    raw = {
        "name": place.name, "kind": place.kind, "country_iso3": place.country_iso3,
        "admin1": place.admin1, "population": place.population,
        "lat": place.lat, "lon": place.lon, "source": "gazetteer",
    }
    return Location(", ".join(parts), (place.lat, place.lon), raw)


class OfflineGeocoder(Geocoder):
    """geopy geocoder over the offline gazetteer.

    ``fallback`` (optional) is another geocoder's ``geocode``, asked only for
    names the gazetteer does not know, with ``exactly_one=True``.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        fallback: Callable[..., Location | None] | None = None,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(user_agent=user_agent or DEFAULT_USER_AGENT)
        self._gazetteer = gazetteer
        self.fallback = fallback

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def _location(self, place: Place) -> Location:
        country = self.gazetteer.country_by_iso3(place.country_iso3) if place.country_iso3 else None
        return place_location(place, country.name if country else "")

    def _iso3_codes(self, country_codes: str | Iterable[str] | None) -> set[str]:
        """Nominatim-style ISO 3166-1 codes ("ua", ["ua", "ru"]) or alpha-3 ("UKR") -> alpha-3."""
        if not country_codes:
            return set()
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        codes = set()
        for code in country_codes:
            code = code.strip().upper()
            if len(code) == 2:
                match = next((c for c in self.gazetteer.countries() if c.iso2 == code), None)
                codes.add(match.iso3 if match else code)
            else:
                codes.add(code)
        return codes

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | Iterable[str] | None = None,
        admin1: str | None = None,
    ) -> Location | list[Location] | None:
        """Places named ``query``, best first (see ``Gazetteer.candidates``).

        ``country_codes`` restricts the answer to those countries, like
        Nominatim's; ``admin1`` prefers places in that admin1 unit. ``timeout``
        is accepted for geopy compatibility and ignored.
        """
        codes = self._iso3_codes(country_codes)
        country = next(iter(codes)) if len(codes) == 1 else None
        places = self.gazetteer.candidates(query, country, admin1)
        if codes:
            places = [p for p in places if p.country_iso3 in codes]
        if not places:
            if self.fallback is not None:
                found = self.fallback(query, exactly_one=True)
                return found if exactly_one or found is None else [found]
            return None
        if exactly_one:
            return self._location(places[0])
        return [self._location(p) for p in places]

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """The gazetteer's city nearest to ``query`` (a geopy Point, "lat, lon" or a pair)."""
        point = Point(query)
        place = self.gazetteer.nearest(point.latitude, point.longitude)
        if place is None:
            return None
        location = self._location(place)
        return location if exactly_one else [location]


# --- online --------------------------------------------------------------------

class CachedGeocoder:
    """A geocode function with a persistent JSON cache that never raises on network errors.

    ``geocode`` is geopy-style (``query, exactly_one=..., **options``). Answers,
    including "not found", are appended to ``cache_path``, one JSON line each
    (no rewrite or fsync of the whole cache per answer). A cache file that cannot be read is
    moved aside as ``<name>.corrupt-<time>`` and started anew. A network
    failure returns ``None``, is not cached, and silences the geocoder for
    ``backoff_seconds``.
    """

    def __init__(
        self,
        geocode: Callable[..., Location | None],
        cache_path: str | os.PathLike,
        *,
        host: str | None = None,
        timeout: float = 1.0,
        backoff_seconds: float = OFFLINE_BACKOFF_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        article_budget_seconds: float = ARTICLE_BUDGET_SECONDS,
    ) -> None:
        self._article_budget = article_budget_seconds
        self._article_spent = 0.0
        self._geocode = geocode
        self.cache_path = Path(cache_path)
        self._host = host
        self._timeout = timeout
        self._backoff = backoff_seconds
        self._clock = clock
        self._quiet_until = -1.0
        self._cache: dict[str, Any] | None = None
        self._rewrite = False  # the file is in the older one-object format

    # cache I/O
    def load_cache(self) -> dict[str, Any]:
        """The cache's entries, read once; a corrupt file is set aside, never fatal.

        The file is JSON lines, ``{"key": ..., "value": ...}`` per answer, appended as answers
        come (the last line for a key wins); a torn last line is skipped. A cache in the older
        format, one JSON object, is read as well and rewritten as lines on the first answer."""
        if self._cache is not None:
            return self._cache
        self._cache = {}
        try:
            content = self.cache_path.read_bytes()
        except FileNotFoundError:
            return self._cache
        except OSError as error:
            log.warning("geocoder cache %s unreadable (%s); starting empty", self.cache_path, error)
            return self._cache
        try:
            entries, self._rewrite = _parse_cache(content)
        except ValueError as error:
            backup = self.cache_path.with_name(f"{self.cache_path.name}.corrupt-{int(time.time())}")
            log.warning("geocoder cache %s is corrupt (%s); moved to %s", self.cache_path, error, backup)
            try:
                os.replace(self.cache_path, backup)
            except OSError:
                pass
            return self._cache
        self._cache = entries
        return self._cache

    def save_answer(self, key: str) -> None:
        """Append one answer to the cache (one line, no rewrite of the rest); a write failure is
        logged, never raised. A cache in the older format is rewritten as lines once, atomically."""
        entries = self.load_cache()
        line = json.dumps({"key": key, "value": entries[key]}, ensure_ascii=False) + "\n"
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            if self._rewrite:
                fd, tmp = tempfile.mkstemp(prefix=f".{self.cache_path.name}.", suffix=".tmp",
                                           dir=self.cache_path.parent)
                try:
                    with os.fdopen(fd, "w", encoding="utf-8") as handle:
                        handle.writelines(json.dumps({"key": k, "value": v}, ensure_ascii=False) + "\n"
                                          for k, v in entries.items())
                    os.replace(tmp, self.cache_path)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
                self._rewrite = False
                return
            # one write() of one line in append mode: lines of several processes never interleave
            with open(self.cache_path, "a", encoding="utf-8") as handle:
                handle.write(line)
        except OSError as error:
            log.warning("could not write geocoder cache %s: %s", self.cache_path, error)

    # geocoding
    @staticmethod
    def _key(query: str, options: Mapping[str, Any]) -> str:
        return json.dumps([query.strip(), sorted(options.items())], ensure_ascii=False, default=str)

    def _host_reachable(self) -> bool:
        """False if the host's name does not resolve within the timeout: DNS
        lookups ignore the HTTP timeout and can hang for many seconds offline."""
        if not self._host:
            return True
        try:
            ipaddress.ip_address(self._host)
            return True
        except ValueError:
            pass
        result: list[bool] = []
        thread = threading.Thread(target=lambda: result.append(_resolves(self._host)), daemon=True)
        thread.start()
        thread.join(self._timeout)
        return bool(result and result[0])

    def start_article(self) -> None:
        """A new article begins: its requests get a fresh ``article_budget_seconds``."""
        self._article_spent = 0.0

    def _within_deadline(self, query: str, options: Mapping[str, Any]) -> Location | None:
        """The request, given ``timeout`` seconds in all: the HTTP timeout is per read, so a
        server trickling one byte at a time would otherwise hold the curation indefinitely."""
        result: list[Any] = []

        def ask() -> None:
            try:
                result.append(("ok", self._geocode(query, exactly_one=True, **options)))
            except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                result.append(("error", error))

        thread = threading.Thread(target=ask, daemon=True)
        thread.start()
        thread.join(self._timeout)
        if not result:
            raise OSError(f"no answer within {self._timeout:g} s")
        status, value = result[0]
        if status == "error":
            raise value
        return value

    def geocode(self, query: str, exactly_one: bool = True, **options: Any) -> Location | None:
        """The first answer for ``query``, from the cache or the network; ``None``
        when there is none, the network fails, or the article's time budget is spent."""
        key = self._key(query, options)
        cache = self.load_cache()
        if key in cache:
            return _location_from_json(cache[key])
        if self._clock() < self._quiet_until or self._article_spent >= self._article_budget:
            return None
        asked = time.monotonic()
        try:
            if not self._host_reachable():
                raise OSError(f"cannot resolve {self._host}")
            found = self._within_deadline(query, options)
        except (GeocoderServiceError, OSError) as error:
            log.warning("online geocoder unavailable (%s); offline for %.0f s", error, self._backoff)
            self._quiet_until = self._clock() + self._backoff
            return None
        finally:
            self._article_spent += time.monotonic() - asked
        if isinstance(found, list):
            found = found[0] if found else None
        cache[key] = _location_to_json(found)
        self.save_answer(key)
        return found

    __call__ = geocode


def _parse_cache(content: bytes) -> tuple[dict[str, Any], bool]:
    """Entries of a cache file (JSON lines, or the older single JSON object: then True);
    ValueError if it is neither."""
    text = content.decode("utf-8")
    if not text.strip():
        return {}, False
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    if isinstance(whole, dict) and not {"key", "value"} <= set(whole):
        return whole, True
    entries: dict[str, Any] = {}
    parsed = 0
    for line in text.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue  # a line torn by a crash: that answer is asked again
        if isinstance(item, dict) and isinstance(item.get("key"), str) and "value" in item:
            entries[item["key"]] = item["value"]
            parsed += 1
    if not parsed:
        raise ValueError("the cache is neither JSON lines of answers nor a JSON object")
    return entries, False


def _resolves(host: str) -> bool:
    try:
        socket.getaddrinfo(host, None)
        return True
    except OSError:
        return False


def _location_to_json(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {"address": location.address, "lat": location.latitude, "lon": location.longitude,
            "raw": location.raw}


def _location_from_json(entry: Any) -> Location | None:
    if not isinstance(entry, dict):
        return None
    return Location(entry.get("address", ""), (entry["lat"], entry["lon"]), entry.get("raw") or {})


def _same_host_only(response: Any, *args: Any, **kwargs: Any) -> None:
    """A requests response hook: a redirect to another host (or scheme, or port) is refused."""
    from urllib.parse import urljoin, urlsplit
    if response.is_redirect:
        target = urlsplit(urljoin(response.url, response.headers.get("Location", "")))
        origin = urlsplit(response.url)
        if (target.scheme, target.netloc) != (origin.scheme, origin.netloc):
            raise GeocoderServiceError(f"refused a redirect from {origin.netloc} to {target.netloc or '?'}")


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        from urllib.parse import urlsplit
        if urlsplit(newurl)[:2] != urlsplit(req.full_url)[:2]:
            raise GeocoderServiceError(f"refused a redirect from {urlsplit(req.full_url).netloc} "
                                       f"to {urlsplit(newurl).netloc or '?'}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _no_retry_adapter(proxies: Any, ssl_context: Any) -> BaseAdapter:
    """geopy's HTTP adapter without its own retries (requests' default of two
    would triple the time a dead network takes to fail), following redirects
    only within the server's own host."""
    try:
        adapter = RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
        adapter.session.hooks["response"].append(_same_host_only)
        adapter.session.max_redirects = 3
        return adapter
    except ImportError:  # requests missing: urllib does not retry
        adapter = URLLibAdapter(proxies=proxies, ssl_context=ssl_context)
        adapter.urlopen = urllib.request.build_opener(
            urllib.request.ProxyHandler(proxies or {}), urllib.request.HTTPSHandler(context=ssl_context),
            _SameHostRedirects()).open
        return adapter


def make_online_geocoder(
    cache_path: str | os.PathLike,
    timeout: float = 1.0,
    *,
    domain: str | None = None,
    scheme: str | None = None,
    user_agent: str | None = None,
    min_delay_seconds: float = 1.0,
) -> CachedGeocoder:
    """Nominatim behind a rate limiter (one request a second, no retries) and a
    JSON cache at ``cache_path``; network failures return ``None`` within about
    ``timeout`` seconds. ``domain``/``scheme`` point it at another Nominatim
    server (tests use a local one)."""
    options: dict[str, Any] = {
        "user_agent": user_agent or os.environ.get(USER_AGENT_ENV) or DEFAULT_USER_AGENT,
        "timeout": timeout,
        "adapter_factory": _no_retry_adapter,
    }
    if domain:
        options["domain"] = domain
    if scheme:
        options["scheme"] = scheme
    nominatim = Nominatim(**options)
    limited = RateLimiter(nominatim.geocode, min_delay_seconds=min_delay_seconds,
                          max_retries=0, swallow_exceptions=False)
    host = nominatim.domain.rsplit(":", 1)[0] if ":" in nominatim.domain else nominatim.domain
    return CachedGeocoder(limited, cache_path, host=host, timeout=timeout)


def online_geocoder_enabled(environ: Mapping[str, str] | None = None) -> bool:
    """True when ``WARNEWS_ONLINE_GEOCODER`` is 1/true/yes/on."""
    value = (os.environ if environ is None else environ).get(ONLINE_ENV, "")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def make_geocoder(
    gazetteer: Gazetteer | None = None,
    *,
    cache_path: str | os.PathLike | None = None,
    environ: Mapping[str, str] | None = None,
) -> OfflineGeocoder:
    """The pipeline's geocoder: the gazetteer, plus Nominatim for unknown names
    when ``WARNEWS_ONLINE_GEOCODER=1``."""
    env = os.environ if environ is None else environ
    fallback = None
    if online_geocoder_enabled(env):
        path = cache_path or env.get(CACHE_ENV) or DEFAULT_CACHE_PATH
        fallback = make_online_geocoder(path)
    return OfflineGeocoder(gazetteer, fallback=fallback)
