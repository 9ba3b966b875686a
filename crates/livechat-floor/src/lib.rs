//! A baseline for `cargo xtask bench size --floor`, as `floor` is in the join-storm bench: what any
//! leptos page pays before it does anything of the chat's. One of each moving part the chat's UI
//! has (a signal, a text field, a button with a handler, a keyed list with a reactive class and
//! text), built with the client's release profile and wasm-opt flags; never shipped.

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

#[component]
fn Floor() -> impl IntoView {
    let (draft, set_draft) = signal(String::new());
    let (lines, set_lines) = signal(Vec::<(u32, String)>::new());
    let send = move |_| {
        set_lines.update(|lines| {
            let id = lines.len() as u32;
            lines.push((id, draft.get_untracked()));
        });
        set_draft.set(String::new());
    };
    view! {
        <ul>
            <For each=move || lines.get() key=|(id, _)| *id let((id, text))>
                <li class:odd=move || id % 2 == 1>{text}</li>
            </For>
        </ul>
        <input prop:value=draft on:input=move |ev| set_draft.set(event_target_value(&ev))/>
        <button on:click=send>"Send"</button>
    }
}

#[wasm_bindgen(start)]
pub fn start() {
    mount_to_body(Floor);
}
