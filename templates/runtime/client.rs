use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;

use super::{ApiError, Error, MultipartParts};

const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
const CLIENT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A Stripe API client: the secret key, the base URL and a pooled HTTP connection.
///
/// Cloning is cheap (the connection pool is shared), which is how per-request options
/// such as [`Client::with_idempotency_key`] are applied.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    options: RequestOptions,
}

struct Shared {
    http: reqwest::Client,
    base_url: String,
    /// Whether the base URL was set by the caller; if so, it is used for every
    /// request, including those Stripe serves from another host (file uploads).
    custom_base_url: bool,
    /// `Bearer <secret key>`, marked sensitive so HTTP-level logging hides it.
    authorization: HeaderValue,
}

/// Options that apply to the requests of one [`Client`] value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// The `Idempotency-Key` sent with POST requests; a fresh UUID v4 per request if unset.
    pub idempotency_key: Option<String>,
    /// The connected account to act for (`Stripe-Account`, Connect).
    pub stripe_account: Option<String>,
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
}

impl Client {
    /// A client for `https://api.stripe.com` using `secret_key` (`sk_live_...`,
    /// `sk_test_...` or a restricted key).
    pub fn new(secret_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder(secret_key).build()
    }

    /// A builder to change the defaults, such as the base URL.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            secret_key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_string(),
        }
    }

    /// The same client sending `key` as the `Idempotency-Key` of its POST requests.
    /// Use the returned client for one logical request: Stripe answers every later request
    /// with that key with the first one's result.
    pub fn with_idempotency_key(&self, key: impl Into<String>) -> Self {
        let mut client = self.clone();
        client.options.idempotency_key = Some(key.into());
        client
    }

    /// The same client acting for the connected account `account` (`acct_...`).
    pub fn with_stripe_account(&self, account: impl Into<String>) -> Self {
        let mut client = self.clone();
        client.options.stripe_account = Some(account.into());
        client
    }

    /// The options in force for this client's requests.
    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// Sends one request and decodes the JSON answer. Used by the generated calls.
    #[doc(hidden)]
    pub async fn execute<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T, Error> {
        let (status, request_id, body) = self.send(request).await?;
        serde_json::from_slice(&body).map_err(|error| {
            Error::unexpected_response(
                status,
                request_id,
                format!("the body is not the documented object: {error}"),
                &body,
            )
        })
    }

    /// Sends one request and returns the body as it came (documents such as PDFs).
    #[doc(hidden)]
    pub async fn execute_bytes(&self, request: ApiRequest) -> Result<Vec<u8>, Error> {
        let (_, _, body) = self.send(request).await?;
        Ok(body)
    }

    /// Sends the request; a 2xx answer gives its status, `Request-Id` and body, any
    /// other an [`Error`].
    async fn send(&self, request: ApiRequest) -> Result<(u16, Option<String>, Vec<u8>), Error> {
        let base_url = match request.server {
            Some(server) if !self.shared.custom_base_url => server,
            _ => self.shared.base_url.as_str(),
        };
        let mut url = format!("{base_url}{}", request.path);
        if let Some(query) = request.query.filter(|query| !query.is_empty()) {
            url.push('?');
            url.push_str(&query);
        }
        let headers = self.headers(&request.method)?;
        let mut builder = self
            .shared
            .http
            .request(request.method, url)
            .headers(headers);
        match request.body {
            Body::None => {}
            Body::Form(form) => {
                builder = builder
                    .header(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/x-www-form-urlencoded"),
                    )
                    .body(form);
            }
            Body::Multipart(parts) => builder = builder.multipart(multipart_form(parts)?),
        }
        let response = builder.send().await?;
        let status = response.status();
        let request_id = response
            .headers()
            .get("request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let body: Vec<u8> = response.bytes().await?.into();
        if status.is_success() {
            return Ok((status.as_u16(), request_id, body));
        }
        match serde_json::from_slice::<crate::types::Error>(&body) {
            Ok(decoded) => Err(Error::Api(Box::new(ApiError {
                status: status.as_u16(),
                request_id,
                error: decoded.error,
            }))),
            Err(error) => Err(Error::unexpected_response(
                status.as_u16(),
                request_id,
                format!("the error body is not a Stripe error object: {error}"),
                &body,
            )),
        }
    }

    fn headers(&self, method: &Method) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, self.shared.authorization.clone());
        headers.insert(
            "stripe-version",
            HeaderValue::from_static(crate::API_VERSION),
        );
        headers.insert(USER_AGENT, HeaderValue::from_static(CLIENT_USER_AGENT));
        if *method == Method::POST {
            let key = match &self.options.idempotency_key {
                Some(key) => key.clone(),
                None => uuid::Uuid::new_v4().to_string(),
            };
            let value = HeaderValue::try_from(key).map_err(|_| {
                Error::Config("the idempotency key is not a valid header value".to_string())
            })?;
            headers.insert("idempotency-key", value);
        }
        if let Some(account) = &self.options.stripe_account {
            let value = HeaderValue::try_from(account.as_str()).map_err(|_| {
                Error::Config("the Stripe-Account is not a valid header value".to_string())
            })?;
            headers.insert("stripe-account", value);
        }
        Ok(headers)
    }
}

impl ClientBuilder {
    /// Sends requests to `base_url` instead of `https://api.stripe.com` (a test server,
    /// a proxy). A trailing `/` is ignored.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The configured client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.trim_end_matches('/').to_string();
        let custom_base_url = base_url != DEFAULT_BASE_URL;
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|error| Error::Config(format!("base URL {base_url:?}: {error}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
            return Err(Error::Config(format!(
                "base URL {base_url:?} must be an http or https URL without a query"
            )));
        }
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", self.secret_key))
            .map_err(|_| {
                Error::Config("the secret key contains characters not allowed in a header".into())
            })?;
        authorization.set_sensitive(true);
        let http = reqwest::Client::builder().build()?;
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                base_url,
                custom_base_url,
                authorization,
            }),
            options: RequestOptions::default(),
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.shared.base_url)
            .field("secret_key", &"<redacted>")
            .field("options", &self.options)
            .finish()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// One request as a generated call describes it: method, encoded path, optional query
/// string and body.
#[doc(hidden)]
#[derive(Debug)]
pub struct ApiRequest {
    method: Method,
    path: String,
    server: Option<&'static str>,
    query: Option<String>,
    body: Body,
}

#[derive(Debug)]
enum Body {
    None,
    Form(String),
    Multipart(MultipartParts),
}

impl ApiRequest {
    /// A request without query or body.
    pub fn new(method: Method, path: String) -> Self {
        Self {
            method,
            path,
            server: None,
            query: None,
            body: Body::None,
        }
    }

    /// Sends the request to the operation's own server (unless the client's base URL
    /// was set by the caller).
    pub fn server(mut self, server: &'static str) -> Self {
        self.server = Some(server);
        self
    }

    /// Adds an encoded query string.
    pub fn query(mut self, query: String) -> Self {
        self.query = Some(query);
        self
    }

    /// Adds an encoded form body.
    pub fn form(mut self, form: String) -> Self {
        self.body = Body::Form(form);
        self
    }

    /// Adds a multipart body.
    pub fn multipart(mut self, parts: MultipartParts) -> Self {
        self.body = Body::Multipart(parts);
        self
    }
}

fn multipart_form(parts: MultipartParts) -> Result<reqwest::multipart::Form, Error> {
    let mut form = reqwest::multipart::Form::new();
    for (key, value) in parts.fields {
        form = form.text(key, value);
    }
    for (key, file) in parts.files {
        let part = reqwest::multipart::Part::bytes(file.bytes)
            .file_name(file.file_name)
            .mime_str(&file.content_type)
            .map_err(|_| Error::Config(format!("{:?} is not a MIME type", file.content_type)))?;
        form = form.part(key, part);
    }
    Ok(form)
}
