//! Whether a mounted chat reached its room: settled once, the first time the room is shown
//! (joined, its history drawn) or the first time it cannot be reached (unusable parameters, no
//! login possible, the server unreachable, the join refused). What happens after that (a
//! reconnection later on) is the chat's own business and never changes the answer.
//!
//! The embedding page reads it as a promise ([`crate::ChatHandle::ready`]); the PeerTube adapter
//! waits on it to resolve or reject `initConverse`, as the plugin expects.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::{ChatState, Status};

/// Why the room could not be reached, in the chat's language.
pub type Unreachable = String;

type Waiter = Box<dyn FnOnce(&Result<(), Unreachable>)>;

#[derive(Default)]
struct Inner {
    settled: Option<Result<(), Unreachable>>,
    waiters: Vec<Waiter>,
}

/// Shared by the handle (which waits) and the chat (which settles it). Cheap to clone.
#[derive(Clone, Default)]
pub struct Readiness(Rc<RefCell<Inner>>);

impl Readiness {
    pub fn new() -> Self {
        Self::default()
    }

    /// The answer, once there is one.
    pub fn settled(&self) -> Option<Result<(), Unreachable>> {
        self.0.borrow().settled.clone()
    }

    /// Settles it, unless it is settled already.
    pub fn settle(&self, outcome: Result<(), Unreachable>) {
        let waiters = {
            let mut inner = self.0.borrow_mut();
            if inner.settled.is_some() {
                return;
            }
            inner.settled = Some(outcome.clone());
            std::mem::take(&mut inner.waiters)
        };
        for waiter in waiters {
            waiter(&outcome);
        }
    }

    /// Calls `then` with the answer: now if there is one, else once there is.
    pub fn then(&self, then: impl FnOnce(&Result<(), Unreachable>) + 'static) {
        let settled = self.settled();
        match settled {
            Some(outcome) => then(&outcome),
            None => self.0.borrow_mut().waiters.push(Box::new(then)),
        }
    }

    /// A promise of the answer: resolves with `undefined`, or rejects with an `Error` that says
    /// why.
    pub fn promise(&self) -> js_sys::Promise {
        let readiness = self.clone();
        js_sys::Promise::new(&mut move |resolve, reject| {
            readiness.then(move |outcome| {
                let _ = match outcome {
                    Ok(()) => resolve.call0(&JsValue::UNDEFINED),
                    Err(why) => reject.call1(&JsValue::UNDEFINED, &js_sys::Error::new(why)),
                };
            })
        })
    }

    /// Settles it from the chat's state: shown, or a status that says the room is out of reach
    /// before it ever was (the alert says why).
    pub fn follow(&self, state: ChatState) {
        let readiness = self.clone();
        Effect::new(move |_| {
            if readiness.settled().is_some() {
                return;
            }
            if state.shown.get() {
                readiness.settle(Ok(()));
                return;
            }
            let status = state.status.get();
            if matches!(
                status,
                Status::Reconnecting | Status::NotInRoom | Status::Disconnected
            ) {
                let why = state
                    .alert
                    .get_untracked()
                    .unwrap_or_else(|| status.name().to_owned());
                readiness.settle(Err(why));
            }
        });
    }
}
