//! One operation of each kind against a real server on 127.0.0.1 (wiremock): GET with
//! deepObject filters, DELETE with and without parameters, a multipart upload, list
//! auto-pagination across three pages and a binary PDF download.

use futures_util::StreamExt;
use serde_json::json;
use stripe_client::types::Customer;
use stripe_client::{customers, files, quotes, subscriptions, Client, Expand, FileUpload};
use wiremock::matchers::{any, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client_for(server: &MockServer) -> Client {
    Client::builder("sk_test_123")
        .base_url(server.uri())
        .build()
        .expect("client")
}

/// An example object from Stripe's fixtures (`STRIPE_FIXTURES`), read by path.
fn fixture(name: &str) -> serde_json::Value {
    let path = std::env::var("STRIPE_FIXTURES").expect("STRIPE_FIXTURES names fixtures3.json");
    let text = std::fs::read_to_string(path).expect("fixtures file");
    let fixtures: serde_json::Value = serde_json::from_str(&text).expect("fixtures JSON");
    fixtures["resources"][name].clone()
}

fn customer(id: &str) -> serde_json::Value {
    let mut customer = fixture("customer");
    customer["id"] = json!(id);
    customer
}

fn page(ids: &[&str], has_more: bool) -> serde_json::Value {
    json!({
        "object": "list",
        "url": "/v1/customers",
        "has_more": has_more,
        "data": ids.iter().map(|id| customer(id)).collect::<Vec<_>>(),
    })
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording")
}

#[tokio::test]
async fn get_with_deep_object_filters_sends_the_exact_query() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_1"], false)))
        .mount(&server)
        .await;
    let params = customers::ListParams {
        created: Some(customers::ListCreated::RangeQuerySpecs(
            customers::ListCreatedRangeQuerySpecs {
                gte: Some(1_690_000_000),
                lt: Some(1_700_000_000),
                ..Default::default()
            },
        )),
        email: Some("jenny+test@example.com".into()),
        // Typed paths: the spec's expandable fields of a customer, in each item.
        expand: Some(vec![
            Expand::data(Expand::<Customer>::DEFAULT_SOURCE),
            Expand::data(Expand::<Customer>::TAX),
        ]),
        limit: Some(3),
        ..Default::default()
    };
    let list = customers::list(&client_for(&server), &params)
        .await
        .expect("list");
    assert_eq!(list.data[0].id, "cus_1");

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method.as_str(), "GET");
    assert_eq!(sent[0].url.path(), "/v1/customers");
    assert_eq!(
        sent[0].url.query(),
        Some("created[gte]=1690000000&created[lt]=1700000000&email=jenny%2Btest%40example.com&expand[0]=data.default_source&expand[1]=data.tax&limit=3")
    );
    assert!(sent[0].body.is_empty());
    assert!(
        sent[0].headers.get("idempotency-key").is_none(),
        "only POSTs carry a key"
    );

    // A timestamp instead of a range is the other branch of the same filter.
    let params = customers::ListParams {
        created: Some(customers::ListCreated::Integer(1_690_000_000)),
        ..Default::default()
    };
    customers::list(&client_for(&server), &params)
        .await
        .expect("list");
    assert_eq!(
        requests(&server).await[1].url.query(),
        Some("created=1690000000")
    );
}

#[tokio::test]
async fn delete_without_and_with_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/v1/customers/cus_1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "id": "cus_1", "object": "customer", "deleted": true })),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/v1/subscriptions/sub_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json({
            let mut subscription = fixture("subscription");
            subscription["id"] = json!("sub_1");
            subscription
        }))
        .mount(&server)
        .await;
    let client = client_for(&server);

    let deleted = customers::delete(&client, &"cus_1".into())
        .await
        .expect("delete");
    assert!(deleted.deleted);
    assert_eq!(deleted.id, "cus_1");

    let params = subscriptions::CancelParams {
        invoice_now: Some(true),
        prorate: Some(false),
        ..Default::default()
    };
    let canceled = subscriptions::cancel(&client, &"sub_1".into(), &params)
        .await
        .expect("cancel");
    assert_eq!(canceled.id, "sub_1");

    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].method.as_str(), "DELETE");
    assert_eq!(sent[0].url.query(), None);
    assert!(sent[0].body.is_empty());
    assert_eq!(sent[1].url.query(), Some("invoice_now=true&prorate=false"));
    assert!(
        sent[1].body.is_empty(),
        "DELETE parameters go in the query string"
    );
}

#[tokio::test]
async fn multipart_upload_sends_each_part_and_the_file_name() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json({
            let mut file = fixture("file");
            file["id"] = json!("file_1");
            file
        }))
        .mount(&server)
        .await;
    let content = b"%PDF-\x00\xff\x01".to_vec();
    let mut params = files::CreateParams::new(
        FileUpload::new("receipt.pdf", content.clone()).with_content_type("application/pdf"),
        files::CreatePurpose::DisputeEvidence,
    );
    params.file_link_data = Some(files::CreateFileLinkData::new(true));
    let file = files::create(&client_for(&server), &params)
        .await
        .expect("upload");
    assert_eq!(file.id, "file_1");

    let sent = requests(&server).await;
    let content_type = sent[0]
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("content type {content_type}"));
    let parts = split_multipart(&sent[0].body, boundary);
    let names: Vec<&str> = parts.iter().map(|part| part.name.as_str()).collect();
    assert_eq!(names, ["file_link_data[create]", "purpose", "file"]);
    assert_eq!(parts[0].body, b"true");
    assert_eq!(parts[1].body, b"dispute_evidence");
    assert_eq!(parts[2].file_name.as_deref(), Some("receipt.pdf"));
    assert_eq!(parts[2].content_type.as_deref(), Some("application/pdf"));
    assert_eq!(parts[2].body, content, "file bytes intact");
}

struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// A small multipart/form-data reader for the assertions above.
fn split_multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        let rest_after_crlf = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        let header_end = find(rest_after_crlf, b"\r\n\r\n").expect("part headers");
        let headers = String::from_utf8_lossy(&rest_after_crlf[..header_end]).to_string();
        let content = &rest_after_crlf[header_end + 4..];
        let end = find(content, format!("\r\n{delimiter}").as_bytes()).expect("part end");
        let disposition = headers
            .lines()
            .find(|line| {
                line.to_ascii_lowercase()
                    .starts_with("content-disposition:")
            })
            .expect("content-disposition")
            .to_string();
        let attribute = |key: &str| {
            disposition.split(';').find_map(|piece| {
                piece
                    .trim()
                    .strip_prefix(&format!("{key}=\""))
                    .map(|value| value.trim_end_matches('"').to_string())
            })
        };
        let content_type = headers.lines().find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-type")
                .then(|| value.trim().to_string())
        });
        parts.push(Part {
            name: attribute("name").expect("part name"),
            file_name: attribute("filename"),
            content_type,
            body: content[..end].to_vec(),
        });
        rest = &content[end + 2..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[tokio::test]
async fn list_auto_follows_starting_after_across_three_pages() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/customers"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_a", "cus_b"], true)))
        .mount(&server)
        .await;
    Mock::given(path("/v1/customers"))
        .and(query_param("starting_after", "cus_b"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_c", "cus_d"], true)))
        .mount(&server)
        .await;
    Mock::given(path("/v1/customers"))
        .and(query_param("starting_after", "cus_d"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["cus_e"], false)))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let params = customers::ListParams {
        limit: Some(2),
        ..Default::default()
    };
    // The stream can move to another task (`tokio::spawn` needs that).
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&customers::list_auto(&client, &params));
    // Read as the README shows it: `.next().await` on the stream as it is, no `pin!`
    // (the streams are `Unpin`).
    let mut all = customers::list_auto(&client, &params);
    let mut ids = Vec::new();
    while let Some(customer) = all.next().await {
        ids.push(customer.expect("page").id);
    }
    assert_eq!(ids, ["cus_a", "cus_b", "cus_c", "cus_d", "cus_e"]);
    let queries: Vec<String> = requests(&server)
        .await
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        queries,
        [
            "limit=2",
            "limit=2&starting_after=cus_b",
            "limit=2&starting_after=cus_d"
        ]
    );
}

#[tokio::test]
async fn pdf_download_returns_the_bytes_intact() {
    let server = MockServer::start().await;
    let pdf: Vec<u8> = b"%PDF-1.7\n\x00\x01\x02\xff\xfe binary \r\n tail".to_vec();
    Mock::given(method("GET"))
        .and(path("/v1/quotes/qt_1/pdf"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server)
        .await;
    let bytes = quotes::pdf(
        &client_for(&server),
        &"qt_1".into(),
        &quotes::PdfParams::default(),
    )
    .await
    .expect("pdf");
    assert_eq!(bytes, pdf);
}
