//! Types that contain themselves need a `Box` somewhere in the cycle, or they would have
//! infinite size. Lists, maps and expandable fields already put their values on the
//! heap; what is left are plain (or optional) struct fields. A field is boxed when its
//! type is in the same strongly connected component as the struct holding it.

use std::collections::BTreeMap;

use super::{TypeDef, TypeKind, TypeName, TypeRef, VariantValue};

/// The type a value stores inline (not behind a list, map or expandable).
fn inline_target(ty: &TypeRef) -> Option<&TypeName> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

pub fn box_cycles(types: &mut [TypeDef]) {
    let index: BTreeMap<&TypeName, usize> = types
        .iter()
        .enumerate()
        .map(|(position, def)| (&def.name, position))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let targets: Vec<&TypeName> = match &def.kind {
                TypeKind::Struct { fields } => fields
                    .iter()
                    .filter_map(|field| inline_target(&field.ty))
                    .collect(),
                TypeKind::Union { variants } => variants
                    .iter()
                    .filter_map(|variant| match &variant.value {
                        VariantValue::Of(ty) => inline_target(ty),
                        VariantValue::Wire(_) => None,
                    })
                    .collect(),
                TypeKind::Alias { target } => vec![target],
                TypeKind::Enum { .. } => Vec::new(),
            };
            targets
                .into_iter()
                .filter_map(|target| index.get(target).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected_components(&edges);
    let mut to_box = Vec::new();
    for (position, def) in types.iter().enumerate() {
        let TypeKind::Struct { fields } = &def.kind else {
            continue;
        };
        for (field_index, field) in fields.iter().enumerate() {
            let target = inline_target(&field.ty).and_then(|name| index.get(name));
            if target.is_some_and(|target| component[*target] == component[position]) {
                to_box.push((position, field_index));
            }
        }
    }
    for (position, field_index) in to_box {
        if let TypeKind::Struct { fields } = &mut types[position].kind {
            fields[field_index].boxed = true;
        }
    }
}

/// Every node reachable from `roots` along `edges`, the roots included: which files a
/// feature needs (`emit::features`), what the cycle of objects uses and what uses it
/// (`emit::parts`).
pub(crate) fn reach<E>(edges: &[E], roots: Vec<usize>) -> Vec<usize>
where
    for<'a> &'a E: IntoIterator<Item = &'a usize>,
{
    let mut seen = vec![false; edges.len()];
    let mut pending = roots;
    let mut found = Vec::new();
    while let Some(node) = pending.pop() {
        if std::mem::replace(&mut seen[node], true) {
            continue;
        }
        found.push(node);
        pending.extend(&edges[node]);
    }
    found
}

/// Tarjan's algorithm, iterative (deep type graphs must not overflow the stack).
/// Returns the component number of every node. Also what `emit::parts` finds the
/// cycle of objects with.
pub(crate) fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let count = edges.len();
    let mut order = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNSEEN; count];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..count {
        if order[root] != UNSEEN {
            continue;
        }
        // (node, index of the next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && order[node] == UNSEEN {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&target) = edges[node].get(*edge) {
                *edge += 1;
                if order[target] == UNSEEN {
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(order[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn cycles_share_a_component() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 3 -> 3
        let components = strongly_connected_components(&[vec![1], vec![2], vec![0, 3], vec![3]]);
        assert_eq!(components[0], components[1]);
        assert_eq!(components[1], components[2]);
        assert_ne!(components[2], components[3]);
    }
}
