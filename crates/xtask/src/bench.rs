//! `cargo xtask bench size | storm | browser`: the measurements, each of which keeps its figures in
//! docs/results/<bench>.md (see `results`; `storm --name NAME` in storm-NAME.md). `size` computes its figures here, from the build;
//! `storm` and `browser` run a binary of livechat-bench, whose Markdown output is echoed and kept.

use std::process::Command;

use crate::{
    build_web, cargo, dist_dir, doc_figures, fail, floor, results, run, setup, twiggy, Result,
    USAGE,
};

pub fn bench(args: &[String]) -> Result<()> {
    match args.first().map(String::as_str) {
        Some("size") => size(&args[1..]),
        Some("storm") => storm(args),
        Some("browser") => browser(&args[1..]),
        // A results block added to a doc (or a doc's block moved) is filled without a new run.
        Some("figures") => doc_figures::update(),
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
    doc_figures::update()
}

/// The join storm against a fresh server per run (`args` starts with `storm`, livechat-bench's
/// own subcommand). `--name NAME` keeps the figures in `docs/results/storm-NAME.md`, so that each
/// configuration keeps its own; the rest goes to livechat-bench. `--help` prints every option
/// and records nothing.
fn storm(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        run(livechat_bench("run", "livechat-bench").arg("--").args(args))?;
        println!("{NAME_HELP}");
        return Ok(());
    }
    let (name, args) = take_name(args)?;
    setup::setup()?;
    // Built first, so the run's start (and its load average) is the storm's.
    run(&mut livechat_bench("build", "livechat-bench"))?;
    let record = results::Run::start("storm");
    let record = match &name {
        Some(name) => record.named(name),
        None => record,
    };
    let output =
        results::run_capturing(livechat_bench("run", "livechat-bench").arg("--").args(args))?;
    record.write("Join storm", &output)?;
    doc_figures::update()
}

const NAME_HELP: &str = "
cargo xtask bench storm also takes:
  --name NAME          keep the figures in docs/results/storm-NAME.md (lower-case letters, digits
                       and '-') rather than docs/results/storm.md, whose figures the README quotes";

/// `--name NAME` taken out of the storm's arguments, and the arguments left.
fn take_name(args: &[String]) -> Result<(Option<String>, Vec<String>)> {
    let (mut name, mut rest) = (None, Vec::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg != "--name" {
            rest.push(arg.clone());
            continue;
        }
        let value = it.next().ok_or_else(|| fail("--name needs a value"))?;
        let plain = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if value.is_empty() || !plain {
            return Err(fail(format!(
                "--name {value}: lower-case letters, digits and '-' only"
            )));
        }
        name = Some(value.clone());
    }
    Ok((name, rest))
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
    doc_figures::update()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_name_is_taken_out_and_the_storms_options_stay_in_order() {
        let (name, rest) = take_name(&strings(
            "storm --clients 450 --name large-audience-5000 --repeat 3",
        ))
        .unwrap();
        assert_eq!(name.as_deref(), Some("large-audience-5000"));
        assert_eq!(rest, strings("storm --clients 450 --repeat 3"));
        assert_eq!(
            take_name(&strings("storm --clients 20")).unwrap(),
            (None, strings("storm --clients 20"))
        );
    }

    #[test]
    fn a_name_that_is_not_a_plain_file_name_is_refused() {
        for line in [
            "storm --name",
            "storm --name ../README",
            "storm --name Night",
        ] {
            assert!(take_name(&strings(line)).is_err(), "{line}");
        }
    }
}
