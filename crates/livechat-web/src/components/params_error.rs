//! What the page shows instead of the chat when its parameters are missing or wrong.

use leptos::prelude::*;

use crate::i18n::use_lang;
use crate::params::ParamsError;

#[component]
pub fn ParamsErrorPanel(error: ParamsError) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="lc-chat lc-params-error" role="alert" lang=lang.tag()>
            <h1 class="lc-params-error-title">{lang.t("params-error-title")}</h1>
            <ul>
                {error.problems.iter().map(|problem| view! { <li>{problem.render(lang)}</li> }).collect_view()}
            </ul>
        </div>
    }
}
