//! The chat as a test sees it: the web client's DOM hooks, named once ([`hooks`]), the JavaScript
//! conditions the tests wait for ([`js`]), and [`ChatPage`], the page object that reads, waits on
//! and acts on one browser's chat.
//!
//! The hooks are the stable ones the web client documents (`livechat-web`'s module docs): a test
//! that needs a new one adds it here, so that a renamed hook breaks in one place.

use std::path::PathBuf;
use std::time::Duration;

use livechat_chromium::webdriver::is_truthy;
use livechat_chromium::{Element, WebDriver, WebDriverError};
use livechat_native::NativeClient;
use serde_json::Value;

/// The longest any single wait on the page may take.
pub const PAGE_WAIT: Duration = Duration::from_secs(20);

/// WebDriver key codes, for `send_keys` and key actions.
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const HOME: &str = "\u{E011}";
}

/// CSS selectors of the chat's DOM hooks.
pub mod hooks {
    /// The chat's root (classes `lc-overlay`, `lc-read-only`, `lc-transparent`, …).
    pub const CHAT: &str = ".lc-chat";
    /// The connection state: `data-status`, `data-nick`, `data-attempt`; "Joined as <nick>".
    pub const STATUS: &str = ".lc-status";
    /// The latest problem (`role=alert`).
    pub const ALERT: &str = ".lc-alert";
    /// The message list.
    pub const LOG: &str = ".lc-log";
    /// A message row (`data-key`, `data-stanza-id`; classes `lc-own`, `lc-history`, `lc-removed`).
    pub const MESSAGE: &str = ".lc-log li.lc-msg";
    /// A message's text, inside its row.
    pub const BODY: &str = ".lc-body";
    /// Every message's text.
    pub const MESSAGE_BODY: &str = ".lc-log li.lc-msg .lc-body";
    /// "New messages", shown when scrolled up and more arrived.
    pub const NEW_MESSAGES: &str = ".lc-new-messages";
    /// An own message not yet delivered.
    pub const OUTBOX: &str = ".lc-outbox";
    /// The message input, once a nickname is chosen.
    pub const INPUT: &str = ".lc-composer .lc-input";
    /// The message input, usable.
    pub const ENABLED_INPUT: &str = ".lc-composer .lc-input:not([disabled])";
    /// "Choose a nickname to chat" (a viewer under an automatic nickname).
    pub const CHOOSE_NICK: &str = ".lc-choose-nick";
    pub const NICK_PROMPT: &str = ".lc-nick-prompt";
    pub const NICK_INPUT: &str = ".lc-nick-prompt .lc-nick-input";
    pub const NICK_SUBMIT: &str = ".lc-nick-prompt .lc-nick-submit";
    pub const NICK_CANCEL: &str = ".lc-nick-cancel";
    pub const NICK_ERROR: &str = ".lc-nick-error";
    /// Opens and closes the participants panel (`aria-expanded`).
    pub const PARTICIPANTS_TOGGLE: &str = ".lc-participants-toggle";
    pub const PARTICIPANTS: &str = ".lc-participants";
    /// A listed occupant (`data-nick`, `data-role`).
    pub const OCCUPANT: &str = ".lc-participants li.lc-occupant";
    /// "N anonymous viewers" (`data-count`).
    pub const ANON_COUNT: &str = ".lc-participants .lc-anon-count";
    /// A moderator's menu of a message (on its nickname) and of an occupant.
    pub const NICK_BUTTON: &str = ".lc-nick-button";
    pub const OCCUPANT_MENU_TOGGLE: &str = ".lc-occupant-menu-toggle";
    pub const MOD_MENU: &str = ".lc-mod-menu";
    /// Parameters missing or invalid: the error instead of the chat.
    pub const PARAMS_ERROR: &str = ".lc-params-error";

    /// The status once joined.
    pub const JOINED: &str = r#".lc-status[data-status="joined"]"#;

    /// The status in `status` (`connecting`, `joined`, `reconnecting`, `not-in-room`, …).
    pub fn status(status: &str) -> String {
        format!(r#".lc-status[data-status="{status}"]"#)
    }

    /// The status once joined as `nick`.
    pub fn joined_as(nick: &str) -> String {
        format!(r#".lc-status[data-status="joined"][data-nick="{nick}"]"#)
    }

    /// The occupant `nick` in the participants panel.
    pub fn occupant(nick: &str) -> String {
        format!(r#".lc-participants li.lc-occupant[data-nick="{nick}"]"#)
    }
}

/// JavaScript expressions over the hooks, for [`ChatPage::wait`] and the tests' own scripts.
pub mod js {
    use serde_json::json;

    use super::hooks;

    /// The first element matching `css`, or null.
    pub fn element(css: &str) -> String {
        format!("document.querySelector({})", json!(css))
    }

    /// Whether nothing matches `css`.
    pub fn absent(css: &str) -> String {
        format!("!{}", element(css))
    }

    /// The number of elements matching `css`.
    pub fn count(css: &str) -> String {
        format!("document.querySelectorAll({}).length", json!(css))
    }

    /// Whether some message's text is exactly `body`.
    pub fn message_shown(body: &str) -> String {
        format!(
            "Array.from({}).some(b => b.textContent === {})",
            all(hooks::MESSAGE_BODY),
            json!(body)
        )
    }

    /// Whether at least `n` messages are shown.
    pub fn messages_at_least(n: usize) -> String {
        format!("{} >= {n}", count(hooks::MESSAGE))
    }

    /// Whether the message list's text contains `text` (a message, a notice, a tombstone).
    pub fn log_contains(text: &str) -> String {
        format!(
            "{}.textContent.includes({})",
            element(hooks::LOG),
            json!(text)
        )
    }

    fn all(css: &str) -> String {
        format!("document.querySelectorAll({})", json!(css))
    }
}

/// A message as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownMessage {
    pub nick: String,
    pub body: String,
    /// Marked as our own (`lc-own`).
    pub own: bool,
    /// Marked as history replayed on join (`lc-history`).
    pub history: bool,
}

const SHOWN_MESSAGES_JS: &str = r#"
    return Array.from(document.querySelectorAll('.lc-log li.lc-msg')).map(li => ({
        nick: (li.querySelector('.lc-nick') || {}).textContent || '',
        body: (li.querySelector('.lc-body') || {}).textContent || '',
        own: li.classList.contains('lc-own'),
        history: li.classList.contains('lc-history'),
    }));
"#;

/// One browser's chat. Every method panics with what it was doing and what the page showed when
/// the page does not answer as expected: a test reads as the steps of a user.
pub struct ChatPage<'a> {
    driver: &'a WebDriver,
    /// A bot whose socket is read while the page is waited on, so that it answers the server's
    /// pings and takes the room's traffic (a native client is only read when asked).
    bot: Option<&'a mut NativeClient>,
}

impl<'a> ChatPage<'a> {
    pub fn new(driver: &'a WebDriver) -> Self {
        ChatPage { driver, bot: None }
    }

    /// Keeps `bot` read during every wait.
    pub fn pumping(mut self, bot: &'a mut NativeClient) -> Self {
        self.bot = Some(bot);
        self
    }

    pub fn driver(&self) -> &'a WebDriver {
        self.driver
    }

    // ---- Waits ----------------------------------------------------------------------------------

    /// Polls `expression` until it is truthy (a script error counts as not yet), for at most
    /// `timeout`; returns its value.
    pub fn try_wait(
        &mut self,
        expression: &str,
        timeout: Duration,
    ) -> Result<Value, WebDriverError> {
        let driver = self.driver;
        let bot = &mut self.bot;
        driver.wait_until(&format!("`{expression}`"), timeout, || {
            if let Some(bot) = bot.as_deref_mut() {
                let _ = bot.pump(Duration::from_millis(10));
            }
            let value = match driver.eval(expression) {
                Ok(value) => value,
                Err(WebDriverError::Driver { .. }) => Value::Null,
                Err(e) => return Err(e),
            };
            Ok((is_truthy(&value), value))
        })
    }

    /// Waits (at most [`PAGE_WAIT`]) until `expression` is truthy and returns its value; panics
    /// with `what` and the page's state if it never is.
    pub fn wait(&mut self, what: &str, expression: &str) -> Value {
        self.try_wait(expression, PAGE_WAIT)
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    /// Waits until an element matches `css`.
    pub fn wait_present(&mut self, css: &str) -> &mut Self {
        self.wait(&format!("no {css}"), &js::element(css));
        self
    }

    /// Waits until nothing matches `css`.
    pub fn wait_absent(&mut self, css: &str) -> &mut Self {
        self.wait(&format!("{css} is still there"), &js::absent(css));
        self
    }

    pub fn wait_joined(&mut self) -> &mut Self {
        self.wait("the page did not join", &js::element(hooks::JOINED));
        self
    }

    pub fn wait_joined_as(&mut self, nick: &str) -> &mut Self {
        self.wait(
            &format!("the page did not join as {nick}"),
            &js::element(&hooks::joined_as(nick)),
        );
        self
    }

    /// Waits until the status says `status` (`reconnecting`, `not-in-room`, …).
    pub fn wait_status(&mut self, status: &str) -> &mut Self {
        self.wait(
            &format!("the page does not say {status}"),
            &js::element(&hooks::status(status)),
        );
        self
    }

    /// Waits until a message's text is exactly `body`.
    pub fn wait_message(&mut self, body: &str) -> &mut Self {
        self.wait(
            &format!("the page does not show {body:?}"),
            &js::message_shown(body),
        );
        self
    }

    pub fn wait_messages(&mut self, at_least: usize) -> &mut Self {
        self.wait(
            &format!("fewer than {at_least} messages shown"),
            &js::messages_at_least(at_least),
        );
        self
    }

    /// Waits until the message list's text contains `text`.
    pub fn wait_log_contains(&mut self, text: &str) -> &mut Self {
        self.wait(
            &format!("the messages do not contain {text:?}"),
            &js::log_contains(text),
        );
        self
    }

    /// Waits for an element matching `css` and returns it.
    pub fn element(&self, css: &str) -> Element {
        self.driver
            .wait_for_selector(css, PAGE_WAIT)
            .unwrap_or_else(|e| panic!("no {css}: {e}"))
    }

    // ---- Reads ----------------------------------------------------------------------------------

    /// The first element matching `css` now, if any.
    pub fn find(&self, css: &str) -> Option<Element> {
        self.driver
            .find(css)
            .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    pub fn has(&self, css: &str) -> bool {
        self.find(css).is_some()
    }

    /// Evaluates a JavaScript expression.
    pub fn eval(&self, expression: &str) -> Value {
        self.driver
            .eval(expression)
            .unwrap_or_else(|e| panic!("{expression}: {e}"))
    }

    /// Runs a script (a function body: `return` its result); `arguments[i]` are `args`.
    pub fn run(&self, script: &str, args: Vec<Value>) -> Value {
        self.driver
            .execute(script, args)
            .unwrap_or_else(|e| panic!("a script failed: {e}"))
    }

    /// The text of the first element matching `css` (`null` if there is none).
    pub fn text_of(&self, css: &str) -> Value {
        self.eval(&format!("({} || {{}}).textContent", js::element(css)))
    }

    /// The status line's text ("Joined as …").
    pub fn status_text(&self) -> String {
        self.text_of(hooks::STATUS)
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// Every message, oldest first.
    pub fn messages(&self) -> Vec<ShownMessage> {
        let value = self.run(SHOWN_MESSAGES_JS, vec![]);
        value
            .as_array()
            .expect("an array of messages")
            .iter()
            .map(|m| ShownMessage {
                nick: m["nick"].as_str().unwrap_or_default().to_owned(),
                body: m["body"].as_str().unwrap_or_default().to_owned(),
                own: m["own"].as_bool().unwrap_or(false),
                history: m["history"].as_bool().unwrap_or(false),
            })
            .collect()
    }

    /// The text of every message, oldest first.
    pub fn bodies(&self) -> Vec<String> {
        self.messages().into_iter().map(|m| m.body).collect()
    }

    /// What the message input holds.
    pub fn input_value(&self) -> String {
        self.eval(&format!("{}.value", js::element(hooks::INPUT)))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The anonymous viewers the participants panel counts (`None` while it is closed).
    pub fn anon_count(&self) -> Option<u64> {
        self.eval(&format!(
            "({} || {{dataset:{{}}}}).dataset.count",
            js::element(hooks::ANON_COUNT)
        ))
        .as_str()
        .and_then(|s| s.parse().ok())
    }

    /// The browser console since the last read, as `LEVEL message` lines.
    pub fn console(&self) -> Vec<String> {
        self.driver
            .console_log()
            .unwrap_or_else(|e| panic!("cannot read the console: {e}"))
    }

    // ---- Actions --------------------------------------------------------------------------------

    /// Loads `url` (the app starts on its own; wait for what it should show).
    pub fn open(&mut self, url: &str) -> &mut Self {
        self.driver
            .navigate(url)
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        self
    }

    /// Waits for `css` and clicks it.
    pub fn click(&mut self, css: &str) -> &mut Self {
        let element = self.element(css);
        self.driver
            .click(&element)
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
        self
    }

    /// Types `text` into the usable message input, without sending.
    pub fn type_message(&mut self, text: &str) -> &mut Self {
        let input = self.element(hooks::ENABLED_INPUT);
        self.driver
            .send_keys(&input, text)
            .unwrap_or_else(|e| panic!("cannot type into the message input: {e}"));
        self
    }

    /// Types `text` into the message input and presses Enter.
    pub fn send(&mut self, text: &str) -> &mut Self {
        self.type_message(text);
        self.type_message(keys::ENTER)
    }

    /// Presses each key in turn (down, then up) on whatever has the focus: real key events
    /// through WebDriver's input actions, as a keyboard user types.
    pub fn press(&mut self, keys: &[&str]) -> &mut Self {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    serde_json::json!({ "type": "keyDown", "value": k }),
                    serde_json::json!({ "type": "keyUp", "value": k }),
                ]
            })
            .collect();
        self.driver
            .perform_actions(
                serde_json::json!([{ "type": "key", "id": "keyboard", "actions": actions }]),
            )
            .unwrap_or_else(|e| panic!("keys {keys:?}: {e}"));
        self
    }

    /// Types `text` key by key on whatever has the focus.
    pub fn type_keys(&mut self, text: &str) -> &mut Self {
        let keys: Vec<String> = text.chars().map(String::from).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.press(&keys)
    }

    /// Chooses `nick` through the nickname prompt ("Choose a nickname to chat", type, submit)
    /// and waits until the room took it.
    pub fn choose_nick(&mut self, nick: &str) -> &mut Self {
        self.click(hooks::CHOOSE_NICK);
        let field = self.element(hooks::NICK_INPUT);
        self.driver
            .send_keys(&field, nick)
            .unwrap_or_else(|e| panic!("cannot type a nickname: {e}"));
        self.click(hooks::NICK_SUBMIT);
        self.wait_joined_as(nick)
    }

    /// Opens the participants panel through its toggle and waits until it shows the count. On a
    /// wide page the panel starts open: the toggle closes it first, then opens it again.
    pub fn open_participants(&mut self) -> &mut Self {
        let toggle = self.element(hooks::PARTICIPANTS_TOGGLE);
        let expanded = |page: &ChatPage| {
            page.driver
                .attribute(&toggle, "aria-expanded")
                .unwrap_or_else(|e| panic!("{e}"))
        };
        if expanded(self).as_deref() == Some("true") {
            self.driver.click(&toggle).unwrap_or_else(|e| panic!("{e}"));
            self.wait(
                "the toggle did not close the panel",
                &format!(
                    r#"{} && {}"#,
                    js::element(r#".lc-participants-toggle[aria-expanded="false"]"#),
                    js::absent(hooks::PARTICIPANTS)
                ),
            );
        }
        self.driver.click(&toggle).unwrap_or_else(|e| panic!("{e}"));
        self.wait(
            "the panel did not open",
            &format!(
                "{} && {}",
                js::element(r#".lc-participants-toggle[aria-expanded="true"]"#),
                js::element(&format!("{}[data-count]", hooks::ANON_COUNT))
            ),
        );
        self
    }

    /// Saves `target/screenshots/<name>.png`, reports where, and returns the path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let path = self
            .driver
            .screenshot(name)
            .unwrap_or_else(|e| panic!("cannot take the screenshot {name}: {e}"));
        eprintln!("screenshot: {}", path.display());
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_quote_what_they_look_for() {
        assert_eq!(
            js::element(hooks::JOINED),
            r#"document.querySelector(".lc-status[data-status=\"joined\"]")"#
        );
        assert_eq!(
            js::message_shown("it's \"quoted\""),
            r#"Array.from(document.querySelectorAll(".lc-log li.lc-msg .lc-body")).some(b => b.textContent === "it's \"quoted\"")"#
        );
        assert_eq!(
            js::messages_at_least(3),
            r#"document.querySelectorAll(".lc-log li.lc-msg").length >= 3"#
        );
        assert_eq!(
            hooks::joined_as("Kay"),
            r#".lc-status[data-status="joined"][data-nick="Kay"]"#
        );
    }
}
