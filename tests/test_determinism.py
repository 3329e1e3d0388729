"""A build must not depend on Python's hash seed: the same appeal gives the same facts in every process
(a set's order changes with PYTHONHASHSEED, so a fact list filled from a set differs between workers)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

APPEALS = Path(__file__).resolve().parent / "fixtures" / "appeals"

# an organisation named in full, in its own language and by acronym: three aliases at once
ALIASES = """Urgent Interventions

Uzbekistan: Arbitrary detention of lawyer Mr. Rustam Aliyev

UZB 001 / 0325 / OBS 007
Arbitrary detention
3 March 2025

Description of the situation:

On 1 March 2025, police officers arrested Mr. Rustam Aliyev, a member of the Union of Independent Lawyers
(Mustaqil Huquqshunoslar Ittifoqi – MHI), in Tashkent. The Union of Independent Lawyers has denounced his arrest.
"""

SCRIPT = """
import sys
from pathlib import Path
from repgraph.appeal import read_appeal
from repgraph.extract import extract
for path in sys.argv[1:]:
    print(repr(extract(read_appeal(Path(path)))))
"""


def test_facts_do_not_depend_on_the_hash_seed(tmp_path):
    extra = tmp_path / "uzb-aliases.txt"
    extra.write_text(ALIASES, encoding="utf-8")
    files = [str(extra)] + sorted(str(p) for p in APPEALS.iterdir())
    outputs = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-c", SCRIPT, *files], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert "Mustaqil Huquqshunoslar Ittifoqi" in next(iter(outputs))
    assert len(outputs) == 1
