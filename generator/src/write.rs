//! Stage 4b: put the rendered files on disk, or only compare them (`--check`).
//!
//! The new tree is assembled beside the output directory and swapped in at the end, so a
//! run that fails leaves the previous output as it was. Files whose content is unchanged
//! keep their modification time (they are linked, not rewritten), so cargo does not
//! rebuild what did not change.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Failure;
use crate::format::RenderedFile;

/// What writing (or checking) found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Files that are new or differ from what is on disk.
    pub changed: Vec<PathBuf>,
    /// Files on disk that the generator no longer makes.
    pub stale: Vec<PathBuf>,
    /// Files that are already as generated.
    pub unchanged: usize,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.stale.is_empty()
    }
}

/// Compares `files` with the contents of `out_dir` without writing anything.
pub fn compare(out_dir: &Path, files: &[RenderedFile]) -> Result<Changes, Failure> {
    let existing = existing_files(out_dir)?;
    let mut changes = Changes::default();
    let mut generated = BTreeSet::new();
    for file in files {
        generated.insert(file.path.clone());
        match fs::read(out_dir.join(&file.path)) {
            Ok(bytes) if bytes == file.text.as_bytes() => changes.unchanged += 1,
            _ => changes.changed.push(file.path.clone()),
        }
    }
    changes.stale = existing
        .into_iter()
        .filter(|path| !generated.contains(path))
        .collect();
    Ok(changes)
}

/// Writes `files` as the whole content of `out_dir`.
pub fn write(out_dir: &Path, files: &[RenderedFile]) -> Result<Changes, Failure> {
    let changes = compare(out_dir, files)?;
    if changes.is_empty() {
        return Ok(changes);
    }
    refuse_foreign_directory(out_dir)?;
    let parent = out_dir
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Failure::Io { path, error }
    };
    fs::create_dir_all(parent).map_err(io(parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".generated-")
        .tempdir_in(parent)
        .map_err(io(parent))?;
    let changed: HashSet<&Path> = changes.changed.iter().map(PathBuf::as_path).collect();
    // Each directory once, rather than a `create_dir_all` per file.
    let directories: BTreeSet<&Path> = files.iter().filter_map(|file| file.path.parent()).collect();
    for directory in directories {
        let target = staging.path().join(directory);
        fs::create_dir_all(&target).map_err(io(&target))?;
    }
    for file in files {
        let target = staging.path().join(&file.path);
        let current = out_dir.join(&file.path);
        let unchanged = !changed.contains(file.path.as_path());
        if !(unchanged && fs::hard_link(&current, &target).is_ok()) {
            fs::write(&target, &file.text).map_err(io(&target))?;
        }
    }
    swap(staging, out_dir)?;
    Ok(changes)
}

/// Replaces `out_dir` by the staged tree: the old tree is moved aside first and removed
/// only once the new one is in place.
fn swap(staging: tempfile::TempDir, out_dir: &Path) -> Result<(), Failure> {
    let staged = staging.keep();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Failure::Io { path, error }
    };
    if out_dir.exists() {
        let mut aside = out_dir.as_os_str().to_owned();
        aside.push(".old");
        let aside = PathBuf::from(aside);
        if aside.exists() {
            fs::remove_dir_all(&aside).map_err(io(&aside))?;
        }
        fs::rename(out_dir, &aside).map_err(io(out_dir))?;
        if let Err(error) = fs::rename(&staged, out_dir) {
            // Put the old output back so the failure changes nothing.
            let _ = fs::rename(&aside, out_dir);
            let _ = fs::remove_dir_all(&staged);
            return Err(Failure::Io {
                path: out_dir.to_path_buf(),
                error,
            });
        }
        fs::remove_dir_all(&aside).map_err(io(&aside))?;
    } else {
        fs::rename(&staged, out_dir).map_err(io(out_dir))?;
    }
    Ok(())
}

/// The generator replaces its output directory wholesale; make sure that directory is
/// one it made (or empty), so a mistyped `--out` cannot wipe unrelated files.
fn refuse_foreign_directory(out_dir: &Path) -> Result<(), Failure> {
    let Ok(mut entries) = fs::read_dir(out_dir) else {
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    let manifest = fs::read_to_string(out_dir.join("Cargo.toml")).unwrap_or_default();
    if manifest.starts_with("# @generated") {
        return Ok(());
    }
    Err(Failure::Io {
        path: out_dir.to_path_buf(),
        error: std::io::Error::other(
            "refusing to replace a directory the generator did not make \
             (its Cargo.toml has no @generated header)",
        ),
    })
}

/// Every file below `dir`, relative to it; none if it does not exist.
fn existing_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let entries = match fs::read_dir(dir.join(&relative)) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(Failure::Io {
                    path: dir.join(&relative),
                    error,
                })
            }
        };
        for entry in entries.flatten() {
            let path = relative.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(_) => found.push(path),
                Err(_) => {}
            }
        }
    }
    found.sort();
    Ok(found)
}
