use std::fmt;
use std::ops::{Add, Sub};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::form::{FormValue, FormWriter};
use super::read::{JsonReader, ReadJson};
use super::values::{system_time, unix_parts, DateTime};

/// A point in time as Stripe's v1 API writes it (`format: unix-time`): whole seconds
/// since the Unix epoch, an integer on the wire.
///
/// It converts to and from `SystemTime` and v2's [`DateTime`], compares and orders as
/// time does, and moves by a `Duration`:
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use stripe_client::Timestamp;
///
/// let created = Timestamp::from_unix(1_779_883_205);
/// assert_eq!(created.to_string(), "2026-05-27T12:00:05Z");
/// let trial_end = created + Duration::from_secs(14 * 86_400);
/// assert!(trial_end > created);
/// assert_eq!(trial_end.duration_since(created), Some(Duration::from_secs(14 * 86_400)));
/// assert_eq!(created.unix_timestamp(), 1_779_883_205);
/// let system: SystemTime = created.into();
/// assert_eq!(Timestamp::from(system), created);
/// assert_eq!(created.to_date_time().as_str(), "2026-05-27T12:00:05Z");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
}

impl Timestamp {
    /// The instant `seconds` after the Unix epoch (before it, if negative).
    pub const fn from_unix(seconds: i64) -> Self {
        Self { seconds }
    }

    /// Now, to the second (the fraction dropped, as Stripe keeps whole seconds).
    pub fn now() -> Self {
        Self::from(SystemTime::now())
    }

    /// Seconds since the Unix epoch (1970-01-01T00:00:00Z).
    pub const fn unix_timestamp(self) -> i64 {
        self.seconds
    }

    /// The instant as a `SystemTime`.
    pub fn to_system_time(self) -> SystemTime {
        system_time(self.seconds, 0)
    }

    /// The instant as v2 writes it (RFC 3339, UTC).
    pub fn to_date_time(self) -> DateTime {
        DateTime::from_unix(self.seconds, 0)
    }

    /// How long after `earlier` this is; `None` if it is before it.
    pub fn duration_since(self, earlier: Timestamp) -> Option<Duration> {
        let seconds = self.seconds.checked_sub(earlier.seconds)?;
        u64::try_from(seconds).ok().map(Duration::from_secs)
    }
}

/// To the second, rounding towards the past (a fraction of a second before the epoch
/// is the second before it).
impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let (seconds, _) = unix_parts(time);
        Self { seconds }
    }
}

impl From<Timestamp> for SystemTime {
    fn from(time: Timestamp) -> Self {
        time.to_system_time()
    }
}

/// Seconds since the Unix epoch.
impl From<i64> for Timestamp {
    fn from(seconds: i64) -> Self {
        Self { seconds }
    }
}

impl From<Timestamp> for i64 {
    fn from(time: Timestamp) -> Self {
        time.seconds
    }
}

/// To the second: the fraction is dropped.
impl From<&DateTime> for Timestamp {
    fn from(time: &DateTime) -> Self {
        Self {
            seconds: time.unix_timestamp(),
        }
    }
}

/// Compares with seconds since the Unix epoch.
impl PartialEq<i64> for Timestamp {
    fn eq(&self, seconds: &i64) -> bool {
        self.seconds == *seconds
    }
}

/// Later by whole seconds (a fraction is dropped); saturates rather than overflows.
impl Add<Duration> for Timestamp {
    type Output = Timestamp;

    fn add(self, duration: Duration) -> Timestamp {
        let seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
        Timestamp {
            seconds: self.seconds.saturating_add(seconds),
        }
    }
}

/// Earlier by whole seconds (a fraction is dropped); saturates rather than overflows.
impl Sub<Duration> for Timestamp {
    type Output = Timestamp;

    fn sub(self, duration: Duration) -> Timestamp {
        let seconds = i64::try_from(duration.as_secs()).unwrap_or(i64::MAX);
        Timestamp {
            seconds: self.seconds.saturating_sub(seconds),
        }
    }
}

/// RFC 3339 in UTC (`2026-05-27T12:00:05Z`).
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.to_date_time().as_str())
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl FormValue for Timestamp {
    fn write_form(&self, form: &mut FormWriter) {
        form.integer(self.seconds);
    }
}

impl ReadJson for Timestamp {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        json.integer().map(Self::from_unix)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.seconds)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        i64::deserialize(deserializer).map(Self::from_unix)
    }
}
