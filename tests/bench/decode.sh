#!/usr/bin/env bash
# How fast the generated crate reads Stripe's answers (issue 17): generates the full
# crate from a spec, builds tests/bench/decode (outside the workspace) in release mode
# against it, and runs it over documents made from the spec's own fixtures3.json.
# Prints a Markdown table: ns per document, MB/s and allocations for the crate's
# reader ("ours"), serde_json::Value and IgnoredAny, best of ROUNDS alternating rounds.
#
# Usage: tests/bench/decode.sh [ROUNDS]        (default 60)
#   STRIPE_SPEC   the spec (default ../shared/stripe-openapi/spec3.json); its
#                 fixtures3.json is read from the same folder
#   GENERATOR     a generator binary to use instead of this tree's (before/after)
#   VALUE_PATH=1  "ours" decodes bytes -> serde_json::Value -> type, the path calls took
#                 before the one-pass reader (with a generator of that time)
#   OPERATIONS    generate only these operations and the types they need (a quicker
#                 build; CONTRIBUTING.md's figures use the documents' five operations)
#   COMPARE=1     also build tests/bench/decode-async-stripe and read the same
#                 documents with async-stripe 1.0.0-rc.10 (downloads it from crates.io)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
spec=${STRIPE_SPEC:-$root/../shared/stripe-openapi/spec3.json}
fixtures=$(dirname "$spec")/fixtures3.json
out=$root/target/bench-decode/stripe-client
generator=${GENERATOR:-}
if [ -z "$generator" ]; then
  cargo build --quiet --release -p generator
  generator=$root/target/release/generator
fi
rm -rf "$out"
"$generator" --spec "$spec" --out "$out" ${OPERATIONS:+--operations "$OPERATIONS"} >/dev/null
target=$root/target/bench-decode/target
if [ -n "${VALUE_PATH:-}" ]; then
  export RUSTFLAGS="--cfg value_path"
  target=$target-value-path
fi
cargo build --quiet --release --manifest-path "$root/tests/bench/decode/Cargo.toml" \
  --target-dir "$target"
"$target/release/decode-bench" "$fixtures" "${1:-60}"
if [ -n "${COMPARE:-}" ]; then
  unset RUSTFLAGS
  cargo build --quiet --release --manifest-path "$root/tests/bench/decode-async-stripe/Cargo.toml" \
    --target-dir "$root/target/bench-decode/target-async-stripe"
  "$root/target/bench-decode/target-async-stripe/release/decode-async-stripe" "$fixtures" "${1:-60}"
fi
