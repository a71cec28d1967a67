//! Per-request control, errors a program can act on and escape hatches, against
//! wiremock on 127.0.0.1: every header read back, canned Stripe error bodies, a 2xx
//! that does not decode, response hooks, extra parameters and raw requests.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;
use stripe_client::billing_portal::configurations::{self, UpdateBusinessProfile, UpdateParams};
use stripe_client::runtime::{ExtraParams, ResponseInfo};
use stripe_client::{ApiErrorKind, Client, Error};
use tests::{server_answering, Sending};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn configuration() -> serde_json::Value {
    tests::portal_configuration_json()
}

fn builder(server: &MockServer) -> stripe_client::ClientBuilder {
    Client::builder("sk_test_options")
        .base_url(server.uri())
        .retry_delays(Duration::from_millis(5), Duration::from_millis(10))
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

async fn per_request_options_and_builder_defaults_reach_the_server(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = builder(&server)
        .api_version("2022-11-15")
        .stripe_account("acct_default")
        .default_header("X-Team", "billing")
        .build()
        .unwrap();
    sending.update_configuration(&client).await.unwrap();
    let one_request = client
        .with_api_version("2023-08-16; feature_beta=v1")
        .with_stripe_account("acct_1")
        .with_header("X-Trace", "abc");
    sending
        .send(
            configurations::update(&one_request, &"bpc_1".into(), &UpdateParams::default())
                .idempotency_key("key_1"),
        )
        .await
        .unwrap();
    let sent = requests(&server).await;
    let defaults = &sent[0];
    assert_eq!(header(defaults, "stripe-version"), Some("2022-11-15"));
    assert_eq!(header(defaults, "stripe-account"), Some("acct_default"));
    assert_eq!(header(defaults, "stripe-context"), None);
    assert_eq!(header(defaults, "x-team"), Some("billing"));
    let overridden = &sent[1];
    assert_eq!(
        header(overridden, "stripe-version"),
        Some("2023-08-16; feature_beta=v1")
    );
    assert_eq!(header(overridden, "stripe-account"), Some("acct_1"));
    assert_eq!(header(overridden, "x-team"), Some("billing"));
    assert_eq!(header(overridden, "x-trace"), Some("abc"));
    assert_eq!(header(overridden, "idempotency-key"), Some("key_1"));
    // Without options, the crate's own version.
    let plain = builder(&server).build().unwrap();
    sending.update_configuration(&plain).await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(
        header(&sent[2], "stripe-version"),
        Some(stripe_client::API_VERSION)
    );
    assert_eq!(header(&sent[2], "stripe-context"), None);
    // A context instead of an account: the builder's default, then one call's own.
    let in_context = builder(&server)
        .stripe_context("ctx_default")
        .build()
        .unwrap();
    sending.update_configuration(&in_context).await.unwrap();
    sending
        .send(
            configurations::update(&in_context, &"bpc_1".into(), &UpdateParams::default())
                .stripe_context("ctx_1"),
        )
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(header(&sent[3], "stripe-context"), Some("ctx_default"));
    assert_eq!(header(&sent[4], "stripe-context"), Some("ctx_1"));
    assert_eq!(header(&sent[4], "stripe-account"), None);
}

/// Stripe-Context replaces Stripe-Account, so a request with both is ambiguous:
/// stripe-node refuses it before sending, and so does this client, whichever level
/// each came from (builder, client, call, or a raw header).
async fn an_account_and_a_context_together_are_refused_before_sending(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let both = builder(&server)
        .stripe_account("acct_1")
        .stripe_context("ctx_1")
        .build();
    assert!(
        matches!(&both, Err(Error::Config(message)) if message.contains("Stripe-Context")),
        "{both:?}"
    );
    let with_account = builder(&server).stripe_account("acct_1").build().unwrap();
    let refusals = [
        sending
            .send(
                configurations::update(&with_account, &"bpc_1".into(), &UpdateParams::default())
                    .stripe_context("ctx_1"),
            )
            .await
            .err(),
        sending
            .update_configuration(&with_account.with_stripe_context("ctx_1"))
            .await
            .err(),
        sending
            .send(
                configurations::update(&with_account, &"bpc_1".into(), &UpdateParams::default())
                    .header("Stripe-Context", "ctx_1"),
            )
            .await
            .err(),
        sending
            .send(with_account.with_stripe_context("ctx_1").raw_request(
                stripe_client::Method::GET,
                "/v1/customers",
                &ExtraParams::new(),
            ))
            .await
            .err(),
    ];
    for refusal in refusals {
        assert!(
            matches!(&refusal, Some(Error::Config(message)) if message.contains("both a Stripe-Account and a Stripe-Context")),
            "{refusal:?}"
        );
    }
    assert!(requests(&server).await.is_empty(), "nothing is sent");
}

/// An unset environment variable gives an empty key: refused when the client is
/// made, with a message that says so, not at the first call as a 401.
#[test]
fn an_empty_secret_key_is_refused_when_the_client_is_made() {
    for key in ["", "  "] {
        let client = Client::new(key);
        assert!(
            matches!(&client, Err(Error::Config(message)) if message.contains("secret key is empty")),
            "{client:?}"
        );
        assert!(Client::builder(key).build().is_err());
    }
    assert!(Client::new("sk_test_123").is_ok());
}

async fn the_authorization_header_cannot_be_replaced(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = builder(&server).build().unwrap();
    let error = sending
        .update_configuration(&client.with_header("Authorization", "Bearer sk_other"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert!(!error.to_string().contains("sk_other"));
    assert!(requests(&server).await.is_empty());
}

async fn timeout_and_retries_can_be_set_per_request(sending: Sending) {
    let slow = ResponseTemplate::new(200)
        .set_body_json(configuration())
        .set_delay(Duration::from_millis(400));
    let server = server_answering(slow).await;
    let client = builder(&server).build().unwrap();
    let per_request = client
        .with_timeout(Duration::from_millis(100))
        .with_max_retries(0);
    let error = sending
        .update_configuration(&per_request)
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);
    sending.update_configuration(&client).await.unwrap();

    let failing = server_answering(
        ResponseTemplate::new(503).set_body_json(json!({ "error": { "type": "api_error" } })),
    )
    .await;
    let client = builder(&failing).build().unwrap();
    sending
        .update_configuration(&client.with_max_retries(0))
        .await
        .unwrap_err();
    assert_eq!(requests(&failing).await.len(), 1);
    sending.update_configuration(&client).await.unwrap_err();
    assert_eq!(
        requests(&failing).await.len(),
        1 + 3,
        "the default: 2 retries"
    );
}

/// The error a canned Stripe answer becomes.
async fn error_for(sending: Sending, status: u16, error: serde_json::Value) -> Error {
    let answer = ResponseTemplate::new(status)
        .set_body_json(json!({ "error": error }))
        .insert_header("Request-Id", "req_err");
    let server = server_answering(answer).await;
    let client = builder(&server).max_retries(0).build().unwrap();
    sending.update_configuration(&client).await.unwrap_err()
}

async fn errors_say_what_kind_they_are(sending: Sending) {
    let card = error_for(
        sending,
        402,
        json!({ "type": "card_error", "code": "card_declined",
                "decline_code": "insufficient_funds", "param": "payment_method",
                "message": "Your card has insufficient funds." }),
    )
    .await;
    let Error::Api(api) = &card else {
        panic!("{card:?}")
    };
    assert_eq!(api.kind(), ApiErrorKind::Card);
    assert_eq!(api.code(), Some("card_declined"));
    assert_eq!(api.decline_code(), Some("insufficient_funds"));
    assert_eq!(api.param(), Some("payment_method"));
    assert_eq!(api.message(), Some("Your card has insufficient funds."));
    assert_eq!(card.request_id(), Some("req_err"));
    assert!(!card.is_retryable());

    // (status, type, code, kind, retryable), the kinds as stripe-python's
    // `_specific_v1_api_error` and stripe-node's `generateV1Error` choose their classes:
    // status first, then type and code.
    let cases = [
        (
            429,
            "invalid_request_error",
            None,
            ApiErrorKind::RateLimit,
            true,
        ),
        (
            400,
            "invalid_request_error",
            Some("rate_limit"),
            ApiErrorKind::RateLimit,
            false,
        ),
        (
            401,
            "invalid_request_error",
            None,
            ApiErrorKind::Authentication,
            false,
        ),
        (
            403,
            "invalid_request_error",
            None,
            ApiErrorKind::Permission,
            false,
        ),
        (
            400,
            "idempotency_error",
            None,
            ApiErrorKind::Idempotency,
            false,
        ),
        (
            404,
            "idempotency_error",
            None,
            ApiErrorKind::Idempotency,
            false,
        ),
        (
            400,
            "invalid_request_error",
            None,
            ApiErrorKind::InvalidRequest,
            false,
        ),
        (
            404,
            "invalid_request_error",
            Some("resource_missing"),
            ApiErrorKind::InvalidRequest,
            false,
        ),
        (
            400,
            "some_new_error",
            None,
            ApiErrorKind::InvalidRequest,
            false,
        ),
        (
            404,
            "some_new_error",
            None,
            ApiErrorKind::InvalidRequest,
            false,
        ),
        (402, "some_new_error", None, ApiErrorKind::Card, false),
        (500, "api_error", None, ApiErrorKind::Other, true),
        (500, "some_new_error", None, ApiErrorKind::Other, true),
        (409, "card_error", None, ApiErrorKind::Other, true),
    ];
    for (status, kind, code, expected, retryable) in cases {
        let error = error_for(
            sending,
            status,
            json!({ "type": kind, "code": code, "param": "customer" }),
        )
        .await;
        assert_eq!(error.api_kind(), Some(expected), "{status} {kind} {code:?}");
        assert_eq!(error.is_retryable(), retryable, "{status} {kind}");
    }
    let invalid = error_for(
        sending,
        400,
        json!({ "type": "invalid_request_error", "param": "customer" }),
    )
    .await;
    let Error::Api(api) = &invalid else {
        panic!("{invalid:?}")
    };
    assert_eq!(api.param(), Some("customer"));
}

async fn a_success_that_does_not_decode_keeps_the_whole_body_and_is_not_retried(sending: Sending) {
    let body = format!("{{\"id\": 5, \"padding\": \"{}\"}}", "x".repeat(4000));
    let answer = ResponseTemplate::new(200)
        .set_body_raw(body.clone(), "application/json")
        .insert_header("Request-Id", "req_ok");
    let server = server_answering(answer).await;
    let client = builder(&server).build().unwrap();
    let error = sending.update_configuration(&client).await.unwrap_err();
    match &error {
        Error::UndecodableSuccess {
            status,
            request_id,
            body: kept,
            ..
        } => {
            assert_eq!(*status, 200);
            assert_eq!(request_id.as_deref(), Some("req_ok"));
            assert_eq!(kept, body.as_bytes(), "the whole body");
        }
        other => panic!("{other:?}"),
    }
    assert!(!error.is_retryable());
    assert!(error.to_string().starts_with("Stripe did the request"));
    assert_eq!(requests(&server).await.len(), 1);
}

async fn a_response_hook_sees_every_answer_and_its_request_id(sending: Sending) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({ "error": { "type": "api_error" } }))
                .insert_header("Request-Id", "req_1"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(configuration())
                .insert_header("Request-Id", "req_2"),
        )
        .mount(&server)
        .await;
    let seen: Arc<Mutex<Vec<ResponseInfo>>> = Arc::default();
    let record = seen.clone();
    let client = builder(&server)
        .on_response(move |info| record.lock().unwrap().push(info.clone()))
        .build()
        .unwrap();
    sending.update_configuration(&client).await.unwrap();
    let seen = seen.lock().unwrap();
    let summary: Vec<(u16, Option<&str>, u32)> = seen
        .iter()
        .map(|info| (info.status, info.request_id.as_deref(), info.attempt))
        .collect();
    assert_eq!(summary, [(500, Some("req_1"), 1), (200, Some("req_2"), 2)]);
    assert_eq!(seen[1].method, "POST");
    assert_eq!(seen[1].path, "/v1/billing_portal/configurations/bpc_1");
}

async fn a_caller_can_bring_its_own_http_client(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-through", "my-client".parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = builder(&server).http_client(http).build().unwrap();
    sending.update_configuration(&client).await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(header(&sent[0], "x-through"), Some("my-client"));
    assert!(header(&sent[0], "authorization").is_some());
}

async fn extra_parameters_follow_the_typed_ones_and_never_replace_them(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = builder(&server).build().unwrap();
    let params = UpdateParams {
        active: Some(true),
        extra: ExtraParams::new()
            .with("login_page[new_option]", "yes & no")
            .with("features[brand_new][enabled]", "true"),
        ..Default::default()
    };
    sending
        .send(configurations::update(&client, &"bpc_1".into(), &params))
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(
        String::from_utf8(sent[0].body.clone()).unwrap(),
        "active=true&login_page[new_option]=yes+%26+no&features[brand_new][enabled]=true"
    );

    for (typed, extra) in [
        (Some("Hi"), "business_profile[headline]"),
        (Some("Hi"), "business_profile"),
        (None, "active"),
    ] {
        let params = UpdateParams {
            active: Some(true),
            business_profile: typed.map(|headline| UpdateBusinessProfile {
                headline: Some(headline.into()),
                ..Default::default()
            }),
            extra: ExtraParams::new().with(extra, "x"),
            ..Default::default()
        };
        let error = sending
            .send(configurations::update(&client, &"bpc_1".into(), &params))
            .await
            .unwrap_err();
        let Error::InvalidParams(invalid) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(invalid.problems[0].param, extra);
        assert!(invalid.problems[0]
            .message
            .contains("already sent by a typed field"));
    }
    for malformed in ["", "a[", "a]b", "a[]", "[a]"] {
        let params = UpdateParams {
            extra: ExtraParams::new().with(malformed, "x"),
            ..Default::default()
        };
        let error = sending
            .send(configurations::update(&client, &"bpc_1".into(), &params))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidParams(_)), "{malformed:?}");
    }
    assert_eq!(
        requests(&server).await.len(),
        1,
        "refused ones were not sent"
    );
}

async fn raw_requests_reach_endpoints_the_crate_lacks(sending: Sending) {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/v1/tax/registrations"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "object": "list", "data": [], "has_more": false }))
                .insert_header("Request-Id", "req_raw"),
        )
        .mount(&server)
        .await;
    let client = builder(&server).build().unwrap();
    let params = ExtraParams::new()
        .with("limit", "3")
        .with("expand[0]", "data.x");
    let answer = sending
        .send(client.raw_request(reqwest::Method::GET, "/v1/tax/registrations", &params))
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(answer.request_id.as_deref(), Some("req_raw"));
    assert_eq!(answer.headers["request-id"], "req_raw");
    let page: serde_json::Value = answer.json().unwrap();
    assert_eq!(page["object"], "list");
    sending
        .send(client.raw_request(reqwest::Method::POST, "/v1/tax/registrations", &params))
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent[0].url.query(), Some("limit=3&expand[0]=data.x"));
    assert!(sent[0].body.is_empty());
    assert_eq!(sent[1].url.query(), None);
    assert_eq!(sent[1].body, b"limit=3&expand[0]=data.x");
    assert!(header(&sent[1], "idempotency-key").is_some());

    // Another path is Stripe's 404, as an API error.
    let missing = sending
        .send(client.raw_request(reqwest::Method::GET, "/v1/nothing", &ExtraParams::new()))
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
    for bad in ["v1/x", "/v1/x?y=1", "/v1/../x", "/v1/x#y"] {
        let error = sending
            .send(client.raw_request(reqwest::Method::GET, bad, &ExtraParams::new()))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidParams(_)), "{bad}");
    }
    assert_eq!(
        requests(&server).await.len(),
        3,
        "refused paths were not sent"
    );
}

/// A value Stripe accepts that the crate's spec does not list yet goes in the typed
/// field as `Unrecognized`, sent as given; the known values stay typed.
async fn a_request_enum_sends_a_value_newer_than_the_spec(sending: Sending) {
    use configurations::{
        UpdateFeatures, UpdateFeaturesSubscriptionCancel, UpdateFeaturesSubscriptionCancelMode,
    };
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = builder(&server).build().unwrap();
    for (mode, wire) in [
        (
            UpdateFeaturesSubscriptionCancelMode::Unrecognized("at_renewal".into()),
            "at_renewal",
        ),
        (
            UpdateFeaturesSubscriptionCancelMode::Immediately,
            "immediately",
        ),
    ] {
        assert_eq!(mode.as_str(), wire);
        let params = UpdateParams {
            features: Some(UpdateFeatures {
                subscription_cancel: Some(UpdateFeaturesSubscriptionCancel {
                    mode: Some(mode),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        sending
            .send(configurations::update(&client, &"bpc_1".into(), &params))
            .await
            .unwrap();
    }
    let bodies: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|request| String::from_utf8(request.body.clone()).unwrap())
        .collect();
    assert_eq!(
        bodies,
        [
            "features[subscription_cancel][mode]=at_renewal",
            "features[subscription_cancel][mode]=immediately"
        ]
    );
}

/// v2 bodies are JSON: an extra parameter can be any JSON value at any path, lists as
/// lists (`a[0]`), and a raw v2 request can send a body built by hand. v1 forms keep
/// the bracket form, a JSON value written as a typed one would be.
async fn extra_parameters_carry_json_values_into_v2_bodies(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = builder(&server).build().unwrap();
    let extra = ExtraParams::new()
        .with("display_name", "Jenny")
        .with_json("include", json!(["identity", "requirements"]))
        .with_json("configuration[merchant][card_payments][requested]", true)
        .with_json("limits[daily]", 500)
        .with_json("tags[0][name]", "gold")
        .with_json("tags[0][rank]", 1.5)
        .with_json("tags[1][name]", "vip")
        .with_json("nickname", serde_json::Value::Null);
    sending
        .send(client.raw_request(stripe_client::Method::POST, "/v2/core/accounts", &extra))
        .await
        .unwrap();
    let built =
        json!({ "display_name": "Jenny", "metadata": { "a": null }, "n": [1, { "b": false }] });
    let serde_json::Value::Object(built) = built else {
        unreachable!()
    };
    sending
        .send(client.raw_request(
            stripe_client::Method::POST,
            "/v2/core/accounts",
            &ExtraParams::from_json_object(built),
        ))
        .await
        .unwrap();
    // The same JSON values in a v1 form.
    let v1 = ExtraParams::new()
        .with_json("features[invoice_history][enabled]", true)
        .with_json("default_return_url", serde_json::Value::Null)
        .with_json(
            "login_page",
            json!({ "enabled": false, "tags": ["a", "b"] }),
        );
    sending
        .send(client.raw_request(
            stripe_client::Method::POST,
            "/v1/billing_portal/configurations",
            &v1,
        ))
        .await
        .unwrap();
    let sent = requests(&server).await;
    let body = |at: usize| String::from_utf8(sent[at].body.clone()).unwrap();
    let v2: serde_json::Value = serde_json::from_str(&body(0)).unwrap();
    assert_eq!(
        v2,
        json!({
            "display_name": "Jenny",
            "include": ["identity", "requirements"],
            "configuration": { "merchant": { "card_payments": { "requested": true } } },
            "limits": { "daily": 500 },
            "tags": [{ "name": "gold", "rank": 1.5 }, { "name": "vip" }],
            "nickname": null
        })
    );
    assert_eq!(
        body(1),
        r#"{"display_name":"Jenny","metadata":{"a":null},"n":[1,{"b":false}]}"#
    );
    assert_eq!(header(&sent[1], "content-type"), Some("application/json"));
    assert_eq!(
        body(2),
        "features[invoice_history][enabled]=true&default_return_url=\
         &login_page[enabled]=false&login_page[tags][0]=a&login_page[tags][1]=b"
    );

    // An index that skips items, or a path through a value, is refused: nothing sent.
    for (extra, problem) in [
        (ExtraParams::new().with_json("tags[1]", "x"), "skips items"),
        (
            ExtraParams::new()
                .with_json("limits", 5)
                .with_json("limits[daily]", 6),
            "already sent",
        ),
    ] {
        let error = sending
            .send(client.raw_request(stripe_client::Method::POST, "/v2/core/accounts", &extra))
            .await
            .unwrap_err();
        let Error::InvalidParams(invalid) = &error else {
            panic!("{error:?}")
        };
        assert!(invalid.problems[0].message.contains(problem), "{error:?}");
    }
    assert_eq!(
        requests(&server).await.len(),
        3,
        "refused ones were not sent"
    );
}

tests::awaited_and_blocking!(
    per_request_options_and_builder_defaults_reach_the_server,
    an_account_and_a_context_together_are_refused_before_sending,
    the_authorization_header_cannot_be_replaced,
    timeout_and_retries_can_be_set_per_request,
    errors_say_what_kind_they_are,
    a_success_that_does_not_decode_keeps_the_whole_body_and_is_not_retried,
    a_response_hook_sees_every_answer_and_its_request_id,
    a_caller_can_bring_its_own_http_client,
    extra_parameters_follow_the_typed_ones_and_never_replace_them,
    raw_requests_reach_endpoints_the_crate_lacks,
    a_request_enum_sends_a_value_newer_than_the_spec,
    extra_parameters_carry_json_values_into_v2_bodies,
);
