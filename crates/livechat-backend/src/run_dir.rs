//! A server's run directory: its configuration, logs and data, fresh for every run and removed
//! after it, unless asked to keep it or a test failed.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{io_err, other_err, Error};

/// The run directory of one server: `run_dir` as given (cleared first, if it holds a previous run of
/// this server, recognised by its `config_file`), or a fresh `<base_dir>/<server>-<pid>-<n>-<stamp>`.
pub(crate) fn prepare(
    run_dir: Option<&Path>,
    base_dir: &Path,
    server: &str,
    config_file: &str,
) -> Result<PathBuf, Error> {
    let dir = match run_dir {
        Some(dir) => {
            let dir = absolute(dir)?;
            if dir.exists() {
                let ours = dir.join(config_file).exists()
                    || fs::read_dir(&dir)
                        .map(|mut d| d.next().is_none())
                        .unwrap_or(false);
                if !ours {
                    return Err(other_err(
                        format!("using {} as {server}'s run directory", dir.display()),
                        format!("it is not empty and holds no {config_file}"),
                    ));
                }
                fs::remove_dir_all(&dir).map_err(io_err(format!("clearing {}", dir.display())))?;
            }
            dir
        }
        None => {
            static COUNTER: AtomicU32 = AtomicU32::new(0);
            let stamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() % 1_000_000)
                .unwrap_or(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            absolute(base_dir)?.join(format!("{server}-{}-{n}-{stamp}", std::process::id()))
        }
    };
    fs::create_dir_all(&dir).map_err(io_err(format!("creating {}", dir.display())))?;
    Ok(dir)
}

/// A stopped server's run directory goes, unless asked to keep it; after a failed test it stays,
/// with the server's logs, and says where it is.
pub(crate) fn clean(server: &str, run_dir: &Path, keep: bool) {
    if thread::panicking() {
        eprintln!(
            "livechat-backend: {server}'s run directory kept for inspection: {}",
            run_dir.display()
        );
    } else if !keep {
        let _ = fs::remove_dir_all(run_dir);
    }
}

fn absolute(path: &Path) -> Result<PathBuf, Error> {
    std::path::absolute(path).map_err(io_err(format!("resolving {}", path.display())))
}
