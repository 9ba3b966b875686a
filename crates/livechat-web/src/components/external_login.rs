//! External logins (the plugin's `externalAuthOIDC` and `externalAuth`): a viewer without an
//! account gets one button per login the page offers; a viewer logged in with an external account
//! gets "Log out" in the toolbar.
//!
//! A button opens the login's page in a popup named `livechat-external-auth` and sets
//! `window.externalAuthGetResult`, which the popup calls through `window.opener` with
//! `{ok: true, token}` or `{ok: false, message}` before it closes (with nothing, it asks the
//! chat to close the popup). The callback is removed once called. A token is kept for the tab
//! (see [`crate::login`]) and the chat logs in again with it: a new session under the account,
//! without reloading the page. Logging out forgets the token and goes back to anonymous the same
//! way.
//!
//! Labels come from the admin's settings and are shown as text, never as HTML.

use std::sync::Arc;

use leptos::html::{Button, Div};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{focus_lost, ChatContext};
use crate::i18n::{use_lang, Lang};
use crate::login;
use crate::params::{ExternalLogin, Params};
use crate::state::{ChatState, NickPrompt, Role};
use crate::transport::{Command, Commands};

/// The popup's window name (the plugin's): a second click reuses the same window.
pub const POPUP_NAME: &str = "livechat-external-auth";
/// The global the popup calls back through `window.opener`.
pub const CALLBACK_NAME: &str = "externalAuthGetResult";

/// What one chat knows about its external logins (provided by the root as context).
#[derive(Clone)]
pub struct ExternalLogins {
    /// The logins offered, in the plugin's order: `custom` first, then by label.
    entries: Arc<[ExternalLogin]>,
    /// Why the last attempt failed, for the viewer.
    problem: RwSignal<Option<String>>,
    /// The viewer just logged in or out here: the control that takes the place of the one they
    /// used gets the focus.
    moved: RwSignal<bool>,
    /// The callback the popup calls, while one is waiting (kept here, with the chat, rather than
    /// with the buttons: they may be redrawn while the popup is open).
    callback: StoredValue<Option<PopupCallback>, LocalStorage>,
}

/// `window.externalAuthGetResult`, as the popup calls it.
type PopupCallback = Closure<dyn FnMut(JsValue)>;

impl ExternalLogins {
    /// The logins `params` offer; none without `authenticationUrl` (nothing could log in with a
    /// token) or where the browser refuses `sessionStorage` (nowhere to keep it, as in the
    /// plugin).
    pub fn new(params: &Params) -> Self {
        let usable = params.authentication_url.is_some()
            && !params.read_only.is_read_only()
            && login::session_storage().is_some();
        let mut entries: Vec<ExternalLogin> = if usable {
            params.external_logins.clone()
        } else {
            Vec::new()
        };
        entries.sort_by(|a, b| {
            (a.provider != "custom", &a.button_label)
                .cmp(&(b.provider != "custom", &b.button_label))
        });
        let logins = ExternalLogins {
            entries: entries.into(),
            problem: RwSignal::new(None),
            moved: RwSignal::new(false),
            callback: StoredValue::new_local(None),
        };
        let callback = logins.callback;
        on_cleanup(move || {
            // The chat is gone: a popup that answers later finds no callback, as in the plugin.
            callback.try_update_value(|c| c.take().inspect(|c| remove_callback_if(c.as_ref())));
        });
        logins
    }

    /// Whether any login is offered (the buttons and their code are fetched only then).
    pub fn offered(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Opens `login`'s popup and waits for its answer.
    fn open(&self, login: &ExternalLogin, lang: Lang, commands: Commands) {
        self.problem.set(None);
        let Some(window) = web_sys::window() else {
            return;
        };
        let popup = window
            .open_with_url_and_target_and_features(&login.url, POPUP_NAME, "popup")
            .ok()
            .flatten();
        let Some(popup) = popup else {
            self.problem.set(Some(lang.t("external-login-blocked")));
            return;
        };
        let (problem, moved) = (self.problem, self.moved);
        let closure = PopupCallback::new(move |result: JsValue| {
            remove_callback();
            match read_result(&result) {
                PopupResult::Closed => {
                    let _ = popup.close();
                }
                PopupResult::Token(token) if login::store_external_token(&token) => {
                    moved.try_set(true);
                    problem.try_set(None);
                    commands.send(Command::SwitchAccount);
                }
                PopupResult::Token(_) => {
                    problem.try_set(Some(lang.t("external-login-no-storage")));
                }
                PopupResult::Failed(Some(message)) => {
                    let text =
                        lang.t_args("external-login-failed-why", &[("message", message.into())]);
                    problem.try_set(Some(text));
                }
                PopupResult::Failed(None) => {
                    problem.try_set(Some(lang.t("external-login-failed")));
                }
            }
        });
        let _ = js_sys::Reflect::set(&window, &CALLBACK_NAME.into(), closure.as_ref());
        // The previous one, if the viewer clicked again, will not be called: it goes.
        self.callback.set_value(Some(closure));
    }
}

/// What the popup said.
enum PopupResult {
    /// Nothing: close the popup.
    Closed,
    Token(String),
    /// `{ok: false}`, with the server's message if it gave one (or an unreadable answer).
    Failed(Option<String>),
}

fn read_result(result: &JsValue) -> PopupResult {
    if result.is_undefined() || result.is_null() {
        return PopupResult::Closed;
    }
    let field = |name: &str| js_sys::Reflect::get(result, &name.into()).ok();
    let ok = field("ok").and_then(|v| v.as_bool()) == Some(true);
    let token = field("token").and_then(|v| v.as_string());
    match (ok, token) {
        (true, Some(token)) if !token.is_empty() => PopupResult::Token(token),
        _ => PopupResult::Failed(
            field("message")
                .and_then(|v| v.as_string())
                .map(|m| m.trim().to_owned())
                .filter(|m| !m.is_empty()),
        ),
    }
}

/// Removes `window.externalAuthGetResult`: each callback answers once.
fn remove_callback() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &CALLBACK_NAME.into());
    }
}

/// Removes the callback if it is still `ours` (and not another chat's on the same page).
fn remove_callback_if(ours: &JsValue) {
    let current =
        web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &CALLBACK_NAME.into()).ok());
    if current.is_some_and(|c| js_sys::Object::is(&c, ours)) {
        remove_callback();
    }
}

/// Whether the viewer is deciding how to chat: reading under an automatic nickname, choosing a
/// nickname, or muted as an anonymous viewer (an account may write where anonymous viewers
/// cannot).
fn deciding(state: ChatState) -> bool {
    !state.account.get()
        && (state.automatic_nick.get()
            || state.own_role.get() == Some(Role::Visitor)
            || state
                .nick_prompt
                .with(|p| matches!(p, NickPrompt::Open { .. })))
}

/// The login buttons, below the input, while an anonymous viewer decides how to chat.
#[component]
pub fn ExternalLoginButtons() -> impl IntoView {
    let lang = use_lang();
    let (Some(logins), Some(ctx)) = (
        use_context::<ExternalLogins>(),
        use_context::<ChatContext>(),
    ) else {
        return None;
    };
    if logins.entries.is_empty() {
        return None;
    }
    let state = ctx.state;
    let shown = Memo::new(move |_| deciding(state));
    let label_id = format!("lc-external-login-{}", next_id());
    Some(move || {
        shown.get().then(|| {
            let group = NodeRef::<Div>::new();
            take_focus_after_move(logins.moved, move || {
                group
                    .get_untracked()
                    .and_then(|g| g.query_selector("button").ok().flatten())
                    .map(JsCast::unchecked_into)
            });
            let buttons = logins
                .entries
                .iter()
                .map(|login| {
                    let (logins, login, commands) =
                        (logins.clone(), login.clone(), ctx.commands.clone());
                    view! {
                        <button
                            type="button"
                            class="lc-external-login-button"
                            data-provider=login.provider.clone()
                            on:click=move |_| logins.open(&login, lang, commands.clone())
                        >
                            {login.button_label.clone()}
                        </button>
                    }
                })
                .collect_view();
            let problem = logins.problem;
            view! {
                <div class="lc-external-login" role="group" aria-labelledby=label_id.clone() node_ref=group>
                    <p class="lc-external-login-label" id=label_id.clone()>{lang.t("external-login-label")}</p>
                    <div class="lc-external-login-buttons">{buttons}</div>
                    {move || problem.get().map(|p| view! { <p class="lc-external-login-error" role="alert">{p}</p> })}
                </div>
            }
        })
    })
}

/// "Log out" in the toolbar, for a viewer logged in with an external account.
#[component]
pub fn LogoutButton() -> impl IntoView {
    let lang = use_lang();
    let ctx = use_context::<ChatContext>()?;
    let moved = use_context::<ExternalLogins>().map(|l| l.moved);
    let state = ctx.state;
    Some(move || {
        state.external_account.get().then(|| {
            let button = NodeRef::<Button>::new();
            if let Some(moved) = moved {
                take_focus_after_move(moved, move || {
                    button.get_untracked().map(JsCast::unchecked_into)
                });
            }
            let commands = ctx.commands.clone();
            view! {
                <button
                    type="button"
                    node_ref=button
                    class="lc-tool lc-logout"
                    on:click=move |_| {
                        login::forget_external_token();
                        if let Some(moved) = moved {
                            moved.set(true);
                        }
                        commands.send(Command::SwitchAccount);
                    }
                >
                    {lang.t("logout")}
                </button>
            }
        })
    })
}

/// Once drawn: if the viewer just logged in or out and the control they used went away with the
/// focus, the focus goes to `target`.
fn take_focus_after_move(
    moved: RwSignal<bool>,
    target: impl Fn() -> Option<web_sys::HtmlElement> + 'static,
) {
    request_animation_frame(move || {
        if moved.try_get_untracked() == Some(true) {
            moved.set(false);
            if focus_lost() {
                if let Some(el) = target() {
                    let _ = el.focus();
                }
            }
        }
    });
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
