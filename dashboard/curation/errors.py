"""The project's own errors. Each message is one line that names the problem and the fix."""


class CurationError(Exception):
    """Base class: anything that stops an article from being curated."""


class ArticleError(CurationError):
    """The article file cannot be read as text (missing, empty, binary, not UTF-8)."""


class MissingDateError(CurationError):
    """Neither the command line nor the sidecar gives a publication date."""


class NoArticlesError(CurationError):
    """A folder was given that holds no article files."""


class TableError(CurationError):
    """An event table cannot be read or written."""


class StoreError(CurationError):
    """The store cannot be opened, read or written (not a database, read-only, newer schema, disk full)."""


class IncidentError(CurationError):
    """A correction of the incidents (a split, a join, a chosen figure) is malformed."""
