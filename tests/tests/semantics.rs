//! What a body *means* to Stripe, not only what its bytes are.
//!
//! A small reference reader applies a form body to a stored object the way Stripe's API
//! does: a key that is absent leaves its field unchanged, `key=` clears it, map entries
//! are merged key by key (`metadata[k]=` removes one key), a list is replaced by its
//! indexed items (an item carrying the `id` of an existing one starts from it), and
//! nested objects are merged field by field. For random params and random stored
//! objects, the object after the reader applied the encoded body must be exactly the
//! object the params describe, worked out from the params alone.
//!
//! The params are written the way generated request types are (one `FormWriter::field`
//! per property, in schema order) around the runtime's own `Option`, `Unsettable`, `Vec`
//! and `BTreeMap` encodings, so they cover what the seed crate has no field for: lists of
//! items that may write nothing, and maps inside list items.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use stripe_client::runtime::{to_form, FormValue, FormWriter};
use stripe_client::Unsettable;

// ------------------------------------------------------------ the reference reader --

/// What the reader knows of the object: the shape of each field.
#[derive(Debug, Clone)]
enum Shape {
    Scalar,
    /// String to string, merged key by key.
    Map,
    List(Box<Shape>),
    Object(Vec<(&'static str, Shape)>),
}

/// A decoded pair: the key's bracket segments and the value.
type Pair = (Vec<String>, String);

fn segments(key: &str) -> Vec<String> {
    let mut parts = key.split('[');
    let mut segments = vec![parts.next().unwrap_or_default().to_string()];
    for part in parts {
        let inner = part.strip_suffix(']').expect("a closed bracket");
        segments.push(inner.to_string());
    }
    segments
}

fn decode(body: &str) -> Vec<Pair> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(key, value)| (segments(&key), value.into_owned()))
        .collect()
}

/// Applies `pairs` (keys relative to the object) to the fields of `object`.
fn apply_object(object: &mut Map<String, Value>, fields: &[(&'static str, Shape)], pairs: &[Pair]) {
    for (name, shape) in fields {
        let mine: Vec<Pair> = pairs
            .iter()
            .filter(|(key, _)| key.first().map(String::as_str) == Some(*name))
            .map(|(key, value)| (key[1..].to_vec(), value.clone()))
            .collect();
        if mine.is_empty() {
            continue; // absent: unchanged
        }
        let cleared = mine.len() == 1 && mine[0].0.is_empty() && mine[0].1.is_empty();
        match shape {
            Shape::Scalar => {
                assert!(mine.len() == 1 && mine[0].0.is_empty(), "{name}: {mine:?}");
                if cleared {
                    object.remove(*name);
                } else {
                    object.insert(name.to_string(), json!(mine[0].1));
                }
            }
            Shape::Map => {
                let map = object.entry(*name).or_insert_with(|| json!({}));
                if cleared {
                    *map = json!({});
                    continue;
                }
                let map = map.as_object_mut().expect("a map");
                for (key, value) in &mine {
                    assert_eq!(key.len(), 1, "{name}: {key:?}");
                    if value.is_empty() {
                        map.remove(&key[0]);
                    } else {
                        map.insert(key[0].clone(), json!(value));
                    }
                }
            }
            Shape::List(item) => {
                if cleared {
                    object.insert(name.to_string(), json!([]));
                    continue;
                }
                let old = object.get(*name).cloned().unwrap_or(json!([]));
                object.insert(
                    name.to_string(),
                    Value::Array(apply_list(&old, item, &mine)),
                );
            }
            Shape::Object(inner) => {
                assert!(!cleared, "{name} cannot be cleared");
                let value = object.entry(*name).or_insert_with(|| json!({}));
                apply_object(value.as_object_mut().expect("an object"), inner, &mine);
            }
        }
    }
}

/// A list replaced by its indexed items, in index order.
fn apply_list(old: &Value, item: &Shape, pairs: &[Pair]) -> Vec<Value> {
    let mut by_index: BTreeMap<usize, Vec<Pair>> = BTreeMap::new();
    for (key, value) in pairs {
        let index = key.first().and_then(|i| i.parse().ok()).expect("an index");
        by_index
            .entry(index)
            .or_default()
            .push((key[1..].to_vec(), value.clone()));
    }
    by_index
        .into_values()
        .map(|pairs| match item {
            Shape::Scalar => {
                assert!(pairs.len() == 1 && pairs[0].0.is_empty(), "{pairs:?}");
                json!(pairs[0].1)
            }
            Shape::Object(fields) => {
                let id = pairs
                    .iter()
                    .find(|(key, _)| key.len() == 1 && key[0] == "id")
                    .map(|(_, id)| json!(id));
                let existing = old
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|item| id.is_some() && item.get("id") == id.as_ref());
                let mut object = existing
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                apply_object(&mut object, fields, &pairs);
                Value::Object(object)
            }
            other => panic!("no list of {other:?} here"),
        })
        .collect()
}

// ------------------------------------------------------------- the params --

/// A subscription-like update: an unsettable scalar, an unsettable map, an unsettable
/// list of items whose fields are all optional, and a plain list of items that carry
/// ids, maps and unsettable lists.
#[derive(Debug, Clone, Default)]
struct Update {
    description: Option<Unsettable<String>>,
    discounts: Option<Unsettable<Vec<Discount>>>,
    items: Option<Vec<Item>>,
    metadata: Option<Unsettable<BTreeMap<String, String>>>,
}

#[derive(Debug, Clone, Default)]
struct Discount {
    coupon: Option<String>,
    promotion_code: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Item {
    id: Option<String>,
    metadata: Option<Unsettable<BTreeMap<String, String>>>,
    price: Option<String>,
    quantity: Option<i64>,
    tax_rates: Option<Unsettable<Vec<String>>>,
}

impl FormValue for Update {
    fn write_form(&self, form: &mut FormWriter) {
        form.field("description", &self.description);
        form.field("discounts", &self.discounts);
        form.field("items", &self.items);
        form.field("metadata", &self.metadata);
    }
}

impl FormValue for Discount {
    fn write_form(&self, form: &mut FormWriter) {
        form.field("coupon", &self.coupon);
        form.field("promotion_code", &self.promotion_code);
    }
}

impl FormValue for Item {
    fn write_form(&self, form: &mut FormWriter) {
        form.field("id", &self.id);
        form.field("metadata", &self.metadata);
        form.field("price", &self.price);
        form.field("quantity", &self.quantity);
        form.field("tax_rates", &self.tax_rates);
    }
}

fn shape() -> Vec<(&'static str, Shape)> {
    let discount = Shape::Object(vec![
        ("coupon", Shape::Scalar),
        ("promotion_code", Shape::Scalar),
    ]);
    let item = Shape::Object(vec![
        ("id", Shape::Scalar),
        ("metadata", Shape::Map),
        ("price", Shape::Scalar),
        ("quantity", Shape::Scalar),
        ("tax_rates", Shape::List(Box::new(Shape::Scalar))),
    ]);
    vec![
        ("description", Shape::Scalar),
        ("discounts", Shape::List(Box::new(discount))),
        ("items", Shape::List(Box::new(item))),
        ("metadata", Shape::Map),
    ]
}

// ------------------------------------------- what the params describe, directly --

/// A string field set to `value`: the empty string is Stripe's "no value".
fn set_text(object: &mut Map<String, Value>, name: &str, value: &str) {
    if value.is_empty() {
        object.remove(name);
    } else {
        object.insert(name.to_string(), json!(value));
    }
}

fn change_map(
    object: &mut Map<String, Value>,
    name: &str,
    change: &Option<Unsettable<BTreeMap<String, String>>>,
) {
    match change {
        None => {}
        Some(Unsettable::Unset) => {
            object.insert(name.to_string(), json!({}));
        }
        Some(Unsettable::Set(entries)) => {
            // Set entries are merged into what is there; an empty value removes its key.
            // Setting no entry at all changes nothing.
            if entries.is_empty() {
                return;
            }
            let map = object.entry(name).or_insert_with(|| json!({}));
            let map = map.as_object_mut().expect("a map");
            for (key, value) in entries {
                if value.is_empty() {
                    map.remove(key);
                } else {
                    map.insert(key.clone(), json!(value));
                }
            }
        }
    }
}

/// A list set to `items`: replaced by them. An item with nothing set has no wire form
/// (Stripe could not tell it from no item), so it is left out; a non-empty list of
/// nothing but such items therefore changes nothing. It is never a clear.
fn replace_list<T>(
    object: &mut Map<String, Value>,
    name: &str,
    items: &[T],
    describe: impl Fn(&T, &Value) -> Option<Value>,
) {
    let old = object.get(name).cloned().unwrap_or(json!([]));
    let described: Vec<Value> = items
        .iter()
        .filter_map(|item| describe(item, &old))
        .collect();
    if items.is_empty() || !described.is_empty() {
        object.insert(name.to_string(), Value::Array(described));
    }
}

fn describe_discount(discount: &Discount, _old: &Value) -> Option<Value> {
    if discount.coupon.is_none() && discount.promotion_code.is_none() {
        return None;
    }
    let mut object = Map::new();
    if let Some(coupon) = &discount.coupon {
        set_text(&mut object, "coupon", coupon);
    }
    if let Some(code) = &discount.promotion_code {
        set_text(&mut object, "promotion_code", code);
    }
    Some(Value::Object(object))
}

fn describe_item(item: &Item, old: &Value) -> Option<Value> {
    let writes_nothing = item.id.is_none()
        && item.price.is_none()
        && item.quantity.is_none()
        && item.tax_rates.is_none()
        && !matches!(&item.metadata, Some(Unsettable::Unset))
        && !matches!(&item.metadata, Some(Unsettable::Set(m)) if !m.is_empty());
    if writes_nothing {
        return None;
    }
    // An item naming an existing one by id updates it; any other item is new.
    let mut object = item
        .id
        .as_ref()
        .filter(|id| !id.is_empty())
        .and_then(|id| {
            old.as_array()
                .into_iter()
                .flatten()
                .find(|existing| existing["id"] == json!(id))
        })
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    if let Some(id) = &item.id {
        set_text(&mut object, "id", id);
    }
    change_map(&mut object, "metadata", &item.metadata);
    if let Some(price) = &item.price {
        set_text(&mut object, "price", price);
    }
    if let Some(quantity) = item.quantity {
        object.insert("quantity".into(), json!(quantity.to_string()));
    }
    match &item.tax_rates {
        None => {}
        Some(Unsettable::Unset) => {
            object.insert("tax_rates".into(), json!([]));
        }
        Some(Unsettable::Set(rates)) => {
            object.insert("tax_rates".into(), json!(rates));
        }
    }
    Some(Value::Object(object))
}

/// The stored object after `update`, from the params alone.
fn described(old: &Value, update: &Update) -> Value {
    let mut object = old.as_object().cloned().unwrap_or_default();
    match &update.description {
        None => {}
        Some(Unsettable::Unset) => {
            object.remove("description");
        }
        Some(Unsettable::Set(text)) => set_text(&mut object, "description", text),
    }
    match &update.discounts {
        None => {}
        Some(Unsettable::Unset) => {
            object.insert("discounts".into(), json!([]));
        }
        Some(Unsettable::Set(list)) => {
            replace_list(&mut object, "discounts", list, describe_discount)
        }
    }
    // A plain empty list has no wire form at all: nothing changes.
    if let Some(items) = update.items.as_ref().filter(|items| !items.is_empty()) {
        replace_list(&mut object, "items", items, describe_item);
    }
    change_map(&mut object, "metadata", &update.metadata);
    Value::Object(object)
}

/// The stored object after Stripe reads the encoded body of `update`.
fn applied(old: &Value, update: &Update) -> Value {
    let body = to_form(update).expect("encodable");
    let mut object = old.as_object().cloned().unwrap_or_default();
    apply_object(&mut object, &shape(), &decode(&body));
    Value::Object(object)
}

// ----------------------------------------------------------------- strategies --

/// Text as callers write it, empty included; map keys and ids avoid `[` and `]`, which
/// bracket notation cannot carry unambiguously (Stripe refuses such keys too).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-c]{1,3}",
        1 => Just(String::new()),
        1 => "[ &=+%#?/é😀\n]{1,4}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    "[a-c&=+ é]{1,3}"
}

fn map() -> impl Strategy<Value = BTreeMap<String, String>> {
    proptest::collection::btree_map(key(), text(), 0..3)
}

fn unsettable<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<Unsettable<T>>> {
    proptest::option::of(prop_oneof![
        1 => Just(Unsettable::Unset),
        3 => value.prop_map(Unsettable::Set),
    ])
}

fn discount() -> impl Strategy<Value = Discount> {
    (proptest::option::of(text()), proptest::option::of(text())).prop_map(
        |(coupon, promotion_code)| Discount {
            coupon,
            promotion_code,
        },
    )
}

/// Ids the stored object's items have, and one it has not.
fn item_id() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("si_1".to_string()),
        Just("si_2".to_string()),
        Just("si_new".to_string())
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (
        proptest::option::of(item_id()),
        unsettable(map()),
        proptest::option::of(text()),
        proptest::option::of(0..100i64),
        unsettable(proptest::collection::vec("[a-c]{1,2}", 0..3)),
    )
        .prop_map(|(id, metadata, price, quantity, tax_rates)| Item {
            id,
            metadata,
            price,
            quantity,
            tax_rates,
        })
}

fn update() -> impl Strategy<Value = Update> {
    (
        unsettable(text()),
        unsettable(proptest::collection::vec(discount(), 0..3)),
        proptest::option::of(proptest::collection::vec(item(), 0..3)),
        unsettable(map()),
    )
        .prop_map(|(description, discounts, items, metadata)| Update {
            description,
            discounts,
            items,
            metadata,
        })
}

/// A stored object: some fields set, some not.
fn stored() -> impl Strategy<Value = Value> {
    let stored_map = proptest::collection::btree_map("[a-c]{1,2}", "[x-z]{1,2}", 0..3);
    (
        proptest::option::of("[x-z]{1,3}"),
        proptest::option::of(proptest::collection::vec("co_[a-c]", 0..3)),
        stored_map.clone(),
        stored_map,
    )
        .prop_map(|(description, coupons, metadata, item_metadata)| {
            let mut object = Map::new();
            if let Some(description) = description {
                object.insert("description".into(), json!(description));
            }
            if let Some(coupons) = coupons {
                let discounts: Vec<Value> =
                    coupons.iter().map(|c| json!({ "coupon": c })).collect();
                object.insert("discounts".into(), json!(discounts));
            }
            object.insert(
                "items".into(),
                json!([
                    { "id": "si_1", "price": "price_1", "quantity": "1", "metadata": item_metadata,
                      "tax_rates": ["txr_1"] },
                    { "id": "si_2", "price": "price_2", "quantity": "2", "metadata": {} },
                ]),
            );
            object.insert("metadata".into(), json!(metadata));
            Value::Object(object)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn the_body_changes_exactly_what_the_params_describe(old in stored(), update in update()) {
        let body = to_form(&update).unwrap();
        prop_assert_eq!(applied(&old, &update), described(&old, &update), "body: {}", body);
    }
}

// ------------------------------------------------------ named regressions --

fn stored_example() -> Value {
    json!({
        "discounts": [{ "coupon": "co_a" }],
        "items": [{ "id": "si_1", "metadata": { "k": "v" } }],
        "metadata": { "order": "6735" },
    })
}

#[test]
fn a_set_empty_map_keeps_every_key() {
    let update = Update {
        metadata: Some(Unsettable::Set(BTreeMap::new())),
        ..Default::default()
    };
    assert_eq!(to_form(&update).unwrap(), "");
    assert_eq!(applied(&stored_example(), &update), stored_example());
}

#[test]
fn a_set_empty_map_inside_a_list_item_keeps_that_items_keys() {
    let update = Update {
        items: Some(vec![Item {
            id: Some("si_1".into()),
            metadata: Some(Unsettable::Set(BTreeMap::new())),
            ..Default::default()
        }]),
        ..Default::default()
    };
    assert_eq!(to_form(&update).unwrap(), "items[0][id]=si_1");
    assert_eq!(applied(&stored_example(), &update), stored_example());
}

#[test]
fn a_list_whose_item_writes_nothing_keeps_the_discounts() {
    let update = Update {
        discounts: Some(Unsettable::Set(vec![Discount::default()])),
        ..Default::default()
    };
    assert_eq!(to_form(&update).unwrap(), "");
    assert_eq!(applied(&stored_example(), &update), stored_example());
}

#[test]
fn only_unset_and_the_empty_list_clear() {
    let update = Update {
        discounts: Some(Unsettable::Set(vec![])),
        metadata: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_form(&update).unwrap(), "discounts=&metadata=");
    let after = applied(&stored_example(), &update);
    assert_eq!(after["discounts"], json!([]));
    assert_eq!(after["metadata"], json!({}));
    assert_eq!(after["items"], stored_example()["items"]);
}

/// The reader itself: without it agreeing with the rules, the property proves nothing.
#[test]
fn the_reader_applies_the_documented_rules() {
    let old = stored_example();
    let read = |body: &str| {
        let mut object = old.as_object().cloned().unwrap();
        apply_object(&mut object, &shape(), &decode(body));
        Value::Object(object)
    };
    assert_eq!(read(""), old, "absent: unchanged");
    assert_eq!(read("metadata=")["metadata"], json!({}), "key=: cleared");
    assert_eq!(
        read("metadata[a]=1&metadata[order]=")["metadata"],
        json!({ "a": "1" }),
        "merged key by key"
    );
    assert_eq!(
        read("discounts[0][coupon]=co_b")["discounts"],
        json!([{ "coupon": "co_b" }]),
        "replaced by its items"
    );
    assert_eq!(
        read("items[0][id]=si_1&items[0][price]=p")["items"],
        json!([{ "id": "si_1", "metadata": { "k": "v" }, "price": "p" }]),
        "an item with an existing id starts from it"
    );
    assert_eq!(segments("a[b][0]"), ["a", "b", "0"]);
}
