//! Runs `frame` inputs through what the target does with them, without libFuzzer:
//! `cargo run --example replay_frame -- corpus/frame/*` (or an artifact). A violated invariant
//! panics here as it does under the fuzzer, naming the file.

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    assert!(!paths.is_empty(), "usage: replay_frame FILE…");
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        eprintln!("{path}");
        livechat_core_fuzz::run_frame(&bytes);
    }
    println!("{} inputs: every invariant held", paths.len());
}
