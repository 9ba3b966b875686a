//! File-system calls of the build's steps, with errors that name the file.

use std::path::{Path, PathBuf};

use crate::{fail, Result};

/// The paths of what `dir` holds, in no particular order.
pub fn read_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| fail(format!("reading {}: {e}", dir.display())))?;
    entries
        .map(|e| {
            e.map(|e| e.path())
                .map_err(|e| fail(format!("reading {}: {e}", dir.display())))
        })
        .collect()
}

/// A path's file name, or "" for one that is not UTF-8 (no file of a build).
pub fn name_of(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| fail(format!("reading {}: {e}", path.display())))
}

pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| fail(format!("reading {}: {e}", path.display())))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| fail(format!("writing {}: {e}", path.display())))
}

pub fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map(drop).map_err(|e| {
        fail(format!(
            "copying {} to {}: {e}",
            from.display(),
            to.display()
        ))
    })
}
