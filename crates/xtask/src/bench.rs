//! `cargo xtask bench size | storm | browser`: the measurements, each of which keeps its figures in
//! docs/results/<bench>.md (see `results`). `size` computes its figures here, from the build;
//! `storm` and `browser` run a binary of livechat-bench, whose Markdown output is echoed and kept.

use std::process::Command;

use crate::{
    build_web, cargo, dist_dir, fail, floor, readme_figures, results, run, setup, twiggy, Result,
    USAGE,
};

pub fn bench(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("size") => size(&args[1..]),
        Some("storm") => storm(args),
        Some("browser") => browser(&args[1..]),
        _ => Err(fail(format!("unknown bench; {USAGE}"))),
    }
}

/// What the browser downloads: every file of the build, and a reading viewer's first visit.
fn size(flags: &[String]) -> Result<()> {
    let (mut with_twiggy, mut with_floor) = (false, false);
    for flag in flags {
        match flag.as_str() {
            "--twiggy" => with_twiggy = true,
            "--floor" => with_floor = true,
            _ => return Err(fail(format!("unknown bench size option; {USAGE}"))),
        }
    }
    setup::setup()?;
    let record = results::Run::start("size");
    let report = build_web()?;
    let (total, first) = (report.total(), report.reader_first_visit());
    let english = report.english_reader_first_visit();
    let summary = format!(
        "{} files, {} bytes raw, {} gzip -9, {} brotli; {} from a server that compresses \
         nothing (the loaders fetch the wasm's .gz twin). A reading viewer downloads {} \
         bytes gzip -9 ({} from a server that compresses nothing) before the first message \
         shows, their language's texts included (the largest language; {} gzip -9 in English, \
         which the wasm has).",
        report.files.len(),
        total.raw,
        total.gzip,
        total.brotli,
        total.as_served,
        first.gzip,
        first.as_served,
        english.gzip
    );
    println!("bench size: {summary}");
    let mut figures = format!("{report}\n\n{summary}\n");
    if with_twiggy {
        let wasm = report
            .files
            .iter()
            .find(|f| f.path.ends_with(".wasm"))
            .ok_or_else(|| fail("no .wasm in the build"))?;
        twiggy::analyse(wasm.raw, wasm.gzip)?;
    }
    if with_floor {
        figures.push_str(&format!("\n{}", floor::compare(&report)?));
    }
    figures.push_str(&format!(
        "\n## Headline\n\n| figure | value |\n|---|---|\n\
         | a reading viewer's first visit, gzip -9 | {} bytes |\n\
         | the same from a server that compresses nothing (PeerTube's plugin files) | {} bytes |\n\
         | every file of the build, gzip -9 | {} bytes |\n",
        first.gzip, first.as_served, total.gzip
    ));
    record.write("Bundle size", &figures)?;
    readme_figures::update()
}

/// The join storm against a fresh server per run (`args` starts with `storm`, livechat-bench's
/// own subcommand). `--help` prints every option and records nothing.
fn storm(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return run(livechat_bench("run", "livechat-bench").arg("--").args(args));
    }
    setup::setup()?;
    // Built first, so the run's start (and its load average) is the storm's.
    run(&mut livechat_bench("build", "livechat-bench"))?;
    let record = results::Run::start("storm");
    let output =
        results::run_capturing(livechat_bench("run", "livechat-bench").arg("--").args(args))?;
    record.write("Join storm", &output)?;
    readme_figures::update()
}

/// The web client in headless Chromium on a real Prosody.
fn browser(args: &[String]) -> Result<()> {
    setup::setup()?;
    build_web()?;
    // The bench serves the build from LIVECHAT_DIST, as the end-to-end tests do.
    println!("bench browser: cargo run --profile native -p livechat-bench --bin browser");
    let record = results::Run::start("browser");
    let output = results::run_capturing(
        livechat_bench("run", "browser")
            .arg("--")
            .args(args)
            .env("LIVECHAT_DIST", dist_dir()),
    )?;
    record.write("Browser bench", &output)?;
    readme_figures::update()
}

/// `cargo COMMAND` of a livechat-bench binary, in optimised native code: the load generator must
/// not be what limits the measurement.
fn livechat_bench(command: &str, bin: &str) -> Command {
    let mut cmd = cargo();
    cmd.args([command, "--quiet", "--profile", "native"]).args([
        "--package",
        "livechat-bench",
        "--bin",
        bin,
    ]);
    cmd
}
