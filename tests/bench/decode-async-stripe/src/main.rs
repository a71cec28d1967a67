//! async-stripe 1.0.0-rc.10's client path (bytes -> text -> miniserde into its types)
//! over the same documents as tests/bench/decode, best of ROUNDS rounds, with
//! allocations per document. A document its types do not read is reported as such.
//!
//! Usage (from tests/bench/decode.sh with COMPARE=1): decode-async-stripe FIXTURES_JSON [ROUNDS]

use std::hint::black_box;
use std::time::{Duration, Instant};

use documents::Kind;
use stripe_shared::{Charge, Customer, Event, Invoice, PaymentIntent, Subscription};

#[path = "../../decode/src/counting.rs"]
mod counting;
#[path = "../../decode/src/documents.rs"]
mod documents;

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

fn theirs<T: miniserde::Deserialize>(bytes: &[u8]) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|error| error.to_string())?;
    miniserde::json::from_str(text).map_err(|error| error.to_string())
}

fn reader(kind: Kind) -> fn(&[u8]) -> Result<(), String> {
    match kind {
        Kind::Customer => |b| theirs::<Customer>(b).map(|v| drop(black_box(v))),
        Kind::Invoice => |b| theirs::<Invoice>(b).map(|v| drop(black_box(v))),
        Kind::InvoiceList => {
            |b| theirs::<stripe_types::List<Invoice>>(b).map(|v| drop(black_box(v)))
        }
        Kind::ChargeList => |b| theirs::<stripe_types::List<Charge>>(b).map(|v| drop(black_box(v))),
        Kind::Event => |b| theirs::<Event>(b).map(|v| drop(black_box(v))),
        Kind::Charge => |b| theirs::<Charge>(b).map(|v| drop(black_box(v))),
        Kind::Subscription => |b| theirs::<Subscription>(b).map(|v| drop(black_box(v))),
        Kind::PaymentIntent => |b| theirs::<PaymentIntent>(b).map(|v| drop(black_box(v))),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let fixtures_path = args
        .next()
        .expect("usage: decode-async-stripe FIXTURES_JSON [ROUNDS]");
    let rounds = args
        .next()
        .map_or(60, |rounds| rounds.parse().expect("a number of rounds"));
    let fixtures: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&fixtures_path).expect("the fixtures"))
            .expect("JSON");
    println!("async-stripe 1.0.0-rc.10 (bytes -> str -> miniserde), best of {rounds} rounds");
    println!("| document | bytes | async-stripe | allocs |");
    println!("| --- | --: | --: | --: |");
    for (name, kind, bytes) in documents::documents(&fixtures) {
        let read = reader(kind);
        if let Err(error) = read(&bytes) {
            println!("| {name} | {} | does not decode: {error} | |", bytes.len());
            continue;
        }
        let started = Instant::now();
        let _ = read(&bytes);
        let once = started.elapsed().max(Duration::from_nanos(100));
        let iterations =
            (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 100_000) as usize;
        let mut best = (Duration::MAX, 0);
        for _ in 0..rounds {
            let allocations = counting::allocations();
            let started = Instant::now();
            for _ in 0..iterations {
                let _ = read(black_box(&bytes));
            }
            let per_document = started.elapsed() / iterations as u32;
            let allocated = (counting::allocations() - allocations) / iterations;
            if per_document < best.0 {
                best = (per_document, allocated);
            }
        }
        println!(
            "| {name} | {} | {:.1} us | {} |",
            bytes.len(),
            best.0.as_nanos() as f64 / 1e3,
            best.1
        );
    }
}
