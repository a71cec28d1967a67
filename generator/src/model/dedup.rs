//! Merges request types that are the same in all but name.
//!
//! Stripe repeats its parameter shapes across operations (an address, a tax ID, a
//! price's recurring terms, ...): the full spec has about 2,900 request types of some
//! 1,000 shapes. Each shape is defined once, in the `params` module, and every place
//! that used it keeps its own name as a type alias, so users see no difference and the
//! compiler checks each shape once. Types count as the same when their fields (wire
//! names, Rust names, types, required and unsettable flags), enum values or union
//! variants are the same; descriptions do not count, and the merged type keeps the
//! first one's (in module and name order).

use std::collections::{BTreeMap, HashMap};

use super::names;
use super::{
    Field, Role, TypeDef, TypeKind, TypeName, TypeRef, UnionVariant, VariantValue, PARAMS_MODULE,
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
    let mut representative: BTreeMap<TypeName, TypeName> = BTreeMap::new();
    for group in members.values().filter(|group| group.len() > 1) {
        // `order` is sorted by name, so the first member is the smallest name.
        let first = types[group[0]].name.clone();
        for &member in group {
            representative.insert(types[member].name.clone(), first.clone());
        }
    }
    if representative.is_empty() {
        return;
    }

    // One definition per class in `params`, named after its first member's module and
    // name (`customers::CreateAddress` -> `params::CustomersCreateAddress`).
    let params_module = vec![PARAMS_MODULE.to_string()];
    let mut taken = std::collections::BTreeSet::new();
    let mut shared_name: BTreeMap<TypeName, TypeName> = BTreeMap::new();
    let mut firsts: Vec<&TypeName> = representative.values().collect();
    firsts.sort();
    firsts.dedup();
    for first in firsts {
        let mut wanted: String = first
            .module
            .iter()
            .map(|segment| names::type_name(segment))
            .collect();
        wanted.push_str(&first.name);
        shared_name.insert(
            first.clone(),
            TypeName {
                module: params_module.clone(),
                name: names::claim(&mut taken, wanted),
            },
        );
    }
    let target_of = |name: &TypeName| -> Option<TypeName> {
        representative
            .get(name)
            .and_then(|first| shared_name.get(first))
            .cloned()
    };

    let mut shared = Vec::new();
    for def in types.iter_mut().filter(|def| def.role == Role::Request) {
        let Some(target) = target_of(&def.name) else {
            continue;
        };
        if representative.get(&def.name) == Some(&def.name) {
            let mut moved = def.clone();
            moved.name = target.clone();
            // One file per module of first use keeps `params` navigable.
            moved.file = def.name.module.join("_");
            shared.push(moved);
        }
        def.kind = TypeKind::Alias { target };
    }
    // Every reference now goes straight to the shared definition.
    for def in types.iter_mut().chain(shared.iter_mut()) {
        if def.role == Role::Request {
            retarget_kind(&mut def.kind, &target_of);
        }
    }
    types.extend(shared);
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

fn retarget(ty: &mut TypeRef, target_of: &dyn Fn(&TypeName) -> Option<TypeName>) {
    match ty {
        TypeRef::Named(name) => {
            if let Some(target) = target_of(name) {
                *name = target;
            }
        }
        TypeRef::List(inner)
        | TypeRef::Map(inner)
        | TypeRef::Expandable(inner)
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
                None => format!("{}::{}", name.module.join("::"), name.name),
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
        "{:?}/{}/{}/{}/{}",
        field.wire_name,
        field.rust_name,
        field.required,
        field.unsettable,
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
        TypeRef::Page { search, item } => format!("page{search}({})", type_key(item, name_of)),
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
