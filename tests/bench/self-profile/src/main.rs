//! Reads the `.mm_profdata` files written by `rustc -Z self-profile
//! -Z self-profile-events=default,args` (one per crate: the facade and each part) and
//! prints, added up over them, where the time went: self time per
//! query (`typeck`, `mir_borrowck`, ...), then the type checking and borrow checking of
//! function bodies grouped by module kind (`types`, `params`, call modules, `runtime`)
//! and by the function's name (`deserialize`, `fmt`, `clone`, a call's name...), which
//! says which generated impls cost what.
//!
//! Usage: self-profile-summary <file.mm_profdata>... [rows]

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use analyzeme::{ProfilingData, Timestamp};

struct Event {
    start: SystemTime,
    end: SystemTime,
    label: String,
    item: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (paths, rows): (Vec<&String>, usize) = match args.split_last() {
        Some((last, rest)) if last.parse::<usize>().is_ok() => {
            (rest.iter().collect(), last.parse().unwrap_or(25))
        }
        _ => (args.iter().collect(), 25),
    };
    if paths.is_empty() {
        eprintln!("usage: self-profile-summary <file.mm_profdata>... [rows]");
        std::process::exit(2);
    }
    let mut per_query: HashMap<String, Duration> = HashMap::new();
    let mut per_kind: HashMap<(String, String), (Duration, usize)> = HashMap::new();
    for path in paths {
        let data = match ProfilingData::new(std::path::Path::new(path)) {
            Ok(data) => data,
            Err(error) => {
                eprintln!("cannot read {path}: {error}");
                std::process::exit(1);
            }
        };
        add_profile(&data, &mut per_query, &mut per_kind);
    }
    let total: Duration = per_query
        .iter()
        .filter(|(label, _)| !label.starts_with("self_profile"))
        .map(|(_, time)| *time)
        .sum();
    println!(
        "self time per query ({:.2} s in all, profiling overhead left out):",
        total.as_secs_f64()
    );
    let mut queries: Vec<_> = per_query.into_iter().collect();
    queries.sort_by_key(|query| std::cmp::Reverse(query.1));
    for (label, time) in queries
        .iter()
        .filter(|(label, _)| !label.starts_with("self_profile"))
        .take(rows)
    {
        println!("  {:>7.3} s  {label}", time.as_secs_f64());
    }
    println!("type checking + borrow checking of bodies, per module kind and function name:");
    let mut kinds: Vec<_> = per_kind.into_iter().collect();
    kinds.sort_by_key(|kind| std::cmp::Reverse(kind.1 .0));
    for ((module, function), (time, count)) in kinds.iter().take(rows) {
        println!(
            "  {:>7.3} s  {count:>5} queries  {module} {function}",
            time.as_secs_f64()
        );
    }
}

/// Adds one crate's profile to the totals: self time per query, and the type checking
/// and borrow checking of bodies per (module kind, function name).
fn add_profile(
    data: &ProfilingData,
    per_query: &mut HashMap<String, Duration>,
    per_kind: &mut HashMap<(String, String), (Duration, usize)>,
) {
    let mut events: Vec<Event> = data
        .iter_full()
        .filter_map(|event| match event.payload.timestamp()? {
            Timestamp::Interval { start, end } => Some(Event {
                start,
                end,
                label: event.label.to_string(),
                item: event.additional_data.join(","),
            }),
            Timestamp::Instant(_) => None,
        })
        .collect();
    // Outer events first, so a stack gives each event its own (self) time.
    events.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut self_time: Vec<Duration> = Vec::with_capacity(events.len());
    let mut stack: Vec<usize> = Vec::new();
    for (index, event) in events.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&open| events[open].end <= event.start)
        {
            stack.pop();
        }
        let length = event.end.duration_since(event.start).unwrap_or_default();
        self_time.push(length);
        if let Some(&parent) = stack.last() {
            self_time[parent] = self_time[parent].saturating_sub(length);
        }
        stack.push(index);
    }
    for (event, time) in events.iter().zip(&self_time) {
        *per_query.entry(event.label.clone()).or_default() += *time;
        if event.label == "typeck" || event.label == "mir_borrowck" {
            let entry = per_kind.entry(item_kind(&event.item)).or_default();
            entry.0 += *time;
            entry.1 += 1;
        }
    }
}

/// `stripe_client::types::customer::{{impl}}[2]::deserialize` -> (`types`, `deserialize`).
fn item_kind(item: &str) -> (String, String) {
    let segments: Vec<&str> = item.split("::").collect();
    let module = match segments.get(1) {
        Some(&kind @ ("types" | "params" | "runtime" | "webhooks")) => kind.to_string(),
        Some(_) => "calls".to_string(),
        None => String::new(),
    };
    let function = segments
        .iter()
        .rev()
        .find(|segment| !segment.starts_with("{{"))
        .unwrap_or(&"")
        .to_string();
    (module, function)
}
