//! `cargo bench -p generator`: wall time of load + model + emit + format (everything but
//! the disk writes) for the seed spec and, when present, Stripe's full spec in JSON and
//! YAML (`STRIPE_SPEC`, default `../shared/stripe-openapi/spec3.json`).
//!
//! Prints the best and median of several runs; no assertion, targets live in CONTRIBUTING.md.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

fn main() {
    let root = generator::workspace_root();
    let full = std::env::var_os("STRIPE_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/stripe-openapi/spec3.json"));
    let mut specs = vec![root.join("spec/stripe.yaml")];
    if full.exists() {
        specs.push(full.with_extension("yaml"));
        specs.push(full);
    }
    for spec in specs.iter().filter(|spec| spec.exists()) {
        bench(spec);
    }
}

fn bench(spec: &Path) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut outcome = String::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let result = generator::generate(spec);
        times.push(started.elapsed());
        outcome = match result {
            Ok(generated) => format!(
                "{} operations, {} types, {} files",
                generated.operations,
                generated.types,
                generated.files.len()
            ),
            Err(failure) => {
                let text = failure.to_string();
                format!("failed: {}", text.lines().next().unwrap_or_default())
            }
        };
    }
    times.sort();
    println!(
        "generate {}: best {:.1} ms, median {:.1} ms ({outcome})",
        spec.display(),
        times[0].as_secs_f64() * 1000.0,
        times[RUNS / 2].as_secs_f64() * 1000.0,
    );
}
