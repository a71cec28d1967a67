#!/usr/bin/env bash
# What a user's build of Stripe costs, ours beside async-stripe 1.0.0-rc.10 (issue 24):
# two small consumer crates outside the workspace, one depending on the crate generated
# from STRIPE_SPEC_2026, the other on async-stripe's crates (downloaded from crates.io),
# measured in alternating runs so a busy moment of the machine hits both alike.
#
#   check   the whole API: `cargo check` of the consumer with the Stripe crates cold and
#           every other dependency warm (`cargo clean -p` of the Stripe crates before
#           each run). Ours with its default features (`full`, `webhooks`, `rustls`);
#           async-stripe's 12 request crates with `full`, its webhook crate, its client
#           with rustls.
#   build   a typical app, everything cold (`cargo clean` before each run): customers,
#           payment intents, Checkout, subscriptions, invoices, webhooks and meter
#           events. Ours: those features and `v2` (v2 meter events); async-stripe:
#           those features of its core, checkout, billing and webhook crates
#           (async-stripe 1.0.0-rc.10 has no v2 API; its v1 meter events are in).
#
# Both sides build rustls with ring and no OpenSSL, CARGO_INCREMENTAL=0 (as for a
# dependency). Prints per side: median wall and CPU (user + system) and the range.
#
# Usage: tests/bench/user-check.sh [check|build] [RUNS]   (default: check 5)
#   REPLAY     with build, core counts ("4 8 16") to replay one more cold build of each
#              side on (tests/bench/build-schedule.py: this machine has 2 cores, users
#              more)
#   GENERATOR  a generator binary to use instead of this tree's
#   OURS_DIR   a crate already generated (perhaps edited by hand, to measure an idea
#              first) to use instead of generating one
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mode=${1:-check}
runs=${2:-5}
spec=${STRIPE_SPEC_2026:-$root/../shared/stripe-openapi-2026/spec3.json}
timer=/usr/bin/time
[ -x "$timer" ] || { echo "needs GNU time at $timer" >&2; exit 1; }
case $mode in check | build) ;; *) sed -n '2,23p' "$0" >&2; exit 1 ;; esac
work=$root/target/user-check
mkdir -p "$work"
export CARGO_INCREMENTAL=0

generator=${GENERATOR:-}
if [ -z "$generator" ]; then
  cargo build --quiet --release -p generator
  generator=$root/target/release/generator
fi
rm -rf "$work/stripe-client"
if [ -n "${OURS_DIR:-}" ]; then
  cp -r "$OURS_DIR" "$work/stripe-client"
  rm -rf "$work/stripe-client/target"
else
  "$generator" --spec "$spec" --out "$work/stripe-client" >/dev/null
fi

rustls='default-features = false, features = ["rustls-tls-webpki-roots", "rustls-ring"]'
if [ "$mode" = check ]; then
  ours_dependency='stripe-client = { path = "../stripe-client" }'
  theirs_dependencies="async-stripe = { version = \"=1.0.0-rc.10\", $rustls }"
  for crate in billing checkout connect core fraud issuing misc payment product terminal treasury webhook; do
    theirs_dependencies+=$'\n'"async-stripe-$crate = { version = \"=1.0.0-rc.10\", features = [\"full\"] }"
  done
else
  ours_dependency='stripe-client = { path = "../stripe-client", default-features = false, features = ["customers", "payment_intents", "checkout", "subscriptions", "invoices", "webhooks", "v2", "rustls"] }'
  theirs_dependencies="async-stripe = { version = \"=1.0.0-rc.10\", $rustls }
async-stripe-core = { version = \"=1.0.0-rc.10\", features = [\"customer\", \"payment_intent\"] }
async-stripe-checkout = { version = \"=1.0.0-rc.10\", features = [\"checkout_session\"] }
async-stripe-billing = { version = \"=1.0.0-rc.10\", features = [\"subscription\", \"invoice\", \"billing_meter_event\"] }
async-stripe-webhook = { version = \"=1.0.0-rc.10\", features = [\"full\"] }"
fi

# consumer NAME DEPENDENCIES: a binary crate whose main names nothing (the build of
# the dependencies is what is measured).
consumer() {
  mkdir -p "$work/$1/src"
  echo 'fn main() {}' >"$work/$1/src/main.rs"
  cat >"$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
$2
tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
EOF
}
consumer ours "$ours_dependency"
consumer theirs "$theirs_dependencies"
# Ours resolved offline from the workspace's lock file.
cp "$root/Cargo.lock" "$work/ours/"

# stripe_packages DIR: the Stripe crates of a consumer's dependency tree.
stripe_packages() {
  (cd "$1" && cargo tree --prefix none -e normal 2>/dev/null) \
    | awk '$1 ~ /^(stripe-client|async-stripe)/ { print $1 }' | sort -u
}

# Ours with the README's line tables, for the generated crate and its parts only (the
# README's `"*"` also gives them to every other dependency, which would make the build
# cheaper than async-stripe's for reasons that are not ours).
for package in $(stripe_packages "$work/ours"); do
  printf '\n[profile.dev.package.%s]\ndebug = "line-tables-only"\n' "$package" >>"$work/ours/Cargo.toml"
done

for side in ours theirs; do
  (cd "$work/$side" && cargo "$mode" --quiet)
  : >"$work/$side.times"
done
for ((i = 0; i < runs; i++)); do
  for side in ours theirs; do
    cd "$work/$side"
    if [ "$mode" = check ]; then
      clean=()
      for package in $(stripe_packages .); do clean+=(-p "$package"); done
      cargo clean --quiet "${clean[@]}"
    else
      cargo clean --quiet
    fi
    "$timer" -f "%e %U %S" cargo "$mode" --quiet 2>&1 | tail -n 1 >>"$work/$side.times"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for side in ours theirs; do
  times=$work/$side.times
  wall=$(awk '{ print $1 }' "$times" | median)
  range=$(awk '{ print $1 }' "$times" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }')
  cpu=$(awk '{ print $2 + $3 }' "$times" | median)
  echo "$side: cargo $mode $wall s wall ($range), $cpu s CPU, median of $runs"
done

if [ "$mode" = build ] && [ -n "${REPLAY:-}" ]; then
  for side in ours theirs; do
    cd "$work/$side"
    cargo clean --quiet
    cargo build --quiet --timings
    # The override lets the stable cargo print its unit graph (nothing is built).
    __CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS=nightly \
      cargo build --unit-graph -Z unstable-options >"$work/$side.unit-graph.json"
    echo "$side, one more cold build replayed:"
    "$root/tests/bench/build-schedule.py" target/cargo-timings/cargo-timing.html \
      "$work/$side.unit-graph.json" $REPLAY
  done
fi
