"""Read articles and their sidecars from disk (the I/O edge of the curation)."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass

from .errors import ArticleError, MissingDateError, NoArticlesError

MAX_BYTES = 5_000_000
MAX_SIDECAR_BYTES = 1_000_000


def read_limited(path: str, limit: int, what: str = "article") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, or an ArticleError.

    The file is opened without blocking and checked to be a regular file before anything is read,
    so a FIFO cannot hang the run and a link to /dev/zero cannot grow without end; the read itself
    stops one byte past the limit, whatever size the file claims.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file; check the path") from None
    except OSError as e:
        raise ArticleError(f"{path}: cannot be read ({e.strerror}); check its permissions") from None
    with open(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if stat.S_ISDIR(mode):
            raise ArticleError(f"{path}: is a folder; give an article file or use --output to curate a folder")
        if not stat.S_ISREG(mode):
            raise ArticleError(f"{path}: is not a regular file (a FIFO, device or socket); "
                               f"give the {what} as a plain file")
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise ArticleError(f"{path}: cannot be read ({e.strerror}); check its permissions") from None
    if len(data) > limit:
        raise ArticleError(f"{path}: more than the {limit} bytes an {what} may have; split it")
    return data


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str
    url: str
    published: dt.date
    path: str = ""

    def meta(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published.isoformat()}


# Publication dates a news article can have. Event dates are resolved from it (a year back, weeks
# ahead), and the dashboard's dates must stay inside pandas' 1677-2262.
EARLIEST, LATEST = dt.date(1800, 1, 1), dt.date(2199, 12, 31)


def parse_date(value: str, source: str) -> dt.date:
    """An ISO publication date, or a MissingDateError saying how to give one."""
    try:
        day = dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise MissingDateError(f"{source}: publication date {value!r} is not YYYY-MM-DD; "
                               f"give it as --published YYYY-MM-DD") from None
    if not EARLIEST <= day <= LATEST:
        raise MissingDateError(f"{source}: publication date {value!r} is outside {EARLIEST}..{LATEST}; "
                               f"give the article's real date as --published YYYY-MM-DD")
    return day


def clean_text(value) -> str:
    """A sidecar string that can be written as UTF-8: lone surrogates (possible in JSON) become U+FFFD."""
    text = str(value)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def decode_text(data: bytes, name: str) -> str:
    """Article bytes as text, or an ArticleError naming the problem and the fix."""
    if not data.strip():
        raise ArticleError(f"{name}: the article is empty; give a UTF-8 text file with the article's text")
    if b"\x00" in data:  # anywhere: a NUL would be written into the table
        raise ArticleError(f"{name}: this is a binary file, not an article (it holds NUL bytes); "
                           f"give a UTF-8 text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(f"{name}: not UTF-8 text (byte {e.start}); save the article as UTF-8 and try again") from None
    if not text.strip():
        raise ArticleError(f"{name}: the article is empty; give a UTF-8 text file with the article's text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_sidecar(path: str) -> dict:
    """The sidecar ARTICLE.json beside ARTICLE.txt ({} when absent or unreadable as an object)."""
    sidecar = os.path.splitext(path)[0] + ".json"
    if not os.path.lexists(sidecar):
        return {}
    data = read_limited(sidecar, MAX_SIDECAR_BYTES, "sidecar")
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as e:  # RecursionError: JSON nested too deep
        raise ArticleError(f"{sidecar}: sidecar is not valid JSON ({e.__class__.__name__}); fix or remove it") from None
    return meta if isinstance(meta, dict) else {}


def load_article(path: str, published: str | None = None) -> Article:
    """Read ARTICLE.txt and its sidecar; ``published`` overrides the sidecar's date."""
    if os.path.isdir(path):
        raise ArticleError(f"{path}: is a folder; give an article file or use --output to curate a folder")
    text = decode_text(read_limited(path, MAX_BYTES), path)
    meta = load_sidecar(path)
    date_value = published or meta.get("published")
    if not date_value:
        raise MissingDateError(f"{path}: no publication date; pass --published YYYY-MM-DD "
                               f"or add \"published\" to {os.path.splitext(os.path.basename(path))[0]}.json")
    return Article(
        id=os.path.splitext(os.path.basename(path))[0],
        text=text,
        title=clean_text(meta.get("title") or ""),
        url=clean_text(meta.get("url") or ""),
        published=parse_date(date_value, path),
        path=path,
    )


def article_paths(folder: str) -> list[str]:
    """The .txt articles of a folder, sorted; NoArticlesError when there are none."""
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".txt") and not n.startswith("."))
    except OSError as e:
        raise NoArticlesError(f"{folder}: cannot list the folder ({e.strerror})") from None
    if not names:
        raise NoArticlesError(f"{folder}: holds no .txt articles; put ARTICLE.txt files (with ARTICLE.json sidecars) in it")
    return [os.path.join(folder, n) for n in names]
