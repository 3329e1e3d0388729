"""Progress of long runs (appeals done, rate, time left) on one terminal line; silent when the output
is not a terminal, so logs and pipes stay clean."""
from __future__ import annotations

import sys
import time


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    """`with Progress(total, "extract") as p: ... p.advance()` redraws at most ten times a second."""

    def __init__(self, total: int, label: str, stream=None, unit: str = "appeals"):
        self.total, self.label, self.unit = total, label, unit
        self.stream = stream if stream is not None else sys.stderr
        self.active = total > 0 and getattr(self.stream, "isatty", lambda: False)()
        self.done = 0
        self.start = self.last = time.monotonic()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0
        return (f"{self.label}: {self.done}/{self.total} {self.unit}, {rate:.0f}/s"
                + (f", {_duration(left)} left" if self.done < self.total else f", {_duration(elapsed)}"))

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.active and (now - self.last >= 0.1 or self.done >= self.total):
            self.last = now
            self.stream.write("\r" + self.line() + "\033[K")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        if self.active and self.done:
            self.stream.write("\r" + self.line() + "\033[K\n")
            self.stream.flush()
