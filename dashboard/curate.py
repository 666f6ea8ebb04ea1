"""Command line and in-process entry points of the curation.

    python -m dashboard.curate ARTICLE.txt [--published YYYY-MM-DD]      CSV on stdout
    python -m dashboard.curate FOLDER/ --output data/events.csv          one table, written atomically
    python -m dashboard.curate FOLDER/ --incidents                       one row per incident (see incidents.py)
    python -m dashboard.curate --import acled.csv --output events.csv    an ACLED or UCDP GED CSV as an event table
    python -m dashboard.curate FOLDER/ --store desk.sqlite               into a store (one transaction)
    python -m dashboard.curate --store desk.sqlite --export reviewed.csv --export-corrections corrections.csv
"""
from __future__ import annotations

import argparse
import os
import sys

from .curation.errors import CurationError

try:  # the engine reads its word lists on import: a broken one is the user's one-line error too
    from .curation import curate_article, curate_paths, curate_text  # noqa: F401  (the public entries)
    from .curation import schema
    from .curation.articles import article_paths, load_article, load_sidecar, parse_date
    from .curation.table import load_rows, merge_rows, rows_to_csv, save_events, write_atomically
except CurationError as e:
    if __name__ != "__main__":
        raise
    print(f"error: {e}", file=sys.stderr)
    sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.curate",
                                     description="Turn war-news articles into a dated, geocoded event table (CSV).")
    parser.add_argument("article", nargs="?", help="an article .txt file, or a folder of them")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides the sidecar)")
    parser.add_argument("--output", "-o", help="write the table to this CSV file (atomically) instead of stdout")
    parser.add_argument("--merge", action="store_true",
                        help="with --output: merge into the existing table (re-curated articles replace "
                             "their old rows; running twice changes nothing)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes to curate a folder with (default 1)")
    parser.add_argument("--import", dest="import_path", metavar="CSV",
                        help="convert an ACLED export or a UCDP GED CSV into an event table instead of curating")
    parser.add_argument("--incidents", action="store_true",
                        help="write one row per incident (reports of different articles joined) instead of per report")
    parser.add_argument("--store", nargs="?", const="",
                        help="a store (SQLite file or postgresql:// URL) to add the articles to, created if new "
                             "(bare --store: $WARNEWS_STORE, else ~/.local/share/warnews/store.sqlite); "
                             "without articles it creates or upgrades the store")
    parser.add_argument("--export", metavar="CSV", help="with --store: write the reviewed events (corrections "
                                                        "applied, rejected rows left out) to this CSV")
    parser.add_argument("--export-corrections", metavar="CSV", help="with --store: write the corrections to this CSV")
    args = parser.parse_args(argv)
    try:
        if args.import_path and (args.store is not None or args.export or args.export_corrections):
            raise CurationError("--import converts a file into a CSV table (--output), not into a store; drop --store")
        if args.store is not None or args.export or args.export_corrections:
            return store_main(args)
        if args.article and args.import_path:
            raise CurationError("give an article (or a folder of them) to curate or --import CSV to convert, not both")
        if not args.article and not args.import_path:
            raise CurationError("give an article .txt file or a folder of them (or --store PATH to create a store)")
        if args.import_path:
            from .curation.interop import load_foreign
            rows = load_foreign(args.import_path)[schema.COLUMNS].to_dict("records")
            paths, source = [args.import_path], args.import_path
        else:
            rows = None
        if args.published:
            parse_date(args.published, "--published")
        if args.jobs < 1:
            raise CurationError(f"--jobs {args.jobs}: give a number of processes of 1 or more")
        if args.merge and not args.output:
            raise CurationError("--merge needs --output TABLE.csv, the table to merge into")
        if rows is None:
            paths = article_paths(args.article) if os.path.isdir(args.article) else [args.article]
            rows = curate_paths(paths, args.published, args.jobs)
            source = f"{len(paths)} articles"
        if args.incidents:
            if args.merge:
                raise CurationError("--incidents writes a table of incidents, which --merge cannot add to; "
                                    "merge the reports, then group them")
            import pandas as pd
            from .curation.incidents import group_incidents
            import io
            grouped = group_incidents(pd.read_csv(io.StringIO(rows_to_csv(rows)), dtype=str, keep_default_na=False))
            text = grouped.to_csv(index=False, lineterminator="\n")
            if args.output:
                write_atomically(args.output, text.encode("utf-8"))
                print(f"wrote {len(grouped)} incidents from {len(rows)} events to {args.output}", file=sys.stderr)
            else:
                sys.stdout.write(text)
        elif args.output:
            if args.merge and os.path.exists(args.output):
                rows = merge_rows(load_rows(args.output), rows)
            save_events(rows, args.output)
            print(f"wrote {len(rows)} events from {source} to {args.output}", file=sys.stderr)
        else:
            sys.stdout.write(rows_to_csv(rows))
    except CurationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e.filename or ''}: {e.strerror}; check the path and permissions", file=sys.stderr)
        return 2
    return 0


def store_main(args) -> int:
    """The --store commands: curate into the store, report orphaned corrections, export."""
    from . import store as st
    if args.store is None:
        raise CurationError("--export and --export-corrections need --store PATH, the store to export from")
    args.store = st.store_target(args.store, os.environ)
    if args.merge:
        raise CurationError("--merge is for CSV tables; a store always merges (drop --merge)")
    with st.open_store(args.store) as store:   # opened first: a bad store fails before the curation runs
        if args.article:
            paths = article_paths(args.article) if os.path.isdir(args.article) else [args.article]
            articles = [load_article(p, args.published) for p in paths]   # all read before anything is written
            rows = curate_paths(paths, args.published, args.jobs)
            by_article: dict[str, list[dict]] = {a.id: [] for a in articles}
            for row in rows:
                by_article[str(row["article_id"])].append(row)
            curated = [(st.StoredArticle(a.id, a.text, a.title, a.url, a.published.isoformat(),
                                         str(load_sidecar(path).get("publisher") or "")), by_article[a.id])
                       for path, a in zip(paths, articles)]
            report = st.save_articles(store, curated)
            print(f"store {store.name}: {len(report.added)} article(s) added, {len(report.recurated)} re-curated, "
                  f"{len(report.unchanged)} unchanged; {report.events} event(s) written", file=sys.stderr)
            if args.output:
                save_events(rows, args.output)
        snapshot = st.load_snapshot(store)
        reviewed, orphans = st.apply_corrections(snapshot.events, snapshot.corrections)
        if not args.article:
            print(f"store {store.name}: schema {st.SCHEMA_VERSION}, {len(st.load_articles(store))} article(s), "
                  f"{len(snapshot.events)} event(s), {len(snapshot.corrections)} correction(s)", file=sys.stderr)
        for orphan in orphans:
            c = orphan.correction
            print(f"orphaned correction {c.correction_id} ({c.kind}{' ' + c.field if c.field else ''}"
                  f"{' -> ' + repr(c.new) if c.new is not None else ''}, by {c.author} on {c.created_at}): "
                  f"{orphan.reason}", file=sys.stderr)
        if args.export:
            kept = [r for r in reviewed if r["review_status"] != "rejected"]
            columns = schema.COLUMNS + ["review_status", "corrected_fields", "engine_version"]
            _write_csv(args.export, kept, columns)
            print(f"wrote {len(kept)} reviewed event(s) to {args.export} "
                  f"({len(reviewed) - len(kept)} rejected left out)", file=sys.stderr)
        if args.export_corrections:
            _write_csv(args.export_corrections, st.corrections_rows(snapshot.corrections, orphans),
                       st.CORRECTION_COLUMNS)
            print(f"wrote {len(snapshot.corrections)} correction(s) to {args.export_corrections}", file=sys.stderr)
    return 0


def _write_csv(path: str, rows: list[dict], columns: list[str]) -> None:
    """A CSV written atomically, formulas neutralised as in the dashboard's downloads."""
    import pandas as pd
    from .view.exports import to_csv_bytes
    data = to_csv_bytes(pd.DataFrame(rows, columns=columns).astype(str))
    write_atomically(path, data)


if __name__ == "__main__":
    sys.exit(main())
