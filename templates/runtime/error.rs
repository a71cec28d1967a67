use std::fmt;

/// How much of an unexpected response body an error keeps, so a large HTML error page
/// cannot flood logs.
const BODY_EXCERPT_BYTES: usize = 512;

/// Everything a call can fail with.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error object (any non-2xx status with a JSON error body).
    Api(Box<ApiError>),
    /// The request did not complete: connection, TLS, timeout or body transfer failed.
    Transport(reqwest::Error),
    /// The parameters break the spec's constraints or cannot be encoded (a number that is
    /// not finite); nothing was sent.
    InvalidParams(InvalidParams),
    /// Stripe answered with something that is not the documented response: a body that
    /// is not the expected JSON (for example an HTML page from a proxy).
    UnexpectedResponse {
        /// The HTTP status.
        status: u16,
        /// The `Request-Id` response header, if any.
        request_id: Option<String>,
        /// Why the body was not understood.
        reason: String,
        /// The start of the body (at most 512 bytes, lossily decoded).
        body_excerpt: String,
    },
    /// The answer was larger than the client's limit
    /// ([`crate::ClientBuilder::max_response_bytes`]); it was not read to the end.
    ResponseTooLarge {
        /// The HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The client was configured with something unusable (for example a malformed base
    /// URL). The secret key is never part of the message.
    Config(String),
    /// **The request succeeded**: Stripe answered with a 2xx status, so it acted on the
    /// request (and may have moved money), but the body is not the object this
    /// version of the client expects (a newer API version, a field the spec got
    /// wrong). Do not send the request again as if it had failed; read `body` (the
    /// whole answer) yourself, and quote `request_id` if you report it.
    UndecodableSuccess {
        /// The HTTP status (2xx).
        status: u16,
        /// The `Request-Id` response header.
        request_id: Option<String>,
        /// Why the body was not read.
        reason: String,
        /// The whole body, as it came (at most the client's `max_response_bytes`).
        body: Vec<u8>,
    },
}

/// What kind of error Stripe reported, the way its official SDKs split errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// A card was declined or cannot be used (`card_error`): see
    /// [`ApiError::code`], [`ApiError::decline_code`] and [`ApiError::param`].
    Card,
    /// Too many requests (HTTP 429): slow down and retry later.
    RateLimit,
    /// The key is missing, wrong or revoked (HTTP 401).
    Authentication,
    /// The key may not do this (HTTP 403).
    Permission,
    /// The idempotency key was used with other parameters (`idempotency_error`).
    Idempotency,
    /// The request is invalid (`invalid_request_error`): see [`ApiError::param`].
    InvalidRequest,
    /// Anything else (`api_error`, or a type this version does not know).
    Other,
}

/// An error object returned by Stripe.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` response header: quote it to Stripe support.
    pub request_id: Option<String>,
    /// The decoded `error` object: type, code, message, param and more.
    pub error: crate::types::ApiErrors,
    /// Whether Stripe (`Stripe-Should-Retry`) or the status says a retry may succeed.
    pub(crate) should_retry: bool,
}

impl ApiError {
    /// The kind of error: by status for 401, 403 and 429, else by the error's `type`.
    pub fn kind(&self) -> ApiErrorKind {
        match (self.status, self.error.r#type.as_str()) {
            (429, _) => ApiErrorKind::RateLimit,
            (401, _) => ApiErrorKind::Authentication,
            (403, _) => ApiErrorKind::Permission,
            (_, "card_error") => ApiErrorKind::Card,
            (_, "idempotency_error") => ApiErrorKind::Idempotency,
            (_, "invalid_request_error") => ApiErrorKind::InvalidRequest,
            _ => ApiErrorKind::Other,
        }
    }

    /// The error code (`card_declined`, `resource_missing`, ...), for a program to act on.
    pub fn code(&self) -> Option<&str> {
        self.error.code.as_deref()
    }

    /// For card declines, the issuer's reason (`insufficient_funds`, ...), when given.
    pub fn decline_code(&self) -> Option<&str> {
        self.error.decline_code.as_deref()
    }

    /// The parameter the error is about, when there is one.
    pub fn param(&self) -> Option<&str> {
        self.error.param.as_deref()
    }

    /// The human-readable message.
    pub fn message(&self) -> Option<&str> {
        self.error.message.as_deref()
    }
}

/// The problems found in parameters before sending, each named by its wire key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParams {
    /// Every problem found, in the order of the parameters.
    pub problems: Vec<ParamProblem>,
}

/// One parameter that breaks a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamProblem {
    /// The parameter's key as sent on the wire, such as `business_profile[headline]`.
    pub param: String,
    /// What is wrong with it.
    pub message: String,
}

impl Error {
    /// Whether sending the same request again (with the same idempotency key) may
    /// succeed: Stripe said so (`Stripe-Should-Retry`, 409, 429, 5xx), or the connection
    /// failed. The client already retried these up to its limit. Never true for
    /// [`Error::UndecodableSuccess`]: that request succeeded.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => api.should_retry || api.status == 429,
            Error::Transport(error) => super::client::is_retryable_transport(error),
            Error::UnexpectedResponse { status, .. } => *status >= 500,
            Error::InvalidParams(_)
            | Error::ResponseTooLarge { .. }
            | Error::Config(_)
            | Error::UndecodableSuccess { .. } => false,
        }
    }

    /// The kind of error Stripe reported, if it answered with an error object.
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        match self {
            Error::Api(api) => Some(api.kind()),
            _ => None,
        }
    }

    /// The `Request-Id` of Stripe's answer, if there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::UnexpectedResponse { request_id, .. }
            | Error::UndecodableSuccess { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether the request timed out (see [`crate::ClientBuilder::timeout`]).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport(error) if error.is_timeout())
    }

    /// The HTTP status Stripe answered with, if it answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::UnexpectedResponse { status, .. }
            | Error::ResponseTooLarge { status, .. }
            | Error::UndecodableSuccess { status, .. } => Some(*status),
            Error::Transport(error) => error.status().map(|status| status.as_u16()),
            Error::InvalidParams(_) | Error::Config(_) => None,
        }
    }

    pub(crate) fn unexpected_response(
        status: u16,
        request_id: Option<String>,
        reason: String,
        body: &[u8],
    ) -> Self {
        Error::UnexpectedResponse {
            status,
            request_id,
            reason,
            body_excerpt: excerpt(body),
        }
    }
}

/// The start of `body` (at most 512 bytes, cut on a character boundary where it is
/// UTF-8, lossily decoded), so large bodies cannot flood messages and logs.
pub(crate) fn excerpt(body: &[u8]) -> String {
    let mut end = body.len().min(BODY_EXCERPT_BYTES);
    while end > 0 && end < body.len() && (body[end] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => api.fmt(f),
            Error::Transport(error) => write!(f, "request to Stripe failed: {error}"),
            Error::InvalidParams(invalid) => invalid.fmt(f),
            Error::UnexpectedResponse {
                status,
                request_id,
                reason,
                body_excerpt,
            } => {
                write!(f, "unexpected response from Stripe (HTTP {status}")?;
                if let Some(id) = request_id {
                    write!(f, ", request {id}")?;
                }
                write!(f, "): {reason}; body starts: {body_excerpt:?}")
            }
            Error::ResponseTooLarge { status, limit } => write!(
                f,
                "the answer from Stripe (HTTP {status}) is larger than the limit of {limit} bytes"
            ),
            Error::Config(message) => write!(f, "invalid client configuration: {message}"),
            Error::UndecodableSuccess {
                status,
                request_id,
                reason,
                body,
            } => {
                write!(f, "Stripe did the request (HTTP {status}")?;
                if let Some(id) = request_id {
                    write!(f, ", request {id}")?;
                }
                write!(
                    f,
                    ") but its answer ({} bytes) is not the documented object: {reason}",
                    body.len()
                )
            }
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request {id}")?;
        }
        write!(f, ")")?;
        if let Some(code) = &self.error.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.error.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

/// `invalid parameters, nothing was sent. `a` must not be empty. `b` must be ...`: one
/// sentence per problem.
impl fmt::Display for InvalidParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid parameters, nothing was sent.")?;
        for problem in &self.problems {
            write!(f, " {problem}")?;
        }
        Ok(())
    }
}

/// `` `business_profile[headline]` must be at most 60 characters, got 61. ``
impl fmt::Display for ParamProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}.", self.param, self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

impl std::error::Error for ApiError {}
impl std::error::Error for InvalidParams {}

impl From<InvalidParams> for Error {
    fn from(invalid: InvalidParams) -> Self {
        Error::InvalidParams(invalid)
    }
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        // reqwest errors carry the URL, never headers, so the secret key cannot leak here.
        Error::Transport(error)
    }
}
