//! axe-core, Deque's accessibility rules engine, run inside the page under test.
//!
//! `cargo xtask setup` installs it from npm into `target/tools/node_modules/axe-core/`. The script
//! goes into the page through WebDriver (a DevTools evaluation, which the page's
//! Content-Security-Policy does not apply to) and `axe.run` checks the document with its default
//! rules: WCAG 2.x A and AA, and Deque's best practices. Same-origin iframes are checked too once
//! [`inject_into_frame`] has put axe in them.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::{json, Value};

use livechat_chromium::{paths, Element, WebDriver, WebDriverError};

/// How long one `axe.run` may take (a few hundred milliseconds on a chat page).
const RUN_WAIT: Duration = Duration::from_secs(60);

/// Where `cargo xtask setup` puts axe-core.
pub fn axe_path() -> PathBuf {
    paths::target_dir().join("tools/node_modules/axe-core/axe.min.js")
}

/// The script, read once. Panics with what to do when it is not installed: an accessibility test
/// that cannot check must fail, never pass.
pub fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is not at {} ({e}): run `cargo xtask setup`, which installs it from npm",
                path.display()
            )
        })
    })
}

/// One rule that failed, with the elements that fail it.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    pub help_url: String,
    /// For each element: its CSS path (through iframes), its HTML, and axe's summary of why.
    pub nodes: Vec<(String, String, String)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "  [{}] {}: {} ({})",
            self.impact, self.id, self.help, self.help_url
        )?;
        for (target, html, summary) in &self.nodes {
            writeln!(f, "    at {target}")?;
            writeln!(f, "       {}", truncate(html, 200))?;
            for line in summary.lines() {
                writeln!(f, "       {line}")?;
            }
        }
        Ok(())
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

/// Puts axe into the current document (once; a new document needs it again).
pub fn inject(driver: &WebDriver) -> Result<(), WebDriverError> {
    let present = driver.eval("typeof window.axe === 'object'")?;
    if present != json!(true) {
        driver.execute(
            &format!("{}\n;return typeof window.axe;", axe_source()),
            vec![],
        )?;
        let present = driver.eval("typeof window.axe === 'object'")?;
        if present != json!(true) {
            return Err(WebDriverError::Protocol {
                command: "inject axe-core".into(),
                body: "window.axe is not defined after running axe.min.js".into(),
            });
        }
    }
    Ok(())
}

/// Puts axe into the document of `frame` (an `<iframe>` of the current document), so that a run
/// on the top document checks the frame's content too.
pub fn inject_into_frame(driver: &WebDriver, frame: &Element) -> Result<(), WebDriverError> {
    driver.switch_to_frame(frame)?;
    let injected = inject(driver);
    driver.switch_to_top()?;
    injected
}

/// Runs axe on the current document (and the frames that have axe) and returns what failed.
pub fn run(driver: &WebDriver) -> Result<Vec<Violation>, WebDriverError> {
    inject(driver)?;
    driver.execute(
        r#"
        window.__lcAxe = null;
        axe.run(document, { resultTypes: ['violations'] }).then(
            r => { window.__lcAxe = { violations: r.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.map(t => Array.isArray(t) ? t.join(' ') : t).join(' >>> '),
                    html: n.html, summary: n.failureSummary || '' })),
            })), incomplete: r.incomplete.map(v => `${v.id} (${v.nodes.length})`) }; },
            e => { window.__lcAxe = { error: String(e && e.stack || e) }; });
        return true;
        "#,
        vec![],
    )?;
    let result = driver.wait_for_js("window.__lcAxe", RUN_WAIT)?;
    if let Some(error) = result.get("error") {
        return Err(WebDriverError::Protocol {
            command: "axe.run".into(),
            body: error.to_string(),
        });
    }
    // What axe could not decide (text over an image, a transparent page): printed to be looked
    // at, not counted as failures.
    if let Some(list) = result["incomplete"].as_array().filter(|l| !l.is_empty()) {
        eprintln!("axe: needs review: {}", Value::Array(list.clone()));
    }
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    Ok(result["violations"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| Violation {
                    id: text(v, "id"),
                    impact: text(v, "impact"),
                    help: text(v, "help"),
                    help_url: text(v, "helpUrl"),
                    nodes: v["nodes"]
                        .as_array()
                        .map(|nodes| {
                            nodes
                                .iter()
                                .map(|n| (text(n, "target"), text(n, "html"), text(n, "summary")))
                                .collect()
                        })
                        .unwrap_or_default(),
                })
                .collect()
        })
        .unwrap_or_default())
}

/// A readable report of `violations` found on `page`.
pub fn report(page: &str, violations: &[Violation]) -> String {
    let mut out = format!(
        "axe on {page}: {} violation(s){}\n",
        violations.len(),
        if violations.is_empty() { "" } else { ":" }
    );
    for v in violations {
        out.push_str(&v.to_string());
    }
    out
}

/// Runs axe on the current document and panics with a readable report if any rule fails.
pub fn assert_no_axe_violations(driver: &WebDriver, page: &str) {
    let violations = run(driver).unwrap_or_else(|e| panic!("axe could not run on {page}: {e}"));
    let report = report(page, &violations);
    eprint!("{report}");
    assert!(violations.is_empty(), "{report}");
}
