//! A keyed list like leptos' `<For>`, whose memory does not grow with the number of rows it has
//! ever shown.
//!
//! `<For>` gives each row a reactive owner registered with the list's own owner, and
//! reactive_graph 0.2 keeps a weak reference (and with it ~80 bytes) for every row that ever
//! existed until the whole list goes away: over a stream's hours of messages, a steady leak. Here
//! rows are registered with a small "generation" owner instead, replaced every
//! [`ROWS_PER_GENERATION`] rows; each row keeps its generation alive, so a generation and its dead
//! references are freed once its last row has left the list. (reactive_graph 0.3 prunes these
//! references itself.)

use std::hash::Hash;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use leptos::tachys::view::keyed::{keyed, SerializableKey};

/// How many rows share one generation: the list keeps at most this many dead references per live
/// generation, and its own owner one reference per generation.
const ROWS_PER_GENERATION: usize = 256;

struct Generation {
    owner: Owner,
    rows: usize,
}

#[component]
pub fn KeyedRows<IF, I, T, EF, N, KF, K>(
    /// The items, in order.
    each: IF,
    /// The identity of an item: a row is rendered again only when its key changes.
    key: KF,
    /// The view of one item.
    children: EF,
) -> impl IntoView
where
    IF: Fn() -> I + Send + 'static,
    I: IntoIterator<Item = T> + Send + 'static,
    EF: Fn(T) -> N + Send + Clone + 'static,
    N: IntoView + 'static,
    KF: Fn(&T) -> K + Send + Clone + 'static,
    K: Eq + Hash + SerializableKey + 'static,
    T: Send + 'static,
{
    let parent = Owner::current().expect("KeyedRows needs a reactive owner");
    let current: Arc<Mutex<Option<Generation>>> = Arc::new(Mutex::new(None));
    let row = move |_, item| {
        let generation = {
            let mut current = current.lock().unwrap_or_else(|e| e.into_inner());
            let fresh = match current.as_ref() {
                Some(g) => g.rows >= ROWS_PER_GENERATION,
                None => true,
            };
            if fresh {
                *current = Some(Generation {
                    owner: parent.with(Owner::new),
                    rows: 0,
                });
            }
            let generation = current.as_mut().expect("set just above");
            generation.rows += 1;
            generation.owner.clone()
        };
        let owner = generation.with(Owner::new);
        let view = owner.with(|| {
            // The row holds its generation: the last row to go frees it.
            on_cleanup(move || drop(generation));
            children(item)
        });
        (drop, OwnedView::new_with_owner(view, owner))
    };
    move || keyed(each(), key.clone(), row.clone())
}
