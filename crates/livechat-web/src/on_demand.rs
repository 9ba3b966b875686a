//! Views that only some viewers ever draw (the message form and the nickname prompt, the emoji
//! picker, owners' tools, moderators' menus; and, for readers, the participants panel, the poll
//! banner and the external logins, where they show) come in wasm modules of their own, fetched
//! the first time one is drawn: a viewer beside the video who only reads downloads none of them.
//!
//! [`split_view!`] declares such a view as an async function. In the release build
//! (`--cfg livechat_split`, set by `cargo xtask build`; see docs/performance.md) the wasm is split
//! after linking and the function fetches its module before it runs, once; in every other build
//! the view is compiled in and the future is ready at once, behind the same call, so the tests run
//! the code path the release build runs. [`when_loaded`] draws the view once it is in, or says
//! that it could not be loaded (the network went away), with a button that fetches it again: the
//! chat itself keeps working.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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

/// Draws the view `load()` gives once it is in (at once when its module is already here);
/// nothing until then. If it could not be loaded, a short notice with a button that tries again.
pub fn when_loaded<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    // One drawing code for every view (its type erased), rather than one per view.
    loaded_view(Arc::new(move || Box::pin(load()) as Loading))
}

type Loading = Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>>;

fn loaded_view(load: Arc<dyn Fn() -> Loading + Send + Sync>) -> AnyView {
    let lang = crate::i18n::use_lang();
    let attempt = RwSignal::new(0_u32);
    (move || {
        attempt.track();
        let loading = load();
        // `Suspend` takes a future it may send between threads; the browser's has one thread.
        Suspend::new(send_wrapper::SendWrapper::new(async move {
            match loading.await {
                Ok(view) => view,
                Err(NotLoaded) => view! {
                    <p class="lc-not-loaded" role="alert">
                        {lang.t("not-loaded")} " "
                        <button type="button" class="lc-not-loaded-retry"
                            on:click=move |_| attempt.update(|n| *n += 1)>
                            {lang.t("not-loaded-retry")}
                        </button>
                    </p>
                }
                .into_any(),
            }
        }))
    })
    .into_any()
}
