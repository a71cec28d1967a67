//! Merges request types that are the same in all but name.
//!
//! Stripe repeats its parameter shapes across operations (an address, a tax ID, a
//! price's recurring terms, ...): the full spec has about 2,900 request types of some
//! 1,000 shapes. A shape whose users agree on what it is gets one definition in the
//! `params` module, named by that concept, and every place that used it keeps its own
//! name as a type alias, which is the name its module's fields use; the compiler checks
//! the shape once. Types count as the same when their fields (wire names, Rust names,
//! types, required and unsettable flags), enum values or union variants are the same;
//! descriptions do not count. A call's own params are never merged (see
//! [`name_by_concept`] for the names, [`shared_doc`] for the descriptions).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::names;
use super::{
    Field, ModulePath, Presence, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant,
    VariantValue,
};

pub fn merge_request_types(types: &mut Vec<TypeDef>, call_params: &BTreeSet<TypeName>) {
    // A call's parameters are never merged: the compiler, rustdoc and `Debug` show
    // them by the name the call's module gives them (`ListParams`).
    let positions: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .filter(|(_, def)| def.role == Role::Request && !call_params.contains(&def.name))
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
    let groups: Vec<Vec<usize>> = members
        .into_values()
        .filter(|group| group.len() > 1)
        .collect();
    let shared_groups = self_contained(types, name_by_concept(types, groups), &positions);
    if shared_groups.is_empty() {
        return;
    }

    // One definition per shared group in `params`.
    let params_module = ModulePath::params();
    let mut target: BTreeMap<TypeName, TypeName> = BTreeMap::new();
    for (name, group) in &shared_groups {
        let shared = TypeName {
            module: params_module.clone(),
            name: name.clone(),
        };
        for &member in group {
            target.insert(types[member].name.clone(), shared.clone());
        }
    }
    let target_of = |name: &TypeName| -> Option<TypeName> { target.get(name).cloned() };

    let mut shared = Vec::new();
    for (name, group) in &shared_groups {
        let first = &types[group[0]];
        let mut moved = first.clone();
        moved.name = TypeName {
            module: params_module.clone(),
            name: name.clone(),
        };
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

/// The shared groups whose one definition means the same for every member: each
/// request type a member uses is itself shared (a union of two kinds whose second kind
/// is not shared would name one member's own type for all of them, and that type's
/// module may not even be compiled). Dropping a group can make others that use it
/// unfit, so this runs until nothing changes.
fn self_contained(
    types: &[TypeDef],
    mut shared: Vec<(String, Vec<usize>)>,
    request_types: &HashMap<&TypeName, usize>,
) -> Vec<(String, Vec<usize>)> {
    loop {
        let is_shared: BTreeSet<&TypeName> = shared
            .iter()
            .flat_map(|(_, group)| group.iter().map(|&member| &types[member].name))
            .collect();
        let before = shared.len();
        shared.retain(|(_, group)| {
            group.iter().all(|&member| {
                types[member]
                    .kind
                    .used_names()
                    .into_iter()
                    .all(|used| !request_types.contains_key(used) || is_shared.contains(used))
            })
        });
        if shared.len() == before {
            return shared;
        }
    }
}

/// Words that name nothing on their own: a type that is the value of such a property
/// (`type`, `mode`) is named with the concept above it too (`TaxIdType`,
/// `SubscriptionCancelMode`), and a schema title made of them alone and a suffix
/// (`data_params`) is no name.
const GENERIC_WORDS: &[&str] = &[
    "behavior",
    "client",
    "code",
    "data",
    "details",
    "enabled",
    "kind",
    "label",
    "line",
    "mode",
    "object",
    "options",
    "origin",
    "other",
    "period",
    "reason",
    "requested",
    "round",
    "schedule",
    "scope",
    "segment",
    "settings",
    "status",
    "structure",
    "text",
    "type",
    "value",
];

/// The suffix of Stripe's schema titles that says only that it describes a value
/// (`address_specs`): left out of a name.
const TITLE_SUFFIX: &str = "_specs";

/// Words of a title that make it name its owner rather than its value:
/// `customer_param` is the invoice settings of a customer, `payment_intent_param` a
/// payment intent's card options. Such titles name nothing here.
const OWNER_TITLE_WORDS: &[&str] = &["param", "params"];

/// A title without the suffix that says only that it describes a value
/// (`japan_address_kana_specs` -> `japan_address_kana`).
fn strip_title_suffix(title: &str) -> &str {
    title
        .strip_suffix(TITLE_SUFFIX)
        .filter(|stripped| !stripped.is_empty())
        .unwrap_or(title)
}

/// Whether a schema title names nothing: one made of generic words (`data`), or one
/// that names its owner (`customer_param`).
fn is_generic_title(title: &str) -> bool {
    let words: Vec<&str> = strip_title_suffix(title).split('_').collect();
    words.iter().any(|word| OWNER_TITLE_WORDS.contains(word))
        || words.iter().all(|word| GENERIC_WORDS.contains(word))
}

/// How a group of equal types is named: by the schema title its members share, by the
/// kinds of a union (`RangeQuerySpecsOrInteger`), by the value of an enum of one value
/// (`Simplified`), by the last `n` concepts of their paths (`Type`, `TaxIdType`,
/// `CustomerTaxIdType`), or by a concept their paths pass through (`Capability`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Naming {
    Title,
    Kinds,
    Value,
    /// Paths that differ below a concept they all pass through: that concept in the
    /// singular, then the last concepts they share (the `type` of each country's
    /// options, `[country_options, at, type]` and `[country_options, be, type]`, is
    /// `CountryOptionType`; each of an account's `capabilities` is a `Capability`).
    Ancestor,
    Concepts(usize),
}

/// The namings a group tries, in this order, before it is split by property.
const NAMINGS: [Naming; 5] = [
    Naming::Concepts(1),
    Naming::Title,
    Naming::Kinds,
    Naming::Value,
    Naming::Ancestor,
];

/// A union of more kinds than this is not named by them.
const MAX_KINDS_NAMED: usize = 3;

/// A group of equal types that agree on a name of `naming`'s kind.
struct Candidate {
    members: Vec<usize>,
    naming: Naming,
}

/// Which of the groups of equal types share one definition, and its name. A group is
/// named by the concept its members agree on, as a person documenting the API would:
/// the property they are all the value of (`capture_method` -> `CaptureMethod`), else
/// their common schema title (`recurring_price_data`), else for a union of a few kinds
/// those kinds (`RangeQuerySpecsOrInteger`), else for an enum of one value that value,
/// else the concepts their paths share around one that differs (`CountryOptionType`);
/// members that agree on none of these are split, those with a title by title and the
/// others by property. Where several groups want one name, the one used in the most
/// places keeps it (if one is); the others add the concept one level up (the property
/// or resource above: `account_holder_type` -> `CardAccountHolderType`), splitting
/// again where their members differ there. A member left alone, or with nothing more
/// above it, is not shared: it keeps its own definition under its own name. So no name
/// is a list of fields or values, and none carries a number to break a tie.
fn name_by_concept(types: &[TypeDef], groups: Vec<Vec<usize>>) -> Vec<(String, Vec<usize>)> {
    let mut pending: Vec<Candidate> = Vec::new();
    for members in groups {
        if let Some(naming) = next_naming(types, &members, None) {
            pending.extend(split(types, members, naming));
            continue;
        }
        // Those with a title Stripe gave them go by it, the others by property.
        let (titled, untitled): (Vec<usize>, Vec<usize>) = members
            .into_iter()
            .partition(|&member| member_name(&types[member], Naming::Title).is_some());
        pending.extend(split(types, titled, Naming::Title));
        pending.extend(split(types, untitled, Naming::Concepts(1)));
    }
    let mut named: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    // A type named `Option` would shadow the prelude's in every generated file.
    let reserved = names::Namespace::types();
    while !pending.is_empty() {
        let mut wanted: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
        for candidate in pending.drain(..) {
            // `split` leaves only candidates that agree on a name.
            let Some(name) = agreed_name(types, &candidate.members, candidate.naming) else {
                continue;
            };
            wanted.entry(name).or_default().push(candidate);
        }
        for (name, mut candidates) in wanted {
            // The shape most places use keeps the name, if one does; a stable sort
            // keeps the order of equals.
            candidates.sort_by_key(|candidate| std::cmp::Reverse(candidate.members.len()));
            let keeps = !named.contains_key(&name)
                && !reserved.contains(&name)
                && candidates
                    .get(1)
                    .is_none_or(|second| candidates[0].members.len() > second.members.len());
            let mut candidates = candidates.into_iter();
            if keeps {
                if let Some(first) = candidates.next() {
                    named.insert(name, first.members);
                }
            }
            // The others say more about themselves: the next naming they agree on,
            // else the concepts one level up, split where they differ there.
            for candidate in candidates {
                let next = match candidate.naming {
                    Naming::Concepts(n) if n > 1 => Naming::Concepts(n + 1),
                    current => next_naming(types, &candidate.members, Some(current))
                        .unwrap_or(Naming::Concepts(2)),
                };
                pending.extend(split(types, candidate.members, next));
            }
        }
    }
    let mut shared: Vec<(String, Vec<usize>)> = named.into_iter().collect();
    // In the order of their first members, so output does not depend on the names.
    shared.sort_by(|a, b| types[a.1[0]].name.cmp(&types[b.1[0]].name));
    shared
}

/// `members` divided by their names of kind `naming`; only parts of two or more that
/// have such a name are kept (the others are not shared).
fn split(types: &[TypeDef], members: Vec<usize>, naming: Naming) -> Vec<Candidate> {
    if naming == Naming::Ancestor {
        // A name of the group as a whole: kept whole if it has one.
        let agreed = members.len() > 1 && agreed_name(types, &members, naming).is_some();
        return if agreed {
            vec![Candidate { members, naming }]
        } else {
            Vec::new()
        };
    }
    let mut parts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for member in members {
        if let Some(name) = member_name(&types[member], naming) {
            parts.entry(name).or_default().push(member);
        }
    }
    parts
        .into_values()
        .filter(|part| part.len() > 1)
        .map(|members| Candidate { members, naming })
        .collect()
}

/// The first naming after `current` (from the start for `None`) in [`NAMINGS`]'s
/// order that all `members` agree on.
fn next_naming(types: &[TypeDef], members: &[usize], current: Option<Naming>) -> Option<Naming> {
    let start = match current {
        None => 0,
        Some(current) => NAMINGS.iter().position(|&naming| naming == current)? + 1,
    };
    NAMINGS
        .iter()
        .skip(start)
        .copied()
        .find(|&naming| agreed_name(types, members, naming).is_some())
}

/// The name all `members` have of kind `naming`, if they agree.
fn agreed_name(types: &[TypeDef], members: &[usize], naming: Naming) -> Option<String> {
    if naming == Naming::Ancestor {
        return ancestor_name(types, members);
    }
    let first = member_name(&types[members[0]], naming)?;
    members[1..]
        .iter()
        .all(|&member| member_name(&types[member], naming).as_ref() == Some(&first))
        .then_some(first)
}

/// The [`Naming::Ancestor`] name of `members`: the deepest property of the first path
/// (not its last, nor the call's resource) that every other path passes through too, not a generic word, in
/// the singular; then the last concepts all paths share after it. Only for paths that
/// differ after it.
fn ancestor_name(types: &[TypeDef], members: &[usize]) -> Option<String> {
    let paths: Vec<&[String]> = members
        .iter()
        .map(|&member| types[member].origin.path.as_slice())
        .collect();
    let (first, others) = paths.split_first()?;
    let (_, above_last) = first.split_last()?;
    // A property, not the call's resource: two properties of customers are not a
    // `Customer`.
    let properties_above = above_last.get(1..)?;
    let ancestor = properties_above.iter().rev().find(|concept| {
        !GENERIC_WORDS.contains(&concept.as_str())
            && others.iter().all(|path| {
                path.split_last()
                    .is_some_and(|(_, above)| above.get(1..).is_some_and(|p| p.contains(concept)))
            })
    })?;
    // What follows the ancestor's last place on each path.
    let below: Vec<&[String]> = paths
        .iter()
        .map(|path| {
            let at = path[..path.len() - 1].iter().rposition(|c| c == ancestor);
            at.map(|at| &path[at + 1..])
        })
        .collect::<Option<_>>()?;
    if below.iter().all(|rest| *rest == below[0]) {
        return None;
    }
    let mut shared_tail = 0;
    while below.iter().all(|rest| {
        rest.len() > shared_tail + 1
            && rest[rest.len() - 1 - shared_tail] == below[0][below[0].len() - 1 - shared_tail]
    }) {
        shared_tail += 1;
    }
    let tail = &below[0][below[0].len() - shared_tail..];
    let mut name = names::type_name(&names::singular(ancestor));
    for concept in tail {
        name.push_str(&names::type_name(concept));
    }
    Some(name)
}

/// One type's name of kind `naming`: its schema title (unless generic), its union
/// variants joined by `Or` (a union of a few kinds, each holding a value), the value
/// of an enum of one value (which is all it can be: `simplified` -> `Simplified`), or
/// the UpperCamelCase of the last `n` concepts of its path.
fn member_name(def: &TypeDef, naming: Naming) -> Option<String> {
    match naming {
        Naming::Ancestor => None,
        Naming::Value => match &def.kind {
            TypeKind::Enum { variants } if variants.len() == 1 => {
                Some(variants[0].rust_name.clone())
            }
            _ => None,
        },
        Naming::Kinds => match &def.kind {
            TypeKind::Union { variants }
                if variants.len() <= MAX_KINDS_NAMED
                    && variants
                        .iter()
                        .all(|variant| matches!(variant.value, VariantValue::Of(_))) =>
            {
                let kinds: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
                Some(kinds.join("Or"))
            }
            _ => None,
        },
        Naming::Title => def
            .origin
            .title
            .as_ref()
            .filter(|title| !is_generic_title(title))
            .map(|title| names::type_name(strip_title_suffix(title))),
        Naming::Concepts(n) => {
            let path = &def.origin.path;
            // A generic word takes the concept above it along.
            let n = match path.last() {
                Some(last) if n == 1 && GENERIC_WORDS.contains(&last.as_str()) => 2,
                _ => n,
            };
            (n <= path.len()).then(|| {
                path[path.len() - n..]
                    .iter()
                    .map(|concept| names::type_name(concept))
                    .collect()
            })
        }
    }
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

/// Response structs with the same fields (wire and Rust names, presence, types named
/// by what they finally are after merges, and descriptions) share one definition: the
/// first by name keeps it, the others become aliases of it, as enums do in
/// [`merge_response_enums`]. Stripe repeats small shapes across objects (most payment
/// methods' Checkout options are `{setup_future_usage}`, described alike), and each
/// copy was a struct with a reader, `Clone`, `Debug` and `Deserialize` to compile.
/// Fields described differently are not merged, so no page of the docs describes a
/// field as another one's; an alias keeps its own description.
///
/// An object with an `id` is never merged: its name is what its typed `Id`, its
/// expansion and `Debug` say it is. Merging runs until nothing changes, since a merge
/// can make two structs that hold the merged ones equal.
pub fn merge_response_structs(types: &mut [TypeDef]) {
    let merges: Vec<(usize, TypeName)> = {
        let types: &[TypeDef] = types;
        // What every alias names, those already there (merged enums, whose names
        // fields use) and those made here.
        let mut alias_of: HashMap<&TypeName, &TypeName> = types
            .iter()
            .filter_map(|def| match &def.kind {
                TypeKind::Alias { target } => Some((&def.name, target)),
                _ => None,
            })
            .collect();
        let mut candidates: Vec<usize> = (0..types.len())
            .filter(|&position| types[position].role == Role::Response)
            .filter(|&position| match &types[position].kind {
                TypeKind::Struct { fields } => !fields.iter().any(|field| field.wire_name == "id"),
                _ => false,
            })
            .collect();
        candidates.sort_by(|&a, &b| types[a].name.cmp(&types[b].name));
        // Which candidates name a type in their fields: those to look at again when
        // that type becomes an alias.
        let mut users_of: HashMap<&TypeName, Vec<usize>> = HashMap::new();
        for &position in &candidates {
            if let TypeKind::Struct { fields } = &types[position].kind {
                let mut names = Vec::new();
                for field in fields {
                    field.ty.collect_names(&mut names);
                }
                for name in names {
                    users_of.entry(name).or_default().push(position);
                }
            }
        }
        let mut aliases_of: HashMap<&TypeName, Vec<&TypeName>> = HashMap::new();
        for (&alias, &target) in &alias_of {
            aliases_of.entry(target).or_default().push(alias);
        }
        // A field's wire and Rust names, presence, type (naming definitions, not
        // aliases) and description. A key that names a type merged since stays in the
        // map but can no longer match: keys name definitions only.
        type FieldKey<'a> = (
            &'a str,
            &'a names::SnakeIdent,
            Presence,
            TypeRef,
            Option<&'a str>,
        );
        let mut first_with: HashMap<Vec<FieldKey<'_>>, usize> = HashMap::new();
        // (merged, kept) positions.
        let mut merges: Vec<(usize, usize)> = Vec::new();
        let mut pending = candidates;
        while !pending.is_empty() {
            let mut merged_now: Vec<&TypeName> = Vec::new();
            for position in pending {
                let def = &types[position];
                let TypeKind::Struct { fields } = &def.kind else {
                    continue;
                };
                if alias_of.contains_key(&def.name) {
                    continue;
                }
                let final_name = |name: &TypeName| {
                    alias_of
                        .contains_key(name)
                        .then(|| definition_of(&alias_of, name).clone())
                };
                let key: Vec<FieldKey<'_>> = fields
                    .iter()
                    .map(|field| {
                        let mut ty = field.ty.clone();
                        retarget(&mut ty, &final_name);
                        (
                            field.wire_name.as_str(),
                            &field.rust_name,
                            field.presence,
                            ty,
                            field.doc.as_deref(),
                        )
                    })
                    .collect();
                match first_with.get(&key).copied() {
                    // Its key did not change after all: the type it names was merged
                    // earlier in the round that read it.
                    Some(first) if first == position => {}
                    Some(first) => {
                        // The first by name keeps the definition, whichever was read
                        // first; the other becomes its alias (and whoever names it
                        // is read again).
                        let (keep, merge) = if types[first].name < def.name {
                            (first, position)
                        } else {
                            (position, first)
                        };
                        let kept = &types[keep].name;
                        let merged = &types[merge].name;
                        first_with.insert(key, keep);
                        alias_of.insert(merged, kept);
                        aliases_of.entry(kept).or_default().push(merged);
                        merges.push((merge, keep));
                        merged_now.push(merged);
                    }
                    None => {
                        first_with.insert(key, position);
                    }
                }
            }
            // Whoever names a merged type, directly or through its aliases, has a new
            // key; the next round looks at them, in name order.
            let mut next = BTreeSet::new();
            let mut names = merged_now;
            while let Some(name) = names.pop() {
                next.extend(users_of.get(name).into_iter().flatten().copied());
                names.extend(aliases_of.get(name).into_iter().flatten().copied());
            }
            pending = next.into_iter().collect();
            pending.sort_by(|&a, &b| types[a].name.cmp(&types[b].name));
        }
        // Each alias names the definition itself, not a type merged later.
        merges
            .into_iter()
            .map(|(merged, kept)| {
                let target = definition_of(&alias_of, &types[kept].name);
                (merged, target.clone())
            })
            .collect()
    };
    for (position, target) in merges {
        types[position].kind = TypeKind::Alias { target };
    }
}

/// What `name` finally stands for through `alias_of`: itself unless it is an alias.
/// Aliases made by merging name a definition when made, so the chain ends.
fn definition_of<'a>(
    alias_of: &HashMap<&'a TypeName, &'a TypeName>,
    name: &'a TypeName,
) -> &'a TypeName {
    let mut name = name;
    while let Some(target) = alias_of.get(name) {
        name = target;
    }
    name
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
    // Every name in `types` stays taken, except those of the unions replaced here.
    let replaced: BTreeSet<&TypeName> = order
        .iter()
        .map(|&position| &types[position].name)
        .filter(|name| !components_set.contains(name))
        .collect();
    let mut taken = names::Namespace::types().reserve(
        types
            .iter()
            .filter(|def| def.name.module == types_module && !replaced.contains(&def.name))
            .map(|def| def.name.name.clone()),
    );
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
    let names: Vec<&str> = components.iter().map(|name| name.name.as_str()).collect();
    union_names_of(&names)
}

/// [`union_names`] of the type names `components`.
pub(super) fn union_names_of(components: &[&str]) -> (Option<String>, Vec<String>) {
    if components.is_empty() {
        return (None, Vec::new());
    }
    // Named in the order the variants are tried, except that deleted objects come last
    // (`CustomerOrDeletedCustomer`), as the spec lists them.
    let mut naming_order: Vec<usize> = (0..components.len()).collect();
    naming_order.sort_by_key(|&index| components[index].starts_with("Deleted"));
    let words: Vec<Vec<&str>> = naming_order
        .iter()
        .map(|&index| camel_words(components[index]))
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

    /// A request enum of `values` at `module::name`, made for the properties `path`.
    fn request_enum(module: &str, name: &str, path: &[&str], values: &[&str]) -> TypeDef {
        TypeDef {
            name: TypeName {
                module: ModulePath::new(vec![names::SnakeIdent::from_spec(module)])
                    .expect("a module"),
                name: name.to_string(),
            },
            role: Role::Request,
            doc: None,
            kind: TypeKind::Enum {
                variants: values
                    .iter()
                    .map(|value| super::super::Variant {
                        wire: value.to_string(),
                        rust_name: names::variant_name(value),
                    })
                    .collect(),
            },
            file: module.to_string(),
            origin: super::super::Origin {
                path: path.iter().map(|word| word.to_string()).collect(),
                title: None,
            },
        }
    }

    fn target(types: &[TypeDef], name: &str) -> Option<String> {
        let def = types.iter().find(|def| def.name.name == name)?;
        match &def.kind {
            TypeKind::Alias { target } => Some(format!("{}::{}", target.module, target.name)),
            _ => None,
        }
    }

    #[test]
    fn shared_shapes_are_named_by_the_concept_their_users_agree_on() {
        let tax_id_types = ["eu_vat", "us_ein"];
        let bank_types = ["company", "individual"];
        let mut types = vec![
            // Two calls' `capture_method`: one concept, the plain name.
            request_enum(
                "payment_intents",
                "CreateCaptureMethod",
                &["payment_intent", "capture_method"],
                &["automatic", "manual"],
            ),
            request_enum(
                "payment_intents",
                "UpdateCaptureMethod",
                &["payment_intent", "capture_method"],
                &["automatic", "manual"],
            ),
            // `type` of two kinds: generic, so named with the concept above it.
            request_enum("tax_ids", "CreateType", &["tax_id", "type"], &tax_id_types),
            request_enum(
                "invoices",
                "UpcomingCustomerDetailsTaxIdsType",
                &["invoice", "customer_details", "tax_id", "type"],
                &tax_id_types,
            ),
            request_enum(
                "tokens",
                "CreateBankAccountAccountHolderType",
                &["token", "bank_account", "account_holder_type"],
                &bank_types,
            ),
            request_enum(
                "accounts",
                "CreateBankAccountAccountHolderType",
                &["account", "bank_account", "account_holder_type"],
                &bank_types,
            ),
            // The same values under two properties with nothing else in common: not shared.
            request_enum(
                "prices",
                "CreateInterval",
                &["price", "interval"],
                &["day", "month"],
            ),
            request_enum("plans", "CreateUnit", &["plan", "unit"], &["day", "month"]),
        ];
        // A contested name goes to neither claimant.
        types.push(request_enum(
            "cards",
            "CreateAccountHolderType",
            &["card", "account_holder_type"],
            &["x", "y"],
        ));
        types.push(request_enum(
            "cards",
            "UpdateAccountHolderType",
            &["card", "account_holder_type"],
            &["x", "y"],
        ));
        // The items of `options` would be `Option`, which would shadow the prelude's.
        types.push(request_enum(
            "checkout",
            "CreateDropdownOptions",
            &["session", "dropdown", "option"],
            &["o", "p"],
        ));
        types.push(request_enum(
            "links",
            "CreateDropdownOptions",
            &["link", "dropdown", "option"],
            &["o", "p"],
        ));
        merge_request_types(&mut types, &BTreeSet::new());
        assert_eq!(
            target(&types, "CreateCaptureMethod").as_deref(),
            Some("params::CaptureMethod")
        );
        assert_eq!(
            target(&types, "UpdateCaptureMethod").as_deref(),
            Some("params::CaptureMethod")
        );
        assert_eq!(
            target(&types, "CreateType").as_deref(),
            Some("params::TaxIdType")
        );
        assert_eq!(
            target(&types, "UpcomingCustomerDetailsTaxIdsType").as_deref(),
            Some("params::TaxIdType")
        );
        assert_eq!(
            target(&types, "CreateBankAccountAccountHolderType").as_deref(),
            Some("params::BankAccountAccountHolderType")
        );
        assert_eq!(
            target(&types, "CreateAccountHolderType").as_deref(),
            Some("params::CardAccountHolderType")
        );
        assert_eq!(
            target(&types, "CreateDropdownOptions").as_deref(),
            Some("params::DropdownOption")
        );
        assert_eq!(target(&types, "CreateInterval"), None);
        assert_eq!(target(&types, "CreateUnit"), None);
        let shared: Vec<&str> = types
            .iter()
            .filter(|def| def.name.module == ModulePath::params())
            .map(|def| def.name.name.as_str())
            .collect();
        assert_eq!(
            shared,
            [
                "BankAccountAccountHolderType",
                "CardAccountHolderType",
                "DropdownOption",
                "TaxIdType",
                "CaptureMethod"
            ]
        );
    }

    #[test]
    fn the_most_used_shape_keeps_a_contested_name_and_map_like_paths_share_theirs() {
        let mut types = vec![
            request_enum(
                "prices",
                "CreateInterval",
                &["price", "interval"],
                &["day", "month"],
            ),
            request_enum(
                "plans",
                "CreateInterval",
                &["plan", "interval"],
                &["day", "month"],
            ),
            request_enum(
                "quotes",
                "CreateInterval",
                &["quote", "interval"],
                &["day", "month"],
            ),
            request_enum("x", "CreateInterval", &["x", "interval"], &["a", "b"]),
            request_enum("y", "CreateInterval", &["y", "interval"], &["a", "b"]),
            // Per-country options: the country differs, the rest is shared.
            request_enum(
                "tax",
                "CreateCountryOptionsAtType",
                &["registration", "country_options", "at", "type"],
                &["ioss", "standard"],
            ),
            request_enum(
                "tax",
                "CreateCountryOptionsBeType",
                &["registration", "country_options", "be", "type"],
                &["ioss", "standard"],
            ),
            // An enum of one value is that value.
            request_enum(
                "tax",
                "CreateCountryOptionsAmType",
                &["registration", "country_options", "am", "type"],
                &["simplified"],
            ),
            request_enum(
                "tax",
                "CreateCountryOptionsAzType",
                &["registration", "country_options", "az", "type"],
                &["simplified"],
            ),
            // Each of the `capabilities`, at any depth.
            request_enum(
                "accounts",
                "CreateCapabilitiesCardPayments",
                &["account", "capabilities", "card_payments"],
                &["yes", "no"],
            ),
            request_enum(
                "accounts",
                "CreateCapabilitiesTransfers",
                &["account", "capabilities", "transfers"],
                &["yes", "no"],
            ),
            request_enum(
                "v2",
                "CreateConfigurationMerchantCapabilitiesCards",
                &[
                    "account",
                    "configuration",
                    "merchant",
                    "capabilities",
                    "cards",
                ],
                &["yes", "no"],
            ),
        ];
        merge_request_types(&mut types, &BTreeSet::new());
        let targets: Vec<(String, Option<String>)> = types
            .iter()
            .filter(|def| def.name.module != ModulePath::params())
            .map(|def| {
                let to = match &def.kind {
                    TypeKind::Alias { target } => Some(target.name.clone()),
                    _ => None,
                };
                (format!("{}::{}", def.name.module, def.name.name), to)
            })
            .collect();
        let expected: Vec<(String, Option<String>)> = [
            ("prices::CreateInterval", Some("Interval")),
            ("plans::CreateInterval", Some("Interval")),
            ("quotes::CreateInterval", Some("Interval")),
            ("x::CreateInterval", None),
            ("y::CreateInterval", None),
            ("tax::CreateCountryOptionsAtType", Some("CountryOptionType")),
            ("tax::CreateCountryOptionsBeType", Some("CountryOptionType")),
            ("tax::CreateCountryOptionsAmType", Some("Simplified")),
            ("tax::CreateCountryOptionsAzType", Some("Simplified")),
            (
                "accounts::CreateCapabilitiesCardPayments",
                Some("Capability"),
            ),
            ("accounts::CreateCapabilitiesTransfers", Some("Capability")),
            (
                "v2::CreateConfigurationMerchantCapabilitiesCards",
                Some("Capability"),
            ),
        ]
        .iter()
        .map(|(from, to)| (from.to_string(), to.map(str::to_string)))
        .collect();
        assert_eq!(targets, expected);
    }

    #[test]
    fn a_shape_that_uses_an_unshared_type_is_not_shared() {
        // Two unions of the same kinds whose second kind is a struct that is not
        // shared (its users' properties have nothing in common).
        let object = |module: &str, name: &str, property: &str| TypeDef {
            kind: TypeKind::Struct { fields: Vec::new() },
            ..request_enum(module, name, &["intent", property], &[])
        };
        let union = |module: &str, name: &str, member: &TypeDef| TypeDef {
            kind: TypeKind::Union {
                variants: vec![UnionVariant {
                    rust_name: "ClientKey".to_string(),
                    value: VariantValue::Of(TypeRef::Named(member.name.clone())),
                    object_tag: None,
                }],
            },
            ..request_enum(module, name, &["intent", "mandate_data"], &[])
        };
        let first = object("payment_intents", "ConfirmClientKey", "client_key");
        let second = object("setup_intents", "ConfirmSecret", "secret");
        let mut types = vec![
            union("payment_intents", "ConfirmMandateData", &first),
            union("setup_intents", "ConfirmMandateData", &second),
            first,
            second,
        ];
        merge_request_types(&mut types, &BTreeSet::new());
        assert!(types
            .iter()
            .all(|def| !matches!(def.kind, TypeKind::Alias { .. })));
    }

    #[test]
    fn call_params_are_never_merged() {
        let list = |module: &str| {
            request_enum(module, "ListParams", &[&module[..module.len() - 1]], &["a"])
        };
        let mut types = vec![list("topups"), list("payouts")];
        let roots: BTreeSet<TypeName> = types.iter().map(|def| def.name.clone()).collect();
        merge_request_types(&mut types, &roots);
        assert_eq!(types.len(), 2);
        assert!(types
            .iter()
            .all(|def| matches!(def.kind, TypeKind::Enum { .. })));
    }
}
