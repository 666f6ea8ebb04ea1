"""Command line and in-process entry points of the curation.

    python -m dashboard.curate ARTICLE.txt [--published YYYY-MM-DD]      CSV on stdout
    python -m dashboard.curate FOLDER/ --output data/events.csv          one table, written atomically
"""
from __future__ import annotations

import argparse
import os
import sys

from .curation import curate_article, curate_paths, curate_text  # noqa: F401  (the public entries, re-exported)
from .curation.articles import article_paths, parse_date
from .curation.errors import CurationError
from .curation.table import (load_rows, merge_rows, output_path, remove_stale_temps, rows_to_csv, save_events,
                              table_lock)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.curate",
                                     description="Turn war-news articles into a dated, geocoded event table (CSV).")
    parser.add_argument("article", help="an article .txt file, or a folder of them")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (overrides the sidecar)")
    parser.add_argument("--output", "-o", help="write the table to this CSV file (atomically) instead of stdout")
    parser.add_argument("--merge", action="store_true",
                        help="with --output: merge into the existing table (re-curated articles replace "
                             "their old rows; running twice changes nothing)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="processes to curate a folder with (default 1)")
    args = parser.parse_args(argv)
    try:
        if args.published:
            parse_date(args.published, "--published")
        if args.jobs < 1:
            raise CurationError(f"--jobs {args.jobs}: give a number of processes of 1 or more")
        cpus = os.cpu_count() or 1
        if args.jobs > cpus:  # more processes than CPUs only costs memory
            print(f"note: --jobs {args.jobs} is more than the {cpus} CPUs here; using {cpus}", file=sys.stderr)
            args.jobs = cpus
        if args.merge and not args.output:
            raise CurationError("--merge needs --output TABLE.csv, the table to merge into")
        if args.output:
            output_path(args.output)  # refuse a device, FIFO or folder before curating anything
        paths = article_paths(args.article) if os.path.isdir(args.article) else [args.article]
        rows = curate_paths(paths, args.published, args.jobs)
        if args.output:
            with table_lock(args.output):  # another writer of this table waits: no merge is lost
                remove_stale_temps(args.output)  # left by a run that was interrupted
                if args.merge and os.path.exists(args.output):
                    rows = merge_rows(load_rows(args.output), rows)
                save_events(rows, args.output)
            print(f"wrote {len(rows)} events from {len(paths)} articles to {args.output}", file=sys.stderr)
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
