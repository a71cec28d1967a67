use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;

use super::push_segment;
use super::{read_json_slice, read_json_slice_lenient, ReadJson};
use super::{
    to_form, to_json, to_multipart, ApiError, Error, ExtraParams, FormValue, InvalidParams,
    MultipartParts, ParamProblem, V2ApiError, Validate, Validator,
};

const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// The Stripe hosts a request can go to: the API, and the hosts that serve some of its
/// operations (stripe-python's `base=`). Generated calls pick theirs from the spec; a
/// [`Client::raw_request`] goes to [`ApiBase::Api`] unless given [`Call::base`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiBase {
    /// `https://api.stripe.com`.
    Api,
    /// `https://files.stripe.com`: file uploads and file contents.
    Files,
    /// `https://connect.stripe.com`: Connect OAuth.
    Connect,
    /// `https://meter-events.stripe.com`: v2 meter event streams.
    MeterEvents,
}

impl ApiBase {
    const OTHERS: [ApiBase; 3] = [ApiBase::Files, ApiBase::Connect, ApiBase::MeterEvents];

    /// The host's URL at Stripe.
    pub fn stripe_url(self) -> &'static str {
        match self {
            ApiBase::Api => DEFAULT_BASE_URL,
            ApiBase::Files => "https://files.stripe.com",
            ApiBase::Connect => "https://connect.stripe.com",
            ApiBase::MeterEvents => "https://meter-events.stripe.com",
        }
    }

    /// The host a spec's server URL names, if it is one of Stripe's known hosts.
    fn of_server(server: &str) -> Option<Self> {
        let server = server.trim_end_matches('/');
        Self::OTHERS
            .into_iter()
            .chain([ApiBase::Api])
            .find(|base| base.stripe_url() == server)
    }
}

/// Where each [`ApiBase`] goes for one client.
#[derive(Debug, Clone)]
struct BaseUrls {
    api: String,
    /// Whether the API's URL was set by the caller: then every host not set on its own
    /// goes there too (one test server for everything).
    custom_api: bool,
    /// The hosts other than the API, in [`ApiBase::OTHERS`] order.
    others: [String; 3],
}

impl BaseUrls {
    fn url(&self, base: ApiBase) -> &str {
        match ApiBase::OTHERS.iter().position(|other| *other == base) {
            Some(index) => &self.others[index],
            None => &self.api,
        }
    }
}
/// Retries after the first attempt, as Stripe's official SDKs default to.
const DEFAULT_MAX_RETRIES: u32 = 2;
const DEFAULT_RETRY_DELAY: Duration = Duration::from_millis(500);
const DEFAULT_MAX_RETRY_DELAY: Duration = Duration::from_secs(5);
/// Stripe's own SDKs wait 80 s for an answer.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// Stripe's largest JSON answers are far below this; anything bigger is refused.
const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
const JSON: &str = "application/json";

/// A Stripe API client: the secret key, the base URL and a pooled HTTP connection.
///
/// Cloning is cheap (the connection pool is shared), which is how per-request options
/// such as [`Client::with_stripe_account`] are applied.
#[derive(Clone)]
pub struct Client {
    shared: Arc<Shared>,
    options: RequestOptions,
}

struct Shared {
    http: reqwest::Client,
    bases: BaseUrls,
    /// `Bearer <secret key>`, marked sensitive so HTTP-level logging hides it.
    authorization: HeaderValue,
    retry: RetryPolicy,
    max_response_bytes: usize,
    on_response: Option<ResponseHook>,
    /// `stripe-client/<version>`, and the integration's app info.
    user_agent: HeaderValue,
    /// The `X-Stripe-Client-User-Agent` JSON (bindings version, language, app info).
    client_user_agent: HeaderValue,
}

/// What a response hook is told about every answer Stripe gives.
type ResponseHook = Arc<dyn Fn(&ResponseInfo) + Send + Sync>;

/// One answer from Stripe, as [`ClientBuilder::on_response`] hooks see it: enough to
/// quote a request to Stripe support or to log it, never a body or a key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseInfo {
    /// `GET`, `POST` or `DELETE`.
    pub method: String,
    /// The request's path (`/v1/customers/cus_1`), without the query.
    pub path: String,
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` header: what Stripe support asks for.
    pub request_id: Option<String>,
    /// Which attempt this was (1 for the first; more after retries).
    pub attempt: u32,
}

/// When and how often a request is sent again.
#[derive(Debug, Clone, Copy)]
struct RetryPolicy {
    max_retries: u32,
    delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first): the initial delay doubled
    /// for each earlier retry, capped, times a random factor between 0.5 and 1 so that
    /// clients do not retry in step, and then never less than the initial delay (as
    /// stripe-python, stripe-node and stripe-go clamp it).
    fn delay_before(&self, retry: u32) -> Duration {
        let doubled = self
            .delay
            .saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
        let capped = doubled.min(self.max_delay);
        // Random bits from the UUID generator the client already uses for keys.
        let random = (uuid::Uuid::new_v4().as_u128() >> 64) as u64;
        let factor = 0.5 + 0.5 * (random as f64 / u64::MAX as f64);
        capped.mul_f64(factor).max(self.delay.min(self.max_delay))
    }
}

/// Options of requests: set on the builder as defaults, on a clone of the client with
/// `client.with_…(..)`, or on one call before it is awaited
/// (`customers::create(&client, &params).stripe_account("acct_1").await`), which
/// overrides the client's. (The `Idempotency-Key` is a call's own: [`Call::idempotency_key`].)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// The connected account to act for (`Stripe-Account`, Connect).
    pub stripe_account: Option<String>,
    /// The `Stripe-Version` to send instead of [`crate::API_VERSION`] (beta versions
    /// such as `2023-08-16; feature_beta=v1` included). The typed responses describe
    /// `API_VERSION`; another version may answer with shapes they do not read.
    pub api_version: Option<String>,
    /// The `Stripe-Context` header (the account or context a request acts in).
    pub stripe_context: Option<String>,
    /// How long one attempt may take, instead of the client's timeout.
    pub timeout: Option<Duration>,
    /// How many times a failed request is sent again, instead of the client's number.
    pub max_retries: Option<u32>,
    /// More headers, sent after the others (they may replace any but `Authorization`).
    pub headers: Vec<(String, String)>,
}

impl RequestOptions {
    /// These options with every option `other` sets in their place (headers added).
    fn override_with(&mut self, other: RequestOptions) {
        let RequestOptions {
            stripe_account,
            api_version,
            stripe_context,
            timeout,
            max_retries,
            headers,
        } = other;
        self.stripe_account = stripe_account.or(self.stripe_account.take());
        self.api_version = api_version.or(self.api_version.take());
        self.stripe_context = stripe_context.or(self.stripe_context.take());
        self.timeout = timeout.or(self.timeout);
        self.max_retries = max_retries.or(self.max_retries);
        self.headers.extend(headers);
    }
}

/// Configures a [`Client`].
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
    /// The hosts other than the API the caller pointed elsewhere.
    other_base_urls: Vec<(ApiBase, String)>,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    defaults: RequestOptions,
    on_response: Option<ResponseHook>,
    http: Option<reqwest::Client>,
    app_info: Option<AppInfo>,
}

/// The integration that uses the client, as Stripe's SDKs report it
/// ([`ClientBuilder::app_info`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct AppInfo {
    name: String,
    version: Option<String>,
    url: Option<String>,
}

/// The `User-Agent` and `X-Stripe-Client-User-Agent` values, as stripe-node and
/// stripe-python build them: the bindings and their version, then the app's
/// `name/version (url)`; the JSON names the language and carries the app info.
fn identification(app: Option<&AppInfo>) -> Result<(HeaderValue, HeaderValue), Error> {
    // The crate users depend on (the facade), not this part of it.
    let mut user_agent = format!("{}/{}", crate::PACKAGE_NAME, crate::PACKAGE_VERSION);
    let mut client = serde_json::json!({
        "bindings_version": crate::PACKAGE_VERSION,
        "lang": "rust",
        "publisher": crate::PACKAGE_NAME,
    });
    if let Some(app) = app {
        user_agent.push(' ');
        user_agent.push_str(&app.name);
        if let Some(version) = &app.version {
            user_agent.push('/');
            user_agent.push_str(version);
        }
        if let Some(url) = &app.url {
            user_agent.push_str(&format!(" ({url})"));
        }
        client["application"] = serde_json::json!({
            "name": app.name,
            "version": app.version,
            "url": app.url,
        });
    }
    Ok((
        header_value(&user_agent, "the app info")?,
        header_value(&client.to_string(), "the app info")?,
    ))
}

impl Client {
    /// A client for `https://api.stripe.com` using `secret_key` (`sk_live_...`,
    /// `sk_test_...` or a restricted key). An empty key fails here, with
    /// [`Error::Config`], rather than at the first call.
    pub fn new(secret_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder(secret_key).build()
    }

    /// A builder to change the defaults, such as the base URL.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            secret_key: secret_key.into(),
            base_url: DEFAULT_BASE_URL.to_string(),
            other_base_urls: Vec::new(),
            retry: RetryPolicy {
                max_retries: DEFAULT_MAX_RETRIES,
                delay: DEFAULT_RETRY_DELAY,
                max_delay: DEFAULT_MAX_RETRY_DELAY,
            },
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            defaults: RequestOptions::default(),
            on_response: None,
            http: None,
            app_info: None,
        }
    }

    /// The same client acting for the connected account `account` (`acct_...`).
    pub fn with_stripe_account(&self, account: impl Into<String>) -> Self {
        self.with_options(|options| options.stripe_account = Some(account.into()))
    }

    /// The same client sending `version` as `Stripe-Version` (see
    /// [`RequestOptions::api_version`]).
    pub fn with_api_version(&self, version: impl Into<String>) -> Self {
        self.with_options(|options| options.api_version = Some(version.into()))
    }

    /// The same client sending `context` as `Stripe-Context`.
    pub fn with_stripe_context(&self, context: impl Into<String>) -> Self {
        self.with_options(|options| options.stripe_context = Some(context.into()))
    }

    /// The same client with another timeout per attempt.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        self.with_options(|options| options.timeout = Some(timeout))
    }

    /// The same client retrying failed requests at most `max_retries` times.
    pub fn with_max_retries(&self, max_retries: u32) -> Self {
        self.with_options(|options| options.max_retries = Some(max_retries))
    }

    /// The same client sending one more header (`name: value`) with each request.
    pub fn with_header(&self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.with_options(|options| options.headers.push((name.into(), value.into())))
    }

    /// The same client with its options changed by `change`.
    pub fn with_options(&self, change: impl FnOnce(&mut RequestOptions)) -> Self {
        let mut client = self.clone();
        change(&mut client.options);
        client
    }

    /// The options in force for this client's requests.
    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.shared.bases.api
    }

    /// The URL requests to `base` go to.
    pub fn base_url_of(&self, base: ApiBase) -> &str {
        self.shared.bases.url(base)
    }

    /// Calls an endpoint this version of the crate does not have: `method` on `path`
    /// (`/v1/...`, already percent-encoded, without a query) with `params` in Stripe's
    /// bracket form, sent as the query string (GET, DELETE) or the form body (POST).
    /// Headers, retries and errors are those of every call; a 2xx answer comes back as
    /// it is, with [`RawResponse::json`] to decode it. It goes to the API's host, or to
    /// another with [`Call::base`] (`.base(ApiBase::Files)`).
    ///
    /// The path must start with `/` and have no query, fragment or dot segment (`.`,
    /// `..`, or one percent-encoded, such as `%2e%2E`): each is refused before sending.
    /// Per-call options apply as to any [`Call`].
    ///
    /// ```no_run
    /// # async fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
    /// use stripe_client::runtime::ExtraParams;
    /// use stripe_client::Method;
    /// let params = ExtraParams::new().with("limit", "3");
    /// let answer = client
    ///     .raw_request(Method::GET, "/v1/tax/registrations", &params)
    ///     .stripe_account("acct_123")
    ///     .await?;
    /// let page: serde_json::Value = answer.json()?;
    /// # let _ = page;
    /// # Ok(())
    /// # }
    /// ```
    pub fn raw_request(
        &self,
        method: Method,
        path: &str,
        params: &ExtraParams,
    ) -> Call<'_, RawResponse> {
        // A dot segment, even percent-encoded, is resolved away by URL parsing
        // (`/v1/customers/%2e%2e/charges` would reach `/v1/charges`).
        let is_dot_segment = |segment: &str| {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            decoded == "." || decoded == ".."
        };
        let path_is_plain = path.starts_with('/')
            && !path.contains(['?', '#'])
            && !path.split('/').any(is_dot_segment);
        let refused = if path_is_plain {
            match ApiRequest::raw(method, path, params) {
                Ok(request) => return request.send_raw(self),
                Err(error) => error,
            }
        } else {
            Error::InvalidParams(InvalidParams {
                problems: vec![ParamProblem {
                    param: "path".to_string(),
                    message: format!(
                        "must start with `/` and have no query, fragment, `.` or `..` \
                         (encoded or not): {path:?}"
                    ),
                }],
            })
        };
        Call::new(self, Err(refused), Ok)
    }

    /// Sends the request, retrying as Stripe's SDKs do; a 2xx answer gives its status,
    /// `Request-Id` and body, any other an [`Error`].
    ///
    /// A request is sent again when Stripe answers `Stripe-Should-Retry: true`, 409 or a
    /// status of 500 or more (unless it answers `Stripe-Should-Retry: false`), or when
    /// the connection fails: before the request is sent, or after (reset, closed
    /// without an answer, timed out). Every attempt carries the same `Idempotency-Key`,
    /// so Stripe never acts on a POST twice, and GET and DELETE are idempotent.
    async fn send(&self, request: ApiRequest) -> Result<RawResponse, Error> {
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            // One span per call: what was asked, how many attempts, what came back and
            // how long it took; never the key, a header or a body.
            let span = tracing::info_span!(
                "stripe.request",
                operation = request.operation,
                method = %request.method,
                path = %request.path,
                attempts = tracing::field::Empty,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty,
            );
            let started = std::time::Instant::now();
            let (result, attempts) = self.send_attempts(&request).instrument(span.clone()).await;
            span.record("attempts", attempts);
            span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            match &result {
                Ok(answer) => {
                    span.record("status", answer.status);
                    if let Some(id) = &answer.request_id {
                        span.record("request_id", id.as_str());
                    }
                }
                Err(error) => {
                    if let Some(status) = error.status() {
                        span.record("status", status);
                    }
                    if let Some(id) = error.request_id() {
                        span.record("request_id", id);
                    }
                }
            }
            result
        }
        #[cfg(not(feature = "tracing"))]
        {
            self.send_attempts(&request).await.0
        }
    }

    /// The attempts of one request, and how many there were.
    async fn send_attempts(&self, request: &ApiRequest) -> (Result<RawResponse, Error>, u32) {
        let headers = match self.headers(request) {
            Ok(headers) => headers,
            Err(error) => return (Err(error), 0),
        };
        let policy = self.shared.retry;
        let max_retries = self.options.max_retries.unwrap_or(policy.max_retries);
        let mut retry = 0;
        loop {
            let outcome = self.send_once(request, headers.clone()).await;
            if let (Some(hook), Attempt::Answered { answer, .. }) =
                (&self.shared.on_response, &outcome)
            {
                hook(&ResponseInfo {
                    method: request.method.to_string(),
                    path: request.path.clone(),
                    status: answer.status,
                    request_id: answer.request_id.clone(),
                    attempt: retry + 1,
                });
            }
            let again = match &outcome {
                Attempt::Answered { .. } => outcome.should_retry(),
                Attempt::Failed(Error::Transport(error)) => is_retryable_transport(error),
                Attempt::Failed(_) => false,
            };
            if !again || retry >= max_retries {
                return (outcome.into_result(request.v2), retry + 1);
            }
            retry += 1;
            tokio::time::sleep(policy.delay_before(retry)).await;
        }
    }

    async fn send_once(&self, request: &ApiRequest, headers: HeaderMap) -> Attempt {
        let bases = &self.shared.bases;
        let base_url = match request.server {
            Server::Base(base) => bases.url(base),
            Server::Unknown(server) if !bases.custom_api => server,
            Server::Unknown(_) => &bases.api,
        };
        let mut url = format!("{base_url}{}", request.path);
        if let Some(query) = request.query.as_ref().filter(|query| !query.is_empty()) {
            url.push('?');
            url.push_str(query);
        }
        let mut builder = self
            .shared
            .http
            .request(request.method.clone(), url)
            .headers(headers);
        if let Some(timeout) = self.options.timeout {
            builder = builder.timeout(timeout);
        }
        match &request.body {
            // v2 names JSON on every request, GET and DELETE included (no body, so no
            // Content-Length either), as stripe-node does.
            Body::None if request.v2 => {
                builder = builder.header(CONTENT_TYPE, HeaderValue::from_static(JSON));
            }
            Body::None => {}
            Body::Json(json) => {
                builder = builder
                    .header(CONTENT_TYPE, HeaderValue::from_static(JSON))
                    .body(json.clone());
            }
            Body::Form(form) => {
                builder = builder
                    .header(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/x-www-form-urlencoded"),
                    )
                    .body(form.clone());
            }
            Body::Multipart(parts) => match multipart_form(parts.clone()) {
                Ok(form) => builder = builder.multipart(form),
                Err(error) => return Attempt::Failed(error),
            },
        }
        let mut response = match builder.send().await {
            Ok(response) => response,
            Err(error) => return Attempt::Failed(Error::Transport(error)),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let request_id = headers
            .get("request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_string);
        let stripe_should_retry = match headers
            .get("stripe-should-retry")
            .and_then(|value| value.to_str().ok())
        {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        };
        let limit = self.shared.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Attempt::Failed(Error::ResponseTooLarge { status, limit });
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Attempt::Failed(Error::ResponseTooLarge { status, limit });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) => return Attempt::Failed(Error::Transport(error)),
            }
        }
        Attempt::Answered {
            answer: RawResponse {
                status,
                request_id,
                headers,
                body,
            },
            stripe_should_retry,
        }
    }

    fn headers(&self, request: &ApiRequest) -> Result<HeaderMap, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, self.shared.authorization.clone());
        headers.insert(USER_AGENT, self.shared.user_agent.clone());
        headers.insert(
            "x-stripe-client-user-agent",
            self.shared.client_user_agent.clone(),
        );
        // Every POST may be retried safely with its key; v2 gives DELETE one too.
        let idempotent_by_key =
            request.method == Method::POST || (request.v2 && request.method == Method::DELETE);
        if idempotent_by_key {
            let key = match &request.idempotency_key {
                Some(key) => key.clone(),
                None => uuid::Uuid::new_v4().to_string(),
            };
            let value = HeaderValue::try_from(key).map_err(|_| {
                Error::Config("the idempotency key is not a valid header value".to_string())
            })?;
            headers.insert("idempotency-key", value);
        }
        headers.extend(option_headers(&self.options)?);
        Ok(headers)
    }
}

/// The headers `options` set (`Stripe-Version`, `Stripe-Account`, `Stripe-Context`,
/// extra headers, which come last and may replace any but `Authorization`), or why one
/// cannot be sent.
fn option_headers(options: &RequestOptions) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    let version = match &options.api_version {
        Some(version) => header_value(version, "the Stripe-Version")?,
        None => HeaderValue::from_static(crate::API_VERSION),
    };
    headers.insert("stripe-version", version);
    if let Some(account) = &options.stripe_account {
        headers.insert(
            "stripe-account",
            header_value(account, "the Stripe-Account")?,
        );
    }
    if let Some(context) = &options.stripe_context {
        headers.insert(
            "stripe-context",
            header_value(context, "the Stripe-Context")?,
        );
    }
    for (name, value) in &options.headers {
        let name = reqwest::header::HeaderName::try_from(name.as_str())
            .map_err(|_| Error::Config(format!("{name:?} is not a header name")))?;
        if name == AUTHORIZATION {
            return Err(Error::Config(
                "the Authorization header comes from the secret key".to_string(),
            ));
        }
        headers.insert(name, header_value(value, "an extra header")?);
    }
    // Stripe-Context replaces Stripe-Account (Stripe's docs): with both, which account
    // the request acts for is ambiguous, so it is refused before sending, as
    // stripe-node refuses it.
    if headers.contains_key("stripe-account") && headers.contains_key("stripe-context") {
        return Err(Error::Config(
            "a request cannot have both a Stripe-Account and a Stripe-Context \
             (Stripe-Context replaces Stripe-Account): set one"
                .to_string(),
        ));
    }
    Ok(headers)
}

fn header_value(value: &str, what: &str) -> Result<HeaderValue, Error> {
    HeaderValue::try_from(value)
        .map_err(|_| Error::Config(format!("{what} is not a valid header value")))
}

/// Whether a transport failure is worth another attempt: any failure of the connection,
/// whether or not the request had left (as Stripe's SDKs do; the idempotency key makes
/// a resent POST safe). A request reqwest could not even build, or a redirect it
/// refused, fails the same way every time.
pub(crate) fn is_retryable_transport(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_timeout() || error.is_request() || error.is_body()
}

/// What one attempt at a request came to.
enum Attempt {
    Answered {
        answer: RawResponse,
        /// The `Stripe-Should-Retry` header, when Stripe sent one.
        stripe_should_retry: Option<bool>,
    },
    Failed(Error),
}

impl Attempt {
    /// Whether an answer is worth another attempt: as Stripe says, else on 409 and on
    /// 500 or more.
    fn should_retry(&self) -> bool {
        match self {
            Attempt::Answered {
                answer,
                stripe_should_retry,
            } => stripe_should_retry.unwrap_or(answer.status == 409 || answer.status >= 500),
            Attempt::Failed(_) => false,
        }
    }

    /// The answer, or the error it reports: a v2 error object for a v2 request
    /// (`v2`), a v1 one otherwise.
    fn into_result(self, v2: bool) -> Result<RawResponse, Error> {
        let should_retry = self.should_retry();
        let (answer, stripe_should_retry) = match self {
            Attempt::Failed(error) => return Err(error),
            Attempt::Answered {
                answer,
                stripe_should_retry,
            } => (answer, stripe_should_retry),
        };
        if (200..300).contains(&answer.status) {
            return Ok(answer);
        }
        let RawResponse {
            status,
            request_id,
            body,
            ..
        } = answer;
        if v2 {
            return Err(
                match V2ApiError::from_body(status, request_id.clone(), should_retry, &body) {
                    Some(error) => Error::V2Api(Box::new(error)),
                    None => Error::unexpected_response(
                        status,
                        request_id,
                        "the error body is not a Stripe v2 error object".to_string(),
                        &body,
                    ),
                },
            );
        }
        // Read leniently: a nested object of another shape (an expanded payment intent
        // of another API version) is left out, not allowed to hide the code and message.
        match read_json_slice_lenient::<crate::types::Error>(&body) {
            Ok((decoded, left_out)) => Err(Error::Api(Box::new(ApiError {
                status,
                request_id,
                error: decoded.error,
                left_out,
                should_retry,
                stripe_should_retry,
            }))),
            Err(error) => Err(Error::unexpected_response(
                status,
                request_id,
                format!("the error body is not a Stripe error object: {error}"),
                &body,
            )),
        }
    }
}

/// A successful answer as it came: from [`Client::raw_request`].
#[derive(Clone)]
#[cfg_attr(not(feature = "redact-debug"), derive(Debug))]
#[non_exhaustive]
pub struct RawResponse {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Request-Id` header.
    pub request_id: Option<String>,
    /// Every response header.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

/// With `redact-debug`, the body shows its size only.
#[cfg(feature = "redact-debug")]
impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &self.headers)
            .field("body", &super::Size(self.body.len()))
            .finish()
    }
}

impl RawResponse {
    /// The body decoded as JSON into `T` with serde (any type of yours); a body that is
    /// not a `T` is [`Error::UndecodableSuccess`] (the request itself succeeded).
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        match serde_json::from_slice::<T>(&self.body) {
            Ok(value) => Ok(value),
            Err(error) => Err(self.undecodable(error.to_string())),
        }
    }

    /// The body read as one of the crate's types (`Customer`, `List<Invoice>`), in one
    /// pass as a generated call reads it; a body that is not a `T` is
    /// [`Error::UndecodableSuccess`], its reason naming where (`data[3].email`).
    pub fn read<T: ReadJson>(self) -> Result<T, Error> {
        match read_json_slice::<T>(&self.body) {
            Ok(value) => Ok(value),
            Err(problem) => Err(self.undecodable(problem.to_string())),
        }
    }

    fn undecodable(self, reason: String) -> Error {
        Error::UndecodableSuccess {
            status: self.status,
            request_id: self.request_id,
            reason,
            body: self.body,
        }
    }
}

impl ClientBuilder {
    /// How many times a failed request is sent again (default 2; 0 turns retries off).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.retry.max_retries = max_retries;
        self
    }

    /// The wait before the first retry (default 0.5 s; doubled for each further retry,
    /// with random jitter) and the longest wait (default 5 s).
    pub fn retry_delays(mut self, first: Duration, longest: Duration) -> Self {
        self.retry.delay = first;
        self.retry.max_delay = longest;
        self
    }

    /// How long one attempt may take, from sending to the end of the answer
    /// (default 80 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long making a connection may take (default 30 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The largest answer read (default 16 MiB); a larger one is refused with
    /// [`Error::ResponseTooLarge`] without being read to the end.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The connected account every request acts for, unless a request says otherwise.
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.defaults.stripe_account = Some(account.into());
        self
    }

    /// The `Stripe-Version` of every request instead of [`crate::API_VERSION`].
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.defaults.api_version = Some(version.into());
        self
    }

    /// The `Stripe-Context` of every request.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.defaults.stripe_context = Some(context.into());
        self
    }

    /// Names the integration that uses the client, as Stripe's SDKs let plugins do:
    /// added to the `User-Agent` (`name/version (url)`) and to the
    /// `X-Stripe-Client-User-Agent` JSON as `application`.
    pub fn app_info(
        mut self,
        name: impl Into<String>,
        version: Option<&str>,
        url: Option<&str>,
    ) -> Self {
        self.app_info = Some(AppInfo {
            name: name.into(),
            version: version.map(str::to_string),
            url: url.map(str::to_string),
        });
        self
    }

    /// A header sent with every request; one that cannot be sent (or `Authorization`)
    /// makes [`ClientBuilder::build`] fail.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.defaults.headers.push((name.into(), value.into()));
        self
    }

    /// Calls `hook` with every answer Stripe gives (each attempt), successful or not:
    /// the way to record `Request-Id`s of successful calls, or to log them.
    pub fn on_response(mut self, hook: impl Fn(&ResponseInfo) + Send + Sync + 'static) -> Self {
        self.on_response = Some(Arc::new(hook));
        self
    }

    /// Sends through `http` (a proxy, a custom CA, your own connection pool). The
    /// client's [`ClientBuilder::timeout`] and [`ClientBuilder::connect_timeout`] are
    /// then `http`'s own; per-request timeouts still apply.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Sends requests to `base_url` instead of `https://api.stripe.com` (a test server,
    /// a proxy). A trailing `/` is ignored. Requests Stripe serves from another host
    /// (file uploads) go there too, unless [`ClientBuilder::base_url_of`] sets theirs.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Sends requests for host `base` to `base_url` (stripe-python's `files_base`,
    /// `connect_base`): for example file uploads to a second test server.
    pub fn base_url_of(mut self, base: ApiBase, base_url: impl Into<String>) -> Self {
        if base == ApiBase::Api {
            return self.base_url(base_url);
        }
        self.other_base_urls.retain(|(other, _)| *other != base);
        self.other_base_urls.push((base, base_url.into()));
        self
    }

    /// The URL of every host, each checked.
    fn base_urls(&self) -> Result<BaseUrls, Error> {
        let api = checked_base_url(&self.base_url)?;
        let custom_api = api != DEFAULT_BASE_URL;
        let mut others = ApiBase::OTHERS.map(|base| {
            if custom_api {
                api.clone()
            } else {
                base.stripe_url().to_string()
            }
        });
        for (base, url) in &self.other_base_urls {
            if let Some(index) = ApiBase::OTHERS.iter().position(|other| other == base) {
                others[index] = checked_base_url(url)?;
            }
        }
        Ok(BaseUrls {
            api,
            custom_api,
            others,
        })
    }

    /// The configured client, or [`Error::Config`] for what cannot work: an empty
    /// secret key (an unset environment variable, say), a base URL or default header
    /// that cannot be used, both a Stripe-Account and a Stripe-Context.
    pub fn build(self) -> Result<Client, Error> {
        if self.secret_key.trim().is_empty() {
            return Err(Error::Config(
                "the secret key is empty (is the environment variable that holds it set?)"
                    .to_string(),
            ));
        }
        let bases = self.base_urls()?;
        let mut authorization = HeaderValue::try_from(format!("Bearer {}", self.secret_key))
            .map_err(|_| {
                Error::Config("the secret key contains characters not allowed in a header".into())
            })?;
        authorization.set_sensitive(true);
        // Every default header must be sendable: found now, not on every call.
        option_headers(&self.defaults)?;
        let (user_agent, client_user_agent) = identification(self.app_info.as_ref())?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()?,
        };
        Ok(Client {
            shared: Arc::new(Shared {
                http,
                bases,
                authorization,
                retry: self.retry,
                max_response_bytes: self.max_response_bytes,
                on_response: self.on_response,
                user_agent,
                client_user_agent,
            }),
            options: self.defaults,
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("bases", &self.shared.bases)
            .field("secret_key", &"<redacted>")
            .field("options", &self.options)
            .finish()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("other_base_urls", &self.other_base_urls)
            .field("secret_key", &"<redacted>")
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("defaults", &self.defaults)
            .finish()
    }
}

/// One request as a generated call describes it: operation, method, the path with its
/// parameters encoded, the query string or body, and every problem found on the way.
///
/// Generated calls are plain functions that build one of these and hand it to
/// [`ApiRequest::send`]: the arguments are checked and encoded when the call is made,
/// and the returned [`Call`] sends nothing if anything was wrong. (An `async fn` per
/// call compiled to a state machine per operation, the most expensive code of the
/// crate after serde's.)
#[doc(hidden)]
#[derive(Debug)]
pub struct ApiRequest {
    /// The spec's operationId (`raw` for [`Client::raw_request`]), for tracing.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    operation: &'static str,
    method: Method,
    /// A call of Stripe's v2 API: JSON on every request, an idempotency key on DELETE
    /// too, v2 error objects.
    v2: bool,
    /// The call's own `Idempotency-Key` (else a fresh UUID v4 per request, kept across
    /// its retries).
    idempotency_key: Option<String>,
    path: String,
    server: Server,
    query: Option<String>,
    body: Body,
    /// Problems with path parameters and parameters.
    validator: Validator,
    /// Parameters that could not be encoded (checked only when validation passed).
    unencodable: Option<InvalidParams>,
}

/// The host a request goes to.
#[derive(Debug, Clone, Copy)]
enum Server {
    Base(ApiBase),
    /// A server the spec names that is none of [`ApiBase`]'s: used as it is, unless
    /// the client's base URL was set by the caller.
    Unknown(&'static str),
}

#[derive(Debug)]
enum Body {
    None,
    Form(String),
    Multipart(MultipartParts),
    /// Compact JSON text (v2).
    Json(String),
}

impl ApiRequest {
    /// A request of operation `operation` with an empty path, no query and no body.
    pub fn new(operation: &'static str, method: Method) -> Self {
        Self {
            operation,
            method,
            v2: false,
            idempotency_key: None,
            path: String::new(),
            server: Server::Base(ApiBase::Api),
            query: None,
            body: Body::None,
            validator: Validator::new(),
            unencodable: None,
        }
    }

    /// Marks the request as a call of Stripe's v2 API (see [`ApiRequest::json`]).
    pub fn v2(mut self) -> Self {
        self.v2 = true;
        self
    }

    /// Appends a piece of the path template as it stands (`/v1/customers/`).
    pub fn literal(mut self, piece: &str) -> Self {
        self.path.push_str(piece);
        self
    }

    /// Checks path parameter `name` (see [`Validator::path_param`]) and appends it,
    /// percent-encoded as one segment.
    pub fn param(mut self, name: &str, value: &str, max_chars: Option<usize>) -> Self {
        self.validator.path_param(name, value, max_chars);
        push_segment(&mut self.path, value);
        self
    }

    /// The path so far, parameters encoded.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Sends the request to the operation's own server (unless the client's base URL
    /// was set by the caller).
    pub fn server(mut self, server: &'static str) -> Self {
        self.server = match ApiBase::of_server(server) {
            Some(base) => Server::Base(base),
            None => Server::Unknown(server),
        };
        self
    }

    /// Checks `params` and sends them as the query string.
    pub fn query<P: FormValue + Validate + ?Sized>(mut self, params: &P) -> Self {
        if let Some(query) = self.encode(params, to_form) {
            self.query = Some(query);
        }
        self
    }

    /// Checks `params` and sends them as the form body.
    pub fn form<P: FormValue + Validate + ?Sized>(mut self, params: &P) -> Self {
        if let Some(form) = self.encode(params, to_form) {
            self.body = Body::Form(form);
        }
        self
    }

    /// An empty form body (every v1 POST carries one).
    pub fn empty_form(mut self) -> Self {
        self.body = Body::Form(String::new());
        self
    }

    /// Checks `params` and sends them as one compact JSON object (v2 POST bodies).
    pub fn json<P: FormValue + Validate + ?Sized>(mut self, params: &P) -> Self {
        if let Some(json) = self.encode(params, to_json) {
            self.body = Body::Json(json);
        }
        self
    }

    /// An empty JSON object, `{}` (a v2 POST without parameters).
    pub fn empty_json(mut self) -> Self {
        self.body = Body::Json("{}".to_string());
        self
    }

    /// A GET of a path Stripe gave (a v2 list's `next_page_url`, a thin event's
    /// related object), as given, query included; a v2 request where the path is one.
    /// Anything that does not start with exactly one `/` is refused before sending.
    #[doc(hidden)]
    pub fn get_path(operation: &'static str, path: &str) -> Self {
        let mut request = Self::new(operation, Method::GET);
        request.v2 = path.starts_with("/v2/");
        if path.starts_with('/') && !path.starts_with("//") {
            request.path.push_str(path);
        } else {
            request.unencodable = Some(InvalidParams {
                problems: vec![ParamProblem {
                    param: "path".to_string(),
                    message: format!("must start with one `/`: {path:?}"),
                }],
            });
        }
        request
    }

    /// The call for an answer as it came (status, headers, body).
    #[doc(hidden)]
    pub fn send_raw(self, client: &Client) -> Call<'_, RawResponse> {
        Call::new(client, self.checked(), Ok)
    }

    /// Checks `params` and sends them as a multipart body (file uploads).
    pub fn multipart<P: FormValue + Validate + ?Sized>(mut self, params: &P) -> Self {
        if let Some(parts) = self.encode(params, to_multipart) {
            self.body = Body::Multipart(parts);
        }
        self
    }

    /// Validates `params`; only if nothing is wrong so far, encodes them (so a call
    /// reports the validation problems, not encoding problems of invalid values).
    fn encode<P: Validate + ?Sized, E>(
        &mut self,
        params: &P,
        encode: fn(&P) -> Result<E, InvalidParams>,
    ) -> Option<E> {
        params.validate(&mut self.validator);
        if self.validator.has_problems() {
            return None;
        }
        encode(params)
            .map_err(|problems| self.unencodable = Some(problems))
            .ok()
    }

    /// The call: sends the request and decodes the JSON answer as a `T`, or, if any
    /// argument was wrong, ends with [`Error::InvalidParams`] without sending anything.
    pub fn send<T: ReadJson>(self, client: &Client) -> Call<'_, T> {
        Call::new(client, self.checked(), RawResponse::read::<T>)
    }

    /// The call for a document (a PDF): the body as it came.
    pub fn send_bytes(self, client: &Client) -> Call<'_, Vec<u8>> {
        Call::new(client, self.checked(), |answer| Ok(answer.body))
    }

    /// The request, if nothing was wrong with its arguments.
    fn checked(mut self) -> Result<Self, Error> {
        std::mem::take(&mut self.validator).finish()?;
        match self.unencodable.take() {
            Some(problems) => Err(Error::InvalidParams(problems)),
            None => Ok(self),
        }
    }

    /// A request of [`Client::raw_request`]: its path (already checked) and its
    /// parameters, as the query (GET, DELETE) or the body: a form, or JSON on a v2 path
    /// (`/v2/...`).
    fn raw(method: Method, path: &str, params: &ExtraParams) -> Result<Self, Error> {
        let mut request = Self::new("raw", method).literal(path);
        request.v2 = path.starts_with("/v2/");
        if request.method == Method::GET || request.method == Method::DELETE {
            request.query = Some(to_form(params)?);
        } else if request.v2 {
            // The extra parameters are the members of the body's one object.
            request.body = Body::Json(super::to_json(params)?);
        } else {
            request.body = Body::Form(to_form(params)?);
        }
        Ok(request)
    }
}

/// The answer of one API call, to `.await`: a generated call checks and encodes its
/// arguments when it is made, and the request goes out when this is first polled.
/// Dropping it before then sends nothing.
///
/// Before it is awaited, a call takes options of its own, as a `reqwest::RequestBuilder`
/// does; they override the client's for this call only:
///
/// ```no_run
/// # async fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
/// use stripe_client::runtime::ExtraParams;
/// use stripe_client::Method;
/// // Any call: a generated one (`customers::create(&client, &params)`) or a raw one.
/// let params = ExtraParams::new().with("email", "jenny@example.com");
/// let (answer, response) = client
///     .raw_request(Method::POST, "/v1/customers", &params)
///     .idempotency_key("signup-6735")
///     .stripe_account("acct_123")
///     .max_retries(5)
///     .with_response()
///     .await?;
/// println!("HTTP {} (request {:?})", answer.status, response.request_id);
/// # Ok(())
/// # }
/// ```
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T> {
    /// Everything but the decoding: one non-generic state for every call.
    pending: Pending<'a>,
    /// The only part that depends on the call's answer type.
    decode: fn(RawResponse) -> Result<T, Error>,
}

/// A call's request and options until it is first polled, then its sending (retries
/// and errors included).
struct Pending<'a> {
    client: &'a Client,
    /// The request, or what was wrong with its arguments; taken when sending starts.
    request: Option<Result<ApiRequest, Error>>,
    /// The call's own options, over the client's.
    options: RequestOptions,
    sending: Option<Sending<'a>>,
}

/// The request on its way: attempts, retries and errors, one boxed future for every
/// call whatever it decodes into.
type Sending<'a> = Pin<Box<dyn Future<Output = Result<RawResponse, Error>> + Send + 'a>>;

impl<'a> Pending<'a> {
    fn poll_answer(&mut self, cx: &mut Context<'_>) -> Poll<Result<RawResponse, Error>> {
        if self.sending.is_none() {
            let request = match self.request.take() {
                Some(Ok(request)) => request,
                Some(Err(error)) => return Poll::Ready(Err(error)),
                None => {
                    return Poll::Ready(Err(Error::Config(
                        "the call was polled after it completed".to_string(),
                    )))
                }
            };
            let client = self.client;
            let options = std::mem::take(&mut self.options);
            self.sending = Some(if options == RequestOptions::default() {
                Box::pin(client.send(request))
            } else {
                let client = client.with_options(|own| own.override_with(options));
                Box::pin(async move { client.send(request).await })
            });
        }
        match &mut self.sending {
            Some(sending) => sending.as_mut().poll(cx),
            None => Poll::Pending,
        }
    }

    /// Changes the request before it is sent (nothing once it has been).
    fn request(&mut self, change: impl FnOnce(&mut ApiRequest)) {
        if let Some(Ok(request)) = &mut self.request {
            change(request);
        }
    }
}

impl<'a, T> Call<'a, T> {
    fn new(
        client: &'a Client,
        request: Result<ApiRequest, Error>,
        decode: fn(RawResponse) -> Result<T, Error>,
    ) -> Self {
        Self {
            pending: Pending {
                client,
                request: Some(request),
                options: RequestOptions::default(),
                sending: None,
            },
            decode,
        }
    }

    /// Sends `key` as this call's `Idempotency-Key` (POST, and DELETE in v2), on every
    /// attempt; without it, a fresh UUID v4 is sent. Stripe answers a later request with
    /// the same key with this one's result, so give each logical request its own key.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        let key = key.into();
        self.pending
            .request(|request| request.idempotency_key = Some(key));
        self
    }

    /// Acts for the connected account `account` (`Stripe-Account`, Connect).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.pending.options.stripe_account = Some(account.into());
        self
    }

    /// Sends `version` as `Stripe-Version` (see [`RequestOptions::api_version`]).
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.pending.options.api_version = Some(version.into());
        self
    }

    /// Sends `context` as `Stripe-Context`.
    pub fn stripe_context(mut self, context: impl Into<String>) -> Self {
        self.pending.options.stripe_context = Some(context.into());
        self
    }

    /// How long each attempt may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.pending.options.timeout = Some(timeout);
        self
    }

    /// How many times a failed request is sent again.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.pending.options.max_retries = Some(max_retries);
        self
    }

    /// Sends one more header (never `Authorization`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.pending
            .options
            .headers
            .push((name.into(), value.into()));
        self
    }

    /// The call, answering its value together with what came with it (status,
    /// `Request-Id`, headers): the way to keep a successful call's `Request-Id`.
    pub fn with_response(self) -> WithResponse<'a, T> {
        WithResponse { call: self }
    }
}

impl Call<'_, RawResponse> {
    /// Sends this raw request to host `base` (stripe-python's `base=`), as the client
    /// resolves it ([`ClientBuilder::base_url_of`]).
    pub fn base(mut self, base: ApiBase) -> Self {
        self.pending
            .request(|request| request.server = Server::Base(base));
        self
    }
}

impl<T> Future for Call<'_, T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.pending.poll_answer(cx) {
            Poll::Ready(Ok(answer)) => Poll::Ready((self.decode)(answer)),
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T> fmt::Debug for Call<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").finish_non_exhaustive()
    }
}

/// What came with a successful answer: from [`Call::with_response`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The `Request-Id` header: what Stripe support asks for.
    pub request_id: Option<String>,
    /// Every response header.
    pub headers: HeaderMap,
}

/// A [`Call`] that answers `(value, ResponseMeta)`.
#[must_use = "a call sends nothing until it is awaited"]
pub struct WithResponse<'a, T> {
    call: Call<'a, T>,
}

impl<T> Future for WithResponse<'_, T> {
    type Output = Result<(T, ResponseMeta), Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.call.pending.poll_answer(cx) {
            Poll::Ready(Ok(answer)) => {
                let meta = ResponseMeta {
                    status: answer.status,
                    request_id: answer.request_id.clone(),
                    headers: answer.headers.clone(),
                };
                Poll::Ready((self.call.decode)(answer).map(|value| (value, meta)))
            }
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T> fmt::Debug for WithResponse<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithResponse").finish_non_exhaustive()
    }
}

/// `url` without its trailing `/`, if it is an http or https URL without a query.
fn checked_base_url(url: &str) -> Result<String, Error> {
    let url = url.trim_end_matches('/');
    let parsed = reqwest::Url::parse(url)
        .map_err(|error| Error::Config(format!("base URL {url:?}: {error}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
        return Err(Error::Config(format!(
            "base URL {url:?} must be an http or https URL without a query"
        )));
    }
    Ok(url.to_string())
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
