"""Files written whole or not at all: through a temporary file beside them that takes their place at the end."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from .errors import RepgraphError


@contextmanager
def writing(out: Path) -> Iterator[BinaryIO]:
    """A file to write OUT through: a temporary file beside it that takes its place only when the writing
    ends well, so OUT is never left half-written."""
    tmp = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            yield f
        tmp.replace(out)
    except OSError as err:
        raise RepgraphError(f"{out}: cannot write ({err.strerror})") from None
    finally:
        with suppress(OSError):         # gone (moved into place), or never made
            tmp.unlink()


def write(data: bytes, out: Path) -> None:
    """Write DATA to OUT, never half-written."""
    with writing(out) as f:
        f.write(data)
