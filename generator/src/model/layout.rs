//! Large nested objects of answers are boxed. A response struct holds what it nests
//! inline unless boxed, so Stripe's largest objects grew to tens of kilobytes
//! (`PaymentIntent` 28 KB on the 2026 spec, mostly `payment_method_options` and
//! `last_payment_error`, each a struct of dozens of optional structs), and reading one
//! moved all of it at every level of nesting: half of a payment intent's reading time
//! was `memmove`, and a list's `Vec` copied every item as it grew. A field whose value
//! would be stored inline and take more than [`BOX_ABOVE`] bytes is boxed instead
//! (`Option<Box<T>>`: nothing is allocated when it is absent). Request types stay as
//! they are: callers build them, and nothing reads them.

use std::collections::HashMap;

use super::{Field, Role, TypeDef, TypeKind, TypeName, TypeRef, VariantValue};

/// The inline size, in bytes, above which a nested value of an answer is boxed. At
/// this size a copy costs about what an allocation does.
pub const BOX_ABOVE: usize = 512;

/// The inline size, in bytes, above which a response struct boxes its largest fields
/// until it fits. Fields under [`BOX_ABOVE`] can still add up: a payment intent's
/// `payment_method_options` is 53 optional structs of up to 512 bytes, 23 KB in all
/// on the 2026 spec, and reading even an empty `{}` of it moved those 23 KB from the
/// reader's slots into the struct, into `Some` and into its box (a third of the
/// payment intent's reading time was `memmove`).
pub const STRUCT_ABOVE: usize = 4096;

/// Boxes every response struct field whose value would take more than [`BOX_ABOVE`]
/// bytes inline (after the fields of that value's own type were decided the same way),
/// and then, in a struct that would still take more than [`STRUCT_ABOVE`] bytes, its
/// largest fields until it fits.
pub fn box_large_values(types: &mut [TypeDef]) {
    let index: HashMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(position, def)| (&def.name, position))
        .collect();
    let mut sizes = Sizes {
        types,
        index: &index,
        known: vec![None; types.len()],
        to_box: vec![Vec::new(); types.len()],
    };
    for def in types.iter() {
        if def.role == Role::Response && matches!(def.kind, TypeKind::Struct { .. }) {
            sizes.named(&def.name);
        }
    }
    let to_box = sizes.to_box;
    for (def, fields_to_box) in types.iter_mut().zip(to_box) {
        if let TypeKind::Struct { fields } = &mut def.kind {
            for field_index in fields_to_box {
                fields[field_index].boxed = true;
            }
        }
    }
}

/// Estimated sizes of the types as they will be laid out (a boxed field is a pointer).
/// Only the order of magnitude matters: it picks which fields are boxed.
struct Sizes<'a> {
    types: &'a [TypeDef],
    index: &'a HashMap<&'a TypeName, usize>,
    /// Each type's size once known; `Some(0)` while it is being computed (a cycle
    /// through it is broken by a box, which `box_cycles` put there).
    known: Vec<Option<usize>>,
    /// Per type, the fields of a response struct this pass boxes (by index).
    to_box: Vec<Vec<usize>>,
}

/// What `String`, `Vec` and `BTreeMap` take inline.
const HEAP_HANDLE: usize = 24;

impl Sizes<'_> {
    fn named(&mut self, name: &TypeName) -> usize {
        let Some(&position) = self.index.get(name) else {
            return HEAP_HANDLE;
        };
        if let Some(size) = self.known[position] {
            return size;
        }
        self.known[position] = Some(0);
        let types = self.types;
        let size = match &types[position].kind {
            TypeKind::Struct { fields } => {
                let response = types[position].role == Role::Response;
                // Each field's size inline, and whether this pass may box it (a
                // field boxed for a cycle already takes a pointer).
                let mut inline: Vec<(usize, bool)> = fields
                    .iter()
                    .map(|field| {
                        let value = if field.boxed {
                            8
                        } else {
                            self.value(&field.ty)
                        };
                        let boxable = response && !field.boxed && self.inline(&field.ty) > 0;
                        (value + option_word(field), boxable)
                    })
                    .collect();
                let mut to_box: Vec<usize> = Vec::new();
                if response {
                    for (field_index, (size, boxable)) in inline.iter_mut().enumerate() {
                        if *boxable && *size > BOX_ABOVE {
                            *size = 8;
                            *boxable = false;
                            to_box.push(field_index);
                        }
                    }
                    // The largest first, so the fewest fields are boxed; equal sizes
                    // in field order, so the choice is the same on every run.
                    let mut largest: Vec<usize> = (0..inline.len())
                        .filter(|&field_index| inline[field_index].1)
                        .collect();
                    largest.sort_by_key(|&field_index| {
                        (std::cmp::Reverse(inline[field_index].0), field_index)
                    });
                    for field_index in largest {
                        let total: usize = inline.iter().map(|(size, _)| size).sum();
                        if total + HEAP_HANDLE <= STRUCT_ABOVE {
                            break;
                        }
                        inline[field_index].0 = 8;
                        to_box.push(field_index);
                    }
                }
                to_box.sort_unstable();
                self.to_box[position] = to_box;
                // The fields, and the map of fields this version does not know.
                inline.iter().map(|(size, _)| size).sum::<usize>() + HEAP_HANDLE
            }
            // A known value, or `Unrecognized(String)`.
            TypeKind::Enum { .. } => HEAP_HANDLE,
            TypeKind::Union { variants } => {
                let largest = variants
                    .iter()
                    .map(|variant| match &variant.value {
                        VariantValue::Of(ty) => self.value(ty),
                        VariantValue::Wire(_) => 0,
                    })
                    .max()
                    .unwrap_or(0);
                largest + 8
            }
            TypeKind::Alias { target } => self.named(target),
        };
        self.known[position] = Some(size);
        size
    }

    /// The size of a value stored inline that is a named type (0 for anything else,
    /// which this pass never boxes).
    fn inline(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => self.named(name),
            _ => 0,
        }
    }

    fn value(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Named(name) => self.named(name),
            TypeRef::Bool => 1,
            TypeRef::Integer | TypeRef::Number | TypeRef::Timestamp | TypeRef::Int64Text => 8,
            TypeRef::Json => 32,
            // Text, lists, maps, expandable IDs, pages' vectors and the rest.
            _ => HEAP_HANDLE,
        }
    }
}

/// What `Option` adds around a field's value: a word around a number; text, boxes,
/// lists and structs have a spare bit pattern for `None`.
fn option_word(field: &Field) -> usize {
    let number = matches!(
        field.ty,
        TypeRef::Integer | TypeRef::Number | TypeRef::Timestamp | TypeRef::Int64Text
    );
    if number && !field.presence.is_required() {
        8
    } else {
        0
    }
}
