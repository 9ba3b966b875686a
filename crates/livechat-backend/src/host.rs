//! What this machine offers: the workspace's target directory (where run directories go) and the
//! programs on `PATH`.

use std::path::{Path, PathBuf};

/// The workspace's target directory (`CARGO_TARGET_DIR` if set).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(crate_dir)
        .join("target")
}

/// Whether `program` is an executable file on `PATH` (or an existing path).
pub fn on_path(program: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let is_exe = |p: &Path| {
        p.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    };
    if program.contains('/') {
        return is_exe(Path::new(program));
    }
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| is_exe(&dir.join(program))))
        .unwrap_or(false)
}
