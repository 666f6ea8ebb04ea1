"""scripts/warm_dashboard.py finds the port streamlit was given, as scripts/dashboard.sh passes its arguments."""
import importlib.util
from pathlib import Path

import pytest

SPEC = importlib.util.spec_from_file_location("warm_dashboard", Path(__file__).parents[1] / "scripts" / "warm_dashboard.py")
warm_dashboard = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(warm_dashboard)


@pytest.mark.parametrize("argv, port", [
    ([], 8501),
    (["--server.port", "8600"], 8600),
    (["--server.port=8700", "--", "--data", "x.csv"], 8700),
    (["--", "--server.port", "9000"], 8501),          # after `--` the arguments are the app's, not streamlit's
    (["--server.address", "0.0.0.0", "--server.port", "8123"], 8123),
])
def test_port_of_streamlit_arguments(argv, port):
    assert warm_dashboard.port_of(argv) == port


def test_warm_up_says_when_no_server_answers(monkeypatch, capsys):
    monkeypatch.setattr(warm_dashboard.time, "monotonic", iter([0.0, 100.0]).__next__)
    assert warm_dashboard.main(["--server.port", "1"]) == 1
    assert "did not answer" in capsys.readouterr().err
