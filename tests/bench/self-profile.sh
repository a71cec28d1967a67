#!/usr/bin/env bash
# Where `cargo check --all-features` of the full crate spends its time, per query and
# per kind of generated function, from rustc's self-profile (RUSTC_BOOTSTRAP=1 enables
# the -Z flags on the stable toolchain). Prints the summary; CONTRIBUTING.md's Measurements
# section keeps the findings.
# Usage: tests/bench/self-profile.sh [rows]   (STRIPE_SPEC overrides the spec's path)
#   BENCH_FEATURES replaces `--all-features` (BENCH_FEATURES= for the default features)
#   KEEP=1 keeps the profiles (the path is printed)
#   GENERATOR: a generator binary to use instead of this tree's (before/after)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${STRIPE_SPEC:-$root/../shared/stripe-openapi/spec3.json}
features=${BENCH_FEATURES---all-features}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

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
# The crate is a facade over parts (parts/*). A rustc wrapper profiles every crate of
# ours (the facade and each part, checked with the features the facade gives them) and
# passes the rest through; the first check builds the dependencies, the second, after a
# touch of every lib.rs, is the one profiled.
cat >"$work/rustc-wrapper" <<'WRAPPER'
#!/usr/bin/env bash
rustc=$1
shift
case " $* " in
  *" --crate-name stripe_client"*)
    exec env RUSTC_BOOTSTRAP=1 "$rustc" "$@" -Z self-profile="$SELF_PROFILE_DIR" \
      -Z self-profile-events=default,args ;;
  *) exec "$rustc" "$@" ;;
esac
WRAPPER
chmod +x "$work/rustc-wrapper"
export RUSTC_WRAPPER=$work/rustc-wrapper SELF_PROFILE_DIR=$work/first CARGO_INCREMENTAL=0
cargo check --quiet $features
find . -name lib.rs -not -path './target/*' -exec touch {} +
SELF_PROFILE_DIR=$work/profile cargo check --quiet $features
[ -z "${KEEP:-}" ] || echo "profiles kept in $work/profile"
"$root/target/self-profile/release/self-profile-summary" "$work"/profile/*.mm_profdata "${1:-25}"
