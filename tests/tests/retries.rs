//! Retries, timeouts and response limits against servers on 127.0.0.1 that count what
//! they receive. Delays are shortened through the client builder; the rules are the
//! same as with the defaults.

use std::time::{Duration, Instant};

use serde_json::json;
use stripe_client::billing_portal::configurations::{self, UpdateParams};
use stripe_client::types::BillingPortalConfiguration;
use stripe_client::{Client, Error};
use tests::Sending;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn configuration() -> serde_json::Value {
    let feature = json!({ "enabled": true });
    json!({
        "id": "bpc_1", "object": "billing_portal.configuration", "active": true,
        "application": null, "created": 1, "updated": 2, "default_return_url": null,
        "is_default": false, "livemode": false, "metadata": null,
        "business_profile": { "headline": null, "privacy_policy_url": null, "terms_of_service_url": null },
        "login_page": { "enabled": false, "url": null },
        "features": {
            "customer_update": { "allowed_updates": [], "enabled": false },
            "invoice_history": feature, "payment_method_update": feature,
            "subscription_cancel": {
                "cancellation_reason": { "enabled": false, "options": [] },
                "enabled": false, "mode": "immediately", "proration_behavior": "none"
            },
            "subscription_pause": feature,
            "subscription_update": {
                "default_allowed_updates": [], "enabled": false, "products": null,
                "proration_behavior": "none"
            }
        }
    })
}

fn stripe_error() -> serde_json::Value {
    json!({ "error": { "type": "api_error", "message": "try again" } })
}

fn fast_client(base_url: &str) -> Client {
    Client::builder("sk_test_retries")
        .base_url(base_url)
        .retry_delays(Duration::from_millis(10), Duration::from_millis(40))
        .build()
        .unwrap()
}

async fn mount(server: &MockServer, response: ResponseTemplate, times: Option<u64>) {
    let mock = Mock::given(any()).respond_with(response);
    let mock = match times {
        Some(times) => mock.up_to_n_times(times),
        None => mock,
    };
    mock.mount(server).await;
}

/// A server answering every request with `status` and a Stripe error object.
async fn always(status: u16) -> MockServer {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(status).set_body_json(stripe_error()),
        None,
    )
    .await;
    server
}

/// The seed call through a client with short retry delays.
async fn update(
    server: &MockServer,
    sending: Sending,
) -> Result<BillingPortalConfiguration, Error> {
    sending
        .update_configuration(&fast_client(&server.uri()))
        .await
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn keys(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| r.headers["idempotency-key"].to_str().unwrap().to_string())
        .collect()
}

async fn two_500s_then_200_is_one_success_after_three_requests_with_one_key(sending: Sending) {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(500).set_body_json(stripe_error()),
        Some(2),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(configuration()),
        None,
    )
    .await;
    let result = update(&server, sending).await;
    assert_eq!(result.unwrap().id, "bpc_1");
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let keys = keys(&requests);
    assert!(
        keys.iter().all(|key| key == &keys[0]),
        "one key for every retry: {keys:?}"
    );
    assert!(requests.iter().all(|r| r.body == requests[0].body));
}

async fn retries_stop_at_the_maximum(sending: Sending) {
    let server = always(503).await;
    let error = update(&server, sending).await.unwrap_err();
    assert_eq!(error.status(), Some(503));
    assert_eq!(
        received(&server).await.len(),
        3,
        "the first try and the default 2 retries"
    );

    let server = always(503).await;
    let client = Client::builder("sk_test_retries")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    sending.update_configuration(&client).await.unwrap_err();
    assert_eq!(received(&server).await.len(), 1);
}

async fn should_retry_false_on_a_500_is_not_retried(sending: Sending) {
    let server = MockServer::start().await;
    let answer = ResponseTemplate::new(500)
        .set_body_json(stripe_error())
        .insert_header("Stripe-Should-Retry", "false");
    mount(&server, answer, None).await;
    let error = update(&server, sending).await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
}

async fn should_retry_true_and_409_are_retried_400_is_not(sending: Sending) {
    let server = MockServer::start().await;
    let answer = ResponseTemplate::new(400)
        .set_body_json(stripe_error())
        .insert_header("Stripe-Should-Retry", "true");
    mount(&server, answer, Some(1)).await;
    mount(
        &server,
        ResponseTemplate::new(409).set_body_json(stripe_error()),
        Some(1),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(configuration()),
        None,
    )
    .await;
    update(&server, sending).await.unwrap();
    assert_eq!(received(&server).await.len(), 3);

    let server = always(400).await;
    let error = update(&server, sending).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(received(&server).await.len(), 1, "a 400 is never retried");
}

async fn a_refused_connection_is_retried_until_the_server_is_up(sending: Sending) {
    // A port nobody listens on (yet).
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let server_task = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        let server = MockServer::builder().listener(listener).start().await;
        mount(
            &server,
            ResponseTemplate::new(200).set_body_json(configuration()),
            None,
        )
        .await;
        tokio::time::sleep(Duration::from_secs(5)).await;
        received(&server).await.len()
    });
    let client = Client::builder("sk_test_retries")
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_delays(Duration::from_millis(600), Duration::from_millis(1200))
        .build()
        .unwrap();
    let started = Instant::now();
    let result = sending
        .send(configurations::update(
            &client,
            &"bpc_1".into(),
            &UpdateParams::default(),
        ))
        .await;
    assert_eq!(result.unwrap().id, "bpc_1");
    assert!(
        started.elapsed() >= Duration::from_millis(200),
        "the first attempt was refused"
    );
    server_task.abort();
}

async fn a_server_that_never_answers_times_out_within_the_bound(sending: Sending) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // Accepts connections and reads nothing back: the request hangs.
    let silent = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket);
        }
    });
    let client = Client::builder("sk_test_retries")
        .base_url(format!("http://{address}"))
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = sending
        .send(configurations::update(
            &client,
            &"bpc_1".into(),
            &UpdateParams::default(),
        ))
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(3),
        "{took:?}"
    );
    silent.abort();
}

async fn an_oversized_answer_is_refused(sending: Sending) {
    let server = MockServer::start().await;
    let huge = format!("{{\"id\": \"{}\"}}", "x".repeat(2_000_000));
    mount(
        &server,
        ResponseTemplate::new(200).set_body_raw(huge, "application/json"),
        None,
    )
    .await;
    let client = Client::builder("sk_test_retries")
        .base_url(server.uri())
        .max_response_bytes(1_000_000)
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
    assert!(
        matches!(
            error,
            Error::ResponseTooLarge {
                status: 200,
                limit: 1_000_000
            }
        ),
        "{error:?}"
    );
}

async fn truncated_json_is_an_undecodable_success_with_the_body_and_no_retry(sending: Sending) {
    let server = MockServer::start().await;
    let truncated = &configuration().to_string()[..120];
    mount(
        &server,
        ResponseTemplate::new(200).set_body_raw(truncated.to_string(), "application/json"),
        None,
    )
    .await;
    let error = update(&server, sending).await.unwrap_err();
    match error {
        Error::UndecodableSuccess { status, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(body, truncated.as_bytes());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        received(&server).await.len(),
        1,
        "a success is never retried"
    );
}

async fn an_error_page_that_is_not_json_is_an_unexpected_response_with_an_excerpt(
    sending: Sending,
) {
    let server = MockServer::start().await;
    let page = format!("<html>{}</html>", "x".repeat(1000));
    mount(
        &server,
        ResponseTemplate::new(400).set_body_raw(page.clone(), "text/html"),
        None,
    )
    .await;
    match update(&server, sending).await.unwrap_err() {
        Error::UnexpectedResponse {
            status,
            body_excerpt,
            ..
        } => {
            assert_eq!(status, 400);
            assert_eq!(body_excerpt, page[..512]);
        }
        other => panic!("{other:?}"),
    }
}

/// What the scripted server does with one request it has read in full.
#[derive(Debug, Clone, Copy)]
enum Reaction {
    /// Closes the connection without a byte of answer (a reset or a crashed proxy).
    Close,
    /// Keeps the connection open and says nothing, past any client timeout.
    Stall,
    /// Answers 200 with the configuration.
    Answer,
}

/// A server on 127.0.0.1 that reads each request whole, records its `Idempotency-Key`,
/// and reacts as `script` says, request by request (then answers every later one).
async fn scripted_server(
    script: Vec<Reaction>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let keys = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = keys.clone();
    tokio::spawn(async move {
        let mut stalled = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            // Read the head, then as many body bytes as Content-Length says.
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            let head_end = loop {
                let read = socket.read(&mut buffer).await.unwrap_or(0);
                if read == 0 {
                    break None;
                }
                request.extend_from_slice(&buffer[..read]);
                if let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(end + 4);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&request[..head_end]).to_lowercase();
            let header = |name: &str| {
                head.lines()
                    .find_map(|line| line.strip_prefix(&format!("{name}: ")))
                    .map(str::to_string)
            };
            let length: usize = header("content-length")
                .and_then(|value| value.parse().ok())
                .unwrap_or(0);
            while request.len() < head_end + length {
                let read = socket.read(&mut buffer).await.unwrap_or(0);
                if read == 0 {
                    break;
                }
                request.extend_from_slice(&buffer[..read]);
            }
            let number = {
                let mut keys = seen.lock().unwrap();
                keys.push(header("idempotency-key").unwrap_or_default());
                keys.len()
            };
            match script.get(number - 1).copied().unwrap_or(Reaction::Answer) {
                Reaction::Close => drop(socket),
                Reaction::Stall => stalled.push(socket),
                Reaction::Answer => {
                    let body = configuration().to_string();
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         content-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(answer.as_bytes()).await;
                    let _ = socket.shutdown().await;
                }
            }
        }
    });
    (format!("http://{address}"), keys)
}

async fn a_connection_closed_after_the_request_is_retried_with_the_same_key(sending: Sending) {
    let (url, keys) = scripted_server(vec![Reaction::Close]).await;
    let result = sending.update_configuration(&fast_client(&url)).await;
    assert_eq!(result.unwrap().id, "bpc_1");
    let keys = keys.lock().unwrap().clone();
    assert_eq!(keys.len(), 2, "the closed attempt and one retry");
    assert!(!keys[0].is_empty() && keys[0] == keys[1], "{keys:?}");
}

async fn an_attempt_that_times_out_after_sending_is_retried_with_the_same_key(sending: Sending) {
    let (url, keys) = scripted_server(vec![Reaction::Stall]).await;
    let client = Client::builder("sk_test_retries")
        .base_url(&url)
        .timeout(Duration::from_millis(300))
        .retry_delays(Duration::from_millis(10), Duration::from_millis(40))
        .build()
        .unwrap();
    let result = sending.update_configuration(&client).await;
    assert_eq!(result.unwrap().id, "bpc_1");
    let keys = keys.lock().unwrap().clone();
    assert_eq!(keys.len(), 2, "the stalled attempt and one retry");
    assert!(!keys[0].is_empty() && keys[0] == keys[1], "{keys:?}");
}

async fn without_retries_a_closed_connection_is_the_error_after_one_request(sending: Sending) {
    let (url, keys) = scripted_server(vec![Reaction::Close]).await;
    let client = Client::builder("sk_test_retries")
        .base_url(&url)
        .max_retries(0)
        .build()
        .unwrap();
    let error = sending.update_configuration(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(keys.lock().unwrap().len(), 1);
}

tests::awaited_and_blocking!(
    two_500s_then_200_is_one_success_after_three_requests_with_one_key,
    retries_stop_at_the_maximum,
    should_retry_false_on_a_500_is_not_retried,
    should_retry_true_and_409_are_retried_400_is_not,
    a_refused_connection_is_retried_until_the_server_is_up,
    a_server_that_never_answers_times_out_within_the_bound,
    an_oversized_answer_is_refused,
    truncated_json_is_an_undecodable_success_with_the_body_and_no_retry,
    an_error_page_that_is_not_json_is_an_unexpected_response_with_an_excerpt,
    a_connection_closed_after_the_request_is_retried_with_the_same_key,
    an_attempt_that_times_out_after_sending_is_retried_with_the_same_key,
    without_retries_a_closed_connection_is_the_error_after_one_request,
);
