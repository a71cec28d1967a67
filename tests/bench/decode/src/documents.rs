//! The documents both benchmarks read (this one and tests/bench/decode-async-stripe,
//! which includes this file): made from Stripe's fixtures, pretty-printed as Stripe
//! sends its answers.

use serde_json::{json, Value};

/// Which type a document is read as.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Customer,
    Invoice,
    InvoiceList,
    Event,
    Charge,
    Subscription,
    PaymentIntent,
}

/// (name, kind, text) of every document, from `fixtures3.json`'s resources.
pub fn documents(fixtures: &Value) -> Vec<(&'static str, Kind, Vec<u8>)> {
    let resource = |name: &str| fixtures["resources"][name].clone();
    let mut invoice = resource("invoice");
    // The 2026-05-27 fixture lacks a field its own spec requires (see
    // tests/tests/full_spec.rs); with it, every reader reads the same document.
    if fixtures["resources"]["invoice"]
        .get("amount_paid_off_stripe")
        .is_none()
        && fixtures["resources"]["invoice"]
            .get("amount_overpaid")
            .is_some()
    {
        invoice["amount_paid_off_stripe"] = 0.into();
    }
    let mut list = json!({"object": "list", "data": [], "has_more": false, "url": "/v1/invoices"});
    for index in 0..100 {
        let mut item = invoice.clone();
        item["id"] = format!("in_{index:04}").into();
        list["data"].as_array_mut().expect("a list").push(item);
    }
    let event = json!({
        // Any version: reading an event does not check it (only a webhook does).
        "id": "evt_1", "object": "event", "api_version": "2023-08-16",
        "created": 1_700_000_000, "livemode": false, "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null}, "type": "invoice.paid",
        "data": {"object": invoice.clone()},
    });
    let mut expanded = invoice.clone();
    expanded["customer"] = resource("customer");
    expanded["default_payment_method"] = resource("payment_method");
    expanded["lines"]["data"] = Value::Array(vec![resource("line_item"); 10]);
    // A charge whose payment intent is expanded, whose latest charge is expanded, and
    // so on: 8 levels of expansion (the last wrapping is a charge).
    let mut deep = resource("charge");
    for level in 0..8 {
        deep = if level % 2 == 0 {
            let mut intent = resource("payment_intent");
            intent["latest_charge"] = deep;
            intent
        } else {
            let mut charge = resource("charge");
            charge["payment_intent"] = deep;
            charge
        };
    }
    let pretty = |value: &Value| serde_json::to_vec_pretty(value).expect("JSON");
    vec![
        ("customer", Kind::Customer, pretty(&resource("customer"))),
        ("invoice", Kind::Invoice, pretty(&invoice)),
        ("list of 100 invoices", Kind::InvoiceList, pretty(&list)),
        ("event invoice.paid", Kind::Event, pretty(&event)),
        (
            "invoice, customer + payment method + 10 lines expanded",
            Kind::Invoice,
            pretty(&expanded),
        ),
        ("charge (flat)", Kind::Charge, pretty(&resource("charge"))),
        ("charge, 8 levels expanded", Kind::Charge, pretty(&deep)),
        (
            "subscription",
            Kind::Subscription,
            pretty(&resource("subscription")),
        ),
        (
            "payment intent",
            Kind::PaymentIntent,
            pretty(&resource("payment_intent")),
        ),
    ]
}
