//! The generated crate is a facade over parts, crates that cargo checks in parallel:
//! one crate of 300k lines is checked on one core, while parts that do not depend on
//! each other are checked side by side (2026 spec, `cargo check --all-features` on 2
//! cores: 12.95 s as one crate, 6.55 s as 17 parts; CONTRIBUTING, Measurements).
//!
//! Which part holds what is decided here, once, from the model's references between
//! files; emit writes each part's files where this says, and shims in each part's
//! `lib.rs` keep every path (`crate::types::X`, `crate::runtime::X`) as it was.
//!
//! - `runtime`: the hand-written runtime the types need (values, reader, encoder).
//! - `types-*`: the shared types (`types/<file>.rs`), by their place in the graph of
//!   references. The objects that refer to each other in a cycle (customers, invoices,
//!   charges... through expandable fields) must share a crate: that is `types-core`.
//!   What it uses is below it (`types-leaf`, with no references, and `types-down`);
//!   what uses it is above it (`types-up`); the rest (`types-side`) is beside it. Each
//!   large group but the core is split in two crates that do not refer to each other, so
//!   that two cores have work while the core is checked alone.
//! - `params`: the request shapes calls share.
//! - `http`: the client, errors and page walkers. It needs the error types only, which
//!   are kept in the core, so it is checked beside the types above the core.
//! - `answers`: what needs every answer type: `Expand` with its constants
//!   (`Expand::<Customer>::TAX`, inherent items, so in `Expand`'s crate) and the
//!   webhooks module (the event and every kind of object it carries).
//! - `calls-*`: the top-level call modules, in parts of about the same size.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::names::SnakeIdent;
use crate::model::recursion::{reach, strongly_connected_components};
use crate::model::{Api, ModulePath, TypeKind, TypeName, TypeRef};

/// What a part holds, which decides its shims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    Runtime,
    Types,
    Params,
    Http,
    Answers,
    Calls,
}

impl PartKind {
    /// The dependencies of `templates/Cargo.toml` that the code of this kind of part
    /// names; a part depends on no others. Where there are more cores than two, this is
    /// what lets the types be built while reqwest, hyper and rustls are: in a cold build
    /// the types wait for serde_json only (a typical app's build replayed on 8 cores
    /// from its unit graph and measured unit times, `user-check.sh` with `REPLAY`:
    /// 13.8 -> 11.5 s; CONTRIBUTING).
    pub fn external_dependencies(self) -> &'static [&'static str] {
        match self {
            PartKind::Runtime => &["form_urlencoded", "percent-encoding", "serde", "serde_json"],
            // Request and response shapes come from one emitter: a free-form JSON field
            // is a `serde_json::Value` in either.
            PartKind::Types | PartKind::Params => &["serde", "serde_json"],
            PartKind::Http => &[
                "futures-util",
                "percent-encoding",
                "reqwest",
                "serde",
                "serde_json",
                "tokio",
                "tracing",
                "uuid",
            ],
            PartKind::Answers => &["hmac", "reqwest", "serde", "serde_json", "sha2"],
            PartKind::Calls => &["futures-util", "reqwest", "serde_json"],
        }
    }
}

/// One crate of the generated crate.
#[derive(Debug, Clone)]
pub struct Part {
    /// The package name's suffix (`types-core`: package `stripe-client-types-core`).
    pub name: String,
    pub kind: PartKind,
    /// The parts it uses (indexes into [`Parts::list`]), the runtime included.
    pub deps: BTreeSet<usize>,
}

/// Where every file of the generated crate goes.
pub struct Parts {
    /// In an order where every part comes after the parts it uses.
    pub list: Vec<Part>,
    /// `types/<file>.rs` and `params/<file>.rs` -> their part.
    shared_file: HashMap<(ModulePath, String), usize>,
    /// A top-level call module -> its part.
    resource: HashMap<SnakeIdent, usize>,
    pub runtime: usize,
    pub http: usize,
    pub answers: usize,
}

/// Below this weight (fields and variants, about 12k lines) a group of types is one
/// crate: splitting it would cost more in crates than it saves in parallel work.
const SPLIT_ABOVE: usize = 1_000;

/// The weight of calls (fields, variants, operations) per part of calls, about 20k
/// lines: four parts on the 2026 spec, one for small specs.
const CALLS_PER_PART: usize = 8_000;

/// Where a type is written: a shared file, or a call module.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Shared(ModulePath, String),
    Resource(SnakeIdent),
}

impl Parts {
    pub fn new(api: &Api) -> Self {
        let mut unit_of: HashMap<&TypeName, Unit> = api
            .types
            .iter()
            .map(|def| {
                let unit = if def.name.module.is_shared() {
                    Unit::Shared(def.name.module.clone(), def.file.clone())
                } else {
                    Unit::Resource(def.name.module.resource().clone())
                };
                (&def.name, unit)
            })
            .collect();
        // `EventObject` is written beside the event, in its file.
        if let Some(webhooks) = &api.webhooks {
            if let Some(event) = unit_of.get(&webhooks.event).cloned() {
                unit_of.insert(&webhooks.event_object, event);
            }
        }
        // Every unit, and what each refers to.
        let mut weight: BTreeMap<Unit, usize> = BTreeMap::new();
        let mut refs: BTreeMap<Unit, BTreeSet<Unit>> = BTreeMap::new();
        let mut uses_expand: BTreeSet<Unit> = BTreeSet::new();
        for def in &api.types {
            let unit = unit_of[&def.name].clone();
            *weight.entry(unit.clone()).or_default() += 2 + kind_size(&def.kind);
            let mut names = def.kind.used_names();
            if let Some(kind) = api.id_kind(&def.name) {
                names.push(kind);
            }
            let targets = refs.entry(unit.clone()).or_default();
            targets.extend(names.iter().filter_map(|name| unit_of.get(name).cloned()));
            if uses_expand_type(&def.kind) {
                uses_expand.insert(unit);
            }
        }
        for op in &api.operations {
            let unit = Unit::Resource(op.module.resource().clone());
            *weight.entry(unit.clone()).or_default() += 10;
            let mut names = Vec::new();
            op.response.collect_names(&mut names);
            names.extend(op.params.iter());
            names.extend(op.path_params.iter().filter_map(|p| p.id_of.as_ref()));
            let targets = refs.entry(unit).or_default();
            targets.extend(names.iter().filter_map(|name| unit_of.get(name).cloned()));
        }
        // `EventObject`, written in the event's file, names every kind of object.
        if let Some(webhooks) = &api.webhooks {
            if let Some(event) = unit_of.get(&webhooks.event) {
                let kinds: Vec<Unit> = webhooks
                    .kinds
                    .iter()
                    .filter_map(|kind| unit_of.get(&kind.ty).cloned())
                    .collect();
                refs.entry(event.clone()).or_default().extend(kinds);
            }
        }
        for (unit, targets) in &mut refs {
            targets.remove(unit);
        }

        let mut list = vec![Part {
            name: "runtime".to_string(),
            kind: PartKind::Runtime,
            deps: BTreeSet::new(),
        }];
        let runtime = 0;
        let mut part_of: BTreeMap<Unit, usize> = BTreeMap::new();

        // The shared types, by group.
        let types: Vec<Unit> = weight
            .keys()
            .filter(|unit| matches!(unit, Unit::Shared(module, _) if module.is_types()))
            .cloned()
            .collect();
        // The http part decodes every error into `types::Error`: kept in the core (it
        // only uses the core and what is below it), the http part need not wait for
        // the types above the core.
        let errors: BTreeSet<Unit> = api
            .components
            .get("error")
            .and_then(|name| unit_of.get(name))
            .cloned()
            .into_iter()
            .collect();
        for (group, units) in type_groups(&types, &refs, &errors) {
            let mut halves = if group == "core" {
                vec![units]
            } else {
                split_in_two(&units, &refs, &weight)
            };
            halves.retain(|half| !half.is_empty());
            let several = halves.len() > 1;
            for (index, half) in halves.into_iter().enumerate() {
                let name = if several {
                    format!("types-{group}-{}", index + 1)
                } else {
                    format!("types-{group}")
                };
                list.push(Part {
                    name,
                    kind: PartKind::Types,
                    deps: BTreeSet::new(),
                });
                for unit in half {
                    part_of.insert(unit, list.len() - 1);
                }
            }
        }
        // Request shapes calls share.
        let params: Vec<Unit> = weight
            .keys()
            .filter(|unit| matches!(unit, Unit::Shared(module, _) if !module.is_types()))
            .cloned()
            .collect();
        if !params.is_empty() {
            list.push(Part {
                name: "params".to_string(),
                kind: PartKind::Params,
                deps: BTreeSet::new(),
            });
            for unit in params {
                part_of.insert(unit, list.len() - 1);
            }
        }
        list.push(Part {
            name: "http".to_string(),
            kind: PartKind::Http,
            deps: BTreeSet::new(),
        });
        let http = list.len() - 1;
        list.push(Part {
            name: "answers".to_string(),
            kind: PartKind::Answers,
            deps: BTreeSet::from([http]),
        });
        let answers = list.len() - 1;
        // Call modules (each has a weight: its types and its operations), the largest
        // first into the lightest part.
        let mut resources: Vec<(usize, Unit)> = weight
            .iter()
            .filter(|(unit, _)| matches!(unit, Unit::Resource(_)))
            .map(|(unit, &weight)| (weight, unit.clone()))
            .collect();
        resources.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let total: usize = resources.iter().map(|(weight, _)| weight).sum();
        let count = total.div_ceil(CALLS_PER_PART).max(1);
        let first_calls = list.len();
        let mut loads = vec![0usize; count];
        for index in 0..count {
            list.push(Part {
                name: if count == 1 {
                    "calls".to_string()
                } else {
                    format!("calls-{}", index + 1)
                },
                kind: PartKind::Calls,
                deps: BTreeSet::from([http, answers]),
            });
        }
        for (weight, unit) in resources {
            let lightest = (0..count).min_by_key(|&i| (loads[i], i)).unwrap_or(0);
            loads[lightest] += weight;
            part_of.insert(unit, first_calls + lightest);
        }

        // What each part uses.
        for (unit, targets) in &refs {
            let Some(&from) = part_of.get(unit) else {
                continue;
            };
            for target in targets {
                if let Some(&to) = part_of.get(target) {
                    if to != from {
                        list[from].deps.insert(to);
                    }
                }
            }
            if uses_expand.contains(unit) {
                list[from].deps.insert(answers);
            }
        }
        // The http part decodes errors into `types::Error`; the expansion constants
        // and the webhooks module are the answers part's.
        let mut answers_uses: Vec<&TypeName> = api
            .expandable_fields
            .keys()
            .filter(|name| name.module.is_types())
            .collect();
        if let Some(webhooks) = &api.webhooks {
            answers_uses.extend([&webhooks.event, &webhooks.event_type]);
        }
        let answers_uses = answers_uses
            .into_iter()
            .filter_map(|name| unit_of.get(name));
        for (part, units) in [
            (http, errors.iter().collect::<Vec<_>>()),
            (answers, answers_uses.collect()),
        ] {
            for unit in units {
                if let Some(&to) = part_of.get(unit) {
                    list[part].deps.insert(to);
                }
            }
        }
        for part in list.iter_mut().skip(1) {
            part.deps.insert(runtime);
        }
        let mut shared_file = HashMap::new();
        let mut resource = HashMap::new();
        for (unit, part) in part_of {
            match unit {
                Unit::Shared(module, file) => {
                    shared_file.insert((module, file), part);
                }
                Unit::Resource(name) => {
                    resource.insert(name, part);
                }
            }
        }
        Self {
            list,
            shared_file,
            resource,
            runtime,
            http,
            answers,
        }
    }

    /// The part of `types/<file>.rs` or `params/<file>.rs`.
    pub fn of_shared_file(&self, module: &ModulePath, file: &str) -> usize {
        self.shared_file
            .get(&(module.clone(), file.to_string()))
            .copied()
            .unwrap_or(self.runtime)
    }

    /// The part of a top-level call module.
    pub fn of_resource(&self, resource: &SnakeIdent) -> usize {
        self.resource.get(resource).copied().unwrap_or(self.http)
    }

    /// The top-level call modules of `part`, in order (of the facade, for `None`).
    pub fn resources(&self, part: Option<usize>) -> Vec<&SnakeIdent> {
        let mut resources: Vec<&SnakeIdent> = self
            .resource
            .iter()
            .filter(|(_, &of)| part.is_none_or(|part| part == of))
            .map(|(resource, _)| resource)
            .collect();
        resources.sort();
        resources
    }

    /// The parts of shared types that `part` uses.
    pub fn type_deps(&self, part: usize) -> impl Iterator<Item = usize> + '_ {
        self.list[part]
            .deps
            .iter()
            .copied()
            .filter(|&dep| self.list[dep].kind == PartKind::Types)
    }

    /// The parts of one kind.
    pub fn of_kind(&self, kind: PartKind) -> impl Iterator<Item = usize> + '_ {
        (0..self.list.len()).filter(move |&part| self.list[part].kind == kind)
    }
}

/// Fields or variants: a proxy for a type's lines.
fn kind_size(kind: &TypeKind) -> usize {
    match kind {
        TypeKind::Struct { fields } => fields.len(),
        TypeKind::Enum { variants } => variants.len(),
        TypeKind::Union { variants } => variants.len(),
        TypeKind::Alias { .. } => 0,
    }
}

/// Whether a definition names `Expand<T>` (request fields of `expand`).
fn uses_expand_type(kind: &TypeKind) -> bool {
    fn mentions(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Expand(_) => true,
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Unsettable(inner) => {
                mentions(inner)
            }
            _ => false,
        }
    }
    match kind {
        TypeKind::Struct { fields } => fields.iter().any(|field| mentions(&field.ty)),
        _ => false,
    }
}

/// The shared types in groups, in an order where a group only uses groups before it:
/// `leaf` (no references), `down` (what the core uses), `core` (the largest cycle, and
/// the `pinned_to_core` units that use only it and what is below it), `side` (neither),
/// `up` (what uses the core). Without a cycle of more than one file, everything not a
/// leaf is `side`.
fn type_groups(
    types: &[Unit],
    refs: &BTreeMap<Unit, BTreeSet<Unit>>,
    pinned_to_core: &BTreeSet<Unit>,
) -> Vec<(&'static str, Vec<Unit>)> {
    let index: HashMap<&Unit, usize> = types.iter().enumerate().map(|(i, u)| (u, i)).collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|unit| {
            refs.get(unit)
                .into_iter()
                .flatten()
                .filter_map(|target| index.get(target).copied())
                .collect()
        })
        .collect();
    let mut components: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (node, component) in strongly_connected_components(&edges)
        .into_iter()
        .enumerate()
    {
        components.entry(component).or_default().insert(node);
    }
    let core: BTreeSet<usize> = components
        .into_values()
        .filter(|component| component.len() > 1)
        .max_by_key(BTreeSet::len)
        .unwrap_or_default();
    let reverse: Vec<Vec<usize>> = {
        let mut reverse = vec![Vec::new(); edges.len()];
        for (from, targets) in edges.iter().enumerate() {
            for &to in targets {
                reverse[to].push(from);
            }
        }
        reverse
    };
    // What the core reaches either way, the core itself left out.
    let beyond_core = |edges: &[Vec<usize>]| -> BTreeSet<usize> {
        reach(edges, core.iter().copied().collect())
            .into_iter()
            .filter(|node| !core.contains(node))
            .collect()
    };
    let below = beyond_core(&edges);
    let above = beyond_core(&reverse);
    // A unit that uses only the core and what is below it may join the core.
    let mut core = core;
    for (i, unit) in types.iter().enumerate() {
        if pinned_to_core.contains(unit)
            && !core.is_empty()
            && edges[i]
                .iter()
                .all(|target| core.contains(target) || below.contains(target))
        {
            core.insert(i);
        }
    }
    let mut groups: BTreeMap<u8, Vec<Unit>> = BTreeMap::new();
    for (i, unit) in types.iter().enumerate() {
        let rank = if core.contains(&i) {
            2
        } else if edges[i].is_empty() {
            0
        } else if below.contains(&i) {
            1
        } else if above.contains(&i) {
            4
        } else {
            3
        };
        groups.entry(rank).or_default().push(unit.clone());
    }
    let names = ["leaf", "down", "core", "side", "up"];
    groups
        .into_iter()
        .map(|(rank, units)| (names[usize::from(rank)], units))
        .collect()
}

/// Two sets of `units` with no reference between them (whole groups of units joined
/// by references go to one side), about equal by weight; one set when the group is
/// light.
fn split_in_two(
    units: &[Unit],
    refs: &BTreeMap<Unit, BTreeSet<Unit>>,
    weight: &BTreeMap<Unit, usize>,
) -> Vec<Vec<Unit>> {
    let total: usize = units.iter().map(|unit| weight[unit]).sum();
    if total <= SPLIT_ABOVE {
        return vec![units.to_vec()];
    }
    // Units joined by references, either way, within the group.
    let index: HashMap<&Unit, usize> = units.iter().enumerate().map(|(i, u)| (u, i)).collect();
    let mut leader: Vec<usize> = (0..units.len()).collect();
    fn find(leader: &mut [usize], mut node: usize) -> usize {
        while leader[node] != node {
            leader[node] = leader[leader[node]];
            node = leader[node];
        }
        node
    }
    for (i, unit) in units.iter().enumerate() {
        for target in refs.get(unit).into_iter().flatten() {
            if let Some(&j) = index.get(target) {
                let (a, b) = (find(&mut leader, i), find(&mut leader, j));
                leader[a.max(b)] = a.min(b);
            }
        }
    }
    let mut joined: BTreeMap<usize, Vec<Unit>> = BTreeMap::new();
    for (i, unit) in units.iter().enumerate() {
        let root = find(&mut leader, i);
        joined.entry(root).or_default().push(unit.clone());
    }
    let mut joined: Vec<Vec<Unit>> = joined.into_values().collect();
    let weight_of = |set: &Vec<Unit>| -> usize { set.iter().map(|unit| weight[unit]).sum() };
    joined.sort_by(|a, b| weight_of(b).cmp(&weight_of(a)).then_with(|| a.cmp(b)));
    let mut halves = [Vec::new(), Vec::new()];
    let mut loads = [0usize; 2];
    for set in joined {
        let lighter = usize::from(loads[1] < loads[0]);
        loads[lighter] += weight_of(&set);
        halves[lighter].extend(set);
    }
    halves
        .into_iter()
        .map(|mut half| {
            half.sort();
            half
        })
        .collect()
}
