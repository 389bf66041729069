#!/usr/bin/env bash
# Runs every test of Passerelle on a Debian/Ubuntu machine, installing what is missing:
# the core (storage, validation, migration, crash, search, PDF read back with poppler, the
# architecture's invariants), the commands through Tauri's mock runtime, the command line, then
# the real app in its real webview under Xvfb through tauri-driver. One debug build serves
# every step; the time of each step is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

timings=()
step_started=$SECONDS
run_started=$SECONDS
step() {
  local now=$SECONDS
  if [ -n "${step_name:-}" ]; then
    timings+=("$(printf '%-52s %4d s' "$step_name" $((now - step_started)))")
  fi
  step_name="$1"
  step_started=$now
  if [ -n "$1" ]; then echo "== $1"; fi
}
report() {
  step ""
  if [ -f target/test-output.log ]; then
    echo "== Durées par programme de test"
    python3 scripts/test-durations.py target/test-output.log || true
  fi
  echo "== Durées"
  printf '%s\n' "${timings[@]}"
  printf '%-52s %4d s\n' "Total" $((SECONDS - run_started))
}
trap report EXIT

step "Installation (paquets système, tauri-driver)"
scripts/setup-debian.sh --tests

# One Cargo invocation's package set for the build and the run: Cargo unifies features over
# the packages it is given, so `-p`/`--exclude` in one step and not in another compiled up to
# four variants of Tauri, Tokio and their dependencies (time, and a CI disk filled up).
step "Build (one build of the whole workspace, binaries included)"
cargo test --workspace --no-run

step "Tests: core, commands, command line, end-to-end (Xvfb + tauri-driver)"
display=":$(( 90 + RANDOM % 100 ))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; report' EXIT
# Wait for the display to accept clients instead of sleeping a fixed time.
for _ in $(seq 1 100); do
  if DISPLAY="$display" xdpyinfo >/dev/null 2>&1 || [ -e "/tmp/.X11-unix/X${display#:}" ]; then
    break
  fi
  sleep 0.1
done
mkdir -p target
DISPLAY="$display" cargo test --workspace 2>&1 | tee target/test-output.log
echo "Screenshots: target/e2e-screenshots/"
