//! What the bench asks Chromium's DevTools: the page's performance metrics and a full garbage
//! collection.

use std::collections::HashMap;

use livechat_chromium::WebDriver;
use serde_json::json;

use crate::e2s;

/// `Performance.getMetrics` as name → value (Nodes, JSHeapUsedSize, ScriptDuration, TaskDuration,
/// ThreadTime, ProcessTime, …; `Performance.enable` first).
pub type Metrics = HashMap<String, f64>;

pub fn metrics(driver: &WebDriver) -> Result<Metrics, String> {
    let value = driver
        .cdp("Performance.getMetrics", json!({}))
        .map_err(e2s)?;
    Ok(value["metrics"]
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
                .collect()
        })
        .unwrap_or_default())
}

/// One metric; NaN when the browser did not report it.
pub fn metric(m: &Metrics, name: &str) -> f64 {
    m.get(name).copied().unwrap_or(f64::NAN)
}

/// A full garbage collection in the page, so that heap and node figures count live objects only.
pub fn collect_garbage(driver: &WebDriver) -> Result<(), String> {
    collect_garbage_once(driver)?;
    // A second pass frees what the first one only unlinked (DOM wrappers, then their nodes).
    collect_garbage_once(driver)
}

fn collect_garbage_once(driver: &WebDriver) -> Result<(), String> {
    if driver
        .cdp("HeapProfiler.collectGarbage", json!({}))
        .is_err()
    {
        driver.cdp("HeapProfiler.enable", json!({})).map_err(e2s)?;
        driver
            .cdp("HeapProfiler.collectGarbage", json!({}))
            .map_err(e2s)?;
    }
    Ok(())
}
