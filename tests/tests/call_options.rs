//! Options that belong to one call, and what an integrator trips on (issue 16), against
//! wiremock on 127.0.0.1: per-call idempotency keys and options, a call's own response
//! metadata under concurrency, the minimum wait before a retry, encoded dot segments in
//! raw paths, the `Stripe-Should-Retry` answer, header problems found at `build()`, and
//! the integration's identification headers.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use stripe_client::billing_portal::configurations::{self, UpdateParams};
use stripe_client::runtime::ExtraParams;
use stripe_client::{ApiBase, Client, Error, Method};
use tests::{server_answering, Sending};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn configuration() -> Value {
    tests::portal_configuration_json()
}

fn configuration_json_id() -> Value {
    configuration()["id"].clone()
}

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_calls")
        .base_url(server.uri())
        .build()
        .unwrap()
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

async fn an_idempotency_key_belongs_to_one_call(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = client_for(&server);
    let params = UpdateParams::default();
    sending
        .send(
            configurations::update(&client, &"bpc_1".into(), &params).idempotency_key("order-6736"),
        )
        .await
        .unwrap();
    sending
        .send(
            configurations::update(&client, &"bpc_1".into(), &params).idempotency_key("order-6737"),
        )
        .await
        .unwrap();
    // The next call through the same client has no key of the caller's.
    sending
        .send(configurations::update(&client, &"bpc_1".into(), &params))
        .await
        .unwrap();
    let sent = requests(&server).await;
    let keys: Vec<&str> = sent
        .iter()
        .map(|request| header(request, "idempotency-key").unwrap())
        .collect();
    assert_eq!(&keys[..2], ["order-6736", "order-6737"]);
    assert!(!keys[2].starts_with("order-"), "{}", keys[2]);
}

async fn call_options_override_the_clients_for_that_call_only(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = Client::builder("sk_test_calls")
        .base_url(server.uri())
        .stripe_account("acct_default")
        .default_header("X-Team", "billing")
        .build()
        .unwrap();
    let params = UpdateParams::default();
    sending
        .send(
            configurations::update(&client, &"bpc_1".into(), &params)
                .stripe_account("acct_1")
                .api_version("2023-08-16; feature_beta=v1")
                .header("X-Trace", "abc")
                .timeout(Duration::from_secs(5))
                .max_retries(0),
        )
        .await
        .unwrap();
    sending
        .send(configurations::update(&client, &"bpc_1".into(), &params))
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(header(&sent[0], "stripe-account"), Some("acct_1"));
    assert_eq!(
        header(&sent[0], "stripe-version"),
        Some("2023-08-16; feature_beta=v1")
    );
    assert_eq!(header(&sent[0], "x-trace"), Some("abc"));
    assert_eq!(header(&sent[0], "x-team"), Some("billing"));
    assert_eq!(header(&sent[1], "stripe-account"), Some("acct_default"));
    assert_eq!(header(&sent[1], "x-trace"), None);
    assert_eq!(
        header(&sent[1], "stripe-version"),
        Some(stripe_client::API_VERSION)
    );
}

#[tokio::test]
async fn each_of_50_concurrent_calls_gets_its_own_request_id() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(|request: &Request| {
            // The Request-Id names the call that asked.
            let key = header(request, "idempotency-key").unwrap_or_default();
            ResponseTemplate::new(200)
                .insert_header("request-id", format!("req_{key}").as_str())
                .set_body_json(configuration())
        })
        .mount(&server)
        .await;
    let client = client_for(&server);
    let params = UpdateParams::default();
    let calls = (0..50).map(|index| {
        let call = configurations::update(&client, &"bpc_1".into(), &params)
            .idempotency_key(format!("call-{index}"))
            .with_response();
        async move { (index, call.await) }
    });
    for (index, answer) in futures_util::future::join_all(calls).await {
        let (configuration, meta) = answer.unwrap();
        assert_eq!(json!(configuration.id), configuration_json_id());
        assert_eq!(meta.request_id, Some(format!("req_call-{index}")));
        assert_eq!(meta.status, 200);
        assert!(meta.headers.contains_key("content-type"));
    }
}

async fn the_first_retry_waits_at_least_half_a_second(sending: Sending) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({"error": {"type": "api_error"}})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(configuration()))
        .mount(&server)
        .await;
    // The default delays: 0.5 s, jittered by x0.5-1, then clamped to at least 0.5 s.
    let client = client_for(&server);
    let started = Instant::now();
    sending
        .send(configurations::update(
            &client,
            &"bpc_1".into(),
            &UpdateParams::default(),
        ))
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(requests(&server).await.len(), 2);
    assert!(waited >= Duration::from_millis(500), "{waited:?}");
    // Generous slack: this is a minimum, not a benchmark.
    assert!(waited < Duration::from_secs(5), "{waited:?}");
}

async fn raw_paths_with_dot_segments_are_refused_encoded_or_not(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = client_for(&server);
    for path in [
        "/v1/customers/../charges",
        "/v1/customers/%2e%2e/charges",
        "/v1/customers/%2E%2E/charges",
        "/v1/customers/.%2e/charges",
        "/v1/customers/%2e./charges",
        "/v1/customers/%2e/charges",
        "/v1/customers/./charges",
        "/v1/customers/%2e%2E",
    ] {
        let error = sending
            .send(client.raw_request(Method::GET, path, &ExtraParams::new()))
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidParams(invalid) if invalid.problems[0].param == "path"),
            "{path}: {error:?}"
        );
    }
    assert!(requests(&server).await.is_empty(), "nothing was sent");
    // A segment that only contains dots among other characters is an ordinary one.
    sending
        .send(client.raw_request(Method::GET, "/v1/customers/cus_1.%2e", &ExtraParams::new()))
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 1);
}

async fn raw_requests_take_call_options(sending: Sending) {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(json!({"id": "x"}))).await;
    let client = client_for(&server);
    let answer = sending
        .send(
            client
                .raw_request(
                    Method::POST,
                    "/v1/tax/registrations",
                    &ExtraParams::new().with("country", "DE"),
                )
                .idempotency_key("raw-1")
                .stripe_account("acct_9"),
        )
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    let sent = &requests(&server).await[0];
    assert_eq!(header(sent, "idempotency-key"), Some("raw-1"));
    assert_eq!(header(sent, "stripe-account"), Some("acct_9"));
    assert_eq!(sent.body, b"country=DE");
}

async fn a_raw_request_goes_to_the_host_it_names(sending: Sending) {
    let api = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let files = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let connect = server_answering(ResponseTemplate::new(200).set_body_json(json!({}))).await;
    let client = Client::builder("sk_test_calls")
        .base_url(api.uri())
        .base_url_of(ApiBase::Files, files.uri())
        .base_url_of(ApiBase::Connect, format!("{}/", connect.uri()))
        .build()
        .unwrap();
    assert_eq!(client.base_url_of(ApiBase::Connect), connect.uri());
    // Not set on its own: the API's test server, as before.
    assert_eq!(client.base_url_of(ApiBase::MeterEvents), api.uri());
    let params = ExtraParams::new().with("purpose", "identity_document");
    sending
        .send(
            client
                .raw_request(Method::GET, "/v1/files/file_1/contents", &params)
                .base(ApiBase::Files),
        )
        .await
        .unwrap();
    sending
        .send(
            client
                .raw_request(Method::POST, "/oauth/deauthorize", &ExtraParams::new())
                .base(ApiBase::Connect),
        )
        .await
        .unwrap();
    sending
        .send(client.raw_request(Method::GET, "/v1/balance", &ExtraParams::new()))
        .await
        .unwrap();
    let paths = |requests: Vec<Request>| -> Vec<String> {
        requests
            .iter()
            .map(|request| request.url.path().to_string())
            .collect()
    };
    assert_eq!(paths(requests(&files).await), ["/v1/files/file_1/contents"]);
    assert_eq!(paths(requests(&connect).await), ["/oauth/deauthorize"]);
    assert_eq!(paths(requests(&api).await), ["/v1/balance"]);
}

#[test]
fn stripes_hosts_are_the_defaults_and_a_bad_host_url_is_refused() {
    let client = Client::new("sk_test_calls").unwrap();
    let hosts = [
        (ApiBase::Api, "https://api.stripe.com"),
        (ApiBase::Files, "https://files.stripe.com"),
        (ApiBase::Connect, "https://connect.stripe.com"),
        (ApiBase::MeterEvents, "https://meter-events.stripe.com"),
    ];
    for (base, url) in hosts {
        assert_eq!(client.base_url_of(base), url);
    }
    let refused = Client::builder("sk_test_calls")
        .base_url_of(ApiBase::Files, "ftp://127.0.0.1/")
        .build()
        .unwrap_err();
    assert!(matches!(refused, Error::Config(_)), "{refused:?}");
}

async fn the_stripe_should_retry_answer_is_exposed(sending: Sending) {
    for (value, expected) in [
        (Some("false"), Some(false)),
        (Some("true"), Some(true)),
        (None, None),
    ] {
        let mut answer = ResponseTemplate::new(400)
            .set_body_json(json!({"error": {"type": "invalid_request_error"}}));
        if let Some(value) = value {
            answer = answer.insert_header("stripe-should-retry", value);
        }
        let server = server_answering(answer).await;
        let client = Client::builder("sk_test_calls")
            .base_url(server.uri())
            .max_retries(0)
            .build()
            .unwrap();
        let error = sending
            .send(configurations::update(
                &client,
                &"bpc_1".into(),
                &UpdateParams::default(),
            ))
            .await
            .unwrap_err();
        let Error::Api(api) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(api.stripe_should_retry(), expected, "{value:?}");
    }
}

#[test]
fn headers_that_cannot_be_sent_are_refused_when_the_client_is_built() {
    let refused = [
        Client::builder("sk_test").default_header("Authorization", "Bearer sk_other"),
        Client::builder("sk_test").default_header("X-Bad", "line\nbreak"),
        Client::builder("sk_test").default_header("bad header", "x"),
        Client::builder("sk_test").stripe_account("acct_\n1"),
        Client::builder("sk_test").api_version("2023-08-16\r\n"),
        Client::builder("sk_test").stripe_context("ctx\u{7f}"),
    ];
    for builder in refused {
        let debug = format!("{builder:?}");
        assert!(
            matches!(builder.build(), Err(Error::Config(_))),
            "built: {debug}"
        );
    }
    assert!(Client::builder("sk_test")
        .default_header("X-Team", "billing")
        .build()
        .is_ok());
}

async fn the_integration_identifies_itself_as_the_sdks_do(sending: Sending) {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(configuration())).await;
    let client = Client::builder("sk_test_calls")
        .base_url(server.uri())
        .app_info("AcmePlugin", Some("1.2.3"), Some("https://acme.example"))
        .build()
        .unwrap();
    sending
        .send(configurations::update(
            &client,
            &"bpc_1".into(),
            &UpdateParams::default(),
        ))
        .await
        .unwrap();
    let plain = client_for(&server);
    sending
        .send(configurations::update(
            &plain,
            &"bpc_1".into(),
            &UpdateParams::default(),
        ))
        .await
        .unwrap();
    let sent = requests(&server).await;
    assert_eq!(
        header(&sent[0], "user-agent"),
        Some("stripe-client/0.1.0 AcmePlugin/1.2.3 (https://acme.example)")
    );
    assert_eq!(header(&sent[1], "user-agent"), Some("stripe-client/0.1.0"));
    let client_agent: Value =
        serde_json::from_str(header(&sent[0], "x-stripe-client-user-agent").unwrap()).unwrap();
    assert_eq!(client_agent["bindings_version"], "0.1.0");
    assert_eq!(client_agent["lang"], "rust");
    assert_eq!(
        client_agent["application"],
        json!({"name": "AcmePlugin", "version": "1.2.3", "url": "https://acme.example"})
    );
    let plain_agent: Value =
        serde_json::from_str(header(&sent[1], "x-stripe-client-user-agent").unwrap()).unwrap();
    assert_eq!(plain_agent.get("application"), None);
}

tests::awaited_and_blocking!(
    an_idempotency_key_belongs_to_one_call,
    call_options_override_the_clients_for_that_call_only,
    the_first_retry_waits_at_least_half_a_second,
    raw_paths_with_dot_segments_are_refused_encoded_or_not,
    raw_requests_take_call_options,
    a_raw_request_goes_to_the_host_it_names,
    the_stripe_should_retry_answer_is_exposed,
    the_integration_identifies_itself_as_the_sdks_do,
);
