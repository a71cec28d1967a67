#!/usr/bin/env bash
# Where `cargo check --all-features` of the full crate spends its time, per query and
# per kind of generated function, from rustc's self-profile (RUSTC_BOOTSTRAP=1 enables
# the -Z flags on the stable toolchain). Prints the summary; CONTRIBUTING.md's Measurements
# section keeps the findings.
# Usage: tests/bench/self-profile.sh [rows]   (STRIPE_SPEC overrides the spec's path)
#   GENERATOR: a generator binary to use instead of this tree's (before/after)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${STRIPE_SPEC:-$root/../shared/stripe-openapi/spec3.json}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generator=${GENERATOR:-}
if [ -z "$generator" ]; then
  cargo build --quiet --release -p generator
  generator=$root/target/release/generator
fi
cargo build --quiet --release --manifest-path "$root/tests/bench/self-profile/Cargo.toml" \
  --target-dir "$root/target/self-profile"
"$generator" --spec "$spec" --out "$work/crate" >/dev/null
cp "$root/Cargo.lock" "$work/crate/"
cd "$work/crate"
export CARGO_TARGET_DIR=$root/target/bench
cargo check --quiet --all-features # dependencies, unprofiled
# The crate is a facade over parts (parts/*): each is profiled, and the summary adds
# them up.
find . -name lib.rs -not -path './target/*' -exec touch {} +
for part in parts/*; do
  package=$(awk -F'"' '/^name = / { print $2; exit }' "$part/Cargo.toml")
  CARGO_INCREMENTAL=0 RUSTC_BOOTSTRAP=1 cargo rustc --quiet -p "$package" --profile check \
    --all-features -- -Z self-profile="$work/profile" -Z self-profile-events=default,args
done
"$root/target/self-profile/release/self-profile-summary" "$work"/profile/*.mm_profdata "${1:-25}"
