//! A short notice that goes away on its own: results of moderator actions.

use leptos::prelude::*;

use crate::state::Toast;

#[component]
pub fn ToastView(toast: RwSignal<Option<Toast>>) -> impl IntoView {
    view! {
        <div class="lc-toast-region" role="status" aria-live="polite">
            {move || toast.get().map(|t| view! {
                <p class="lc-toast" class:lc-toast-error=t.error>{t.text}</p>
            })}
        </div>
    }
}
