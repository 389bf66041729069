#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and opens Passerelle on its default database (in the
# user's app-data folder, filled with the reference data on first start). Extra arguments are
# passed to the app, e.g. `scripts/run.sh --db /tmp/essai.db`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
cargo run --release --features tauri/custom-protocol --bin passerelle -- "$@"
