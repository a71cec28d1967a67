//! The request encoding, pinned byte for byte to ../shared/docs/wire-format.md: one test
//! per row of its table, its escaping rules and its full example.

use std::collections::BTreeMap;

use stripe_client::billing_portal::configurations::{
    UpdateBusinessProfile, UpdateFeatures, UpdateFeaturesCustomerUpdate,
    UpdateFeaturesCustomerUpdateAllowedUpdates as AllowedUpdate, UpdateFeaturesSubscriptionCancel,
    UpdateFeaturesSubscriptionCancelCancellationReason as CancellationReason,
    UpdateFeaturesSubscriptionUpdate, UpdateFeaturesSubscriptionUpdateProducts as Product,
    UpdateLoginPage, UpdateParams,
};
use stripe_client::runtime::{to_form, FormValue, FormWriter};
use stripe_client::Unsettable;
use tests::sorted_pairs;

fn metadata(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
    entries
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

fn headline(text: &str) -> UpdateParams {
    UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            headline: Some(text.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn products(list: Vec<Product>) -> UpdateParams {
    UpdateParams {
        features: Some(UpdateFeatures {
            subscription_update: Some(UpdateFeaturesSubscriptionUpdate {
                products: Some(Unsettable::Set(list)),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    }
}

#[test]
fn scalar_field() {
    let params = UpdateParams {
        active: Some(true),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "active=true");
    let params = UpdateParams {
        active: Some(false),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "active=false");
}

#[test]
fn integer() {
    // The seed operation has no integer parameter; the runtime's encoding of one is
    // what every generated integer field uses.
    let mut form = FormWriter::new();
    form.field("limit", &3_i64);
    assert_eq!(form.finish().unwrap(), "limit=3");
}

#[test]
fn nested_object() {
    assert_eq!(
        to_form(&headline("Hi")).unwrap(),
        "business_profile[headline]=Hi"
    );
}

#[test]
fn list_of_scalars_is_indexed_from_zero() {
    let params = UpdateParams {
        expand: Some(vec!["features".into(), "login_page".into()]),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params).unwrap(),
        "expand[0]=features&expand[1]=login_page"
    );
}

#[test]
fn list_of_objects() {
    let params = products(vec![Product::new(vec!["price_1".into()], "prod_1")]);
    assert_eq!(
        to_form(&params).unwrap(),
        "features[subscription_update][products][0][prices][0]=price_1\
         &features[subscription_update][products][0][product]=prod_1"
    );
}

#[test]
fn map_entries_are_sorted() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[
            ("order_id", "6735"),
            ("a", "1"),
        ]))),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params).unwrap(),
        "metadata[a]=1&metadata[order_id]=6735"
    );
}

#[test]
fn map_entry_with_empty_value_unsets_that_key() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[("order_id", "")]))),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "metadata[order_id]=");
}

#[test]
fn field_left_out_sends_nothing() {
    assert_eq!(to_form(&UpdateParams::default()).unwrap(), "");
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile::default()),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params).unwrap(),
        "",
        "an object with nothing set sends nothing"
    );
}

#[test]
fn unset_sends_an_empty_value() {
    let params = UpdateParams {
        default_return_url: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "default_return_url=");
    let params = UpdateParams {
        metadata: Some(Unsettable::Unset),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "metadata=");
    let params = UpdateParams {
        business_profile: Some(UpdateBusinessProfile {
            privacy_policy_url: Some(Unsettable::Unset),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params).unwrap(),
        "business_profile[privacy_policy_url]="
    );
}

#[test]
fn unsettable_list_set_to_empty_sends_an_empty_value() {
    let params = UpdateParams {
        features: Some(UpdateFeatures {
            customer_update: Some(UpdateFeaturesCustomerUpdate {
                allowed_updates: Some(Unsettable::Set(vec![])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        to_form(&params).unwrap(),
        "features[customer_update][allowed_updates]="
    );
    assert_eq!(
        to_form(&products(vec![])).unwrap(),
        "features[subscription_update][products]="
    );
}

#[test]
fn plain_empty_list_sends_nothing() {
    let params = UpdateParams {
        expand: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "");
}

#[test]
fn values_are_percent_encoded_as_html_forms() {
    assert_eq!(
        to_form(&headline("Hi & bye")).unwrap(),
        "business_profile[headline]=Hi+%26+bye"
    );
    assert_eq!(
        to_form(&headline("a=b+c[d]%~/é*-._")).unwrap(),
        "business_profile[headline]=a%3Db%2Bc%5Bd%5D%25%7E%2F%C3%A9*-._"
    );
    assert_eq!(
        to_form(&headline("line\nbreak")).unwrap(),
        "business_profile[headline]=line%0Abreak"
    );
}

#[test]
fn map_keys_are_encoded_but_brackets_stay_literal() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(metadata(&[("a b&c[d]", "v")]))),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "metadata[a+b%26c%5Bd%5D]=v");
}

/// The "full update" example of wire-format.md: the same pairs (the document's order is
/// stripe-python's; ours is the schema's).
#[test]
fn full_example_has_the_documented_pairs() {
    let mut customer_update = UpdateFeaturesCustomerUpdate {
        allowed_updates: Some(Unsettable::Set(vec![
            AllowedUpdate::Email,
            AllowedUpdate::Address,
        ])),
        ..Default::default()
    };
    customer_update.enabled = Some(true);
    let mut reason = CancellationReason::new(true);
    reason.options = Some(Unsettable::Set(vec![]));
    let params = UpdateParams {
        active: Some(true),
        business_profile: Some(UpdateBusinessProfile {
            headline: Some("Hi & bye".into()),
            privacy_policy_url: Some(Unsettable::Unset),
            ..Default::default()
        }),
        expand: Some(vec!["features".into()]),
        features: Some(UpdateFeatures {
            customer_update: Some(customer_update),
            subscription_cancel: Some(UpdateFeaturesSubscriptionCancel {
                cancellation_reason: Some(reason),
                ..Default::default()
            }),
            subscription_update: Some(UpdateFeaturesSubscriptionUpdate {
                products: Some(Unsettable::Set(vec![Product::new(
                    vec!["price_1".into(), "price_2".into()],
                    "prod_1",
                )])),
                ..Default::default()
            }),
            ..Default::default()
        }),
        metadata: Some(Unsettable::Set(metadata(&[("k", "v"), ("order", "")]))),
        ..Default::default()
    };
    let documented = "active=true&business_profile[headline]=Hi+%26+bye&business_profile[privacy_policy_url]=&features[customer_update][allowed_updates][0]=email&features[customer_update][allowed_updates][1]=address&features[customer_update][enabled]=true&features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][options]=&features[subscription_update][products][0][prices][0]=price_1&features[subscription_update][products][0][prices][1]=price_2&features[subscription_update][products][0][product]=prod_1&metadata[k]=v&metadata[order]=&expand[0]=features";
    let body = to_form(&params).unwrap();
    assert_eq!(sorted_pairs(&body), sorted_pairs(documented));
    // Our order: depth-first in the schema's property order.
    insta::assert_snapshot!(body.replace('&', "\n&"));
}

#[test]
fn required_fields_are_always_sent() {
    let params = UpdateParams {
        login_page: Some(UpdateLoginPage::new(false)),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "login_page[enabled]=false");
}

/// Every row of the table at once, as one reviewable snapshot.
#[test]
fn table_rows_snapshot() {
    let rows: Vec<(&str, String)> = vec![
        (
            "scalar",
            to_form(&UpdateParams {
                active: Some(true),
                ..Default::default()
            })
            .unwrap(),
        ),
        ("nested object", to_form(&headline("Hi")).unwrap()),
        (
            "list of scalars",
            to_form(&UpdateParams {
                expand: Some(vec!["features".into(), "login_page".into()]),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            "list of objects",
            to_form(&products(vec![Product::new(
                vec!["price_1".into()],
                "prod_1",
            )]))
            .unwrap(),
        ),
        (
            "map",
            to_form(&UpdateParams {
                metadata: Some(Unsettable::Set(metadata(&[("order_id", "6735")]))),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            "map entry unset",
            to_form(&UpdateParams {
                metadata: Some(Unsettable::Set(metadata(&[("order_id", "")]))),
                ..Default::default()
            })
            .unwrap(),
        ),
        ("left out", to_form(&UpdateParams::default()).unwrap()),
        (
            "unset",
            to_form(&UpdateParams {
                default_return_url: Some(Unsettable::Unset),
                ..Default::default()
            })
            .unwrap(),
        ),
        ("unsettable empty list", to_form(&products(vec![])).unwrap()),
        (
            "unsettable empty map",
            to_form(&UpdateParams {
                metadata: Some(Unsettable::Set(BTreeMap::new())),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            "unsettable list whose item writes nothing",
            to_form(&DiscountParams {
                discounts: Some(Unsettable::Set(vec![Discount::default()])),
                ..Default::default()
            })
            .unwrap(),
        ),
        (
            "not finite",
            to_form(&DiscountParams {
                percent_off: Some(f64::NAN),
                ..Default::default()
            })
            .unwrap_err()
            .to_string(),
        ),
        (
            "plain empty list",
            to_form(&UpdateParams {
                expand: Some(vec![]),
                ..Default::default()
            })
            .unwrap(),
        ),
    ];
    let table: String = rows
        .iter()
        .map(|(row, body)| format!("{row}: {body}\n"))
        .collect();
    insta::assert_snapshot!(table);
}

// ------------------------------------------------ rows that guard against data loss --

/// A list item whose fields are all optional, as Stripe's `discounts` items are
/// (`coupon`, `discount`, `promotion_code`): written the way generated types write
/// themselves, one `field` per property.
#[derive(Default)]
struct Discount {
    coupon: Option<String>,
}

impl FormValue for Discount {
    fn write_form(&self, form: &mut FormWriter) {
        form.field("coupon", &self.coupon);
    }
}

/// A params object with an unsettable list of such items and a number.
#[derive(Default)]
struct DiscountParams {
    discounts: Option<Unsettable<Vec<Discount>>>,
    percent_off: Option<f64>,
    metadata: Option<Unsettable<BTreeMap<String, String>>>,
}

impl FormValue for DiscountParams {
    fn write_form(&self, form: &mut FormWriter) {
        form.field("discounts", &self.discounts);
        form.field("percent_off", &self.percent_off);
        form.field("metadata", &self.metadata);
    }
}

/// Regression: a set, empty map was sent as `metadata=`, which deletes every key.
#[test]
fn unsettable_map_set_to_an_empty_map_sends_nothing() {
    let params = UpdateParams {
        metadata: Some(Unsettable::Set(BTreeMap::new())),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "");
    // Beside other fields, and inside a list item, it still writes nothing.
    let params = UpdateParams {
        active: Some(true),
        metadata: Some(Unsettable::Set(BTreeMap::new())),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "active=true");
    let mut form = FormWriter::new();
    form.field(
        "items",
        &vec![DiscountParams {
            metadata: Some(Unsettable::Set(BTreeMap::new())),
            ..Default::default()
        }],
    );
    assert_eq!(form.finish().unwrap(), "");
}

/// Regression: a non-empty list whose item writes no pair was sent as `discounts=`,
/// which removes every discount.
#[test]
fn unsettable_list_with_an_item_that_writes_nothing_is_never_a_clear() {
    let params = DiscountParams {
        discounts: Some(Unsettable::Set(vec![Discount::default()])),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "");
    let params = DiscountParams {
        discounts: Some(Unsettable::Set(vec![
            Discount::default(),
            Discount {
                coupon: Some("co_1".into()),
            },
        ])),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "discounts[1][coupon]=co_1");
    // Only the empty list clears.
    let params = DiscountParams {
        discounts: Some(Unsettable::Set(vec![])),
        ..Default::default()
    };
    assert_eq!(to_form(&params).unwrap(), "discounts=");
}

/// Regression: `NaN` and infinities were sent as `percent_off=NaN` / `inf`.
#[test]
fn a_number_that_is_not_finite_is_refused_naming_its_key() {
    for number in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let params = DiscountParams {
            percent_off: Some(number),
            ..Default::default()
        };
        let refused = to_form(&params).unwrap_err();
        assert_eq!(refused.problems.len(), 1, "{refused}");
        assert_eq!(refused.problems[0].param, "percent_off");
        assert!(refused.to_string().ends_with('.'), "{refused}");
    }
    // Nested keys are named in full, and every problem is reported.
    let mut form = FormWriter::new();
    form.field(
        "items",
        &vec![
            DiscountParams {
                percent_off: Some(f64::NAN),
                ..Default::default()
            },
            DiscountParams {
                percent_off: Some(12.5),
                ..Default::default()
            },
            DiscountParams {
                percent_off: Some(f64::INFINITY),
                ..Default::default()
            },
        ],
    );
    let refused = form.finish().unwrap_err();
    let keys: Vec<&str> = refused.problems.iter().map(|p| p.param.as_str()).collect();
    assert_eq!(keys, ["items[0][percent_off]", "items[2][percent_off]"]);
    assert_eq!(
        refused.to_string(),
        "invalid parameters, nothing was sent. `items[0][percent_off]` must be a finite \
         number, not NaN. `items[2][percent_off]` must be a finite number, not inf."
    );
    // Finite numbers, negative zero and the extremes go through.
    let params = DiscountParams {
        percent_off: Some(f64::MAX),
        ..Default::default()
    };
    assert!(to_form(&params).is_ok());
}
