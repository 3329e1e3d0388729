"""Shared fixtures: paths of the bundled and test appeals, and a helper that runs the command line in-process."""
from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "appeals" / "seed-tajikistan-khakimova.txt"
FIXTURES = ROOT / "tests" / "fixtures"


def run_cli(*args) -> tuple[int, str, str]:
    """Run `repgraph ARGS...` in-process; returns (exit code, stdout, stderr)."""
    from repgraph.cli import main
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:          # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli():
    """run_cli, as a fixture."""
    return run_cli
