use std::fmt;

use super::InvalidParams;

/// How much of an unexpected response body an error keeps, so a large HTML error page
/// cannot flood logs.
const BODY_EXCERPT_BYTES: usize = 512;

/// Everything a call can fail with.
#[cfg_attr(not(feature = "redact-debug"), derive(Debug))]
#[non_exhaustive]
pub enum Error {
    /// Stripe answered with an error object (any non-2xx status with a JSON error body).
    Api(Box<ApiError>),
    /// A v2 call (`/v2/...`) failed with a v2 error object (`code` and `message`, a
    /// `type` for some errors): see [`V2ApiError::kind`].
    V2Api(Box<V2ApiError>),
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
    /// A card was declined or cannot be used (HTTP 402): see [`ApiError::code`],
    /// [`ApiError::decline_code`] and [`ApiError::param`].
    Card,
    /// Too many requests (HTTP 429, or 400 with code `rate_limit`): slow down and retry
    /// later.
    RateLimit,
    /// The key is missing, wrong or revoked (HTTP 401).
    Authentication,
    /// The key may not do this (HTTP 403).
    Permission,
    /// The idempotency key was used with other parameters (`idempotency_error`, HTTP
    /// 400 or 404).
    Idempotency,
    /// The request is invalid (HTTP 400 or 404, any other type): see
    /// [`ApiError::param`].
    InvalidRequest,
    /// Anything else (any other status: `api_error`, or a type this version does not
    /// know).
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
    /// Nested objects of the error that did not match their type and were left out
    /// of [`ApiError::error`] (a `payment_intent` of another API version's shape),
    /// each with where and why; the rest of the error is read all the same.
    pub left_out: Vec<super::DecodeProblem>,
    /// Whether Stripe (`Stripe-Should-Retry`) or the status says a retry may succeed.
    pub(crate) should_retry: bool,
    /// The `Stripe-Should-Retry` answer, when Stripe gave one.
    pub(crate) stripe_should_retry: Option<bool>,
}

impl ApiError {
    /// The kind of error, chosen as stripe-python and stripe-node choose their error
    /// class: by status first (429, or 400 with code `rate_limit`: rate limit; 400 and
    /// 404: idempotency error by `type`, else invalid request; 401; 402: card; 403),
    /// anything else [`ApiErrorKind::Other`] (`api_error` and unknown types alike).
    pub fn kind(&self) -> ApiErrorKind {
        let code = self.error.code.as_deref();
        match self.status {
            429 => ApiErrorKind::RateLimit,
            400 if code == Some("rate_limit") => ApiErrorKind::RateLimit,
            400 | 404 if self.error.r#type.as_str() == "idempotency_error" => {
                ApiErrorKind::Idempotency
            }
            400 | 404 => ApiErrorKind::InvalidRequest,
            401 => ApiErrorKind::Authentication,
            402 => ApiErrorKind::Card,
            403 => ApiErrorKind::Permission,
            _ => ApiErrorKind::Other,
        }
    }

    /// Stripe's `Stripe-Should-Retry` answer, when it gave one: `Some(false)` means
    /// sending the request again cannot succeed, `Some(true)` that it may.
    pub fn stripe_should_retry(&self) -> Option<bool> {
        self.stripe_should_retry
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

/// An error object of Stripe's v2 API: `{"error": {"code", "message", "type", ...}}`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct V2ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The `Request-Id` response header: quote it to Stripe support.
    pub request_id: Option<String>,
    /// What went wrong, for a program to act on (`invalid_fields`, `not_found`, ...).
    pub code: String,
    /// The human-readable message, for developers.
    pub message: String,
    /// The error's `type`, which some v2 errors carry (`insufficient_funds`, ...).
    pub error_type: Option<String>,
    /// A message that may be shown to the end user.
    pub user_message: Option<String>,
    /// A link to the error's documentation.
    pub doc_url: Option<String>,
    /// Every other field of the error object (`applied_configurations`,
    /// `invalid_fields`, ...), as Stripe sent it.
    pub other_fields: serde_json::Map<String, serde_json::Value>,
    /// Whether Stripe (`Stripe-Should-Retry`) or the status says a retry may succeed.
    pub(crate) should_retry: bool,
}

/// What kind of v2 error Stripe reported, chosen as stripe-node chooses its error class:
/// by the error's `type` first (whatever the status), then `code: invalid_fields`, then
/// by the status as for v1 (429, or 400 with code `rate_limit`: rate limit; 400 and 404:
/// idempotency or invalid request; 401, 402, 403; anything else [`V2ErrorKind::Other`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum V2ErrorKind {
    /// `idempotency_error`, or a 400/404 v1-style idempotency error.
    Idempotency,
    /// `already_canceled`
    AlreadyCanceled,
    /// `blocked_by_stripe`
    BlockedByStripe,
    /// `cannot_proceed`
    CannotProceed,
    /// `capability_not_enabled`
    CapabilityNotEnabled,
    /// `controlled_by_alternate_resource`
    ControlledByAlternateResource,
    /// `feature_not_enabled`
    FeatureNotEnabled,
    /// `financial_account_not_open`
    FinancialAccountNotOpen,
    /// `fx_quote_needs_refresh`
    FxQuoteNeedsRefresh,
    /// `insufficient_funds`
    InsufficientFunds,
    /// `invalid_payment_method`
    InvalidPaymentMethod,
    /// `invalid_payout_method`
    InvalidPayoutMethod,
    /// `invalid_vaulted_credential`
    InvalidVaultedCredential,
    /// `not_cancelable`
    NotCancelable,
    /// `quota_exceeded`
    QuotaExceeded,
    /// `recipient_not_notifiable`
    RecipientNotNotifiable,
    /// `temporary_session_expired`
    TemporarySessionExpired,
    /// `verification_attempt_failed`
    VerificationAttemptFailed,
    /// `verification_expired`
    VerificationExpired,
    /// `verification_not_initiated`
    VerificationNotInitiated,
    /// Too many requests: `type: rate_limit`, HTTP 429, or 400 with code `rate_limit`.
    RateLimit,
    /// The request is invalid: `code: invalid_fields` (see `other_fields`), or HTTP 400
    /// or 404.
    InvalidRequest,
    /// The key is missing, wrong or revoked (HTTP 401).
    Authentication,
    /// A payment was declined (HTTP 402).
    Card,
    /// The key may not do this (HTTP 403).
    Permission,
    /// Anything else.
    Other,
}

impl V2ApiError {
    /// The kind of error (see [`V2ErrorKind`]).
    pub fn kind(&self) -> V2ErrorKind {
        let by_type = match self.error_type.as_deref() {
            Some("idempotency_error") => Some(V2ErrorKind::Idempotency),
            Some("already_canceled") => Some(V2ErrorKind::AlreadyCanceled),
            Some("blocked_by_stripe") => Some(V2ErrorKind::BlockedByStripe),
            Some("cannot_proceed") => Some(V2ErrorKind::CannotProceed),
            Some("capability_not_enabled") => Some(V2ErrorKind::CapabilityNotEnabled),
            Some("controlled_by_alternate_resource") => {
                Some(V2ErrorKind::ControlledByAlternateResource)
            }
            Some("feature_not_enabled") => Some(V2ErrorKind::FeatureNotEnabled),
            Some("financial_account_not_open") => Some(V2ErrorKind::FinancialAccountNotOpen),
            Some("fx_quote_needs_refresh") => Some(V2ErrorKind::FxQuoteNeedsRefresh),
            Some("insufficient_funds") => Some(V2ErrorKind::InsufficientFunds),
            Some("invalid_payment_method") => Some(V2ErrorKind::InvalidPaymentMethod),
            Some("invalid_payout_method") => Some(V2ErrorKind::InvalidPayoutMethod),
            Some("invalid_vaulted_credential") => Some(V2ErrorKind::InvalidVaultedCredential),
            Some("not_cancelable") => Some(V2ErrorKind::NotCancelable),
            Some("quota_exceeded") => Some(V2ErrorKind::QuotaExceeded),
            Some("rate_limit") => Some(V2ErrorKind::RateLimit),
            Some("recipient_not_notifiable") => Some(V2ErrorKind::RecipientNotNotifiable),
            Some("temporary_session_expired") => Some(V2ErrorKind::TemporarySessionExpired),
            Some("verification_attempt_failed") => Some(V2ErrorKind::VerificationAttemptFailed),
            Some("verification_expired") => Some(V2ErrorKind::VerificationExpired),
            Some("verification_not_initiated") => Some(V2ErrorKind::VerificationNotInitiated),
            _ => None,
        };
        if let Some(kind) = by_type {
            return kind;
        }
        if self.code == "invalid_fields" {
            return V2ErrorKind::InvalidRequest;
        }
        match self.status {
            429 => V2ErrorKind::RateLimit,
            400 if self.code == "rate_limit" => V2ErrorKind::RateLimit,
            400 | 404 if self.error_type.as_deref() == Some("idempotency_error") => {
                V2ErrorKind::Idempotency
            }
            400 | 404 => V2ErrorKind::InvalidRequest,
            401 => V2ErrorKind::Authentication,
            402 => V2ErrorKind::Card,
            403 => V2ErrorKind::Permission,
            _ => V2ErrorKind::Other,
        }
    }

    /// Reads the body of a failed v2 call: `{"error": {...}}` with text `code` and
    /// `message`; `None` for anything else.
    pub(crate) fn from_body(
        status: u16,
        request_id: Option<String>,
        should_retry: bool,
        body: &[u8],
    ) -> Option<Self> {
        let mut envelope: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(body).ok()?;
        let serde_json::Value::Object(mut error) = envelope.remove("error")? else {
            return None;
        };
        let mut text = |key: &str| match error.remove(key) {
            Some(serde_json::Value::String(text)) => Some(text),
            _ => None,
        };
        let (code, message) = (text("code")?, text("message")?);
        let (error_type, user_message, doc_url) =
            (text("type"), text("user_message"), text("doc_url"));
        Some(Self {
            status,
            request_id,
            code,
            message,
            error_type,
            user_message,
            doc_url,
            other_fields: error,
            should_retry,
        })
    }
}

impl Error {
    /// Whether sending the same request again (with the same idempotency key) may
    /// succeed: Stripe said so (`Stripe-Should-Retry`, 409, 429, 5xx), or the connection
    /// failed. The client already retried these up to its limit. Never true for
    /// [`Error::UndecodableSuccess`]: that request succeeded.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => api.should_retry || api.status == 429,
            Error::V2Api(api) => api.should_retry || api.status == 429,
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
            Error::V2Api(api) => api.request_id.as_deref(),
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
            Error::V2Api(api) => Some(api.status),
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
#[doc(hidden)]
pub fn excerpt(body: &[u8]) -> String {
    let mut end = body.len().min(BODY_EXCERPT_BYTES);
    while end > 0 && end < body.len() && (body[end] & 0b1100_0000) == 0b1000_0000 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// With `redact-debug`, the bodies an error carries show their size only.
#[cfg(feature = "redact-debug")]
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::Size;
        match self {
            Self::Api(error) => f.debug_tuple("Api").field(error).finish(),
            Self::V2Api(error) => f.debug_tuple("V2Api").field(error).finish(),
            Self::Transport(error) => f.debug_tuple("Transport").field(error).finish(),
            Self::InvalidParams(error) => f.debug_tuple("InvalidParams").field(error).finish(),
            Self::UnexpectedResponse {
                status,
                request_id,
                reason,
                body_excerpt,
            } => f
                .debug_struct("UnexpectedResponse")
                .field("status", status)
                .field("request_id", request_id)
                .field("reason", reason)
                .field("body_excerpt", &Size(body_excerpt.len()))
                .finish(),
            Self::ResponseTooLarge { status, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("status", status)
                .field("limit", limit)
                .finish(),
            Self::Config(message) => f.debug_tuple("Config").field(message).finish(),
            Self::UndecodableSuccess {
                status,
                request_id,
                reason,
                body,
            } => f
                .debug_struct("UndecodableSuccess")
                .field("status", status)
                .field("request_id", request_id)
                .field("reason", reason)
                .field("body", &Size(body.len()))
                .finish(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(api) => api.fmt(f),
            Error::V2Api(api) => api.fmt(f),
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

impl fmt::Display for V2ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request {id}")?;
        }
        write!(f, ") {}: {}", self.code, self.message)
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
impl std::error::Error for V2ApiError {}

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
