#!/usr/bin/env bash
# SPARQL servers for tests/test_remote.py: OpenLink Virtuoso from Debian (virtuoso-t). The Oxigraph server
# ships on PyPI as the 'oxigraph' package, a dependency in pyproject.toml, so the venv already has it.
set -euo pipefail
if command -v virtuoso-t >/dev/null; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends virtuoso-opensource
command -v virtuoso-t >/dev/null || { echo "servers.sh: virtuoso-opensource installed but no 'virtuoso-t' command" >&2; exit 1; }
