"""The curation engine is a package of its own that the dashboard uses, never the other way round."""
import subprocess
import sys


def test_engine_imports_neither_streamlit_nor_a_chart_library():
    code = ("import sys, dashboard.curation, dashboard.curate; "
            "from dashboard.curation import curate_article, curate_text; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'streamlit', 'altair', 'plotly', 'dashboard'} "
            "and (m.split('.')[0] != 'dashboard' or m.startswith('dashboard.view'))); print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"the engine pulled in: {out.stdout.strip()}"


def test_engine_curates_without_the_dashboard():
    code = ("import sys; from dashboard.curation import curate_text; "
            "df = curate_text('A missile strike on Kharkiv killed two people on Monday.', '2024-10-22', 'a'); "
            "print(len(df), int(df['killed'].fillna(0).sum()), 'streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "2", "False"]
