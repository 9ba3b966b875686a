//! Views that only some viewers ever draw (the message form and the nickname prompt, the emoji
//! picker, owners' tools, moderators' menus) come in wasm modules of their own, fetched the first
//! time one is drawn: a viewer who only reads downloads none of them.
//!
//! [`split_view!`] declares such a view as an async function. In the release build
//! (`--cfg livechat_split`, set by `cargo xtask build`; see docs/performance.md) the wasm is split
//! after linking and the function fetches its module before it runs, once; in every other build
//! the view is compiled in and the future is ready at once, behind the same call, so the tests run
//! the code path the release build runs. [`when_loaded`] draws the view once it is in, or says
//! that it could not be loaded (the network went away): the chat itself keeps working, and the
//! next time the view is drawn its module is fetched again.

use leptos::prelude::*;

/// A view's module could not be loaded.
#[derive(Debug)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// `split_view!(module, fn name(arg: Type, …) { body })`: `name(…).await` is the view `body`
/// builds, its code in `module` (views declared with the same `module` share it).
macro_rules! split_view {
    (
        $module:ident,
        $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block
    ) => {
        #[cfg(livechat_split)]
        $(#[$meta])*
        #[leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )]
        $vis fn $name($($arg: $ty),*) -> Result<leptos::prelude::AnyView, $crate::on_demand::NotLoaded> {
            Ok(leptos::prelude::IntoAny::into_any($body))
        }
        #[cfg(not(livechat_split))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> Result<leptos::prelude::AnyView, $crate::on_demand::NotLoaded> {
            Ok(leptos::prelude::IntoAny::into_any($body))
        }
    };
}
pub(crate) use split_view;

/// Draws the view `loading` gives once it is in (at once when its module is already here); nothing
/// until then; a short notice if it could not be loaded.
pub fn when_loaded(
    loading: impl std::future::Future<Output = Result<AnyView, NotLoaded>> + 'static,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    // `Suspend` takes a future it may send between threads; the browser's has one thread.
    Suspend::new(send_wrapper::SendWrapper::new(async move {
        match loading.await {
            Ok(view) => view,
            Err(NotLoaded) => {
                view! { <p class="lc-not-loaded" role="alert">{lang.t("not-loaded")}</p> }
                    .into_any()
            }
        }
    }))
}
