#!/usr/bin/env bash
# Benchmarks of the full Stripe crate, against the targets in the README:
#   - generation of the full spec with the release build: wall time, median of 5 runs,
#     into an empty directory and again over an unchanged one;
#   - `cargo check` of the generated crate from scratch (CARGO_INCREMENTAL=0, as when
#     it is built as a dependency), its dependencies already built: wall time and peak
#     RSS, with --all-features and with one feature (customers).
# Usage: tests/bench/full-crate.sh   (STRIPE_SPEC overrides the spec's path)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${STRIPE_SPEC:-$root/../shared/stripe-openapi/spec3.json}
timer=/usr/bin/time
if [ ! -x "$timer" ]; then
  echo "needs GNU time at $timer (Debian: apt-get install time)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet --release -p generator
generator=$root/target/release/generator

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

fresh=()
again=()
for _ in 1 2 3 4 5; do
  rm -rf "$work/crate"
  fresh+=("$("$timer" -f %e "$generator" --spec "$spec" --out "$work/crate" 2>&1 >/dev/null | tail -n 1)")
  again+=("$("$timer" -f %e "$generator" --spec "$spec" --out "$work/crate" 2>&1 >/dev/null | tail -n 1)")
done
echo "generate full spec, empty output dir:     median $(printf '%s\n' "${fresh[@]}" | median) s (target <= 0.5 s)"
echo "generate full spec, unchanged output dir: median $(printf '%s\n' "${again[@]}" | median) s"
"$generator" --spec "$spec" --out "$work/crate"

cp "$root/Cargo.lock" "$work/crate/"
export CARGO_TARGET_DIR=$root/target/bench
cd "$work/crate"
# Build the dependencies once, untimed.
cargo check --quiet --all-features
cargo check --quiet --no-default-features --features customers
measure() {
  touch src/lib.rs
  CARGO_INCREMENTAL=0 "$timer" -f "%e s wall, %M KB peak RSS" cargo check --quiet "$@" 2>&1 | tail -n 1
}
echo "cargo check --all-features:                $(measure --all-features) (target <= 30 s, <= 1.5 GB)"
echo "cargo check --features customers:          $(measure --no-default-features --features customers)"
echo "lines of generated Rust:                   $(find src -name '*.rs' -exec cat {} + | wc -l)"
