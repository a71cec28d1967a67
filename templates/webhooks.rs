//! Receiving webhook events: check that a request really comes from Stripe, then decode
//! its event into [`Event`], whose `data.object` is an [`EventObject`] and whose
//! `type` is an [`EventType`].
//!
//! Stripe signs each delivery with the endpoint's secret (`whsec_...`): the
//! `Stripe-Signature` header holds a timestamp and HMAC-SHA256 signatures of
//! `"{timestamp}.{body}"`. Verify against the body exactly as it arrived (the raw
//! bytes, before any JSON parsing), then answer 2xx quickly and do the work elsewhere.
//!
//! ```
//! use stripe_client::webhooks::{self, EventType};
//!
//! # fn main() -> Result<(), webhooks::WebhookError> {
//! # let secret = "whsec_test";
//! # let body = format!(r#"{{"id": "evt_1", "object": "event", "api_version": "{}",
//! #   "created": 1, "livemode": false, "pending_webhooks": 1, "type": "customer.created",
//! #   "data": {{"object": {{"object": "customer", "id": "cus_1"}}}}}}"#,
//! #   stripe_client::API_VERSION);
//! # let body = body.as_bytes();
//! # let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
//! # let header = webhooks::generate_test_header(body, secret, now.as_secs() as i64);
//! // `body`: the request's bytes; `header`: its `Stripe-Signature` header.
//! let event = webhooks::construct_event(body, &header, secret)?;
//! match &event.r#type {
//!     // `event.data.object` is the customer (`EventObject::Customer` where the
//!     // customers feature is on).
//!     EventType::CustomerCreated => println!("{} created", event.id),
//!     other => println!("{} not handled", other.as_str()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Event destinations of Stripe's v2 API send *event notifications* ("thin events":
//! an event's ID, type, time and related object, no data), signed the same way:
//! [`parse_event_notification`] verifies and reads one, and
//! [`EventNotification::fetch_event`] and [`EventNotification::fetch_related_object`]
//! get the rest.
//!
//! Typed objects match the crate only when the endpoint sends events in the crate's
//! API version ([`crate::API_VERSION`]): create the endpoint with that `api_version`
//! (the Dashboard, or the webhook endpoints API). Events of another version are refused
//! with [`WebhookError::ApiVersionMismatch`] unless
//! [`Webhook::ignore_api_version_mismatch`] is set.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub use crate::types::{Event, EventObject, EventType};

/// Verifies `payload` against its `Stripe-Signature` header with the event
/// destination's `secret` (default tolerance), then reads it as an event notification
/// (see [`Webhook::parse_event_notification`]).
pub fn parse_event_notification(
    payload: &[u8],
    signature_header: &str,
    secret: &str,
) -> Result<EventNotification, WebhookError> {
    Webhook::new(secret).parse_event_notification(payload, signature_header)
}

/// An event notification (a "thin event") from a v2 event destination: what happened
/// and to which object, without the object's data. Fetch the whole event with
/// [`EventNotification::fetch_event`] (decode it with `.json()`, into
/// `types::V2CoreEvent` where the crate has it) and the object as it is now with
/// [`EventNotification::fetch_related_object`].
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[non_exhaustive]
pub struct EventNotification {
    /// The event's ID (`evt_...`).
    pub id: String,
    /// Always `v2.core.event`.
    #[serde(default = "v2_core_event")]
    pub object: String,
    /// What happened (`v1.billing.meter.error_report_triggered`).
    #[serde(rename = "type")]
    pub r#type: String,
    /// When the event happened.
    pub created: crate::DateTime,
    /// Whether it happened in live mode.
    pub livemode: bool,
    /// The account or context the event happened in (sent back as `Stripe-Context`
    /// when fetching).
    #[serde(default)]
    pub context: Option<String>,
    /// The object the event is about.
    #[serde(default)]
    pub related_object: Option<RelatedObject>,
    /// Why the event happened (for example the request that caused it), as sent.
    #[serde(default)]
    pub reason: Option<serde_json::Value>,
}

fn v2_core_event() -> String {
    "v2.core.event".to_string()
}

/// The object an [`EventNotification`] is about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[non_exhaustive]
pub struct RelatedObject {
    /// Its ID.
    pub id: String,
    /// Its type (`billing.meter`).
    #[serde(rename = "type")]
    pub r#type: String,
    /// The path to GET it (`/v1/billing/meters/mtr_123`).
    pub url: String,
}

impl EventNotification {
    /// The whole event: `GET /v2/core/events/{id}`, with the notification's
    /// `Stripe-Context` and `Stripe-Request-Trigger: event=<id>`, as stripe-node sends
    /// them. The answer's `.json()` decodes it.
    pub async fn fetch_event(
        &self,
        client: &crate::Client,
    ) -> Result<crate::runtime::RawResponse, crate::Error> {
        let request = crate::runtime::ApiRequest::new("fetch_event", reqwest::Method::GET)
            .v2()
            .literal("/v2/core/events/")
            .param("id", &self.id, None);
        self.fetch(client, request).await
    }

    /// The related object as it is now: a GET of `related_object.url` as given (a v1
    /// or v2 path), with the same headers as [`EventNotification::fetch_event`];
    /// `None` when the event has no related object.
    pub async fn fetch_related_object(
        &self,
        client: &crate::Client,
    ) -> Result<Option<crate::runtime::RawResponse>, crate::Error> {
        match &self.related_object {
            Some(related) => {
                let request =
                    crate::runtime::ApiRequest::get_path("fetch_related_object", &related.url);
                self.fetch(client, request).await.map(Some)
            }
            None => Ok(None),
        }
    }

    /// Sends `request` with the notification's `Stripe-Context` and
    /// `Stripe-Request-Trigger`, as options of this call only.
    async fn fetch(
        &self,
        client: &crate::Client,
        request: crate::runtime::ApiRequest,
    ) -> Result<crate::runtime::RawResponse, crate::Error> {
        let mut call = request
            .send_raw(client)
            .header("Stripe-Request-Trigger", format!("event={}", self.id));
        if let Some(context) = &self.context {
            call = call.stripe_context(context.clone());
        }
        call.await
    }
}

/// How far a signature's timestamp may be from now (Stripe's SDKs use the same).
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

type HmacSha256 = Hmac<Sha256>;

/// Verifies `payload` against its `Stripe-Signature` header with the endpoint's
/// `secret`, with the default tolerance and API version check, then decodes it.
pub fn construct_event(
    payload: &[u8],
    signature_header: &str,
    secret: &str,
) -> Result<Event, WebhookError> {
    Webhook::new(secret).construct_event(payload, signature_header)
}

/// A `Stripe-Signature` header for `payload` signed with `secret` at `timestamp` (Unix
/// seconds), as Stripe would send it: for testing your own webhook handlers.
pub fn generate_test_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
    let mut mac = signer(secret, timestamp);
    mac.update(payload);
    let signature = mac.finalize().into_bytes();
    let hex: String = signature.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// A verifier for one endpoint's events, with settings other than the defaults.
#[derive(Clone)]
pub struct Webhook {
    secret: String,
    tolerance: Duration,
    now: Option<i64>,
    check_api_version: bool,
}

impl Webhook {
    /// A verifier for the endpoint whose signing secret is `secret` (`whsec_...`).
    pub fn new(secret: impl Into<String>) -> Self {
        Self {
            secret: secret.into(),
            tolerance: DEFAULT_TOLERANCE,
            now: None,
            check_api_version: true,
        }
    }

    /// How far the signature's timestamp may be from now, either way (default 5
    /// minutes). Old deliveries outside it are refused, which stops replays.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The current time in Unix seconds, instead of the clock's (for tests).
    pub fn now(mut self, unix_seconds: i64) -> Self {
        self.now = Some(unix_seconds);
        self
    }

    /// Decodes events whatever their `api_version`. Their objects may then not match
    /// this crate's types; those that do not decode are [`EventObject::Unknown`].
    pub fn ignore_api_version_mismatch(mut self) -> Self {
        self.check_api_version = false;
        self
    }

    /// Checks that `payload` was signed with the secret (any `v1` signature of the
    /// header matches, compared in constant time) within the tolerance of now.
    pub fn verify(&self, payload: &[u8], signature_header: &str) -> Result<(), WebhookError> {
        let header = SignatureHeader::parse(signature_header)?;
        let matches = header.signatures.iter().any(|signature| {
            let mut mac = signer(&self.secret, header.timestamp);
            mac.update(payload);
            mac.verify_slice(signature).is_ok()
        });
        if !matches {
            return Err(WebhookError::NoMatchingSignature);
        }
        let now = self.now.unwrap_or_else(unix_now);
        let distance = (i128::from(now) - i128::from(header.timestamp)).unsigned_abs();
        if distance > self.tolerance.as_secs().into() {
            return Err(WebhookError::TimestampOutsideTolerance {
                timestamp: header.timestamp,
                now,
                tolerance: self.tolerance,
            });
        }
        Ok(())
    }

    /// [`Webhook::verify`], then decodes the event (checking its API version unless
    /// told not to).
    pub fn construct_event(
        &self,
        payload: &[u8],
        signature_header: &str,
    ) -> Result<Event, WebhookError> {
        self.verify(payload, signature_header)?;
        // Read in one pass; an object that does not match its kind is kept in
        // `EventObject::Undecodable`, so only a broken envelope fails here.
        let event = crate::runtime::read_json_slice::<Event>(payload);
        if self.check_api_version {
            let version = match &event {
                Ok(event) => event.api_version.clone(),
                // An event of another version that does not decode is reported as
                // of another version.
                Err(problem) => match serde_json::from_slice::<serde_json::Value>(payload) {
                    Ok(value) => value
                        .get("api_version")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string),
                    Err(_) => {
                        return Err(WebhookError::invalid_payload(problem.to_string(), payload))
                    }
                },
            };
            if version.as_deref() != Some(crate::API_VERSION) {
                return Err(WebhookError::ApiVersionMismatch {
                    event: version,
                    expected: crate::API_VERSION,
                });
            }
        }
        event.map_err(|problem| WebhookError::invalid_payload(problem.to_string(), payload))
    }
}

/// The secret never shows.
impl Webhook {
    /// Verifies `payload` against `signature_header` (as [`Webhook::verify`]), then reads
    /// it as an event notification of a v2 event destination. There is no API version
    /// to check; a v1 event (`object: "event"`, use [`Webhook::construct_event`]) and
    /// any other `object` but `v2.core.event` are refused (a payload without `object`
    /// is read, as stripe-node reads it).
    pub fn parse_event_notification(
        &self,
        payload: &[u8],
        signature_header: &str,
    ) -> Result<EventNotification, WebhookError> {
        self.verify(payload, signature_header)?;
        let value: serde_json::Value = serde_json::from_slice(payload)
            .map_err(|error| WebhookError::invalid_payload(error.to_string(), payload))?;
        match value.get("object") {
            None | Some(serde_json::Value::Null) => {}
            Some(serde_json::Value::String(object)) if object == "v2.core.event" => {}
            Some(object) => {
                return Err(WebhookError::NotAnEventNotification {
                    object: Some(
                        object
                            .as_str()
                            .map_or_else(|| object.to_string(), str::to_string),
                    ),
                })
            }
        }
        serde_json::from_value(value)
            .map_err(|error| WebhookError::invalid_payload(error.to_string(), payload))
    }
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("secret", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .field("now", &self.now)
            .field("check_api_version", &self.check_api_version)
            .finish()
    }
}

/// Why a webhook request was refused. None of them carries the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The `Stripe-Signature` header is missing or empty.
    MissingHeader,
    /// The header is not `t=<timestamp>,v1=<signature>,...`.
    MalformedHeader {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No `v1` signature of the header matches the payload and secret (or there is
    /// none): the request is not from Stripe, the body was changed, or the secret is
    /// another endpoint's.
    NoMatchingSignature,
    /// The signature is valid but its timestamp is too far from now (a replay, or a
    /// clock far off).
    TimestampOutsideTolerance {
        /// The signature's timestamp, Unix seconds.
        timestamp: i64,
        /// Now, Unix seconds.
        now: i64,
        /// The tolerance in force.
        tolerance: Duration,
    },
    /// An event notification was expected, but the payload's `object` is not
    /// `v2.core.event` (`event` for a v1 event).
    NotAnEventNotification {
        /// The payload's `object`, if it has one.
        object: Option<String>,
    },
    /// The event is written in another API version than this crate's types.
    ApiVersionMismatch {
        /// The event's `api_version` (none if it has none).
        event: Option<String>,
        /// This crate's [`crate::API_VERSION`].
        expected: &'static str,
    },
    /// The signed payload is not an event this crate can read.
    InvalidPayload {
        /// Why it could not be read.
        reason: String,
        /// The start of the payload (at most 512 bytes, lossily decoded).
        excerpt: String,
    },
}

impl WebhookError {
    fn invalid_payload(reason: String, payload: &[u8]) -> Self {
        WebhookError::InvalidPayload {
            reason,
            excerpt: crate::runtime::error::excerpt(payload),
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader => write!(f, "no Stripe-Signature header"),
            WebhookError::MalformedHeader { reason } => {
                write!(f, "malformed Stripe-Signature header: {reason}")
            }
            WebhookError::NoMatchingSignature => {
                write!(
                    f,
                    "no signature in the Stripe-Signature header matches the payload"
                )
            }
            WebhookError::TimestampOutsideTolerance {
                timestamp,
                now,
                tolerance,
            } => write!(
                f,
                "the signature's timestamp {timestamp} is more than {} s from now ({now})",
                tolerance.as_secs()
            ),
            WebhookError::NotAnEventNotification { object } => write!(
                f,
                "the payload is not an event notification (object {}, not v2.core.event)",
                object.as_deref().unwrap_or("(none)")
            ),
            WebhookError::ApiVersionMismatch { event, expected } => write!(
                f,
                "the event is in API version {}, this crate's types are {expected}; create \
                 the endpoint with api_version {expected}",
                event.as_deref().unwrap_or("(none)")
            ),
            WebhookError::InvalidPayload { reason, excerpt } => {
                write!(
                    f,
                    "the payload is not a readable event: {reason}; it starts: {excerpt:?}"
                )
            }
        }
    }
}

impl std::error::Error for WebhookError {}

/// The parts of a `Stripe-Signature` header that count.
struct SignatureHeader {
    timestamp: i64,
    /// The `v1` signatures, decoded; ones that are not 64 hex digits cannot match and
    /// are left out.
    signatures: Vec<Vec<u8>>,
}

impl SignatureHeader {
    /// Comma-separated `key=value` items: `t` (the last one counts, as in Stripe's
    /// SDKs) and any number of `v1`; `v0` and unknown items are ignored.
    fn parse(header: &str) -> Result<Self, WebhookError> {
        if header.trim().is_empty() {
            return Err(WebhookError::MissingHeader);
        }
        let mut timestamp = None;
        let mut signatures = Vec::new();
        for item in header.split(',') {
            let Some((key, value)) = item.trim().split_once('=') else {
                continue;
            };
            match key {
                "t" => timestamp = Some(value),
                "v1" => signatures.extend(decode_hex(value)),
                _ => {}
            }
        }
        let timestamp = timestamp.ok_or(WebhookError::MalformedHeader {
            reason: "no timestamp (`t=`)",
        })?;
        let timestamp = timestamp
            .parse()
            .map_err(|_| WebhookError::MalformedHeader {
                reason: "the timestamp is not a whole number of seconds",
            })?;
        Ok(Self {
            timestamp,
            signatures,
        })
    }
}

/// An HMAC-SHA256 keyed with the whole secret, fed `"{timestamp}."`.
fn signer(secret: &str, timestamp: i64) -> HmacSha256 {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac
}

/// 64 hex digits as 32 bytes; anything else as nothing.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(&text[at..at + 2], 16).ok())
        .collect()
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| i64::try_from(since.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
