//! A small W3C WebDriver client (the JSON wire protocol of chromedriver) over ureq.
//!
//! Only what the tests use: a session, navigation, CSS lookups, element text and attributes,
//! synchronous scripts, waiting for a condition, screenshots, the browser's console log, input
//! actions (keys, touch), frames, and DevTools protocol commands.
//! Every error names the command that failed and, for a wait that timed out, what the page showed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How often a wait asks the page again.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

#[derive(Debug)]
pub enum WebDriverError {
    /// The HTTP exchange with the driver failed.
    Http {
        command: String,
        error: String,
    },
    /// The driver answered with a WebDriver error (`no such element`, `javascript error`, …).
    Driver {
        command: String,
        status: u16,
        error: String,
        message: String,
    },
    /// The answer did not have the expected shape.
    Protocol {
        command: String,
        body: String,
    },
    /// A wait ran out of time; `page` says what the page showed then.
    TimedOut {
        waited_for: String,
        after: Duration,
        last: Option<Value>,
        page: String,
    },
    Io(std::io::Error),
}

impl WebDriverError {
    /// The WebDriver error code, for a driver error (`no such element`, …).
    pub fn code(&self) -> Option<&str> {
        match self {
            WebDriverError::Driver { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebDriverError::Http { command, error } => write!(f, "WebDriver {command}: {error}"),
            WebDriverError::Driver {
                command,
                status,
                error,
                message,
            } => {
                // Chromedriver's messages carry a long native stack after the first lines.
                let message: String = message.lines().take(3).collect::<Vec<_>>().join(" | ");
                write!(f, "WebDriver {command}: HTTP {status} {error}: {message}")
            }
            WebDriverError::Protocol { command, body } => {
                write!(
                    f,
                    "WebDriver {command}: unexpected answer {}",
                    truncate(body, 500)
                )
            }
            WebDriverError::TimedOut {
                waited_for,
                after,
                last,
                page,
            } => {
                write!(f, "timed out after {after:.1?} waiting for {waited_for}")?;
                if let Some(last) = last {
                    write!(f, "; last value: {}", truncate(&last.to_string(), 300))?;
                }
                write!(f, "\n--- the page then ---\n{page}")
            }
            WebDriverError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WebDriverError {}

impl From<std::io::Error> for WebDriverError {
    fn from(e: std::io::Error) -> Self {
        WebDriverError::Io(e)
    }
}

pub type Result<T, E = WebDriverError> = std::result::Result<T, E>;

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// A reference to an element of the current page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element(pub String);

impl Element {
    /// As a script argument: scripts receive it as the DOM element.
    pub fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }

    fn from_json(value: &Value) -> Option<Element> {
        value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .map(|id| Element(id.to_owned()))
    }
}

/// The HTTP side of a driver: its base URL and a ureq agent that reads error bodies.
#[derive(Clone)]
pub struct DriverConnection {
    agent: ureq::Agent,
    base: String,
}

impl DriverConnection {
    /// `base` is `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn new(base: impl Into<String>) -> Self {
        let agent = ureq::Agent::config_builder()
            // WebDriver errors come as 4xx/5xx with a JSON body we want to read.
            .http_status_as_error(false)
            // Bounds every command; waits are built from many short commands.
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        DriverConnection {
            agent,
            base: base.into().trim_end_matches('/').to_owned(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends one command and returns the `value` of the answer.
    pub fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let command = format!("{method} {path}");
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            ("POST", Some(body)) => self.agent.post(&url).send_json(body),
            ("POST", None) => self.agent.post(&url).send_json(json!({})),
            _ => unreachable!("unsupported WebDriver method {method}"),
        };
        let mut response = response.map_err(|e| WebDriverError::Http {
            command: command.clone(),
            error: e.to_string(),
        })?;
        let status = response.status().as_u16();
        let text = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| WebDriverError::Http {
                command: command.clone(),
                error: e.to_string(),
            })?;
        let parsed: Value = serde_json::from_str(&text).map_err(|_| WebDriverError::Protocol {
            command: command.clone(),
            body: text.clone(),
        })?;
        let value = parsed.get("value").cloned().unwrap_or(Value::Null);
        if status >= 400 || value.get("error").is_some_and(Value::is_string) {
            return Err(WebDriverError::Driver {
                command,
                status,
                error: value
                    .get("error")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown error")
                    .to_owned(),
                message: value
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
            });
        }
        Ok(value)
    }

    /// `GET /status`: whether the driver accepts new sessions.
    pub fn is_ready(&self) -> bool {
        self.command("GET", "/status", None)
            .ok()
            .and_then(|v| v.get("ready").and_then(Value::as_bool))
            .unwrap_or(false)
    }

    /// Opens a session with these capabilities (the `alwaysMatch` object).
    pub fn new_session(&self, always_match: Value) -> Result<WebDriver> {
        let value = self.command(
            "POST",
            "/session",
            Some(&json!({ "capabilities": { "alwaysMatch": always_match } })),
        )?;
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| WebDriverError::Protocol {
                command: "POST /session".into(),
                body: value.to_string(),
            })?
            .to_owned();
        Ok(WebDriver {
            connection: self.clone(),
            id,
            deleted: false,
        })
    }
}

/// One WebDriver session: one browser window. Deleted on drop (which closes the browser).
pub struct WebDriver {
    connection: DriverConnection,
    id: String,
    deleted: bool,
}

impl WebDriver {
    pub fn session_id(&self) -> &str {
        &self.id
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.connection.command(
            method,
            &format!("/session/{}{path}", self.id),
            body.as_ref(),
        )
    }

    /// Sets the page-load and script timeouts.
    pub fn set_timeouts(&self, page_load: Duration, script: Duration) -> Result<()> {
        self.cmd(
            "POST",
            "/timeouts",
            Some(json!({
                "pageLoad": page_load.as_millis() as u64,
                "script": script.as_millis() as u64,
                "implicit": 0,
            })),
        )?;
        Ok(())
    }

    /// Sets the outer size of the window.
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )?;
        Ok(())
    }

    /// The page's viewport in CSS pixels (`innerWidth`, `innerHeight`).
    pub fn viewport_size(&self) -> Result<(u32, u32)> {
        let value = self.eval("[window.innerWidth, window.innerHeight]")?;
        let size = |i: usize| value.get(i).and_then(Value::as_u64).map(|n| n as u32);
        match (size(0), size(1)) {
            (Some(w), Some(h)) => Ok((w, h)),
            _ => Err(WebDriverError::Protocol {
                command: "viewport size".into(),
                body: value.to_string(),
            }),
        }
    }

    /// Resizes the window so that the viewport is `width` × `height` (headless Chromium draws
    /// window decorations of its own, so the window is larger than what the page gets).
    pub fn set_viewport_size(&self, width: u32, height: u32) -> Result<()> {
        let (inner_w, inner_h) = self.viewport_size()?;
        let outer = self.eval("[window.outerWidth, window.outerHeight]")?;
        let outer_w = outer
            .get(0)
            .and_then(Value::as_u64)
            .unwrap_or(inner_w as u64) as u32;
        let outer_h = outer
            .get(1)
            .and_then(Value::as_u64)
            .unwrap_or(inner_h as u64) as u32;
        self.set_window_size(
            width + outer_w.saturating_sub(inner_w),
            height + outer_h.saturating_sub(inner_h),
        )
    }

    /// Loads `url` and waits for the document to load (not for the app to start).
    pub fn navigate(&self, url: &str) -> Result<()> {
        self.cmd("POST", "/url", Some(json!({ "url": url })))?;
        Ok(())
    }

    pub fn current_url(&self) -> Result<String> {
        Ok(self
            .cmd("GET", "/url", None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub fn title(&self) -> Result<String> {
        Ok(self
            .cmd("GET", "/title", None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// The first element matching a CSS selector, or `None`.
    pub fn find(&self, css: &str) -> Result<Option<Element>> {
        match self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": css })),
        ) {
            Ok(value) => Ok(Element::from_json(&value)),
            Err(e) if e.code() == Some("no such element") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every element matching a CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        let value = self.cmd(
            "POST",
            "/elements",
            Some(json!({ "using": "css selector", "value": css })),
        )?;
        Ok(value
            .as_array()
            .map(|items| items.iter().filter_map(Element::from_json).collect())
            .unwrap_or_default())
    }

    /// The rendered text of an element (`innerText`-like: what a viewer reads).
    pub fn text(&self, element: &Element) -> Result<String> {
        Ok(self
            .cmd("GET", &format!("/element/{}/text", element.0), None)?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub fn attribute(&self, element: &Element, name: &str) -> Result<Option<String>> {
        Ok(self
            .cmd(
                "GET",
                &format!("/element/{}/attribute/{name}", element.0),
                None,
            )?
            .as_str()
            .map(str::to_owned))
    }

    /// Types into an element (an input, a textarea).
    pub fn send_keys(&self, element: &Element, text: &str) -> Result<()> {
        self.cmd(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        )?;
        Ok(())
    }

    pub fn click(&self, element: &Element) -> Result<()> {
        self.cmd("POST", &format!("/element/{}/click", element.0), None)?;
        Ok(())
    }

    /// Runs a synchronous script (a function body: use `return`); `arguments[i]` are `args`.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Evaluates a JS expression and returns its value.
    pub fn eval(&self, expression: &str) -> Result<Value> {
        self.execute(&format!("return ({expression});"), vec![])
    }

    /// Polls a JS expression until it is truthy; returns that value. A script error (the page is
    /// between documents, the app has not defined something yet) counts as not yet.
    pub fn wait_for_js(&self, expression: &str, timeout: Duration) -> Result<Value> {
        self.wait_until(&format!("`{expression}`"), timeout, || {
            let value = match self.eval(expression) {
                Ok(value) => value,
                Err(WebDriverError::Driver { .. }) => Value::Null,
                Err(e) => return Err(e),
            };
            Ok((is_truthy(&value), value))
        })
    }

    /// Waits until an element matches `css`, and returns it.
    pub fn wait_for_selector(&self, css: &str, timeout: Duration) -> Result<Element> {
        let mut found = None;
        self.wait_until(&format!("an element matching `{css}`"), timeout, || {
            found = self.find(css)?;
            Ok((found.is_some(), Value::Null))
        })?;
        Ok(found.expect("the wait ends only once an element is found"))
    }

    /// Waits until the text of the page's body contains `needle`.
    pub fn wait_for_text(&self, needle: &str, timeout: Duration) -> Result<()> {
        self.wait_for_js(
            &format!(
                "document.body && document.body.textContent.includes({})",
                json!(needle)
            ),
            timeout,
        )
        .map(drop)
    }

    /// The general wait: calls `check` every [`POLL_INTERVAL`] until it says done, or `timeout`
    /// passes. On time-out the error carries the last value and what the page showed.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut() -> Result<(bool, Value)>,
    ) -> Result<Value> {
        let started = Instant::now();
        loop {
            let (done, value) = check()?;
            if done {
                return Ok(value);
            }
            if started.elapsed() >= timeout {
                return Err(WebDriverError::TimedOut {
                    waited_for: what.to_owned(),
                    after: started.elapsed(),
                    last: Some(value).filter(|v| !v.is_null()),
                    page: self.describe_page(),
                });
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }

    /// What the page shows and said, for failure messages: URL, body text, console log.
    pub fn describe_page(&self) -> String {
        let url = self.current_url().unwrap_or_else(|e| format!("<{e}>"));
        let body = self
            .eval("document.body ? document.body.innerText : '<no body>'")
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|e| format!("<{e}>"));
        let mut out = format!("url: {url}\nbody text: {}\n", truncate(body.trim(), 2000));
        // Which wasm modules came (the views' modules come when first drawn).
        let wasm = self
            .eval(
                "performance.getEntriesByType('resource').map(e => e.name.split('/').pop())\
                 .filter(n => n.includes('.wasm')).join(' ')",
            )
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|e| format!("<{e}>"));
        out.push_str(&format!("wasm fetched: {}\n", truncate(&wasm, 1000)));
        match self.console_log() {
            Ok(lines) if lines.is_empty() => out.push_str("console: (empty)\n"),
            Ok(lines) => {
                out.push_str("console:\n");
                for line in lines.iter().rev().take(30).rev() {
                    out.push_str("  ");
                    out.push_str(&truncate(line, 400));
                    out.push('\n');
                }
            }
            Err(e) => out.push_str(&format!("console: <{e}>\n")),
        }
        out
    }

    /// The browser console since the last call (chromedriver's log endpoint; needs the
    /// `goog:loggingPrefs` capability that [`crate::Chromium`] sets). `LEVEL message` per line.
    pub fn console_log(&self) -> Result<Vec<String>> {
        let value = self.cmd("POST", "/se/log", Some(json!({ "type": "browser" })))?;
        Ok(value
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "{} {}",
                            e.get("level").and_then(Value::as_str).unwrap_or("?"),
                            e.get("message").and_then(Value::as_str).unwrap_or("")
                        )
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Sends one Chrome DevTools Protocol command to the page (chromedriver's
    /// `POST /session/{id}/goog/cdp/execute`) and returns its result object. The DevTools
    /// connection is chromedriver's own and outlives the call, so a domain enabled here
    /// (`Performance.enable`) stays enabled for later calls.
    pub fn cdp(&self, cmd: &str, params: Value) -> Result<Value> {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    /// Performs W3C input actions (`POST /actions`): real key and pointer events, as a keyboard
    /// or a finger would give them, that the browser's focus navigation and default actions see.
    /// `sources` is the `actions` array (one object per input source).
    pub fn perform_actions(&self, sources: Value) -> Result<()> {
        self.cmd("POST", "/actions", Some(json!({ "actions": sources })))?;
        Ok(())
    }

    /// Releases every key and button the actions left pressed.
    pub fn release_actions(&self) -> Result<()> {
        self.cmd("DELETE", "/actions", None).map(drop)
    }

    /// Sends later commands to the document of this `<iframe>` (same origin).
    pub fn switch_to_frame(&self, frame: &Element) -> Result<()> {
        self.cmd("POST", "/frame", Some(json!({ "id": frame.to_json() })))?;
        Ok(())
    }

    /// Sends later commands to the top-level document again.
    pub fn switch_to_top(&self) -> Result<()> {
        self.cmd("POST", "/frame", Some(json!({ "id": null })))?;
        Ok(())
    }

    /// A PNG of the viewport.
    pub fn screenshot_png(&self) -> Result<Vec<u8>> {
        let value = self.cmd("GET", "/screenshot", None)?;
        let data = value.as_str().ok_or_else(|| WebDriverError::Protocol {
            command: "GET /screenshot".into(),
            body: truncate(&value.to_string(), 200),
        })?;
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| WebDriverError::Protocol {
                command: "GET /screenshot".into(),
                body: format!("not base64: {e}"),
            })
    }

    /// Saves a PNG of the viewport to `path` (its directory is created).
    pub fn save_screenshot(&self, path: &Path) -> Result<()> {
        let png = self.screenshot_png()?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Saves a PNG of the viewport as `target/screenshots/<name>.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let path = crate::paths::screenshots_dir().join(format!("{name}.png"));
        self.save_screenshot(&path)?;
        Ok(path)
    }

    /// Ends the session (the driver closes the browser). Also done on drop.
    pub fn delete(&mut self) -> Result<()> {
        if self.deleted {
            return Ok(());
        }
        self.deleted = true;
        self.cmd("DELETE", "", None).map(drop)
    }
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        let _ = self.delete();
    }
}

/// JavaScript truthiness of a JSON value.
pub fn is_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0 && !f.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truthiness_follows_javascript() {
        for falsy in [json!(null), json!(false), json!(0), json!(""), json!(0.0)] {
            assert!(!is_truthy(&falsy), "{falsy}");
        }
        for truthy in [json!(true), json!(1), json!("x"), json!([]), json!({})] {
            assert!(is_truthy(&truthy), "{truthy}");
        }
    }

    #[test]
    fn element_references_round_trip() {
        let element = Element("abc".into());
        assert_eq!(Element::from_json(&element.to_json()), Some(element));
    }
}
