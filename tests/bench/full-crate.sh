#!/usr/bin/env bash
# Benchmarks of the full Stripe crate, against the targets of the compile-cost issue
# (CONTRIBUTING.md, Measurements). Every figure is one command away:
#   - generation of the full spec with the release build: wall time, median of 5 runs,
#     into an empty directory and again over an unchanged one;
#   - `cargo check` of the generated crate from scratch (CARGO_INCREMENTAL=0, as when
#     it is built as a dependency), its dependencies already built: wall time, user CPU
#     and peak RSS, median of BENCH_RUNS (5), with --all-features and with one feature
#     (customers);
#   - a consumer that calls customers create and list, depending on the crate by path
#     as the README suggests: `cargo check` and `cargo build` (debug) of the crate as
#     that consumer compiles it, with the dev profile's incremental compilation (what a
#     path dependency gets) and with `[profile.dev.package."*"]
#     incremental = false` and then also `debug = "line-tables-only"` as the README
#     recommends (median of BENCH_RUNS each); a release build (once); the stripped
#     binary's size.
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
# Runs "$@" (which prints "wall user rss_kb") $1 times; prints the medians and the range.
repeat() {
  local n=$1
  shift
  local lines
  lines=$(for ((i = 0; i < n; i++)); do "$@"; done)
  local wall user rss range
  wall=$(awk '{ print $1 }' <<<"$lines" | median)
  user=$(awk '{ print $2 }' <<<"$lines" | median)
  rss=$(awk '{ print $3 }' <<<"$lines" | median)
  range=$(awk '{ print $1 }' <<<"$lines" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }')
  echo "$wall s wall ($range), $user s user, $((rss / 1024)) MB peak RSS, median of $n"
}
# Check and debug-build measurements are repeated (BENCH_RUNS, default 5, as the
# issue's targets are medians of 5); the release build runs once.
runs=${BENCH_RUNS:-5}

fresh=()
again=()
for _ in 1 2 3 4 5; do
  rm -rf "$work/crate"
  fresh+=("$("$timer" -f %e "$generator" --spec "$spec" --out "$work/crate" 2>&1 >/dev/null | tail -n 1)")
  again+=("$("$timer" -f %e "$generator" --spec "$spec" --out "$work/crate" 2>&1 >/dev/null | tail -n 1)")
done
echo "generate full spec, empty output dir:     median $(printf '%s\n' "${fresh[@]}" | median) s (target <= 0.3 s)"
echo "generate full spec, unchanged output dir: median $(printf '%s\n' "${again[@]}" | median) s"
"$generator" --spec "$spec" --out "$work/crate"

cp "$root/Cargo.lock" "$work/crate/"
export CARGO_TARGET_DIR=$root/target/bench
cd "$work/crate"
# Build the dependencies once, untimed.
cargo check --quiet --all-features
cargo check --quiet --no-default-features --features customers
measure() {
  # The crate and its parts (parts/*/src/lib.rs) are all checked again.
  find . -name lib.rs -not -path './target/*' -exec touch {} +
  CARGO_INCREMENTAL=0 "$timer" -f "%e %U %M" cargo check --quiet "$@" 2>&1 | tail -n 1
}
echo "cargo check --all-features:                $(repeat "$runs" measure --all-features) (target <= 6 s, <= 0.8 GB)"
echo "cargo check --features customers:          $(repeat "$runs" measure --no-default-features --features customers) (target <= 3 s)"
echo "lines of generated Rust:                   $(find src parts -name '*.rs' -exec cat {} + | wc -l)"

# A consumer, as a user would write it: customers create and list, nothing else.
consumer=$work/consumer
mkdir -p "$consumer/src"
cat > "$consumer/Cargo.toml" <<TOML
[package]
name = "consumer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
stripe-client = { path = "../crate" }
tokio = { version = "1", features = ["macros", "rt"] }

[workspace]
TOML
cat > "$consumer/src/main.rs" <<'RUST'
use stripe_client::{customers, Client};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), stripe_client::Error> {
    let client = Client::new(std::env::var("STRIPE_SECRET_KEY").unwrap_or_default())?;
    let params = customers::CreateParams {
        email: Some("jenny@example.com".into()),
        ..Default::default()
    };
    let customer = customers::create(&client, &params).await?;
    let list = customers::list(&client, &customers::ListParams::default()).await?;
    println!("{} of {}", customer.id, list.data.len());
    Ok(())
}
RUST
cp "$root/Cargo.lock" "$consumer/"
cd "$consumer"
export CARGO_TARGET_DIR=$root/target/bench-consumer
cargo build --quiet 2>/dev/null   # dependencies, untimed
cargo build --quiet --release 2>/dev/null
consumer_run() { # cargo args...
  local profile=()
  if [[ " $* " == *" --release "* ]]; then profile=(--release); fi
  local packages=()
  for package in $(cargo tree --prefix none -e normal 2>/dev/null | awk '$1 ~ /^stripe-client/ { print $1 }' | sort -u); do
    packages+=(-p "$package")
  done
  cargo clean --quiet "${packages[@]}" "${profile[@]}" 2>/dev/null || true
  "$timer" -f "%e %U %M" cargo "$@" --quiet 2>&1 | tail -n 1
}
consumer_measure() { # label, runs, cargo args...
  local label=$1 n=$2
  shift 2
  echo "$label $(repeat "$n" consumer_run "$@")"
}
no_incremental='[profile.dev.package."*"]
incremental = false'
consumer_measure "consumer cargo check (path dependency, incremental):     " "$runs" check
consumer_measure "consumer cargo build (path dependency, incremental):     " "$runs" build
echo "$no_incremental" >> Cargo.toml
consumer_measure "consumer cargo check (incremental = false for the crate):" "$runs" check
consumer_measure "consumer cargo build (incremental = false for the crate):" "$runs" build
# The README's recommended profile: line tables only, for backtraces.
sed -i 's/^incremental = false$/incremental = false\ndebug = "line-tables-only"/' Cargo.toml
consumer_measure "consumer cargo build (and debug = \"line-tables-only\"):  " "$runs" build # target <= 14 s
consumer_measure "consumer cargo build --release:                          " 1 build --release
strip -o "$work/consumer-stripped" "$CARGO_TARGET_DIR/release/consumer"
echo "consumer release binary, stripped:                        $(du -k "$work/consumer-stripped" | cut -f1) KB"
