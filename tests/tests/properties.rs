//! Property tests (proptest): the form encoder against a standard form decoder, path
//! segments against a URL parser, and the generator against mutated specs.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Value};
use stripe_client::billing_portal::configurations::{
    UpdateBusinessProfile, UpdateFeatures, UpdateFeaturesSubscriptionUpdate,
    UpdateFeaturesSubscriptionUpdateProducts as Product, UpdateParams,
};
use stripe_client::runtime::{to_form, ApiRequest, Validator};
use stripe_client::Unsettable;
use tests::{seed_spec, stripe_spec};

// ---------------------------------------------------------------- form encoding --

/// Text with the characters that matter to the encoding, and any other.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z&=+\\[\\]%#?/ \n\r\t~*._-]{0,8}",
        "[é€😀\u{0}\u{7f}\u{ffff}a]{0,4}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// A product's price IDs and product ID.
type ProductInput = (Vec<String>, String);

/// What a caller can say about the fields below, in plain data.
#[derive(Debug, Clone, PartialEq)]
struct Input {
    active: Option<bool>,
    headline: Option<String>,
    /// None: leave; Some(None): clear; Some(Some(url)): set.
    privacy_policy_url: Option<Option<String>>,
    expand: Option<Vec<String>>,
    products: Option<Option<Vec<ProductInput>>>,
    metadata: Option<Option<BTreeMap<String, String>>>,
}

fn unsettable<T: Clone>(value: &Option<Option<T>>) -> Option<Unsettable<T>> {
    value.as_ref().map(|inner| match inner {
        Some(value) => Unsettable::Set(value.clone()),
        None => Unsettable::Unset,
    })
}

fn input() -> impl Strategy<Value = Input> {
    (
        proptest::option::of(any::<bool>()),
        proptest::option::of(text()),
        proptest::option::of(proptest::option::of(text())),
        proptest::option::of(proptest::collection::vec(text(), 0..3)),
        proptest::option::of(proptest::option::of(proptest::collection::vec(
            (proptest::collection::vec(text(), 0..3), text()),
            0..3,
        ))),
        proptest::option::of(proptest::option::of(proptest::collection::btree_map(
            text(),
            text(),
            0..4,
        ))),
    )
        .prop_map(
            |(active, headline, privacy_policy_url, expand, products, metadata)| Input {
                active,
                headline,
                privacy_policy_url,
                expand,
                products,
                metadata,
            },
        )
}

fn params(input: &Input) -> UpdateParams {
    let business_profile =
        (input.headline.is_some() || input.privacy_policy_url.is_some()).then(|| {
            UpdateBusinessProfile {
                headline: input.headline.clone(),
                privacy_policy_url: unsettable(&input.privacy_policy_url),
                ..Default::default()
            }
        });
    let products = input.products.as_ref().map(|products| match products {
        None => Unsettable::Unset,
        Some(list) => Unsettable::Set(
            list.iter()
                .map(|(prices, product)| Product::new(prices.clone(), product.clone()))
                .collect(),
        ),
    });
    UpdateParams {
        active: input.active,
        business_profile,
        expand: input.expand.clone(),
        features: products.map(|products| UpdateFeatures {
            subscription_update: Some(UpdateFeaturesSubscriptionUpdate {
                products: Some(products),
                ..Default::default()
            }),
            ..Default::default()
        }),
        metadata: unsettable(&input.metadata),
        ..Default::default()
    }
}

/// The pairs the wire format says `input` becomes, written out independently of the
/// encoder: schema order, lists indexed from 0, maps sorted, clearing as `key=`.
fn expected_pairs(input: &Input) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    if let Some(active) = input.active {
        pairs.push(("active".to_string(), active.to_string()));
    }
    if let Some(headline) = &input.headline {
        pairs.push(("business_profile[headline]".to_string(), headline.clone()));
    }
    if let Some(url) = &input.privacy_policy_url {
        let value = url.clone().unwrap_or_default();
        pairs.push(("business_profile[privacy_policy_url]".to_string(), value));
    }
    for (index, item) in input.expand.iter().flatten().enumerate() {
        pairs.push((format!("expand[{index}]"), item.clone()));
    }
    let products_key = "features[subscription_update][products]";
    match &input.products {
        None => {}
        Some(None) => pairs.push((products_key.to_string(), String::new())),
        Some(Some(list)) if list.is_empty() => {
            pairs.push((products_key.to_string(), String::new()))
        }
        Some(Some(list)) => {
            for (index, (prices, product)) in list.iter().enumerate() {
                for (price_index, price) in prices.iter().enumerate() {
                    pairs.push((
                        format!("{products_key}[{index}][prices][{price_index}]"),
                        price.clone(),
                    ));
                }
                pairs.push((format!("{products_key}[{index}][product]"), product.clone()));
            }
        }
    }
    match &input.metadata {
        None => {}
        Some(None) => pairs.push(("metadata".to_string(), String::new())),
        // A set, empty map changes nothing: Stripe merges maps key by key.
        Some(Some(map)) if map.is_empty() => {}
        Some(Some(map)) => {
            for (key, value) in map {
                pairs.push((format!("metadata[{key}]"), value.clone()));
            }
        }
    }
    pairs
}

fn decode(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// Inputs that mean the same to the API: an empty list set through `Unsettable` is its
/// `Unset`, and so is empty text (both are sent as `key=`, which clears the field); an
/// empty map set through `Unsettable`, an empty plain list and an object with nothing
/// set are nothing.
fn normalised(input: &Input) -> Input {
    let mut input = input.clone();
    if matches!(&input.privacy_policy_url, Some(Some(url)) if url.is_empty()) {
        input.privacy_policy_url = Some(None);
    }
    if input.expand.as_ref().is_some_and(Vec::is_empty) {
        input.expand = None;
    }
    if matches!(&input.products, Some(Some(list)) if list.is_empty()) {
        input.products = Some(None);
    }
    if matches!(&input.metadata, Some(Some(map)) if map.is_empty()) {
        input.metadata = None;
    }
    input
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_form_decoder_reads_back_exactly_the_pairs(input in input()) {
        let body = to_form(&params(&input)).unwrap();
        prop_assert_eq!(decode(&body), expected_pairs(&input));
        // Nothing but the separators is left unescaped.
        for pair in body.split('&').filter(|pair| !pair.is_empty()) {
            prop_assert_eq!(pair.matches('=').count(), 1, "{}", pair);
            prop_assert!(pair.bytes().all(|b| b.is_ascii_graphic()), "{}", pair);
        }
    }

    #[test]
    fn different_meanings_give_different_bodies(a in input(), b in input()) {
        prop_assume!(normalised(&a) != normalised(&b));
        prop_assert_ne!(to_form(&params(&a)).unwrap(), to_form(&params(&b)).unwrap());
    }
}

// ---------------------------------------------------------------- path safety --

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn an_id_never_leaves_its_path_segment(
        id in prop_oneof![
            any::<String>(),
            "[./?#%&=\\\\ a\u{0}\u{1f}é]{0,6}",
            Just(".".to_string()),
            Just("..".to_string()),
            Just("%2e%2E".to_string()),
        ]
    ) {
        let mut validator = Validator::new();
        validator.path_param("configuration", &id, Some(5000));
        match validator.finish() {
            Err(_) => prop_assert!(
                id.is_empty() || id == "." || id == ".." || id.chars().count() > 5000,
                "{:?} refused", id
            ),
            Ok(()) => {
                let request = ApiRequest::new("PostBillingPortalConfigurationsConfiguration", reqwest::Method::POST)
                    .literal("/v1/billing_portal/configurations/")
                    .param("configuration", &id, Some(5000));
                let path = request.path();
                let url = url::Url::parse(&format!("http://127.0.0.1:1{path}")).unwrap();
                let segments: Vec<&str> = url.path_segments().unwrap().collect();
                prop_assert_eq!(segments.len(), 4, "{:?} -> {}", id, url);
                prop_assert_eq!(&segments[..3], &["v1", "billing_portal", "configurations"]);
                let decoded = percent_encoding::percent_decode_str(segments[3]).decode_utf8().unwrap();
                prop_assert_eq!(decoded.as_ref(), id.as_str());
                prop_assert!(url.query().is_none() && url.fragment().is_none());
            }
        }
    }
}

// ---------------------------------------------------------------- mutated specs --

fn seed_document() -> Value {
    let text = std::fs::read_to_string(seed_spec()).unwrap();
    generator::load::yaml_to_json(&text).unwrap()
}

/// Every JSON pointer of `value`.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(inner, format!("{at}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                pointers(inner, format!("{at}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Drop,
    ChangeType(u8),
    DangleRef,
    CycleRef,
    LongString,
    DeepNesting,
    UnknownFormat,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        Just(Mutation::Drop),
        (0u8..6).prop_map(Mutation::ChangeType),
        Just(Mutation::DangleRef),
        Just(Mutation::CycleRef),
        Just(Mutation::LongString),
        Just(Mutation::DeepNesting),
        Just(Mutation::UnknownFormat),
    ]
}

fn split_pointer(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

fn mutate(document: &mut Value, mutation: &Mutation, pick: &Index) {
    let mut all = Vec::new();
    pointers(document, String::new(), &mut all);
    let target = all[pick.index(all.len())].clone();
    match mutation {
        Mutation::Drop => {
            let (parent, key) = split_pointer(&target);
            match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&key);
                }
                Some(Value::Array(items)) => {
                    if let Ok(index) = key.parse::<usize>() {
                        if index < items.len() {
                            items.remove(index);
                        }
                    }
                }
                _ => {}
            }
        }
        Mutation::ChangeType(kind) => {
            let replacement = [
                json!(null),
                json!(true),
                json!(42),
                json!("text"),
                json!([]),
                json!({}),
            ];
            if let Some(node) = document.pointer_mut(&target) {
                *node = replacement[*kind as usize].clone();
            }
        }
        Mutation::DangleRef | Mutation::CycleRef => {
            let refs: Vec<&String> = all.iter().filter(|p| p.ends_with("/$ref")).collect();
            if refs.is_empty() {
                return;
            }
            let chosen = refs[pick.index(refs.len())].clone();
            let name = document
                .pointer(&chosen)
                .and_then(Value::as_str)
                .and_then(|r| r.rsplit('/').next())
                .unwrap_or("x")
                .to_string();
            if let Mutation::DangleRef = mutation {
                if let Some(node) = document.pointer_mut(&chosen) {
                    *node = json!("#/components/schemas/no_such_schema");
                }
            } else if let Some(Value::Object(schemas)) = document.pointer_mut("/components/schemas")
            {
                // The component becomes a reference to itself (unless an earlier mutation
                // made `schemas` something other than an object).
                schemas.insert(
                    name.clone(),
                    json!({ "$ref": format!("#/components/schemas/{name}") }),
                );
            }
        }
        Mutation::LongString => {
            if let Some(node) = document.pointer_mut(&target) {
                if node.is_string() {
                    *node = json!("é".repeat(100_000));
                } else if let Some(map) = node.as_object_mut() {
                    map.insert("description".into(), json!("<p>".repeat(20_000)));
                }
            }
        }
        Mutation::DeepNesting => {
            if let Some(node) = document.pointer_mut(&target) {
                let mut nested = node.take();
                for _ in 0..60 {
                    nested = json!({ "type": "array", "items": nested });
                }
                *node = nested;
            }
        }
        Mutation::UnknownFormat => {
            if let Some(Value::Object(map)) = document.pointer_mut(&target) {
                map.insert("format".into(), json!("no-such-format"));
            }
        }
    }
}

/// No panic, and either a crate or errors that each name a place of the document.
fn generates_or_names_the_place(document: &Value, emit: bool) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(document).unwrap();
    match generator::generate_text(&text, false, Path::new("mutated.json"), emit) {
        Ok(_) => Ok(()),
        Err(generator::Failure::Spec { diagnostics, .. }) => {
            prop_assert!(!diagnostics.is_empty());
            for diagnostic in diagnostics {
                let pointer = &diagnostic.pointer;
                let (parent, _) = split_pointer(pointer);
                prop_assert!(
                    pointer.is_empty()
                        || document.pointer(pointer).is_some()
                        || document.pointer(parent).is_some(),
                    "{:?} names no place: {}",
                    diagnostic,
                    pointer
                );
            }
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!(
            "not a spec diagnostic: {other}"
        ))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_seed_specs_never_panic(
        mutations in proptest::collection::vec((mutation(), any::<Index>()), 1..4)
    ) {
        let mut document = seed_document();
        for (mutation, pick) in &mutations {
            mutate(&mut document, mutation, pick);
        }
        generates_or_names_the_place(&document, true)?;
    }
}

fn full_document() -> Value {
    let text = std::fs::read_to_string(stripe_spec()).unwrap();
    serde_json::from_str(&text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn mutated_full_specs_never_panic(
        mutations in proptest::collection::vec((mutation(), any::<Index>()), 1..4)
    ) {
        let mut document = full_document();
        for (mutation, pick) in &mutations {
            mutate(&mut document, mutation, pick);
        }
        generates_or_names_the_place(&document, true)?;
    }
}
