#!/usr/bin/env bash
# Installs what Passerelle needs on Debian/Ubuntu: the Rust toolchain's system libraries for
# Tauri (WebKitGTK…), and for the tests Xvfb, WebKitWebDriver, poppler, tauri-driver,
# axe-core (the accessibility audit the end-to-end tests run in the webview) and the sync
# tests' in-memory CouchDB-protocol server and PouchDB (node packages).
# Uses sudo when not root. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
if [ "${1:-}" = "--tests" ]; then
  packages+=(webkit2gtk-driver xvfb poppler-utils)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "Installation des paquets système : ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust n'est pas installé : voir https://rustup.rs (rustup), puis relancez." >&2
  exit 1
fi

if [ "${1:-}" = "--tests" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "Installation de tauri-driver (cargo install)…"
  cargo install tauri-driver --locked --version '^2'
fi

# axe-core, pinned, from the npm registry into target/ (never committed, never shipped: the
# end-to-end tests inject it through WebDriver; tests/e2e/src/lib.rs reads it from here).
AXE_CORE_VERSION=4.10.3
# The sync tests' CouchDB-protocol server (tests/support/couch-server.js: express-pouchdb on
# PouchDB's in-memory adapter, started and stopped by the tests themselves on 127.0.0.1) and
# their PouchDB "colleague" (tests/support/pouch-colleague.js). Pure JavaScript, pinned; not
# pouchdb-server, whose sqlite3 dependency fetches a prebuilt binary from outside npm.
# --ignore-scripts: nothing is downloaded beyond the npm registry's packages.
TEST_TOOLS=("axe-core@$AXE_CORE_VERSION" express@4.21.2 express-pouchdb@4.2.0
  pouchdb-core@7.3.1 pouchdb-adapter-memory@7.3.1 pouchdb-adapter-http@7.3.1
  pouchdb-replication@7.3.1 pouchdb-mapreduce@7.3.1)
if [ "${1:-}" = "--tests" ]; then
  tools="$(cd "$(dirname "$0")/.." && pwd)/target/test-tools"
  missing_tools=()
  for tool in "${TEST_TOOLS[@]}"; do
    name="${tool%@*}"
    installed="$(node -p "require('$tools/node_modules/$name/package.json').version" 2>/dev/null || true)"
    [ "$installed" = "${tool##*@}" ] || missing_tools+=("$tool")
  done
  # One npm command for the whole list: a later `npm install --no-save` removes what an
  # earlier one added.
  if [ ${#missing_tools[@]} -gt 0 ]; then
    echo "Installation des outils de test (npm) dans $tools : ${missing_tools[*]}…"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund \
      --ignore-scripts "${TEST_TOOLS[@]}"
  fi
fi
