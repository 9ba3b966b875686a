//! Prints what a `session` input does, step by step: the step, the frames sent, the events.
//! `cargo run --example replay -- corpus/session/seed-viewer-full` (or an artifact).
//! A violated invariant panics here as it does under the fuzzer, after the steps before it.

use arbitrary::{Arbitrary, Unstructured};
use livechat_core_fuzz::{run_with, Script};

fn main() {
    let path = std::env::args().nth(1).expect("usage: replay FILE");
    let bytes = std::fs::read(&path).unwrap();
    let script = Script::arbitrary_take_rest(Unstructured::new(&bytes)).unwrap();
    println!("{:?}", script.setup);
    run_with(&script, |step, sent, events| {
        match step {
            None => println!("start"),
            Some(step) => println!("{}", format!("{step:?}").chars().take(300).collect::<String>()),
        }
        for frame in sent {
            println!("    >> {frame}");
        }
        for event in events {
            println!("    !! {event:?}");
        }
    });
    println!("done: every invariant held");
}
