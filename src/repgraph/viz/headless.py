"""Opening a page in headless Chromium (Debian's /usr/bin/chromium driven by playwright's Python package,
which never downloads a browser here) for the browser tests and the scale benchmark. Records console
messages, page errors, dialogs and every request; requests to anything but the page's own file fail."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def chromium() -> str | None:
    """The Chromium executable, or None when it (or playwright) is not installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Log:
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@contextmanager
def open_page(url: str, viewport=(1400, 850)):
    """(page, log) for URL in a fresh headless Chromium with a fresh profile; closed on exit."""
    from playwright.sync_api import sync_playwright
    log = Log()
    with tempfile.TemporaryDirectory(prefix="repgraph-chromium-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=chromium(), headless=True, args=FLAGS,
                                                   viewport={"width": viewport[0], "height": viewport[1]})
        try:
            page = ctx.new_page()
            page.on("console", lambda m: log.console.append((m.type, m.text)))
            page.on("pageerror", lambda e: log.errors.append(str(e)))
            page.on("dialog", lambda d: (log.dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: log.requests.append(r.url))
            page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
            page.goto(url)
            yield page, log
        finally:
            ctx.close()


def wait_drawn(page, timeout: float = 30) -> None:
    """Wait until the explorer has drawn its network (it then marks <body data-ready="1">). A selector, which
    playwright watches from a world of its own: a predicate would be evaluated in the page, where its CSP
    forbids eval once the first check is not already true."""
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=timeout * 1000)
