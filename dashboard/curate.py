"""Command line and in-process entry points of the curation.

    python -m dashboard.curate ARTICLE.txt [--published YYYY-MM-DD]      CSV on stdout
    python -m dashboard.curate FOLDER/ --output data/events.csv          one table, written atomically
    python -m dashboard.curate FOLDER/ --incidents                       one row per incident (see incidents.py)
    python -m dashboard.curate --import acled.csv --output events.csv    an ACLED or UCDP GED CSV as an event table
"""
from __future__ import annotations

import argparse
import os
import sys

from .curation import curate_article, curate_paths, curate_text  # noqa: F401  (the public entries, re-exported)
from .curation import schema
from .curation.articles import article_paths, parse_date
from .curation.errors import CurationError
from .curation.table import load_rows, merge_rows, rows_to_csv, save_events, save_text


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
    args = parser.parse_args(argv)
    try:
        if bool(args.article) == bool(args.import_path):
            raise CurationError("give an article (or a folder of them) to curate or --import CSV to convert"
                                + (", not both" if args.article else ""))
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
                save_text(text, args.output)
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


if __name__ == "__main__":
    sys.exit(main())
