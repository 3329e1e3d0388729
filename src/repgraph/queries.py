"""Running the analysts' named queries (queries/*.rq) or a query file, and printing the results."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import RepgraphError
from .resources import queries_dir

FORMATS = ("table", "csv", "tsv", "json")


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def description(path: Path) -> str:
    """The query's leading comment: what question it answers."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").strip())
    return " ".join(lines)


def load(name_or_file: str) -> str:
    queries = named_queries()
    if name_or_file in queries:
        return queries[name_or_file].read_text(encoding="utf-8")
    path = Path(name_or_file)
    if path.suffix == ".rq" and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise RepgraphError(f"{path}: cannot read the query ({err})") from None
    raise RepgraphError(f"no query named '{name_or_file}' (known: {', '.join(queries)}; or give a .rq file)")


def parse_params(params: list[str]) -> dict[ox.Variable, ox.Literal]:
    """NAME=VALUE pairs bound as literals (never pasted into the query text)."""
    out = {}
    for p in params:
        if "=" not in p:
            raise RepgraphError(f"--param '{p}': expected NAME=VALUE")
        name, value = p.split("=", 1)
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise RepgraphError(f"--param '{p}': '{name}' is not a variable name")
        if re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            dt = "decimal" if "." in value else "integer"
            out[ox.Variable(name)] = ox.Literal(value, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{dt}"))
        else:
            out[ox.Variable(name)] = ox.Literal(value)
    return out


def run(store: ox.Store, text: str, params: dict | None = None) -> ox.QuerySolutions:
    """Run TEXT on STORE with PARAMS bound (in a VALUES block, as escaped literals: the same on every store)."""
    try:
        result = store.query(bind_values(text, params or {}))
    except SyntaxError as err:
        raise RepgraphError(f"query syntax error: {str(err).splitlines()[0]}") from None
    except (OSError, RuntimeError, ValueError) as err:     # e.g. a --param the query does not project
        raise RepgraphError(f"query failed: {str(err).splitlines()[0]}") from None
    if not isinstance(result, ox.QuerySolutions):
        raise RepgraphError("only SELECT queries can be printed as a table")
    return result


def without_comments(text: str) -> str:
    """TEXT without its comment lines (SPARQLWrapper would take a word in them for the query's form)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def bind_values(text: str, params: dict[ox.Variable, ox.Literal]) -> str:
    """The query TEXT with PARAMS bound by a VALUES block at the start of each WHERE clause, subqueries'
    too (a remote endpoint has no pre-binding; the values are written as escaped RDF literals, never pasted
    raw)."""
    code = without_comments(text)
    if not params:
        return code
    names = " ".join(str(v) for v in params)
    values = " ".join(str(v) for v in params.values())
    block = f"\n  VALUES ({names}) {{ ({values}) }}"
    bound, n = re.subn(r"\bWHERE\s*\{", lambda m: m.group() + block, code, flags=re.IGNORECASE)
    if not n:
        bound, n = re.subn(r"\{", lambda m: m.group() + block, code, count=1)
    if not n:
        raise RepgraphError("cannot bind --param: the query has no WHERE clause")
    return bound


def term_text(term) -> str:
    return "" if term is None else term.value


def render(solutions: ox.QuerySolutions, fmt: str) -> str:
    """The results as text: an aligned table, or the SPARQL 1.1 CSV, TSV or JSON results formats."""
    if fmt == "json":
        return solutions.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    if fmt == "csv":
        return solutions.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    if fmt == "tsv":
        return solutions.serialize(format=ox.QueryResultsFormat.TSV).decode("utf-8")
    names = [v.value for v in solutions.variables]
    rows = [[term_text(row[n]).replace("\n", " ") for n in names] for row in solutions]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    out = io.StringIO()
    out.write("  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def rows(store: ox.Store, name: str, params: dict | None = None) -> list[dict[str, str]]:
    """A named query's results as dicts of strings (for code that consumes them)."""
    solutions = run(store, load(name), params)
    names = [v.value for v in solutions.variables]
    return [{n: term_text(r[n]) for n in names} for r in solutions]


