//! The runnable examples of `tests/api_examples/examples/`, against a real server on
//! 127.0.0.1 (wiremock) answering with Stripe's own example objects (`STRIPE_FIXTURES`):
//! each example's functions send what Stripe documents for the call (form fields,
//! headers, JSON) and read its answer, and the webhook server fulfils a signed event of
//! the crate's API version, refuses a forged one, and follows a thin event.

// The examples sit beside this file only in the generated crate (full_spec.rs copies
// them to its examples/); rustfmt checks them where they live, tests/api_examples/.
#[rustfmt::skip]
#[path = "../examples/checkout.rs"]
mod checkout;
#[rustfmt::skip]
#[path = "../examples/connect.rs"]
mod connect;
#[rustfmt::skip]
#[path = "../examples/meter_events.rs"]
mod meter_events;
#[rustfmt::skip]
#[path = "../examples/pagination.rs"]
mod pagination;
#[rustfmt::skip]
#[path = "../examples/subscription_trial.rs"]
mod subscription_trial;
#[rustfmt::skip]
#[path = "../examples/webhook_server.rs"]
mod webhook_server;

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};
use stripe_client::types::InvoiceStatus;
use stripe_client::webhooks::{self, Webhook};
use stripe_client::{Client, Currency};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .expect("client")
}

/// Stripe's example object `name` from fixtures3.json.
fn fixture(name: &str) -> Value {
    static FIXTURES: OnceLock<Value> = OnceLock::new();
    let fixtures = FIXTURES.get_or_init(|| {
        let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixtures")).expect("JSON")
    });
    let mut object = fixtures["resources"][name].clone();
    assert!(object.is_object(), "no fixture {name}");
    if name == "invoice" {
        // The 2026 example lacks a field the spec requires (see full_spec.rs).
        object["amount_paid_off_stripe"] = json!(0);
    }
    object
}

/// Answers `method path` with `body`.
async fn answer(server: &MockServer, verb: &str, route: &str, body: Value) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

async fn sent(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording")
}

/// A form body's fields, in order.
fn form(request: &Request) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

fn has(fields: &[(String, String)], key: &str, value: &str) -> bool {
    fields.iter().any(|(k, v)| k == key && v == value)
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64
}

#[tokio::test]
async fn checkout_opens_a_session_for_one_line_item() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v1/checkout/sessions",
        fixture("checkout.session"),
    )
    .await;
    let session = checkout::create_session(&client_for(&server), "6735")
        .await
        .expect("session");
    assert!(session
        .url
        .is_some_and(|url| url.starts_with("https://checkout.stripe.com/")));
    let request = &sent(&server).await[0];
    let fields = form(request);
    for (key, value) in [
        ("mode", "payment"),
        ("line_items[0][price_data][currency]", "usd"),
        ("line_items[0][price_data][product_data][name]", "T-shirt"),
        ("line_items[0][price_data][unit_amount]", "2000"),
        ("line_items[0][quantity]", "1"),
        ("metadata[order]", "6735"),
    ] {
        assert!(has(&fields, key, value), "{key}={value} in {fields:?}");
    }
    assert_eq!(fields.len(), 7, "nothing else is sent: {fields:?}");
    assert_eq!(header(request, "idempotency-key"), Some("checkout-6735"));
}

/// The webhook server of the example on 127.0.0.1, its calls going to `api`; returns
/// its address and what it fulfils.
async fn webhook_server(
    api: &MockServer,
    secret: &str,
) -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let (fulfilled, reports) = tokio::sync::mpsc::unbounded_channel();
    let endpoint = webhook_server::Endpoint {
        webhook: Webhook::new(secret),
        client: client_for(api),
        fulfilled,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, webhook_server::app(endpoint)).await });
    (format!("http://{address}"), reports)
}

/// POSTs `payload` to `url`, signed with `secret` (a wrong one forges it).
async fn deliver(url: &str, payload: &str, secret: &str) -> u16 {
    let signature = webhooks::generate_test_header(payload.as_bytes(), secret, now());
    reqwest::Client::new()
        .post(url)
        .header("stripe-signature", signature)
        .body(payload.to_string())
        .send()
        .await
        .expect("the server answers")
        .status()
        .as_u16()
}

async fn next_report(reports: &mut tokio::sync::mpsc::UnboundedReceiver<String>) -> String {
    tokio::time::timeout(Duration::from_secs(10), reports.recv())
        .await
        .expect("a report within 10 s")
        .expect("the server is running")
}

#[tokio::test]
async fn the_webhook_server_fulfils_a_paid_session_of_its_api_version() {
    let api = MockServer::start().await;
    let mut session = fixture("checkout.session");
    session["payment_status"] = json!("paid");
    session["metadata"] = json!({"order": "6735"});
    let id = session["id"].as_str().expect("id").to_string();
    // The retrieve with the line items expanded.
    let mut expanded = session.clone();
    let mut item = fixture("item");
    item["description"] = json!("T-shirt");
    item["quantity"] = json!(2);
    expanded["line_items"] = json!({
        "object": "list", "data": [item], "has_more": false, "url": format!("/v1/checkout/sessions/{id}/line_items"),
    });
    Mock::given(method("GET"))
        .and(path(format!("/v1/checkout/sessions/{id}")))
        .and(query_param("expand[0]", "line_items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(expanded))
        .mount(&api)
        .await;
    let secret = "whsec_test_secret";
    let (base, mut reports) = webhook_server(&api, secret).await;
    let url = format!("{base}/webhooks");
    // Stripe's example event, made a completed session's, in a given API version.
    let event = |api_version: &str| {
        let mut event = fixture("event");
        event["api_version"] = json!(api_version);
        event["created"] = json!(now());
        event["type"] = json!("checkout.session.completed");
        event["data"] = json!({"object": session});
        event.to_string()
    };
    let current = event(stripe_client::API_VERSION);

    assert_eq!(deliver(&url, &current, secret).await, 200);
    assert_eq!(next_report(&mut reports).await, "order 6735: 2 x T-shirt");
    // Forged, or written in another API version: refused, nothing fulfilled.
    assert_eq!(deliver(&url, &current, "whsec_forged").await, 400);
    assert_eq!(deliver(&url, &event("2023-08-16"), secret).await, 400);
    assert_eq!(
        sent(&api).await.len(),
        1,
        "one retrieve, for the verified event"
    );
}

#[tokio::test]
async fn the_webhook_server_follows_a_thin_event() {
    let api = MockServer::start().await;
    answer(
        &api,
        "GET",
        "/v2/core/events/evt_thin",
        json!({
            "id": "evt_thin", "object": "v2.core.event",
            "type": "v1.billing.meter.error_report_triggered",
            "created": "2026-05-27T12:00:05.123Z", "livemode": false,
            "data": {"developer_message_summary": "no customer cus_gone"},
        }),
    )
    .await;
    let secret = "whsec_test_secret";
    let (base, mut reports) = webhook_server(&api, secret).await;
    let notification = json!({
        "id": "evt_thin", "object": "v2.core.event",
        "type": "v1.billing.meter.error_report_triggered",
        "created": "2026-05-27T12:00:05.123Z", "livemode": false,
        "related_object": {"id": "mtr_1", "type": "billing.meter", "url": "/v1/billing/meters/mtr_1"},
    })
    .to_string();
    let url = format!("{base}/thin-events");
    assert_eq!(deliver(&url, &notification, secret).await, 200);
    assert_eq!(
        next_report(&mut reports).await,
        "v1.billing.meter.error_report_triggered evt_thin"
    );
    assert_eq!(deliver(&url, &notification, "whsec_forged").await, 400);
}

#[tokio::test]
async fn a_trial_subscription_is_started_ended_and_its_invoice_paid() {
    let server = MockServer::start().await;
    let customer = fixture("customer");
    let customer_id = customer["id"].as_str().expect("id").to_string();
    let card = fixture("payment_method");
    let card_id = card["id"].as_str().expect("id").to_string();
    let mut subscription = fixture("subscription");
    subscription["status"] = json!("trialing");
    let subscription_id = subscription["id"].as_str().expect("id").to_string();
    let mut open = fixture("invoice");
    open["status"] = json!("open");
    let invoice_id = open["id"].as_str().expect("id").to_string();
    let mut paid = open.clone();
    paid["status"] = json!("paid");
    let mut ended = subscription.clone();
    ended["status"] = json!("active");
    ended["latest_invoice"] = open;
    answer(&server, "POST", "/v1/customers", customer).await;
    answer(
        &server,
        "POST",
        "/v1/payment_methods/pm_card_visa/attach",
        card,
    )
    .await;
    answer(&server, "POST", "/v1/subscriptions", subscription).await;
    answer(
        &server,
        "POST",
        &format!("/v1/subscriptions/{subscription_id}"),
        ended,
    )
    .await;
    answer(
        &server,
        "POST",
        &format!("/v1/invoices/{invoice_id}/pay"),
        paid,
    )
    .await;
    let client = client_for(&server);

    let trialing = subscription_trial::start_trial(&client, "jenny.rosen@example.com", "price_123")
        .await
        .expect("subscription");
    let invoice = subscription_trial::end_trial_and_pay(&client, &trialing)
        .await
        .expect("invoice")
        .expect("the subscription has an invoice");
    assert_eq!(invoice.status, Some(InvoiceStatus::Paid));

    let requests = sent(&server).await;
    let paths: Vec<&str> = requests.iter().map(|request| request.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/v1/customers".to_string(),
            "/v1/payment_methods/pm_card_visa/attach".to_string(),
            "/v1/subscriptions".to_string(),
            format!("/v1/subscriptions/{subscription_id}"),
            format!("/v1/invoices/{invoice_id}/pay"),
        ]
    );
    assert_eq!(
        form(&requests[0]),
        [("email".into(), "jenny.rosen@example.com".into())]
    );
    assert_eq!(
        form(&requests[1]),
        [("customer".into(), customer_id.clone())]
    );
    let create = form(&requests[2]);
    for (key, value) in [
        ("customer", customer_id.as_str()),
        ("items[0][price]", "price_123"),
        ("default_payment_method", card_id.as_str()),
        ("trial_period_days", "14"),
    ] {
        assert!(has(&create, key, value), "{key}={value} in {create:?}");
    }
    assert_eq!(create.len(), 4, "{create:?}");
    assert_eq!(
        form(&requests[3]),
        [
            ("expand[0]".into(), "latest_invoice".into()),
            ("trial_end".into(), "now".into())
        ]
    );
    assert!(form(&requests[4]).is_empty(), "pay sends no params");
}

#[tokio::test]
async fn connect_onboards_pays_and_acts_as_the_seller() {
    let server = MockServer::start().await;
    let account = fixture("account");
    let account_id = account["id"].as_str().expect("id").to_string();
    answer(&server, "POST", "/v1/accounts", account).await;
    let mut link = fixture("account_link");
    link["url"] = json!("https://connect.stripe.com/setup/e/acct_1/abc");
    answer(&server, "POST", "/v1/account_links", link).await;
    answer(&server, "POST", "/v1/transfers", fixture("transfer")).await;
    let mut balance = fixture("balance");
    balance["available"] = json!([{"amount": 1500, "currency": "usd"}]);
    answer(&server, "GET", "/v1/balance", balance).await;
    let client = client_for(&server);

    let seller = connect::create_seller(&client, "seller@example.com")
        .await
        .expect("account");
    let link = connect::onboarding_link(&client, &seller.id)
        .await
        .expect("link");
    assert!(link.url.starts_with("https://connect.stripe.com/"));
    connect::pay_seller(&client, &seller.id, 1500)
        .await
        .expect("transfer");
    let available = connect::seller_balance(&client, &seller.id)
        .await
        .expect("balance");
    assert_eq!(available, [(Currency::USD, 1500)]);

    let requests = sent(&server).await;
    let create = form(&requests[0]);
    for (key, value) in [
        ("type", "express"),
        ("country", "US"),
        ("email", "seller@example.com"),
        ("capabilities[card_payments][requested]", "true"),
        ("capabilities[transfers][requested]", "true"),
    ] {
        assert!(has(&create, key, value), "{key}={value} in {create:?}");
    }
    let link_fields = form(&requests[1]);
    assert!(has(&link_fields, "account", &account_id), "{link_fields:?}");
    assert!(
        has(&link_fields, "type", "account_onboarding"),
        "{link_fields:?}"
    );
    let transfer = form(&requests[2]);
    for (key, value) in [
        ("amount", "1500"),
        ("currency", "usd"),
        ("destination", account_id.as_str()),
        ("transfer_group", "order-6735"),
    ] {
        assert!(has(&transfer, key, value), "{key}={value} in {transfer:?}");
    }
    // Only the balance is read as the seller.
    let acting: Vec<Option<&str>> = requests
        .iter()
        .map(|request| header(request, "stripe-account"))
        .collect();
    assert_eq!(acting, [None, None, None, Some(account_id.as_str())]);
}

#[tokio::test]
async fn a_meter_event_is_sent_once_per_usage_record() {
    let server = MockServer::start().await;
    answer(
        &server,
        "POST",
        "/v2/billing/meter_events",
        json!({
            "object": "v2.billing.meter_event", "created": "2026-05-27T12:00:05.123Z",
            "event_name": "api_requests", "identifier": "usage-4711", "livemode": false,
            "payload": {"stripe_customer_id": "cus_1", "value": "25"},
            "timestamp": "2026-05-27T12:00:04.000Z",
        }),
    )
    .await;
    let event = meter_events::report_usage(&client_for(&server), "cus_1", 25, "4711")
        .await
        .expect("meter event");
    assert_eq!(event.identifier, "usage-4711");
    let request = &sent(&server).await[0];
    assert_eq!(header(request, "idempotency-key"), Some("usage-4711"));
    let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
    assert_eq!(body["event_name"], "api_requests");
    assert_eq!(body["identifier"], "usage-4711");
    assert_eq!(
        body["payload"],
        json!({"stripe_customer_id": "cus_1", "value": "25"})
    );
    // The time of the use, as RFC 3339.
    let sent_at: stripe_client::DateTime = body["timestamp"]
        .as_str()
        .expect("a timestamp")
        .parse()
        .expect("RFC 3339");
    assert!((sent_at.unix_timestamp() - now()).abs() < 60);
    assert_eq!(body.as_object().map(|object| object.len()), Some(4));
}

#[tokio::test]
async fn pagination_filters_and_fetches_the_pages_it_needs() {
    let server = MockServer::start().await;
    let customer = |id: &str| {
        let mut customer = fixture("customer");
        customer["id"] = json!(id);
        customer
    };
    let page = |ids: &[&str], has_more: bool| {
        json!({
            "object": "list", "url": "/v1/customers", "has_more": has_more,
            "data": ids.iter().map(|id| customer(id)).collect::<Vec<_>>(),
        })
    };
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_1", "cus_2"], true)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .and(query_param("starting_after", "cus_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_3"], false)))
        .mount(&server)
        .await;
    let mut invoices = fixture("invoice");
    invoices["status"] = json!("open");
    answer(
        &server,
        "GET",
        "/v1/invoices",
        json!({"object": "list", "url": "/v1/invoices", "has_more": true, "data": [invoices]}),
    )
    .await;
    let client = client_for(&server);

    let first_two = pagination::recent_customers(&client, "jenny@example.com", 2)
        .await
        .expect("customers");
    assert_eq!(first_two.len(), 2);
    assert_eq!(sent(&server).await.len(), 1, "two customers need one page");
    let all = pagination::recent_customers(&client, "jenny@example.com", 10)
        .await
        .expect("customers");
    let ids: Vec<String> = all.iter().map(|customer| customer.id.to_string()).collect();
    assert_eq!(ids, ["cus_1", "cus_2", "cus_3"]);
    let (open, more) = pagination::open_invoices(&client, &all[0].id)
        .await
        .expect("invoices");
    assert_eq!((open.len(), more), (1, true));

    let requests = sent(&server).await;
    assert_eq!(requests.len(), 4);
    let query = |request: &Request| -> BTreeMap<String, String> {
        request.url.query_pairs().into_owned().collect()
    };
    let first = query(&requests[1]);
    assert_eq!(first["email"], "jenny@example.com");
    assert_eq!(first["limit"], "100");
    let since: i64 = first["created[gte]"].parse().expect("a unix time");
    assert!(
        (now() - 30 * 24 * 60 * 60 - since).abs() < 60,
        "30 days ago"
    );
    assert_eq!(query(&requests[2])["starting_after"], "cus_2");
    assert_eq!(
        query(&requests[3]),
        BTreeMap::from([
            ("customer".to_string(), "cus_1".to_string()),
            ("limit".to_string(), "10".to_string()),
            ("status".to_string(), "open".to_string()),
        ])
    );
}
