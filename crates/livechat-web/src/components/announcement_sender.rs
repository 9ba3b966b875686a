//! Owners and admins send a message in one of the plugin's announcement styles: announcement,
//! highlight or warning. As the plugin's own frontend does, an announcement or a warning starts
//! with a title line (`* Announcement *`, in the sender's language) for clients that do not draw
//! the style; this chat draws its own title in each viewer's language instead. A room that
//! refuses it (the sender is no longer an owner or admin) says so in the outbox.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use livechat_core::log::AnnouncementKind;
use wasm_bindgen::JsCast;

use super::owner_tools::{close_panel, focus_first_field, on_escape, CancelButton};
use crate::i18n::{use_lang, Lang};
use crate::state::ChatState;
use crate::transport::{Command, Commands};

const STYLES: [(AnnouncementKind, &str); 3] = [
    (AnnouncementKind::Announcement, "announcement"),
    (AnnouncementKind::Highlight, "highlight"),
    (AnnouncementKind::Warning, "warning"),
];

#[component]
pub fn AnnouncementSender(state: ChatState, commands: Commands) -> impl IntoView {
    let lang = use_lang();
    let kind = RwSignal::new(AnnouncementKind::Announcement);
    let body = RwSignal::new(String::new());
    let node = NodeRef::<leptos::html::Form>::new();
    focus_first_field(node);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let kind = kind.get_untracked();
        commands.send(Command::Announce(kind, with_title_line(kind, &text, lang)));
        close_panel(state, node.get_untracked().map(Into::into));
    };
    let options = STYLES
        .iter()
        .map(|(k, value)| view! { <option value=*value>{style_name(*k, lang)}</option> })
        .collect_view();
    view! {
        <section class="lc-owner-panel lc-announce" aria-label=lang.t("announce-title") on:keydown=on_escape(state)>
            <h2 class="lc-owner-title">{lang.t("announce-title")}</h2>
            <form class="lc-owner-form" node_ref=node on:submit=on_submit>
                <label class="lc-field">
                    {lang.t("announce-style")}
                    <select
                        class="lc-announce-style"
                        on:change=move |ev| {
                            let value = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value());
                            if let Some((k, _)) = STYLES.iter().find(|(_, v)| Some(*v) == value.as_deref()) {
                                kind.set(*k);
                            }
                        }
                    >
                        {options}
                    </select>
                </label>
                <label class="lc-field lc-field-wide">
                    {lang.t("announce-body")}
                    <textarea
                        class="lc-announce-body"
                        rows="3"
                        maxlength="5000"
                        required
                        prop:value=move || body.get()
                        on:input=move |ev| body.set(event_target_value(&ev))
                    ></textarea>
                </label>
                <div class="lc-owner-actions">
                    <button type="submit" class="lc-owner-submit lc-announce-send">{lang.t("announce-send")}</button>
                    <CancelButton state/>
                </div>
            </form>
        </section>
    }
}

/// A style's name in `lang`.
pub fn style_name(kind: AnnouncementKind, lang: Lang) -> String {
    match kind {
        AnnouncementKind::Announcement => lang.t("announce-style-announcement"),
        AnnouncementKind::Highlight => lang.t("announce-style-highlight"),
        AnnouncementKind::Warning => lang.t("announce-style-warning"),
    }
}

/// The body as sent: an announcement and a warning start with their title line, as the plugin's
/// frontend writes them.
pub fn with_title_line(kind: AnnouncementKind, body: &str, lang: Lang) -> String {
    match kind {
        AnnouncementKind::Highlight => body.to_owned(),
        _ => format!("* {} *\n{body}", style_name(kind, lang)),
    }
}
