#!/usr/bin/env bash
# Debian's Chromium, for the browser tests of the network explorer (tests/test_viz_browser.py drive it
# headless through playwright's Python package with executable_path=/usr/bin/chromium; playwright never
# downloads a browser of its own here).
set -euo pipefail
if command -v chromium >/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
command -v chromium >/dev/null || { echo "chromium.sh: package installed but no 'chromium' command" >&2; exit 1; }
