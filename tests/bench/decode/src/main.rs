//! How fast the generated crate reads Stripe's answers: documents built from Stripe's
//! own fixtures (`fixtures3.json` of the spec the crate was generated from), each read
//! as the typed answer a call reads ("ours"), through the type's serde `Deserialize`
//! (`serde_json::from_slice`, for callers who decode the types themselves), as an
//! untyped `serde_json::Value`, and as `serde::de::IgnoredAny` (the cost of just
//! scanning the bytes). Methods alternate
//! within each round so a busy moment of the machine hits them alike; the best round
//! counts. Prints ns per document, MB/s and allocations per document.
//!
//! Usage (from tests/bench/decode.sh): decode-bench FIXTURES_JSON [ROUNDS]
//! Built with `--cfg value_path`, "ours" is the path calls took before the one-pass
//! reader: bytes -> `serde_json::Value` -> the type (for before/after figures).

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::Value;
use stripe_client::types::{Charge, Customer, Event, Invoice, PaymentIntent, Subscription};
use stripe_client::List;

use documents::Kind;

mod counting;
mod documents;

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

/// Reads `bytes` as a `T` the way a call does.
#[cfg(not(value_path))]
fn ours<T: stripe_client::runtime::ReadJson>(bytes: &[u8]) -> T {
    stripe_client::runtime::read_json_slice(bytes).expect("the document decodes")
}

#[cfg(value_path)]
fn ours<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    let value: Value = serde_json::from_slice(bytes).expect("JSON");
    serde_json::from_value(value).expect("the document decodes")
}

/// Reads `bytes` as a `T` through serde, as a caller using serde_json does.
fn through_serde<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> T {
    serde_json::from_slice(bytes).expect("the document decodes")
}

fn untyped(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("JSON")
}

fn scanned(bytes: &[u8]) -> serde::de::IgnoredAny {
    serde_json::from_slice(bytes).expect("JSON")
}

/// One document and the typed reader of its kind.
struct Document {
    name: &'static str,
    bytes: Vec<u8>,
    read: fn(&[u8]),
    read_serde: fn(&[u8]),
}

fn read_as<T>(decode: fn(&[u8]) -> T) -> impl Fn(&[u8]) {
    move |bytes| drop(black_box(decode(black_box(bytes))))
}

/// How a document of type `T` is read: as a call reads it, and through serde.
fn readers<T>() -> (fn(&[u8]), fn(&[u8]))
where
    T: stripe_client::runtime::ReadJson + serde::de::DeserializeOwned,
{
    (
        |bytes| read_as(ours::<T>)(bytes),
        |bytes| read_as(through_serde::<T>)(bytes),
    )
}

fn documents(fixtures: &Value) -> Vec<Document> {
    documents::documents(fixtures)
        .into_iter()
        .map(|(name, kind, bytes)| {
            let (read, read_serde) = match kind {
                Kind::Customer => readers::<Customer>(),
                Kind::Invoice => readers::<Invoice>(),
                Kind::InvoiceList => readers::<List<Invoice>>(),
                Kind::ChargeList => readers::<List<Charge>>(),
                Kind::Event => readers::<Event>(),
                Kind::Charge => readers::<Charge>(),
                Kind::Subscription => readers::<Subscription>(),
                Kind::PaymentIntent => readers::<PaymentIntent>(),
            };
            Document {
                name,
                bytes,
                read,
                read_serde,
            }
        })
        .collect()
}

/// The best time of one batch of reads per method (ours, serde, `Value`, `IgnoredAny`) over
/// `rounds` rounds, the methods in turn, with the allocations per document.
fn measure(document: &Document, rounds: usize) -> [(Duration, usize); 4] {
    let methods: [&dyn Fn(&[u8]); 4] = [
        &|bytes| (document.read)(bytes),
        &|bytes| (document.read_serde)(bytes),
        &read_as(untyped),
        &read_as(scanned),
    ];
    // About 20 ms a batch for the slowest method.
    let started = Instant::now();
    (document.read)(&document.bytes);
    let once = started.elapsed().max(Duration::from_nanos(100));
    let iterations = (Duration::from_millis(20).as_nanos() / once.as_nanos()).clamp(1, 100_000);
    let iterations = iterations as usize;
    let mut best = [(Duration::MAX, 0); 4];
    // DECODE_PROFILE=1: only ours, for a profiler.
    let methods = if std::env::var_os("DECODE_PROFILE").is_some() {
        &methods[..1]
    } else {
        &methods[..]
    };
    for _ in 0..rounds {
        for (method, best) in methods.iter().zip(best.iter_mut()) {
            let allocations = counting::allocations();
            let started = Instant::now();
            for _ in 0..iterations {
                method(&document.bytes);
            }
            let per_document = started.elapsed() / iterations as u32;
            let allocated = (counting::allocations() - allocations) / iterations;
            if per_document < best.0 {
                *best = (per_document, allocated);
            }
        }
    }
    best
}

/// The documents must read as their kinds, or the figures would time another path:
/// an event's object that is kept as JSON is reported and stops the run.
#[cfg(not(value_path))]
fn check(documents: &[Document]) {
    for document in documents {
        if document.name.starts_with("event") {
            let event: Event = ours(&document.bytes);
            if let stripe_client::types::EventObject::Undecodable(object) = &event.data.object {
                panic!(
                    "{}: the object does not decode: {}",
                    document.name, object.problem
                );
            }
        }
    }
}

#[cfg(value_path)]
fn check(_: &[Document]) {}

fn main() {
    if std::env::var_os("DECODE_SIZES").is_some() {
        println!(
            "Invoice {} Charge {} Customer {} LineItem {} Subscription {} PaymentIntent {}",
            std::mem::size_of::<Invoice>(),
            std::mem::size_of::<Charge>(),
            std::mem::size_of::<Customer>(),
            std::mem::size_of::<stripe_client::types::LineItem>(),
            std::mem::size_of::<Subscription>(),
            std::mem::size_of::<PaymentIntent>()
        );
    }
    let mut args = std::env::args().skip(1);
    let fixtures_path = args
        .next()
        .expect("usage: decode-bench FIXTURES_JSON [ROUNDS]");
    let rounds = args
        .next()
        .map_or(60, |rounds| rounds.parse().expect("a number of rounds"));
    let fixtures: Value =
        serde_json::from_slice(&std::fs::read(&fixtures_path).expect("the fixtures"))
            .expect("JSON");
    let path = if cfg!(value_path) {
        "bytes -> Value -> type"
    } else {
        "one pass"
    };
    println!(
        "stripe-client {} ({path}), best of {rounds} alternating rounds",
        stripe_client::API_VERSION
    );
    println!(
        "| document | bytes | ours | MB/s | allocs | `Value` | allocs | `IgnoredAny` | ours / IgnoredAny | ns per KB | serde `Deserialize` | serde / `Value` |"
    );
    println!("| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |");
    let mut documents = documents(&fixtures);
    // DECODE_ONLY=text: only the documents whose name contains it.
    if let Ok(only) = std::env::var("DECODE_ONLY") {
        documents.retain(|document| document.name.contains(&only));
    }
    check(&documents);
    for document in documents {
        let [(ours, ours_allocs), (serde, _), (value, value_allocs), (ignored, _)] =
            measure(&document, rounds);
        let bytes = document.bytes.len();
        let megabytes_per_second = bytes as f64 / ours.as_secs_f64() / 1e6;
        println!(
            "| {} | {} | {} | {:.0} | {} | {} | {} | {} | {:.1}x | {:.0} | {} | {:.2}x |",
            document.name,
            bytes,
            show(ours),
            megabytes_per_second,
            ours_allocs,
            show(value),
            value_allocs,
            show(ignored),
            ours.as_secs_f64() / ignored.as_secs_f64(),
            ours.as_nanos() as f64 / (bytes as f64 / 1024.0),
            show(serde),
            serde.as_secs_f64() / value.as_secs_f64(),
        );
    }
}

fn show(duration: Duration) -> String {
    let nanos = duration.as_nanos();
    if nanos >= 1_000_000 {
        format!("{:.2} ms", nanos as f64 / 1e6)
    } else {
        format!("{:.1} us", nanos as f64 / 1e3)
    }
}
