#!/usr/bin/env bash
# Installs what Passerelle needs on Debian/Ubuntu: the Rust toolchain's system libraries for
# Tauri (WebKitGTK…), and for the tests Xvfb, WebKitWebDriver, poppler, tauri-driver and
# axe-core (the accessibility audit the end-to-end tests run in the webview).
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
if [ "${1:-}" = "--tests" ]; then
  tools="$(cd "$(dirname "$0")/.." && pwd)/target/test-tools"
  installed="$(node -p "require('$tools/node_modules/axe-core/package.json').version" 2>/dev/null || true)"
  if [ "$installed" != "$AXE_CORE_VERSION" ]; then
    echo "Installation d'axe-core $AXE_CORE_VERSION (npm) dans $tools…"
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund \
      "axe-core@$AXE_CORE_VERSION"
  fi
fi
