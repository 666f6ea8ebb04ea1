"""War-news curation: articles in, dated and geocoded event tables out, plus a dashboard."""
