"""The curation engine: news article text in, a dated, geocoded event table out.

Pure Python plus the project's data files; it imports neither Streamlit nor plotly, so the
command line, the dashboard and any other program can use it alike.

    from dashboard.curation import curate_article, curate_text
"""
from .pipeline import curate_article, curate_paths, curate_text

__all__ = ["curate_article", "curate_paths", "curate_text"]
