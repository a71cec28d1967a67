//! Stripe's v2 API against a real server on 127.0.0.1 (wiremock), as stripe-node 23.1.0
//! sends it (`../shared/docs/wire-format.md`, "The v2 API"): JSON bodies with the three
//! states of a field, headers of GET, POST, body-less POST and DELETE, numbers that
//! must not pass through an f64, a list walked across three pages, each kind of v2
//! error, and a thin event verified, parsed and followed.

use std::collections::BTreeMap;

use futures_util::StreamExt;
use serde_json::{json, Value};
use stripe_client::types::V2CommerceProductCatalogImport;
use stripe_client::v2::commerce::product_catalog::imports;
use stripe_client::v2::core::accounts::{self, persons};
use stripe_client::v2::core::{event_destinations, events};
use stripe_client::webhooks::{self, WebhookError};
use stripe_client::{Client, Decimal, Error, Unsettable, V2ErrorKind};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_123")
        .base_url(server.uri())
        .retry_delays(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(2),
        )
        .build()
        .expect("client")
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording")
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("the body is JSON")
}

/// A v2 account as Stripe answers (only what the type requires, and a little more).
fn account(id: &str) -> Value {
    json!({
        "id": id,
        "object": "v2.core.account",
        "applied_configurations": ["customer"],
        "created": "2026-05-27T12:00:05.123Z",
        "livemode": false,
        "metadata": {"order_ref": "6735"},
    })
}

async fn answering(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn update_sends_one_json_object_with_set_cleared_and_untouched_fields() {
    let server = answering(account("acct_1")).await;
    let client = client_for(&server);
    let params = accounts::UpdateParams {
        display_name: Some("Jenny's shop".into()),
        include: Some(vec![accounts::UpdateInclude::Identity]),
        // One key set, one removed (`null`), every other key left as it is.
        metadata: Some(BTreeMap::from([
            ("order_ref".to_string(), Unsettable::Unset),
            ("tier".to_string(), Unsettable::Set("gold".to_string())),
        ])),
        ..Default::default()
    };
    let updated = accounts::update(&client, &"acct_1".into(), &params)
        .await
        .expect("updated");
    assert_eq!(updated.id, "acct_1");
    assert_eq!(updated.created.unix_timestamp(), 1_779_883_205);

    let sent = &requests(&server).await[0];
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/v2/core/accounts/acct_1");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header(sent, "content-type"), Some("application/json"));
    assert!(header(sent, "idempotency-key").is_some_and(|key| !key.is_empty()));
    assert_eq!(
        body_json(sent),
        json!({
            "display_name": "Jenny's shop",
            "include": ["identity"],
            "metadata": {"order_ref": null, "tier": "gold"}
        })
    );
    // Compact, as JSON.stringify writes it.
    let text = std::str::from_utf8(&sent.body).expect("UTF-8");
    assert!(!text.contains(": ") && !text.contains(", "), "{text}");
}

#[tokio::test]
async fn nested_objects_arrays_and_decimals_keep_their_meaning() {
    let person = json!({
        "id": "person_1", "object": "v2.core.account_person", "account": "acct_1",
        "created": "2026-05-27T12:00:05Z", "livemode": false, "metadata": {},
        "updated": "2026-05-27T12:00:05Z",
        "relationship": {"percent_ownership": "12.3456789012345678901"}
    });
    let server = answering(person).await;
    let client = client_for(&server);
    // More digits than an f64 holds: it must arrive exactly, as canonical text.
    let share: Decimal = "12.34567890123456789010".parse().expect("decimal");
    let params = persons::CreateParams {
        given_name: Some("Jenny".into()),
        relationship: Some(persons::CreateRelationship {
            owner: Some(true),
            percent_ownership: Some(share),
            ..Default::default()
        }),
        ..Default::default()
    };
    let created = persons::create(&client, &"acct_1".into(), &params)
        .await
        .expect("created");
    let answered = created
        .relationship
        .and_then(|relationship| relationship.percent_ownership)
        .expect("percent_ownership");
    assert_eq!(answered.as_str(), "12.3456789012345678901");

    let sent = &requests(&server).await[0];
    assert_eq!(sent.url.path(), "/v2/core/accounts/acct_1/persons");
    assert_eq!(
        body_json(sent),
        json!({
            "given_name": "Jenny",
            "relationship": {"owner": true, "percent_ownership": "12.3456789012345678901"}
        })
    );
}

#[tokio::test]
async fn int64_text_above_2_pow_53_reads_exactly_and_writes_back_as_text() {
    let import = json!({
        "id": "pci_1", "object": "v2.commerce.product_catalog_import",
        "created": "2026-05-27T12:00:05Z", "feed_type": "pricing", "livemode": false,
        "metadata": {}, "status": "processing",
        "status_details": {"processing": {
            "error_count": "9007199254740993", "success_count": "-9007199254740993"
        }}
    });
    let decoded: V2CommerceProductCatalogImport = serde_json::from_value(import).expect("decodes");
    let processing = decoded
        .status_details
        .as_ref()
        .and_then(|details| details.processing.as_ref())
        .expect("processing");
    assert_eq!(processing.error_count, 9_007_199_254_740_993);
    assert_eq!(processing.success_count, -9_007_199_254_740_993);
    let again = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(
        again["status_details"]["processing"]["error_count"],
        json!("9007199254740993")
    );
}

#[tokio::test]
async fn get_post_without_params_and_delete_carry_v2_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(account("acct_1")))
        .mount(&server)
        .await;
    let destination = json!({
        "id": "ed_1", "object": "v2.core.event_destination", "created": "2026-05-27T12:00:05Z",
        "description": "", "enabled_events": [], "event_payload": "thin", "livemode": false,
        "metadata": {}, "name": "d", "status": "enabled", "type": "webhook_endpoint",
        "updated": "2026-05-27T12:00:05Z"
    });
    Mock::given(path("/v2/core/event_destinations/ed_1/enable"))
        .respond_with(ResponseTemplate::new(200).set_body_json(destination))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "ed_1", "object": "v2.core.event_destination"})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let params = accounts::RetrieveParams {
        include: Some(vec![
            accounts::RetrieveInclude::Identity,
            accounts::RetrieveInclude::Requirements,
        ]),
        ..Default::default()
    };
    accounts::retrieve(&client, &"acct_1".into(), &params)
        .await
        .expect("retrieved");
    event_destinations::enable(&client, &"ed_1".into())
        .await
        .expect("enabled");
    event_destinations::delete(&client, &"ed_1".into())
        .await
        .expect("deleted");

    let sent = requests(&server).await;
    let (get, post, delete) = (&sent[0], &sent[1], &sent[2]);
    // GET: JSON content type, params bracket-encoded in the query, no body, no key.
    assert_eq!(
        get.url.query(),
        Some("include[0]=identity&include[1]=requirements")
    );
    assert_eq!(header(get, "content-type"), Some("application/json"));
    assert!(get.body.is_empty());
    assert_eq!(header(get, "content-length"), None);
    assert_eq!(header(get, "idempotency-key"), None);
    // A POST without params: `{}`.
    assert_eq!(post.method.as_str(), "POST");
    assert_eq!(post.body, b"{}");
    assert_eq!(header(post, "content-length"), Some("2"));
    assert_eq!(header(post, "content-type"), Some("application/json"));
    assert!(header(post, "idempotency-key").is_some());
    // DELETE: JSON content type and, in v2, an idempotency key.
    assert_eq!(delete.method.as_str(), "DELETE");
    assert_eq!(header(delete, "content-type"), Some("application/json"));
    assert!(delete.body.is_empty());
    assert!(header(delete, "idempotency-key").is_some_and(|key| !key.is_empty()));
    for request in &sent {
        assert_eq!(
            header(request, "stripe-version"),
            Some(stripe_client::API_VERSION)
        );
        assert_eq!(header(request, "authorization"), Some("Bearer sk_test_123"));
    }
}

#[tokio::test]
async fn a_retried_v2_delete_keeps_its_idempotency_key() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "error": {"code": "internal", "message": "try again"}
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "person_1", "object": "v2.core.account_person"})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    persons::delete(&client, &"acct_1".into(), &"person_1".into())
        .await
        .expect("deleted on the second attempt");
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    let first = header(&sent[0], "idempotency-key").expect("key");
    assert_eq!(header(&sent[1], "idempotency-key"), Some(first));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_v2_list_is_walked_across_three_pages_by_next_page_url() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], next: Option<&str>| {
        json!({
            "data": ids.iter().map(|id| account(id)).collect::<Vec<_>>(),
            "next_page_url": next,
            "previous_page_url": null,
        })
    };
    Mock::given(path("/v2/core/accounts"))
        .respond_with(move |request: &Request| {
            let body = match request.url.query() {
                Some("limit=2") => page(
                    &["acct_1", "acct_2"],
                    Some("/v2/core/accounts?page=p2&limit=2"),
                ),
                // An empty page that still points on is passed over.
                Some("page=p2&limit=2") => page(&[], Some("/v2/core/accounts?page=p3&limit=2")),
                Some("page=p3&limit=2") => page(&["acct_3"], None),
                other => panic!("unexpected query {other:?}"),
            };
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let client = client_for(&server).with_stripe_context("ctx_1");
    let params = accounts::ListParams {
        limit: Some(2),
        ..Default::default()
    };
    let ids: Vec<_> = accounts::list_auto(&client, &params)
        .map(|account| account.expect("item").id)
        .collect()
        .await;
    assert_eq!(ids, ["acct_1", "acct_2", "acct_3"]);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 3);
    for request in &sent {
        // The same options on every page, and v2 headers.
        assert_eq!(header(request, "stripe-context"), Some("ctx_1"));
        assert_eq!(header(request, "content-type"), Some("application/json"));
    }
    // The same walk as an iterator, from a thread without an async runtime (the
    // `blocking` feature).
    let walked: Vec<_> = tokio::task::block_in_place(|| {
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    stripe_client::iter_blocking(accounts::list_auto(&client, &params))
                        .map(|account| account.expect("item").id)
                        .collect::<Vec<_>>()
                })
                .join()
                .unwrap()
        })
    });
    assert_eq!(walked, ids);
    assert_eq!(requests(&server).await.len(), 6);
}

#[tokio::test]
async fn a_next_page_url_that_leaves_the_server_is_refused() {
    let server = answering(json!({
        "data": [account("acct_1")],
        "next_page_url": "//evil.example/v2/core/accounts",
        "previous_page_url": null
    }))
    .await;
    let client = client_for(&server);
    let items: Vec<Result<_, Error>> = accounts::list_auto(&client, &Default::default())
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert!(
        matches!(&items[1], Err(Error::InvalidParams(invalid)) if invalid.problems[0].param == "path"),
        "{:?}",
        items[1]
    );
    assert_eq!(requests(&server).await.len(), 1);
}

async fn v2_error(status: u16, error: Value) -> Error {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("request-id", "req_v2")
                .insert_header("stripe-should-retry", "false")
                .set_body_json(json!({ "error": error })),
        )
        .mount(&server)
        .await;
    accounts::close(&client_for(&server), &"acct_1".into(), &Default::default())
        .await
        .expect_err("an error")
}

#[tokio::test]
async fn v2_errors_are_classified_as_stripe_node_classifies_them() {
    // (status, error object, kind): type first, then code `invalid_fields`, then status.
    let cases = [
        (
            400,
            json!({"code": "x", "message": "m", "type": "idempotency_error"}),
            V2ErrorKind::Idempotency,
        ),
        (
            400,
            json!({"code": "x", "message": "m", "type": "insufficient_funds"}),
            V2ErrorKind::InsufficientFunds,
        ),
        (
            500,
            json!({"code": "x", "message": "m", "type": "blocked_by_stripe"}),
            V2ErrorKind::BlockedByStripe,
        ),
        (
            404,
            json!({"code": "x", "message": "m", "type": "temporary_session_expired"}),
            V2ErrorKind::TemporarySessionExpired,
        ),
        (
            400,
            json!({"code": "x", "message": "m", "type": "rate_limit"}),
            V2ErrorKind::RateLimit,
        ),
        (
            500,
            json!({"code": "invalid_fields", "message": "m", "invalid_fields": [{"field": "a"}]}),
            V2ErrorKind::InvalidRequest,
        ),
        (
            400,
            json!({"code": "rate_limit", "message": "m"}),
            V2ErrorKind::RateLimit,
        ),
        (
            429,
            json!({"code": "x", "message": "m"}),
            V2ErrorKind::RateLimit,
        ),
        (
            400,
            json!({"code": "x", "message": "m", "type": "unknown_new_type"}),
            V2ErrorKind::InvalidRequest,
        ),
        (
            404,
            json!({"code": "not_found", "message": "m"}),
            V2ErrorKind::InvalidRequest,
        ),
        (
            401,
            json!({"code": "x", "message": "m"}),
            V2ErrorKind::Authentication,
        ),
        (402, json!({"code": "x", "message": "m"}), V2ErrorKind::Card),
        (
            403,
            json!({"code": "x", "message": "m"}),
            V2ErrorKind::Permission,
        ),
        (
            500,
            json!({"code": "x", "message": "m"}),
            V2ErrorKind::Other,
        ),
    ];
    for (status, body, kind) in cases {
        let error = v2_error(status, body.clone()).await;
        let Error::V2Api(api) = &error else {
            panic!("{status} {body}: {error:?}");
        };
        assert_eq!(api.kind(), kind, "{status} {body}");
        assert_eq!(api.status, status);
        assert_eq!(error.request_id(), Some("req_v2"));
        // `Stripe-Should-Retry: false` was sent: only a rate limit stays worth a later
        // try, as for v1.
        assert_eq!(error.is_retryable(), status == 429, "{status} {body}");
    }
}

#[tokio::test]
async fn a_v2_error_keeps_every_field() {
    let error = v2_error(
        400,
        json!({
            "code": "accounts_v2_access_blocked", "message": "Blocked.",
            "type": "blocked_by_stripe", "user_message": "Contact support.",
            "doc_url": "https://docs.stripe.com/x",
            "applied_configurations": ["merchant"]
        }),
    )
    .await;
    let Error::V2Api(api) = error else {
        panic!("not a v2 error");
    };
    assert_eq!(api.code, "accounts_v2_access_blocked");
    assert_eq!(api.message, "Blocked.");
    assert_eq!(api.error_type.as_deref(), Some("blocked_by_stripe"));
    assert_eq!(api.user_message.as_deref(), Some("Contact support."));
    assert_eq!(api.doc_url.as_deref(), Some("https://docs.stripe.com/x"));
    assert_eq!(
        api.other_fields["applied_configurations"],
        json!(["merchant"])
    );
    // A v1-style error body (no `code`/`message` text) is no v2 error object.
    let other = v2_error(400, json!({"type": "invalid_request_error"})).await;
    assert!(
        matches!(other, Error::UnexpectedResponse { status: 400, .. }),
        "{other:?}"
    );
}

#[tokio::test]
async fn a_thin_event_is_verified_parsed_and_followed() {
    let server = MockServer::start().await;
    let full_event = json!({
        "id": "evt_1", "object": "v2.core.event", "type": "v1.billing.meter.error_report_triggered",
        "created": "2026-05-27T12:00:05.123Z", "livemode": false, "context": "acct_9",
        "data": {"developer_message_summary": "x"}
    });
    Mock::given(path("/v2/core/events/evt_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_event))
        .mount(&server)
        .await;
    Mock::given(path("/v1/billing/meters/mtr_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": "mtr_1", "object": "billing.meter"})),
        )
        .mount(&server)
        .await;
    let payload = json!({
        "id": "evt_1", "object": "v2.core.event", "type": "v1.billing.meter.error_report_triggered",
        "livemode": false, "created": "2026-05-27T12:00:05.123Z", "context": "acct_9",
        "related_object": {"id": "mtr_1", "type": "billing.meter", "url": "/v1/billing/meters/mtr_1"}
    })
    .to_string();
    let secret = "whsec_test_secret";
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let signature = webhooks::generate_test_header(payload.as_bytes(), secret, now);
    let notification = webhooks::parse_event_notification(payload.as_bytes(), &signature, secret)
        .expect("verified and parsed");
    assert_eq!(notification.id, "evt_1");
    assert_eq!(
        notification.r#type,
        "v1.billing.meter.error_report_triggered"
    );
    assert_eq!(notification.created.unix_timestamp(), 1_779_883_205);
    assert_eq!(notification.context.as_deref(), Some("acct_9"));
    let related = notification
        .related_object
        .as_ref()
        .expect("related object");
    assert_eq!(
        (related.id.as_str(), related.r#type.as_str()),
        ("mtr_1", "billing.meter")
    );

    let client = client_for(&server);
    let event: stripe_client::types::V2CoreEvent = notification
        .fetch_event(&client)
        .await
        .expect("event")
        .json()
        .expect("a v2 event");
    assert_eq!(event.id, "evt_1");
    let object: Value = notification
        .fetch_related_object(&client)
        .await
        .expect("related object")
        .expect("there is one")
        .json()
        .expect("JSON");
    assert_eq!(object["id"], "mtr_1");
    let sent = requests(&server).await;
    assert_eq!(sent[0].url.path(), "/v2/core/events/evt_1");
    assert_eq!(sent[1].url.path(), "/v1/billing/meters/mtr_1");
    for request in &sent {
        assert_eq!(header(request, "stripe-context"), Some("acct_9"));
        assert_eq!(
            header(request, "stripe-request-trigger"),
            Some("event=evt_1")
        );
    }
    // The v1 path is a v1 call: no JSON content type on its GET.
    assert_eq!(header(&sent[1], "content-type"), None);

    // Tampered, and a v1 event, are refused.
    let tampered = payload.replace("evt_1", "evt_2");
    assert_eq!(
        webhooks::parse_event_notification(tampered.as_bytes(), &signature, secret),
        Err(WebhookError::NoMatchingSignature)
    );
    let v1_event =
        json!({"id": "evt_1", "object": "event", "type": "customer.created"}).to_string();
    let v1_signature = webhooks::generate_test_header(v1_event.as_bytes(), secret, now);
    assert_eq!(
        webhooks::parse_event_notification(v1_event.as_bytes(), &v1_signature, secret),
        Err(WebhookError::NotAnEventNotification {
            object: Some("event".to_string())
        })
    );
    // The same thin event via `events::retrieve` decodes as its type.
    let event = events::retrieve(&client, &"evt_1".into())
        .await
        .expect("event");
    assert_eq!(event.context.as_deref(), Some("acct_9"));
}

#[tokio::test]
async fn a_product_catalog_import_list_uses_date_time_filters_in_the_query() {
    let server =
        answering(json!({"data": [], "next_page_url": null, "previous_page_url": null})).await;
    let client = client_for(&server);
    let params = imports::ListParams {
        created_gte: Some("2026-05-01T00:00:00.000Z".parse().expect("date-time")),
        ..Default::default()
    };
    let page = imports::list(&client, &params).await.expect("page");
    assert!(page.data.is_empty() && page.next_page_url.is_none());
    let sent = &requests(&server).await[0];
    assert_eq!(
        sent.url.query(),
        Some("created_gte=2026-05-01T00%3A00%3A00.000Z")
    );
}
