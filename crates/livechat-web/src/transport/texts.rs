//! What the viewer reads about the session: errors, removals, refused messages and the results of
//! moderators' commands, in the chat's language. The server's own words (condition names, the
//! reasons it gives) are passed through as they came: the room speaks its own language, which we
//! cannot translate.

use livechat_core::event::{Command as Moderation, Removal};
use livechat_core::{Refusal, SessionError};

use crate::i18n::{Lang, Msg};

/// Why the room refused a message, in the viewer's words (the server's own, when it gave some).
pub(crate) fn refusal_text(condition: &str, text: Option<&str>, lang: Lang) -> String {
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        return server_sentence(text);
    }
    match condition {
        "forbidden" => lang.t("refusal-forbidden"),
        "policy-violation" | "resource-constraint" => lang.t("refusal-slow-mode"),
        "not-acceptable" | "not-allowed" => lang.t("refusal-not-accepted"),
        // The session's own, for what was typed while a join went unanswered.
        "remote-server-timeout" => lang.t("refusal-no-answer"),
        other => lang.t_args("refusal-other", &[("condition", other.into())]),
    }
}

/// The server's text shown as a sentence: capitalised, with a full stop.
pub fn server_sentence(text: &str) -> String {
    let mut chars = text.chars();
    // The browser's `toUpperCase` (full Unicode, as Rust's): the wasm needs no case tables for it.
    let mut out: String = chars
        .next()
        .map(|c| String::from(js_sys::JsString::from(c).to_upper_case()))
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// Why our vote was not counted (the toast).
pub(crate) fn vote_refused_text(refusal: Refusal) -> Msg {
    match refusal {
        Refusal::PollOver => Msg::new("vote-poll-over"),
        Refusal::InvalidChoice => Msg::new("vote-invalid-choice"),
        Refusal::NoVoice => Msg::new("vote-no-voice"),
        Refusal::NotInRoom => Msg::new("vote-not-in-room"),
        _ => Msg::new("vote-refused"),
    }
}

/// What became of a moderator's command (the toast).
pub(crate) fn command_result_text(command: &Moderation, error: Option<String>) -> Msg {
    let failed = error.is_some();
    let msg = match (command, failed) {
        (Moderation::Kick { nick }, false) => Msg::new("kick-done").arg("nick", nick),
        (Moderation::Kick { nick }, true) => Msg::new("kick-failed").arg("nick", nick),
        (Moderation::Ban { nick }, false) => Msg::new("ban-done").arg("nick", nick),
        (Moderation::Ban { nick }, true) => Msg::new("ban-failed").arg("nick", nick),
        (Moderation::Mute { nick }, false) => Msg::new("mute-done").arg("nick", nick),
        (Moderation::Mute { nick }, true) => Msg::new("mute-failed").arg("nick", nick),
        (Moderation::Voice { nick }, false) => Msg::new("voice-done").arg("nick", nick),
        (Moderation::Voice { nick }, true) => Msg::new("voice-failed").arg("nick", nick),
        (Moderation::Retract { .. }, false) => Msg::new("retract-done"),
        (Moderation::Retract { .. }, true) => Msg::new("retract-failed"),
        (Moderation::ChangeSubject, false) => Msg::new("subject-done"),
        (Moderation::ChangeSubject, true) => Msg::new("subject-failed"),
    };
    match error {
        Some(error) => msg.arg("error", error),
        None => msg,
    }
}

/// Why we are no longer in the room, by whom, and the reason they gave.
pub(crate) fn removal_text(
    removal: &Removal,
    actor: Option<String>,
    reason: Option<String>,
) -> Msg {
    let mut text = match removal {
        Removal::Kicked => Msg::new("removal-kicked"),
        Removal::Banned => Msg::new("removal-banned"),
        Removal::AffiliationChanged | Removal::MembersOnly => Msg::new("removal-members-only"),
        Removal::ServiceShutdown => Msg::new("removal-shutdown"),
        Removal::Other => Msg::new("removal-other"),
    };
    if let Some(actor) = actor {
        text = Msg::new("removal-by").arg("what", text).arg("actor", actor);
    }
    sentence_with_reason(text, reason.as_deref())
}

/// A session error, in the viewer's words; the server's error names and texts as they came.
pub(crate) fn error_text(error: &SessionError) -> Msg {
    let (msg, text) = match error {
        SessionError::Stream { condition, text } => (
            Msg::new("error-stream").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::Auth { condition, text } => (
            Msg::new("error-auth").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::NoUsableMechanism { offered } => (
            Msg::new("error-no-login-method").arg("offered", offered.join(", ")),
            None,
        ),
        SessionError::Bind { condition } => {
            (Msg::new("error-bind").arg("condition", condition), None)
        }
        SessionError::Join { condition, text } => (
            Msg::new("error-join").arg("condition", condition),
            text.as_deref(),
        ),
        SessionError::JoinUnanswered => (Msg::new("error-join-unanswered"), None),
        SessionError::Config { reason } => (Msg::new("error-config").arg("reason", reason), None),
        SessionError::Timeout => (Msg::new("error-timeout"), None),
        SessionError::ConnectionLost => (Msg::new("error-connection-lost"), None),
        SessionError::MalformedFrame { reason } => {
            (Msg::new("error-malformed").arg("reason", reason), None)
        }
    };
    sentence_with_reason(msg, text)
}

/// `what: reason.`, or `what.` without a reason. The reason is the server's text, which may end
/// a sentence of its own.
fn sentence_with_reason(what: Msg, reason: Option<&str>) -> Msg {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => {
            let msg = Msg::new("with-reason")
                .arg("what", what)
                .arg("reason", reason);
            if reason.ends_with(['.', '!', '?', '…']) {
                msg
            } else {
                Msg::new("sentence").arg("what", msg)
            }
        }
        None => Msg::new("sentence").arg("what", what),
    }
}
