//! The last lines of a server's log files, for the error that says why it did not start.

use std::fs;
use std::path::Path;

/// How many lines of each log an error message shows.
const TAIL_LINES: usize = 20;

/// The last lines of each of `names` (relative to `run_dir`) that has any, each under its path.
pub(crate) fn tail(run_dir: &Path, names: &[&str]) -> String {
    let mut out = String::new();
    for name in names {
        let path = run_dir.join(name);
        let text = fs::read_to_string(&path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("[{}]\n", path.display()));
        for line in &lines[lines.len().saturating_sub(TAIL_LINES)..] {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
