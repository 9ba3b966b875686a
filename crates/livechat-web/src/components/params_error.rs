//! What the page shows instead of the chat when its parameters are missing or wrong.

use leptos::prelude::*;

use crate::params::ParamsError;

#[component]
pub fn ParamsErrorPanel(error: ParamsError) -> impl IntoView {
    view! {
        <div class="lc-chat lc-params-error" role="alert">
            <h1 class="lc-params-error-title">"The chat cannot start"</h1>
            <ul>
                {error.problems.into_iter().map(|problem| view! { <li>{problem}</li> }).collect_view()}
            </ul>
        </div>
    }
}
