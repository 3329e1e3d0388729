#!/usr/bin/env bash
# Apache Jena's `shacl` and `riot` command-line tools, from Debian's libapache-jena-java, for
# tests/test_jena_shacl.py (partners validate our graphs with Jena's SHACL engine).
# Debian ships the jars but no launchers, and its jena-core relocates Xerces' classes to the package
# `xerces` while leaving their message bundles under org/apache/jena/ext/xerces, which makes Jena fail
# at start-up ("internal error" in XSSimpleTypeDecl); we copy the bundles to where the classes look.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! dpkg -s libapache-jena-java default-jre-headless unzip >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends default-jre-headless libapache-jena-java unzip
fi

JAVA=/usr/share/java
HOME_DIR=/usr/local/share/repgraph-jena
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && unzip -q -o "$(readlink -f $JAVA/jena-core.jar)" 'org/apache/jena/ext/xerces/*.properties')
$SUDO rm -rf "$HOME_DIR"
$SUDO mkdir -p "$HOME_DIR/resources"
$SUDO cp -r "$tmp/org/apache/jena/ext/xerces" "$HOME_DIR/resources/xerces"

cp="$HOME_DIR/resources"
for jar in jena-arq jena-base jena-cmds jena-core jena-dboe-base jena-dboe-index jena-dboe-storage jena-dboe-trans-data \
           jena-dboe-transaction jena-iri jena-rdfconnection jena-shacl jena-shex jena-tdb jena-tdb2 commons-cli \
           commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson guava httpclient \
           httpcore jackson-annotations jackson-core jackson-databind jakarta.json-api jsonld-java protobuf thrift \
           titanium-json-ld slf4j-api slf4j-simple; do
  [ -e "$JAVA/$jar.jar" ] || { echo "jena.sh: $JAVA/$jar.jar is missing" >&2; exit 1; }
  cp="$cp:$JAVA/$jar.jar"
done

# short runs: the client compiler and the serial collector start faster (halves a `shacl validate` run)
for cmd in shacl:shacl.shacl riot:riotcmd.riot; do
  name=${cmd%%:*} main=${cmd#*:}
  printf '#!/bin/sh\n# Apache Jena %s (written by repgraph .ci/setup.d/jena.sh)\nexec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "%s" %s "$@"\n' \
    "$name" "$cp" "$main" | $SUDO tee "/usr/local/bin/$name" >/dev/null
  $SUDO chmod 755 "/usr/local/bin/$name"
done

riot --version | grep -q "Jena" || { echo "jena.sh: riot does not start" >&2; exit 1; }
echo "jena.sh: $(riot --version | head -1 | tr -s ' '); shacl and riot in /usr/local/bin"
