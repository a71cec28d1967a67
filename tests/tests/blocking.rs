//! What only the blocking path has (the `blocking` feature): refusing to block inside
//! an async runtime, the answer's metadata, calls from several threads, and streams
//! read as iterators. The cases it shares with awaited calls (options, retries,
//! errors) run both ways in options.rs, call_options.rs and retries.rs.

use serde_json::json;
use stripe_client::billing_portal::configurations::{self, UpdateParams};
use stripe_client::{iter_blocking, Client, Error};
use tests::server_answering;
use wiremock::{MockServer, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_blocking")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn configuration() -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(tests::portal_configuration_json())
        .insert_header("Request-Id", "req_blocking")
}

/// Blocking inside a runtime would stall its thread (tokio would panic): refused with
/// a clear error, and nothing is sent.
#[tokio::test]
async fn a_blocking_call_inside_an_async_runtime_is_refused_and_sends_nothing() {
    let server = server_answering(configuration()).await;
    let client = client_for(&server);
    let error = configurations::update(&client, &"bpc_1".into(), &UpdateParams::default())
        .send_blocking()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Config(message) if message.contains("`.await` the call")),
        "{error:?}"
    );
    let mut items = iter_blocking(futures_util::stream::iter([Ok::<u8, Error>(1)]));
    assert!(matches!(items.next(), Some(Err(Error::Config(_)))));
    assert!(items.next().is_none(), "nothing after the refusal");
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// From threads without a runtime: the answer with its metadata, and several threads
/// at once through one client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_calls_answer_with_their_metadata_from_several_threads() {
    let server = server_answering(configuration()).await;
    let client = client_for(&server);
    let answers = tokio::task::block_in_place(|| {
        std::thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        configurations::update(&client, &"bpc_1".into(), &UpdateParams::default())
                            .with_response()
                            .send_blocking()
                    })
                })
                .collect();
            threads
                .into_iter()
                .map(|thread| thread.join().unwrap())
                .collect::<Vec<_>>()
        })
    });
    for answer in answers {
        let (configuration, meta) = answer.unwrap();
        assert_eq!(
            configuration.id.as_str(),
            tests::portal_configuration_json()["id"].as_str().unwrap()
        );
        assert_eq!(meta.status, 200);
        assert_eq!(meta.request_id.as_deref(), Some("req_blocking"));
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 8);
}

/// A stream read as an iterator, in a program with no runtime at all.
#[test]
fn iter_blocking_yields_a_streams_items_in_order_and_ends() {
    let stream =
        futures_util::stream::iter([Ok(1), Err(Error::Config("a page failed".into())), Ok(3)]);
    let items: Vec<Result<u8, Error>> = iter_blocking(stream).collect();
    assert_eq!(items.len(), 3);
    assert!(matches!(items[0], Ok(1)));
    assert!(matches!(&items[1], Err(Error::Config(message)) if message == "a page failed"));
    assert!(matches!(items[2], Ok(3)));
}

/// A raw request without a runtime: the same request as awaited.
#[test]
fn a_raw_request_is_sent_blocking_from_a_program_without_a_runtime() {
    // The local server needs a runtime of its own, on its own thread.
    let server_runtime = tokio::runtime::Runtime::new().unwrap();
    let server = server_runtime.block_on(server_answering(
        ResponseTemplate::new(200).set_body_json(json!({ "object": "balance" })),
    ));
    let client = client_for(&server);
    let answer = client
        .raw_request(
            stripe_client::Method::GET,
            "/v1/balance",
            &stripe_client::runtime::ExtraParams::new(),
        )
        .send_blocking()
        .unwrap();
    let balance: serde_json::Value = answer.json().unwrap();
    assert_eq!(balance["object"], "balance");
    let sent = server_runtime.block_on(server.received_requests()).unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.path(), "/v1/balance");
    assert_eq!(
        sent[0].headers["authorization"].to_str().unwrap(),
        "Bearer sk_test_blocking"
    );
}
