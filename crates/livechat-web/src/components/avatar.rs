//! A generated avatar drawn as inline SVG elements: no image request, and nothing the page's
//! Content Security Policy has to allow (`img-src` stays `'self'`). Decorative: the nickname next
//! to it says who it is.

use std::sync::Arc;

use leptos::prelude::*;
use livechat_core::avatar::{Avatar, VIEW_BOX};

#[component]
pub fn AvatarImage(avatar: Arc<Avatar>) -> impl IntoView {
    view! {
        <svg class="lc-avatar" viewBox=VIEW_BOX width="20" height="20" aria-hidden="true" focusable="false">
            <circle cx="2.5" cy="2.5" r="4.5" fill=avatar.fill.clone()/>
            <path fill="#fff" stroke="#fff" stroke-width=".35" stroke-linejoin="round" d=avatar.path.clone()/>
        </svg>
    }
}
