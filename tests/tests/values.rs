//! The runtime's value types for what Stripe's text means: `Id<T>` and `Currency`,
//! through the three ways a value travels (form, JSON, the reader) and serde.

use stripe_client::runtime::{read_json_slice, to_json};
use stripe_client::{Currency, Id};

struct Customer;

#[test]
fn an_id_is_its_text_on_every_path() {
    let id: Id<Customer> = "cus_123".into();
    assert_eq!(id.as_str(), "cus_123");
    assert_eq!(id.to_string(), "cus_123");
    assert_eq!(format!("{id:?}"), "\"cus_123\"");
    // A JSON body writes it as a string.
    assert_eq!(to_json(&vec![id.clone()]).unwrap(), r#"["cus_123"]"#);
    // The reader and serde read a string back.
    let read: Id<Customer> = read_json_slice(br#""cus_123""#).unwrap();
    assert_eq!(read, id);
    let via_serde: Id<Customer> = serde_json::from_str(r#""cus_123""#).unwrap();
    assert_eq!(via_serde, id);
    assert_eq!(serde_json::to_string(&id).unwrap(), r#""cus_123""#);
    // Anything is an ID: prefixes Stripe adds later are never refused.
    let parsed: Id<Customer> = "zz_new_kind_1".parse().unwrap();
    assert_eq!(parsed, "zz_new_kind_1");
    // Not text: refused by the reader.
    assert!(read_json_slice::<Id<Customer>>(b"12").is_err());
    // Looked up by text in a map keyed by IDs.
    let map: std::collections::HashMap<Id<Customer>, u8> = [(id, 1)].into();
    assert_eq!(map.get("cus_123"), Some(&1));
}

#[test]
fn a_currency_is_lowercase_on_the_wire_and_kept_as_it_came() {
    assert_eq!(Currency::USD.as_str(), "usd");
    assert_eq!(Currency::from("USD"), Currency::USD);
    assert_eq!(Currency::from(String::from("Eur")), Currency::EUR);
    assert_eq!(to_json(&vec![Currency::GBP]).unwrap(), r#"["gbp"]"#);
    assert_eq!(to_json(&vec![Currency::from("XYZ")]).unwrap(), r#"["xyz"]"#);
    // Read: a known code is its constant, an unknown one kept as it came.
    let known: Currency = read_json_slice(br#""jpy""#).unwrap();
    assert_eq!(known, Currency::JPY);
    assert!(known.is_known());
    let unknown: Currency = read_json_slice(br#""usdc""#).unwrap();
    assert_eq!(unknown.as_str(), "usdc");
    assert!(!unknown.is_known());
    let via_serde: Currency = serde_json::from_str(r#""chf""#).unwrap();
    assert_eq!(via_serde, Currency::CHF);
    assert_eq!(serde_json::to_string(&Currency::CHF).unwrap(), r#""chf""#);
    assert!(read_json_slice::<Currency>(b"null").is_err());
    assert_eq!(format!("{:?}", Currency::USD), "Currency(usd)");
}

#[test]
fn a_timestamp_is_whole_seconds_on_the_wire_and_converts_like_date_time() {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    use stripe_client::{DateTime, Timestamp};

    let created = Timestamp::from_unix(1_779_883_205);
    assert_eq!(to_json(&vec![created]).unwrap(), "[1779883205]");
    let read: Timestamp = read_json_slice(b"1779883205").unwrap();
    assert_eq!(read, created);
    assert!(read_json_slice::<Timestamp>(br#""1779883205""#).is_err());
    assert_eq!(serde_json::to_string(&created).unwrap(), "1779883205");
    assert_eq!(
        serde_json::from_str::<Timestamp>("1779883205").unwrap(),
        created
    );
    // The same instant as v2's text, both ways.
    let v2: DateTime = "2026-05-27T12:00:05Z".parse().unwrap();
    assert_eq!(created.to_date_time(), v2);
    assert_eq!(Timestamp::from(&v2), created);
    assert_eq!(created.to_string(), "2026-05-27T12:00:05Z");
    // SystemTime, before the epoch too (rounded towards the past).
    let system: SystemTime = created.into();
    assert_eq!(system, UNIX_EPOCH + Duration::from_secs(1_779_883_205));
    let before_epoch = UNIX_EPOCH - Duration::from_millis(1_500);
    assert_eq!(Timestamp::from(before_epoch).unix_timestamp(), -2);
    // Arithmetic and comparison.
    let later = created + Duration::from_secs(60);
    assert!(later > created);
    assert_eq!(later - Duration::from_secs(60), created);
    assert_eq!(later.duration_since(created), Some(Duration::from_secs(60)));
    assert_eq!(created.duration_since(later), None);
    assert_eq!(
        Timestamp::from_unix(i64::MAX) + Duration::from_secs(1),
        Timestamp::from_unix(i64::MAX)
    );
    assert_eq!(created, 1_779_883_205);
}

/// In a v1 form, as the other values are written: the text, lowercase for a currency,
/// whole seconds for a time.
#[test]
fn ids_currencies_and_timestamps_in_a_form() {
    use stripe_client::runtime::to_form;
    use stripe_client::Timestamp;

    let form = to_form(&vec![Currency::from("EUR")]).unwrap();
    assert_eq!(form, "0=eur");
    let form = to_form(&vec![Timestamp::from_unix(1_779_883_205)]).unwrap();
    assert_eq!(form, "0=1779883205");
    let form = to_form(&vec![Id::<Customer>::from("cus_1")]).unwrap();
    assert_eq!(form, "0=cus_1");
}

/// The enums of values implement `Debug`, `PartialEq`, `Eq` and `Hash` through the
/// runtime's `value_enum_traits!` instead of derives: `Debug` prints what the derive
/// printed, and two values are equal (and hash alike) when their text is.
#[test]
fn an_enum_of_values_prints_like_a_derive_and_compares_by_its_text() {
    use std::collections::HashSet;
    use stripe_client::params::ProrationBehavior;
    use stripe_client::types::PortalSubscriptionCancelMode as Mode;

    assert_eq!(format!("{:?}", Mode::AtPeriodEnd), "AtPeriodEnd");
    assert_eq!(
        format!("{:?}", Some(Mode::Immediately)),
        "Some(Immediately)"
    );
    assert_eq!(
        format!("{:?}", Mode::Unrecognized("later".into())),
        r#"Unrecognized("later")"#
    );
    assert_eq!(
        format!("{:#?}", Mode::Unrecognized("later".into())),
        "Unrecognized(\n    \"later\",\n)"
    );
    assert_eq!(
        format!("{:?}", ProrationBehavior::CreateProrations),
        "CreateProrations"
    );
    assert_eq!(ProrationBehavior::None.as_str(), "none");

    assert_eq!(Mode::AtPeriodEnd, Mode::AtPeriodEnd);
    assert_ne!(Mode::AtPeriodEnd, Mode::Immediately);
    assert_ne!(Mode::AtPeriodEnd, Mode::Unrecognized("later".into()));
    assert_eq!(
        Mode::Unrecognized("later".into()),
        Mode::Unrecognized("later".into())
    );
    // What Stripe reads: a known value given as text is that value.
    assert_eq!(Mode::Unrecognized("immediately".into()), Mode::Immediately);
    assert_eq!(Mode::from("immediately"), Mode::Immediately);

    let set: HashSet<Mode> = [
        Mode::AtPeriodEnd,
        Mode::Immediately,
        Mode::Unrecognized("immediately".into()),
        Mode::Unrecognized("later".into()),
    ]
    .into_iter()
    .collect();
    assert_eq!(set.len(), 3);
    assert!(set.contains(&Mode::Unrecognized("at_period_end".into())));
}
