"""The benchmark suite: repgraph beside the straightforward rdflib pipeline (bench/baseline.py), measured in the
same run on the same synthetic appeals (bench/corpus.py), at each size asked for.

Measured for repgraph, each in its own process (wall time and the peak memory of its largest process):
the full build; an incremental build after adding one appeal and after changing one; each named query
(in-process, median of 5 runs); the export of every dump format; writing the explorer. The baseline runs
under a time budget and a memory cap; a figure it did not reach is reported as such.

    python bench/run.py --sizes 1000 10000 --work /tmp/repgraph-bench      (or: make -f bench/Makefile bench)

Writes WORK/results.md (the table, also printed) and WORK/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import generate

from repgraph.queries import load, named_queries, parse_params, run
from repgraph.store import open_read

BENCH = Path(__file__).resolve().parent
REPGRAPH = [sys.executable, "-m", "repgraph"]
FORMATS = ["trig", "nq", "nt", "ttl", "jsonld"]
# runs CMD, then prints its wall time and the peak RSS of its largest process (kB): the wrapper's only children
_MEASURE = ("import json, resource, subprocess, sys, time\n"
            "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(json.dumps({'s': time.perf_counter() - t, 'kb': u.ru_maxrss, 'cpu': u.ru_utime + u.ru_stime,"
            " 'rc': r.returncode, 'err': r.stderr.decode()[-500:]}))")


def measure(cmd: list[str], timeout: float | None = None) -> dict:
    try:
        p = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"s": None, "kb": None, "rc": "timeout", "err": f"stopped after {timeout:.0f} s"}
    out = json.loads(p.stdout)
    if out["rc"] != 0:
        print(f"  ! {' '.join(cmd[2:])}: {out['err'].strip()}", file=sys.stderr)
    return out


def corpus(work: Path, n: int, seed: int) -> Path:
    folder = work / f"corpus-{n}"
    if not folder.is_dir() or len(list(folder.iterdir())) != n:
        shutil.rmtree(folder, ignore_errors=True)
        generate(n, folder, seed)
    return folder


def query_params(store) -> list[str]:
    """A value for each query parameter: the family name of a person who is in the graph."""
    row = next(iter(store.query("PREFIX schema: <https://schema.org/> PREFIX rg: <https://w3id.org/repgraph/ontology#> "
                                "SELECT ?n WHERE { GRAPH ?g { ?p a rg:Person ; schema:name ?n } } LIMIT 1")))
    return [f"name={row['n'].value.split()[-1]}"]


def ours(work: Path, folder: Path, n: int, seed: int) -> dict:
    store = work / f"store-{n}"
    shutil.rmtree(store, ignore_errors=True)
    res = {}
    print(f"[{n}] repgraph build", file=sys.stderr)
    res["build (read, extract, map, validate, load)"] = measure(REPGRAPH + ["build", str(folder), "--store", str(store), "--all"])
    extra = work / f"extra-{n}"
    shutil.rmtree(extra, ignore_errors=True)
    new = generate(n + 1, extra, seed)[-1]          # the appeal that comes after the corpus's last one
    added = folder / new.name
    shutil.copy(new, added)
    res["incremental: one appeal added"] = measure(REPGRAPH + ["build", str(folder), "--store", str(store)])
    changed = sorted(folder.iterdir())[n // 2]
    original = changed.read_bytes()
    changed.write_bytes(original.replace(b"Actions requested", b"The Observatory will follow the case.\n\nActions requested", 1)
                        if b"Actions requested" in original else original + b"\nUpdated.\n")
    res["incremental: one appeal changed"] = measure(REPGRAPH + ["build", str(folder), "--store", str(store)])
    changed.write_bytes(original)
    added.unlink()

    s = open_read(store)
    params = parse_params(query_params(s))
    for name in named_queries():
        text = load(name)
        times = []
        for _ in range(5):
            t, c = time.perf_counter(), time.process_time()
            rows = list(run(s, text, params if "--param" in text else None))
            times.append((time.perf_counter() - t, time.process_time() - c))
        res[f"query {name}"] = {"s": statistics.median(w for w, _ in times), "cpu": statistics.median(c for _, c in times),
                                "kb": None, "rc": 0, "rows": len(rows)}
    del s
    for fmt in FORMATS:
        print(f"[{n}] repgraph export {fmt}", file=sys.stderr)
        res[f"export {fmt}"] = measure(REPGRAPH + ["export", "--store", str(store), "--format", fmt,
                                                  "--out", str(work / f"dump-{n}.{fmt}")])
    print(f"[{n}] repgraph viz", file=sys.stderr)
    res["explorer (viz)"] = measure(REPGRAPH + ["viz", "--store", str(store), "--out", str(work / f"explorer-{n}.html")])
    return res


def baseline(work: Path, folder: Path, n: int, budget: float, memory_gb: float, params: list[str],
             query_budget: float) -> tuple[dict, dict]:
    out = work / f"baseline-{n}.json"
    print(f"[{n}] baseline (budget {budget:.0f} s, {memory_gb:g} GB)", file=sys.stderr)
    run_ = measure([sys.executable, str(BENCH / "baseline.py"), str(folder), "--json", str(out),
                    "--memory-gb", str(memory_gb), "--query-budget", str(query_budget),
                    *[a for p in params for a in ("--param", p)]], timeout=budget)
    steps = json.loads(out.read_text()) if out.exists() else {}
    return steps, run_


def table(n: int, mine: dict, base: dict, base_run: dict) -> list[str]:
    err = (base_run.get("err") or "").strip().splitlines()
    stopped = f"did not finish ({base_run['err']})" if base_run["rc"] == "timeout" else \
        f"stopped ({err[-1][:70] if err else 'error'})" if base_run["rc"] else ""
    full = base.get("build (read, extract, map, load)")
    full_base = full + base.get("validate (pyshacl, whole graph)", float("nan")) if full else None
    base = {k: v for k, v in base.items() if isinstance(v, float)} | {k: v for k, v in base.items() if isinstance(v, str)}
    pairs = {"build (read, extract, map, validate, load)": full_base,
             "incremental: one appeal added": full_base, "incremental: one appeal changed": full_base}
    pairs.update({k: base.get(k) for k in mine if k.startswith(("query", "export"))})
    lines = [f"\n### {n} appeals\n", "| step | repgraph | CPU s | peak MB | baseline (rdflib) | ratio |",
             "|---|---:|---:|---:|---:|---:|"]
    for step, r in mine.items():
        b = pairs.get(step)
        ours_s = "failed" if r["s"] is None or r["rc"] else (f"{r['s'] * 1000:.0f} ms" if r["s"] < 1 else f"{r['s']:.1f} s")
        mb = f"{r['kb'] / 1024:.0f}" if r.get("kb") else ""
        cpu = f"{r['cpu']:.1f}" if r.get("cpu") is not None else ""
        if isinstance(b, str):
            base_s, ratio = b, ""
        elif b is None or b != b:
            base_s, ratio = (stopped or "not measured") if step in pairs else "—", ""
        else:
            base_s = f"{b * 1000:.0f} ms" if b < 1 else f"{b:.1f} s"
            ratio = (f"{b / r['s']:.0f}×" if b >= 10 * r["s"] else f"{b / r['s']:.1f}×") if r["s"] else ""
        lines.append(f"| {step} | {ours_s} | {cpu} | {mb} | {base_s} | {ratio} |")
    base_mb = f"{base_run['kb'] / 1024:.0f} MB" if base_run.get("kb") else "?"
    lines.append(f"\nBaseline: peak memory {base_mb}, CPU {base_run.get('cpu') or 0:.0f} s in all; steps reached: "
                 f"{', '.join(base) or 'none'}"
                 + (f"; {stopped}" if stopped else "") + ".")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--work", type=Path, default=Path("/tmp/repgraph-bench"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--baseline-budget", type=float, default=1800, help="seconds the baseline may take at each size")
    ap.add_argument("--baseline-memory-gb", type=float, default=8)
    ap.add_argument("--baseline-query-budget", type=float, default=300, help="seconds each baseline query may take")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results, lines = {}, [f"repgraph benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
                          f"{os.cpu_count()} cores, seed {args.seed}"]
    for n in args.sizes:
        folder = corpus(args.work, n, args.seed)
        mine = ours(args.work, folder, n, args.seed)
        params = query_params(open_read(args.work / f"store-{n}"))
        base, base_run = baseline(args.work, folder, n, args.baseline_budget, args.baseline_memory_gb, params,
                                  args.baseline_query_budget)
        results[n] = {"repgraph": mine, "baseline": base, "baseline_run": base_run}
        (args.work / "results.json").write_text(json.dumps(results, indent=1))
        lines += table(n, mine, base, base_run)
        (args.work / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
