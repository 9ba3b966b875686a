//! `cargo xtask bench size --floor`: the client's wasm and glue beside those of the smallest leptos
//! page (crates/livechat-floor), built the same way in the same run. The difference is what the
//! chat itself costs: its own code and the framework code its views instantiate.

use crate::bundle::{self, BundleReport};
use crate::{fail, wasm_pipeline, Result};

/// Builds the floor, prints its files and the comparison, and returns both as a Markdown section.
pub fn compare(client: &BundleReport) -> Result<String> {
    println!("\nbench size: cargo build -p livechat-floor --release (leptos alone; see crates/livechat-floor)");
    let dir = livechat_backend::target_dir().join("floor");
    wasm_pipeline::build("livechat-floor", "release", false, &dir)?;
    let floor =
        bundle::bundle_report(&dir).map_err(|e| fail(format!("reading {}: {e}", dir.display())))?;
    println!("{floor}");
    // The client's counterpart of the floor's two files: its wasm and its wasm-bindgen glue.
    let client_code: Vec<_> = client
        .files
        .iter()
        .filter(|f| f.path.starts_with("livechat-web-"))
        .collect();
    if client_code.len() != 2 {
        return Err(fail(format!(
            "expected the livechat-web wasm and its glue in the build, found {} livechat-web files",
            client_code.len()
        )));
    }
    let client_raw: u64 = client_code.iter().map(|f| f.raw).sum();
    let client_gzip: u64 = client_code.iter().map(|f| f.gzip).sum();
    let (floor_raw, floor_gzip) = (floor.total_raw(), floor.total_gzip());
    let comparison = format!(
        "wasm + glue, gzip -9: client {client_gzip}, floor {floor_gzip}, client/floor {:.2}; \
         the chat's own share {} gzip ({} raw)",
        client_gzip as f64 / floor_gzip as f64,
        client_gzip.saturating_sub(floor_gzip),
        client_raw.saturating_sub(floor_raw),
    );
    println!("bench size: {comparison}");
    Ok(format!(
        "## The smallest leptos page (crates/livechat-floor), built the same way\n\n{floor}\n\n{comparison}.\n"
    ))
}
