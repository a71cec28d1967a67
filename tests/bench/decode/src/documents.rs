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
    ChargeList,
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
    let list_of = |item: &Value, prefix: &str, url: &str| {
        let mut list = json!({"object": "list", "data": [], "has_more": false, "url": url});
        for index in 0..100 {
            let mut copy = item.clone();
            copy["id"] = format!("{prefix}_{index:04}").into();
            list["data"].as_array_mut().expect("a list").push(copy);
        }
        list
    };
    let event = |kind: &str, object: Value| {
        json!({
            // Any version: reading an event does not check it (only a webhook does).
            "id": "evt_1", "object": "event", "api_version": "2023-08-16",
            "created": 1_700_000_000, "livemode": false, "pending_webhooks": 1,
            "request": {"id": null, "idempotency_key": null}, "type": kind,
            "data": {"object": object},
        })
    };
    let mut subscription_updated = event("customer.subscription.updated", resource("subscription"));
    subscription_updated["data"]["previous_attributes"] = json!({"status": "trialing"});
    let mut expanded = invoice.clone();
    expanded["customer"] = resource("customer");
    expanded["default_payment_method"] = resource("payment_method");
    expanded["lines"]["data"] = Value::Array(vec![resource("line_item"); 10]);
    // A charge whose payment intent is expanded, whose latest charge is expanded, and
    // so on: `levels` levels of expansion (the last wrapping is a charge).
    let chain = |levels: usize| {
        let mut deep = resource("charge");
        for level in 0..levels {
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
        deep
    };
    let mut subscription_expanded = resource("subscription");
    subscription_expanded["customer"] = resource("customer");
    subscription_expanded["latest_invoice"] = invoice.clone();
    let pretty = |value: &Value| serde_json::to_vec_pretty(value).expect("JSON");
    vec![
        ("customer", Kind::Customer, pretty(&resource("customer"))),
        ("invoice", Kind::Invoice, pretty(&invoice)),
        (
            "list of 100 invoices",
            Kind::InvoiceList,
            pretty(&list_of(&invoice, "in", "/v1/invoices")),
        ),
        (
            "event invoice.paid",
            Kind::Event,
            pretty(&event("invoice.paid", invoice.clone())),
        ),
        (
            "invoice, customer + payment method + 10 lines expanded",
            Kind::Invoice,
            pretty(&expanded),
        ),
        ("charge (flat)", Kind::Charge, pretty(&resource("charge"))),
        ("charge, 8 levels expanded", Kind::Charge, pretty(&chain(8))),
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
        // Eight more, the rest of the 17 kinds of document issue 24 compares: events
        // of other objects, a list of charges, shorter expansion chains.
        (
            "list of 100 charges",
            Kind::ChargeList,
            pretty(&list_of(&resource("charge"), "ch", "/v1/charges")),
        ),
        (
            "event customer.created",
            Kind::Event,
            pretty(&event("customer.created", resource("customer"))),
        ),
        (
            "event payment_intent.succeeded",
            Kind::Event,
            pretty(&event(
                "payment_intent.succeeded",
                resource("payment_intent"),
            )),
        ),
        (
            "event charge.succeeded",
            Kind::Event,
            pretty(&event("charge.succeeded", resource("charge"))),
        ),
        (
            "event customer.subscription.updated",
            Kind::Event,
            pretty(&subscription_updated),
        ),
        ("charge, 2 levels expanded", Kind::Charge, pretty(&chain(2))),
        ("charge, 4 levels expanded", Kind::Charge, pretty(&chain(4))),
        (
            "subscription, customer + latest invoice expanded",
            Kind::Subscription,
            pretty(&subscription_expanded),
        ),
    ]
}
