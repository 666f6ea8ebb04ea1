"""The curation engine: news article text in, a dated, geocoded event table out.

Pure Python plus the project's data files; it imports neither Streamlit nor any chart library, so the
command line, the dashboard and any other program can use it alike.

    from dashboard.curation import curate_article, curate_text
"""
__all__ = ["curate_article", "curate_paths", "curate_text"]


def __getattr__(name: str):
    # The entries are imported on first use, so that a stage module (errors, schema, articles) can be
    # imported without loading the whole engine and its word lists.
    if name in __all__:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
