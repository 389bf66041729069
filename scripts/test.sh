#!/usr/bin/env bash
# Runs every test of Passerelle on a Debian/Ubuntu machine, installing what is missing:
# the core (storage, validation, migration, crash, search, PDF read back with poppler), the
# commands through Tauri's mock runtime, the command line, then the real app in its real
# webview under Xvfb through tauri-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
scripts/setup-debian.sh --tests

echo "== Build (the end-to-end tests drive this binary)"
cargo build --bin passerelle

echo "== Core, commands and command-line tests"
cargo test --workspace --exclude passerelle-e2e

echo "== End-to-end tests (Xvfb + tauri-driver)"
display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" cargo test -p passerelle-e2e -- --test-threads=1
echo "Screenshots: target/e2e-screenshots/"
