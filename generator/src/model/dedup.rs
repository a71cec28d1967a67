//! Merges request types that are the same in all but name.
//!
//! Stripe repeats its parameter shapes across operations (an address, a tax ID, a
//! price's recurring terms, ...): the full spec has about 2,900 request types of some
//! 1,000 shapes. Each shape is defined once, in the `params` module, and every place
//! that used it keeps its own name as a type alias, which is the name its module's
//! fields use, so users see no difference and the compiler checks each shape once.
//! Types count as the same when their fields (wire names, Rust names, types, required
//! and unsettable flags), enum values or union variants are the same; descriptions do
//! not count. A merged shape is named by what its members agree on and keeps a
//! description only where all of theirs agree (see [`name_candidates`], [`shared_doc`]).

use std::collections::{BTreeMap, HashMap};

use super::names;
use super::{
    Field, ModulePath, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant, VariantValue,
};

pub fn merge_request_types(types: &mut Vec<TypeDef>) {
    let positions: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, def)| def.role == Role::Request)
        .map(|(position, def)| (&def.name, position))
        .collect();
    // Classes of equal types, found bottom-up: a type's key names its fields' classes,
    // so one pass in dependency order finds every merge (hash-consing).
    let mut classes = Classes {
        types,
        positions: &positions,
        class_of: vec![None; types.len()],
        in_progress: vec![false; types.len()],
        by_key: HashMap::new(),
    };
    let mut order: Vec<usize> = positions.values().copied().collect();
    order.sort_by(|&a, &b| types[a].name.cmp(&types[b].name));
    for &position in &order {
        classes.class(position);
    }
    let class_of = classes.class_of;
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &position in &order {
        if let Some(class) = class_of[position] {
            members.entry(class).or_default().push(position);
        }
    }
    let groups: Vec<&Vec<usize>> = members.values().filter(|group| group.len() > 1).collect();
    if groups.is_empty() {
        return;
    }

    // One definition per class in `params`, named by what its members agree on.
    let params_module = ModulePath::params();
    let mut taken = names::Namespace::camel_case();
    let mut claim_order: Vec<&Vec<usize>> = groups.clone();
    // The most used shapes claim first, so they get the plain names.
    claim_order.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| types[a[0]].name.cmp(&types[b[0]].name))
    });
    let mut shared_name_of_group: HashMap<usize, TypeName> = HashMap::new();
    for group in claim_order {
        let candidates = name_candidates(types, group);
        let free = candidates
            .iter()
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(&candidates[0]);
        let name = taken.claim(free.clone());
        shared_name_of_group.insert(
            group[0],
            TypeName {
                module: params_module.clone(),
                name,
            },
        );
    }
    let mut target: BTreeMap<TypeName, TypeName> = BTreeMap::new();
    for group in &groups {
        let shared = &shared_name_of_group[&group[0]];
        for &member in group.iter() {
            target.insert(types[member].name.clone(), shared.clone());
        }
    }
    let target_of = |name: &TypeName| -> Option<TypeName> { target.get(name).cloned() };

    let mut shared = Vec::new();
    for group in &groups {
        let first = &types[group[0]];
        let mut moved = first.clone();
        moved.name = shared_name_of_group[&group[0]].clone();
        moved.doc = shared_doc(types, group);
        // One file per module of first use keeps `params` navigable.
        moved.file = first.name.module.plain_joined("_");
        // Inside `params`, references go straight to the other shared definitions.
        retarget_kind(&mut moved.kind, &target_of);
        shared.push(moved);
    }
    // Every member becomes an alias in its own module. Types that use a member keep
    // naming it by that alias, so a call's module only shows its own names (or `types`).
    for def in types.iter_mut() {
        if let Some(target) = target_of(&def.name) {
            def.kind = TypeKind::Alias { target };
        }
    }
    types.extend(shared);
}

/// Titles Stripe gives many unrelated schemas; they name nothing.
const GENERIC_TITLES: &[&str] = &["param", "params"];

/// The longest name made of a shape's every value or field name.
const MAX_SHAPE_NAME_LEN: usize = 64;

/// The names a merged shape may take, best first: the property all its members are the
/// value of (`address`), else their common schema title (`recurring_price_data`), and
/// always last a name made from the shape itself (see [`shape_name`]).
fn name_candidates(types: &[TypeDef], group: &[usize]) -> Vec<String> {
    let agreed = |get: &dyn Fn(&TypeDef) -> Option<&String>| -> Option<String> {
        let first = get(&types[group[0]])?;
        group
            .iter()
            .all(|&member| get(&types[member]) == Some(first))
            .then(|| first.clone())
    };
    let mut candidates = Vec::new();
    if let Some(property) = agreed(&|def| def.origin.property.as_ref()) {
        candidates.push(names::type_name(&property));
    }
    if let Some(title) = agreed(&|def| def.origin.title.as_ref())
        .filter(|title| !GENERIC_TITLES.contains(&title.as_str()))
    {
        candidates.push(names::type_name(&title));
    }
    // Parameters of calls named alike (`ListParams`) share that name.
    if let Some(name) = agreed(&|def| Some(&def.name.name)) {
        candidates.push(name);
    }
    candidates.push(shape_name(&types[group[0]].kind, 3));
    // Every value or field named, unless that makes a name no one would read (or a
    // file system store: rustdoc writes a file per type, 255 bytes at most).
    let full = shape_name(&types[group[0]].kind, usize::MAX);
    if full.len() <= MAX_SHAPE_NAME_LEN {
        candidates.push(full);
    }
    candidates.dedup();
    candidates
}

/// A name made from a shape alone: its first `shown` field names and `Params`
/// (`EnabledParams`, `AmountCurrencyParams`), or its first `shown` values or variants
/// joined by `Or` (`DayOrMonthOrWeekEtc`).
fn shape_name(kind: &TypeKind, shown: usize) -> String {
    let (parts, more): (Vec<String>, bool) = match kind {
        TypeKind::Struct { fields } if fields.is_empty() => return "NoParams".to_string(),
        TypeKind::Struct { fields } => {
            let parts: Vec<String> = fields
                .iter()
                .take(shown)
                .map(|field| names::type_name(&field.wire_name))
                .collect();
            return format!("{}Params", parts.concat());
        }
        TypeKind::Enum { variants } => (
            variants
                .iter()
                .take(shown)
                .map(|v| v.rust_name.clone())
                .collect(),
            variants.len() > shown,
        ),
        TypeKind::Union { variants } => (
            variants
                .iter()
                .take(shown)
                .map(|v| v.rust_name.clone())
                .collect(),
            variants.len() > shown,
        ),
        TypeKind::Alias { target } => return target.name.clone(),
    };
    let mut name = parts.join("Or");
    if more {
        name.push_str("Etc");
    }
    name
}

/// The description of a merged shape: its members' own, where they all agree;
/// otherwise a list of where it is used (the members keep their own descriptions on
/// their aliases).
fn shared_doc(types: &[TypeDef], group: &[usize]) -> Option<String> {
    let first = &types[group[0]].doc;
    if group.iter().all(|&member| &types[member].doc == first) {
        return first.clone();
    }
    const LISTED: usize = 8;
    let uses: Vec<String> = group
        .iter()
        .take(LISTED)
        .map(|&member| {
            let name = &types[member].name;
            format!("`{}::{}`", name.module, name.name)
        })
        .collect();
    let mut doc = format!("Parameters of one shape, used as {}", uses.join(", "));
    if group.len() > LISTED {
        doc.push_str(&format!(" and {} more", group.len() - LISTED));
    }
    doc.push('.');
    Some(doc)
}

fn retarget_kind(kind: &mut TypeKind, target_of: &dyn Fn(&TypeName) -> Option<TypeName>) {
    match kind {
        TypeKind::Struct { fields } => {
            for field in fields {
                retarget(&mut field.ty, target_of);
            }
        }
        TypeKind::Union { variants } => {
            for variant in variants {
                if let VariantValue::Of(ty) = &mut variant.value {
                    retarget(ty, target_of);
                }
            }
        }
        TypeKind::Enum { .. } | TypeKind::Alias { .. } => {}
    }
}

pub(super) fn retarget(ty: &mut TypeRef, target_of: &dyn Fn(&TypeName) -> Option<TypeName>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(target) = target_of(name) {
                *name = target;
            }
        }
        TypeRef::List(inner)
        | TypeRef::Map(inner)
        | TypeRef::Expandable(inner)
        | TypeRef::Unsettable(inner)
        | TypeRef::Page { item: inner, .. } => retarget(inner, target_of),
        _ => {}
    }
}

struct Classes<'a> {
    types: &'a [TypeDef],
    positions: &'a HashMap<&'a TypeName, usize>,
    class_of: Vec<Option<usize>>,
    in_progress: Vec<bool>,
    by_key: HashMap<String, usize>,
}

impl Classes<'_> {
    /// The class of the type at `position`, after the classes of the types it uses.
    /// A type met again while its own class is being found (a cycle) stays alone.
    fn class(&mut self, position: usize) -> Option<usize> {
        if let Some(class) = self.class_of[position] {
            return Some(class);
        }
        if self.in_progress[position] {
            return None;
        }
        self.in_progress[position] = true;
        let types = self.types;
        let used = types[position].kind.used_names();
        let mut class_names: HashMap<&TypeName, String> = HashMap::new();
        for name in used {
            let class = self
                .positions
                .get(name)
                .copied()
                .and_then(|used_position| self.class(used_position));
            let text = match class {
                Some(class) => format!("#{class}"),
                // Not a request type, or part of a cycle: only itself is equal to it.
                None => format!("{}::{}", name.module, name.name),
            };
            class_names.insert(name, text);
        }
        let key = shape_key(&types[position].kind, &|name: &TypeName| {
            class_names.get(name).cloned().unwrap_or_default()
        });
        let next = self.by_key.len();
        let class = *self.by_key.entry(key).or_insert(next);
        self.in_progress[position] = false;
        self.class_of[position] = Some(class);
        Some(class)
    }
}

/// A text that is equal for two types exactly when they can share one definition,
/// given a text for each type they use (`name_of`).
fn shape_key(kind: &TypeKind, name_of: &dyn Fn(&TypeName) -> String) -> String {
    match kind {
        TypeKind::Struct { fields } => {
            let fields: Vec<String> = fields
                .iter()
                .map(|field| field_key(field, &name_of))
                .collect();
            format!("struct {}", fields.join(";"))
        }
        TypeKind::Enum { variants } => {
            let variants: Vec<String> = variants
                .iter()
                .map(|variant| format!("{}={:?}", variant.rust_name, variant.wire))
                .collect();
            format!("enum {}", variants.join(";"))
        }
        TypeKind::Union { variants } => {
            let variants: Vec<String> = variants
                .iter()
                .map(|variant| variant_key(variant, &name_of))
                .collect();
            format!("union {}", variants.join(";"))
        }
        TypeKind::Alias { target } => format!("alias {}", name_of(target)),
    }
}

fn field_key(field: &Field, name_of: &dyn Fn(&TypeName) -> String) -> String {
    format!(
        "{:?}/{}/{:?}/{}",
        field.wire_name,
        field.rust_name,
        field.presence,
        type_key(&field.ty, name_of)
    )
}

fn variant_key(variant: &UnionVariant, name_of: &dyn Fn(&TypeName) -> String) -> String {
    match &variant.value {
        VariantValue::Wire(wire) => format!("{}={wire:?}", variant.rust_name),
        VariantValue::Of(ty) => format!("{}({})", variant.rust_name, type_key(ty, name_of)),
    }
}

fn type_key(ty: &TypeRef, name_of: &dyn Fn(&TypeName) -> String) -> String {
    match ty {
        TypeRef::Named(name) => name_of(name),
        TypeRef::List(inner) => format!("[{}]", type_key(inner, name_of)),
        TypeRef::Map(inner) => format!("{{{}}}", type_key(inner, name_of)),
        TypeRef::Expandable(inner) => format!("exp({})", type_key(inner, name_of)),
        TypeRef::Unsettable(inner) => format!("unsettable({})", type_key(inner, name_of)),
        TypeRef::Page { kind, item } => format!("page{kind:?}({})", type_key(item, name_of)),
        other => format!("{other:?}"),
    }
}

/// Response enums with the same values (Stripe repeats `proration_behavior`,
/// `status` sets and the like across objects) share one definition: the first by
/// name keeps it, the others become aliases of it.
pub fn merge_response_enums(types: &mut [TypeDef]) {
    let mut first_with: BTreeMap<Vec<(String, String)>, TypeName> = BTreeMap::new();
    let mut order: Vec<usize> = (0..types.len())
        .filter(|&position| types[position].role == Role::Response)
        .collect();
    order.sort_by(|&a, &b| types[a].name.cmp(&types[b].name));
    for position in order {
        let TypeKind::Enum { variants } = &types[position].kind else {
            continue;
        };
        let key: Vec<(String, String)> = variants
            .iter()
            .map(|variant| (variant.rust_name.clone(), variant.wire.clone()))
            .collect();
        match first_with.get(&key) {
            Some(first) => {
                types[position].kind = TypeKind::Alias {
                    target: first.clone(),
                }
            }
            None => {
                first_with.insert(key, types[position].name.clone());
            }
        }
    }
}

/// Response unions whose every variant is a component type (`Customer` or
/// `DeletedCustomer`, repeated on many objects) become one definition in `types`,
/// named after its components, and every use points at it: the words the component
/// names start with alike are said once, then each component's other words, joined by
/// `Or` (`CustomerOrDeletedCustomer`, `PaymentIntent` + `PaymentMethodOptionsCardOr…`);
/// a union of more than [`MAX_KINDS_IN_NAME`] kinds keeps its first user's name. The
/// variants are named by those other words (`Customer`, `DeletedCustomer`). A union
/// that is itself a component (`external_account`) keeps its component's name, and the
/// others of its kinds become it. Returns the old name of every union that was replaced,
/// with its new one, for references outside the types (operations' responses).
pub fn merge_response_unions(
    types: &mut Vec<TypeDef>,
    components_set: &std::collections::BTreeSet<TypeName>,
) -> BTreeMap<TypeName, TypeName> {
    let types_module = ModulePath::types();
    let mut taken = names::Namespace::camel_case().reserve(
        types
            .iter()
            .filter(|def| def.name.module == types_module)
            .map(|def| def.name.name.clone()),
    );
    let file_of: HashMap<TypeName, String> = types
        .iter()
        .map(|def| (def.name.clone(), def.file.clone()))
        .collect();
    let components_of = |def: &TypeDef| -> Option<Vec<TypeName>> {
        let TypeKind::Union { variants } = &def.kind else {
            return None;
        };
        // A union of no kinds (a spec whose every branch was left out) has no name to
        // take from its components and nothing to share.
        if def.role != Role::Response || variants.is_empty() {
            return None;
        }
        variants
            .iter()
            .map(|variant| match &variant.value {
                VariantValue::Of(TypeRef::Named(name)) if name.module == types_module => {
                    Some(name.clone())
                }
                _ => None,
            })
            .collect()
    };
    let mut order: Vec<usize> = (0..types.len())
        .filter(|&position| components_of(&types[position]).is_some())
        .collect();
    // Components first: their names are fixed, and the others follow them.
    order.sort_by(|&a, &b| {
        let component = |position: usize| !components_set.contains(&types[position].name);
        (component(a), &types[a].name).cmp(&(component(b), &types[b].name))
    });
    // Component lists (in the order the variants are tried) -> the shared name.
    let mut shared: BTreeMap<Vec<TypeName>, TypeName> = BTreeMap::new();
    let mut target: BTreeMap<TypeName, TypeName> = BTreeMap::new();
    let mut definitions = Vec::new();
    for position in order {
        let def = &types[position];
        let components = components_of(def).unwrap_or_default();
        // A component always keeps its own definition (two components of the same
        // kinds are two names users know); other unions join the first of their kinds.
        let is_component = components_set.contains(&def.name);
        let name = match shared.get(&components).filter(|_| !is_component) {
            Some(name) => name.clone(),
            None => {
                let (wanted, variant_names) = union_names(&components);
                let name = TypeName {
                    module: types_module.clone(),
                    name: match wanted {
                        _ if components_set.contains(&def.name) => def.name.name.clone(),
                        Some(wanted) => taken.claim(wanted),
                        // Too many kinds to list: the first user's name, already
                        // claimed if it is in `types`.
                        None if def.name.module == types_module => def.name.name.clone(),
                        None => taken.claim(def.name.name.clone()),
                    },
                };
                let mut variant_names_taken =
                    names::Namespace::camel_case().reserve([names::UNKNOWN_VARIANT]);
                let TypeKind::Union { variants } = &def.kind else {
                    continue;
                };
                let variants = variants
                    .iter()
                    .zip(variant_names)
                    .map(|(variant, wanted)| UnionVariant {
                        rust_name: variant_names_taken.claim(wanted),
                        ..variant.clone()
                    })
                    .collect();
                definitions.push(TypeDef {
                    name: name.clone(),
                    role: Role::Response,
                    doc: if is_component { def.doc.clone() } else { None },
                    kind: TypeKind::Union { variants },
                    // Beside its first kind (unless it is a component, with a file of
                    // its own): whoever uses the union needs that file anyway, so
                    // per-resource features stay as fine as before.
                    file: match file_of.get(&components[0]) {
                        Some(file) if !is_component => file.clone(),
                        _ => def.file.clone(),
                    },
                    origin: Default::default(),
                });
                shared.entry(components).or_insert_with(|| name.clone());
                name
            }
        };
        target.insert(def.name.clone(), name);
    }
    types.retain(|def| !target.contains_key(&def.name));
    let target_of = |name: &TypeName| target.get(name).cloned();
    types.extend(definitions);
    for def in types.iter_mut() {
        retarget_kind(&mut def.kind, &target_of);
    }
    target.retain(|old, new| old != new);
    target
}

/// Unions of more kinds than this keep the name of the first place that uses them
/// (`BalanceTransactionSource`) rather than list seventeen kinds.
const MAX_KINDS_IN_NAME: usize = 3;

/// The name of a union of `components` (`None` when there are too many to list) and of
/// its variants (see [`merge_response_unions`]).
fn union_names(components: &[TypeName]) -> (Option<String>, Vec<String>) {
    if components.is_empty() {
        return (None, Vec::new());
    }
    // Named in the order the variants are tried, except that deleted objects come last
    // (`CustomerOrDeletedCustomer`), as the spec lists them.
    let mut naming_order: Vec<usize> = (0..components.len()).collect();
    naming_order.sort_by_key(|&index| components[index].name.starts_with("Deleted"));
    let words: Vec<Vec<&str>> = naming_order
        .iter()
        .map(|&index| camel_words(&components[index].name))
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    // Every variant keeps at least one word of its own.
    let mut common = 0;
    while common + 1 < shortest && words.iter().all(|w| w[common] == words[0][common]) {
        common += 1;
    }
    let prefix: String = words[0][..common].concat();
    let named: Vec<String> = words.iter().map(|w| w[common..].concat()).collect();
    let name =
        (components.len() <= MAX_KINDS_IN_NAME).then(|| format!("{prefix}{}", named.join("Or")));
    let mut variants = vec![String::new(); components.len()];
    for (variant, index) in named.into_iter().zip(naming_order) {
        variants[index] = variant;
    }
    (name, variants)
}

/// `PaymentIntentCard` -> `["Payment", "Intent", "Card"]`; digits stay with the word
/// before them.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (index, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..index]);
            start = index;
        }
    }
    words.push(&name[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn types_name(name: &str) -> TypeName {
        TypeName {
            module: ModulePath::types(),
            name: name.to_string(),
        }
    }

    #[test]
    fn unions_are_named_after_their_components() {
        let (name, variants) =
            union_names(&[types_name("DeletedCustomer"), types_name("Customer")]);
        assert_eq!(name.as_deref(), Some("CustomerOrDeletedCustomer"));
        // Variants keep the order they are tried in.
        assert_eq!(variants, ["DeletedCustomer", "Customer"]);
        let (name, variants) = union_names(&[
            types_name("PaymentIntentPaymentMethodOptionsCard"),
            types_name("PaymentIntentTypeSpecificPaymentMethodOptionsClient"),
        ]);
        assert_eq!(
            name.as_deref(),
            Some("PaymentIntentPaymentMethodOptionsCardOrTypeSpecificPaymentMethodOptionsClient")
        );
        assert_eq!(
            variants,
            [
                "PaymentMethodOptionsCard",
                "TypeSpecificPaymentMethodOptionsClient"
            ]
        );
        // A name that is all prefix keeps its last word.
        let (name, variants) = union_names(&[types_name("Card"), types_name("CardDetails")]);
        assert_eq!(name.as_deref(), Some("CardOrCardDetails"));
        assert_eq!(variants, ["Card", "CardDetails"]);
        let many: Vec<TypeName> = ["A", "B", "C", "D"].map(types_name).to_vec();
        assert_eq!(union_names(&many).0, None);
        // Found by the property tests: a union left with no kinds.
        assert_eq!(union_names(&[]), (None, Vec::new()));
    }

    #[test]
    fn shapes_are_named_by_their_fields_or_values() {
        let field = |wire: &str| Field {
            wire_name: wire.to_string(),
            rust_name: names::SnakeIdent::from_spec(wire),
            doc: None,
            ty: TypeRef::Bool,
            presence: super::super::Presence::Optional,
            boxed: false,
        };
        let shape = TypeKind::Struct {
            fields: vec![field("amount"), field("currency"), field("tax"), field("x")],
        };
        assert_eq!(shape_name(&shape, 3), "AmountCurrencyTaxParams");
        assert_eq!(shape_name(&shape, usize::MAX), "AmountCurrencyTaxXParams");
        assert_eq!(
            shape_name(&TypeKind::Struct { fields: Vec::new() }, 3),
            "NoParams"
        );
        let variant = |name: &str| super::super::Variant {
            wire: name.to_lowercase(),
            rust_name: name.to_string(),
        };
        let values = TypeKind::Enum {
            variants: vec![
                variant("Day"),
                variant("Month"),
                variant("Week"),
                variant("Year"),
            ],
        };
        assert_eq!(shape_name(&values, 3), "DayOrMonthOrWeekEtc");
    }
}
