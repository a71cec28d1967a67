//! Values Stripe carries as text because a JSON number would lose them: decimals
//! (`format: decimal`) and points in time (`format: date-time`, RFC 3339).
//!
//! Both keep their exact text, so what Stripe sent is what is written back, and neither
//! ever passes through an `f64`. They need no dependency: a decimal is checked and put
//! in canonical form, a time is parsed to seconds and nanoseconds since the Unix epoch
//! (turn it into `std::time::SystemTime`, or into your date library's type from
//! [`DateTime::unix_timestamp`] and [`DateTime::nanosecond`]).

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::read::{JsonReader, ReadJson};

use super::{FormValue, FormWriter};

/// Text that is not a value of the type it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseValueError {
    /// What was expected (`a decimal number`, `an RFC 3339 date-time`).
    pub expected: &'static str,
    /// The text as given.
    pub text: String,
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}", self.text, self.expected)
    }
}

impl std::error::Error for ParseValueError {}

/// An exact decimal number (`format: decimal`: `unit_amount_decimal`, v2's
/// `percent_ownership`), held as its canonical text: no exponent, no leading zeros, no
/// trailing zeros after the point, no `-0` (`"25.50"` is `25.5`, `"0.0100"` is
/// `0.01`). That is what is sent, as stripe-node sends its `Decimal`, and two decimals
/// are equal when their values are.
///
/// ```
/// use stripe_client::Decimal;
/// let rate: Decimal = "25.50".parse().unwrap();
/// assert_eq!(rate.as_str(), "25.5");
/// assert_eq!(Decimal::from(12), "12.000".parse().unwrap());
/// assert!("1e3".parse::<Decimal>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Decimal {
    text: String,
}

impl Decimal {
    /// The canonical text (`25.5`).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The nearest `f64`, for arithmetic where exactness does not matter.
    pub fn to_f64(&self) -> f64 {
        self.text.parse().unwrap_or(f64::NAN)
    }
}

impl FromStr for Decimal {
    type Err = ParseValueError;

    /// Reads `[+-]digits[.digits]` (digits on at least one side of the point).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseValueError {
            expected: "a decimal number",
            text: text.to_string(),
        };
        let (negative, unsigned) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
            return Err(error());
        }
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.trim_end_matches('0');
        let mut canonical = String::with_capacity(text.len() + 1);
        if negative && !(whole.is_empty() && fraction.is_empty()) {
            canonical.push('-');
        }
        canonical.push_str(if whole.is_empty() { "0" } else { whole });
        if !fraction.is_empty() {
            canonical.push('.');
            canonical.push_str(fraction);
        }
        Ok(Self { text: canonical })
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Self {
            text: value.to_string(),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({})", self.text)
    }
}

impl FormValue for Decimal {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.text);
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// Reads the text Stripe sends; a JSON number is read from its text too.
impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => text,
            serde_json::Value::Number(number) => number.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a decimal string, got {other}"
                )))
            }
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Reads the text Stripe sends; a JSON number is read from its text too.
impl ReadJson for Decimal {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let parsed = if json.at_string() {
            json.str()?.parse()
        } else {
            json.number_text()?.parse()
        };
        parsed
            .map_err(|error: ParseValueError| json.fail(error.to_string()))
            .ok()
    }
}

/// A point in time Stripe carries as RFC 3339 text (`format: date-time`:
/// `2026-05-27T12:00:05.123Z`), with its text kept as it came. Two values are equal
/// when they are the same instant, whatever their offsets.
///
/// ```
/// use stripe_client::DateTime;
/// let created: DateTime = "2026-05-27T12:00:05.123Z".parse().unwrap();
/// assert_eq!(created.unix_timestamp(), 1_779_883_205);
/// assert_eq!(created.nanosecond(), 123_000_000);
/// let same: DateTime = "2026-05-27T14:00:05.123+02:00".parse().unwrap();
/// assert_eq!(created, same);
/// assert_eq!(DateTime::from_unix(1_779_883_205, 0).to_string(), "2026-05-27T12:00:05Z");
/// ```
#[derive(Clone)]
pub struct DateTime {
    text: String,
    seconds: i64,
    nanos: u32,
}

impl DateTime {
    /// The instant `seconds` after the Unix epoch (plus `nanos`, below one second),
    /// written in UTC with as many fraction digits as it needs (none, 3, 6 or 9).
    pub fn from_unix(seconds: i64, nanos: u32) -> Self {
        let nanos = nanos.min(999_999_999);
        let days = seconds.div_euclid(86_400);
        let second_of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let mut text = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        );
        if nanos != 0 {
            let digits = format!("{nanos:09}");
            let keep = if nanos % 1_000_000 == 0 {
                3
            } else if nanos % 1_000 == 0 {
                6
            } else {
                9
            };
            text.push('.');
            text.push_str(&digits[..keep]);
        }
        text.push('Z');
        Self {
            text,
            seconds,
            nanos,
        }
    }

    /// Seconds since the Unix epoch (1970-01-01T00:00:00Z).
    pub fn unix_timestamp(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`DateTime::unix_timestamp`].
    pub fn nanosecond(&self) -> u32 {
        self.nanos
    }

    /// The instant as a `SystemTime`.
    pub fn to_system_time(&self) -> SystemTime {
        system_time(self.seconds, self.nanos)
    }

    /// The text as it came (or as [`DateTime::from_unix`] wrote it).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        let (seconds, nanos) = unix_parts(time);
        Self::from_unix(seconds, nanos)
    }
}

/// The instant `seconds` (and `nanos`, below one second) after the Unix epoch.
pub(super) fn system_time(seconds: i64, nanos: u32) -> SystemTime {
    let offset = Duration::new(seconds.unsigned_abs(), 0);
    let whole = if seconds >= 0 {
        UNIX_EPOCH + offset
    } else {
        UNIX_EPOCH - offset
    };
    whole + Duration::from_nanos(u64::from(nanos))
}

/// `time` as whole seconds since the Unix epoch, rounded towards the past, and the
/// nanoseconds past them.
pub(super) fn unix_parts(time: SystemTime) -> (i64, u32) {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (after.as_secs() as i64, after.subsec_nanos()),
        Err(before) => {
            let before = before.duration();
            let mut seconds = -(before.as_secs() as i64);
            let mut nanos = before.subsec_nanos();
            if nanos > 0 {
                seconds -= 1;
                nanos = 1_000_000_000 - nanos;
            }
            (seconds, nanos)
        }
    }
}

impl FromStr for DateTime {
    type Err = ParseValueError;

    /// Reads RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_rfc3339(text).ok_or_else(|| ParseValueError {
            expected: "an RFC 3339 date-time",
            text: text.to_string(),
        })
    }
}

fn parse_rfc3339(text: &str) -> Option<DateTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = bytes.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(part).ok()?.parse().ok()
        } else {
            None
        }
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators
        .iter()
        .any(|(at, byte)| bytes.get(*at) != Some(byte))
        || !matches!(bytes.get(10), Some(b'T' | b't'))
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut at = 19;
    let mut nanos: u32 = 0;
    if bytes.get(at) == Some(&b'.') {
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        for (index, byte) in bytes[at + 1..at + 1 + digits].iter().enumerate() {
            if index < 9 {
                nanos += u32::from(byte - b'0') * 10u32.pow(8 - index as u32);
            }
        }
        at += 1 + digits;
    }
    let offset_seconds = match bytes.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(at + 1..at + 3)?, number(at + 4..at + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_seconds;
    Some(DateTime {
        text: text.to_string(),
        seconds,
        nanos,
    })
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        (self.seconds, self.nanos) == (other.seconds, other.nanos)
    }
}

impl Eq for DateTime {}

impl std::hash::Hash for DateTime {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.seconds, self.nanos).hash(state);
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.seconds, self.nanos).cmp(&(other.seconds, other.nanos))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({})", self.text)
    }
}

impl FormValue for DateTime {
    fn write_form(&self, form: &mut FormWriter) {
        form.value(&self.text);
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl ReadJson for DateTime {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let parsed = json.str()?.parse();
        parsed
            .map_err(|error: ParseValueError| json.fail(error.to_string()))
            .ok()
    }
}
