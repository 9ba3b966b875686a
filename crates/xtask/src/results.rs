//! A bench's figures, kept in `docs/results/<bench>.md` (the storm's named configurations in
//! `docs/results/storm-<name>.md`) so that the figures quoted elsewhere come from a run, never
//! from hand edits. Every run that succeeds replaces its file with a title, the
//! run's context (the command line, the date, the commit, the machine) and the figures as the run
//! printed them (Markdown); a run that fails leaves the previous file as it was.
//!
//! ```text
//! # Join storm
//!
//! <!-- Written by `cargo xtask bench storm`: every run replaces it; change the bench, not this file. -->
//!
//! - Command: `cargo xtask bench storm --clients 50 --repeat 1`
//! - Date: 2026-12-07 11:40 UTC (the run took 1 min 5 s)
//! - Commit: 7d207eb, with uncommitted changes
//! - Machine: 2 cores, Intel(R) Xeon(R) CPU @ 2.20GHz; load average at start 0.52, 0.40, 0.33
//!
//! (the figures)
//! ```

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::{fail, root, Result};

/// Where the results files live, relative to the workspace root.
pub const RESULTS_DIR: &str = "docs/results";

/// One bench run's context, noted when it starts (the load average is the start's).
pub struct Run {
    bench: String,
    /// A configuration of the bench kept apart (`storm --name night`: `storm-night.md`).
    name: Option<String>,
    command: String,
    date: String,
    started: Instant,
    commit: String,
    machine: String,
}

impl Run {
    /// Notes the command line of this process, the date, the commit and the machine.
    pub fn start(bench: &str) -> Run {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Run {
            bench: bench.to_owned(),
            name: None,
            command: command_line(&args),
            date: utc_minute(seconds),
            started: Instant::now(),
            commit: commit(),
            machine: machine(),
        }
    }

    /// Keeps the figures of a named configuration in `docs/results/<bench>-<name>.md`, apart from
    /// the bench's own file.
    pub fn named(self, name: &str) -> Run {
        Run {
            name: Some(name.to_owned()),
            ..self
        }
    }

    /// The results file's name without `.md`.
    fn file(&self) -> String {
        match &self.name {
            Some(name) => format!("{}-{name}", self.bench),
            None => self.bench.clone(),
        }
    }

    /// Writes `docs/results/<bench>.md` (or `<bench>-<name>.md`), replacing it: `title` (or the level-one heading the
    /// figures open with), the run's context, then `figures`, Markdown as the run printed it.
    /// The file is written beside and renamed, so a reader never sees half of it.
    pub fn write(&self, title: &str, figures: &str) -> Result<PathBuf> {
        let dir = root().join(RESULTS_DIR);
        let path = dir.join(format!("{}.md", self.file()));
        let text = self.render(title, figures, self.started.elapsed().as_secs());
        let partial = dir.join(format!(".{}.md.partial", self.file()));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&partial, text))
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| fail(format!("writing {}: {e}", path.display())))?;
        println!(
            "bench {}: results written to {}",
            self.bench,
            path.display()
        );
        Ok(path)
    }

    fn render(&self, title: &str, figures: &str, took_seconds: u64) -> String {
        let figures = figures.trim_start_matches('\n');
        let (title, figures) = match figures.strip_prefix("# ") {
            Some(rest) => rest.split_once('\n').unwrap_or((rest, "")),
            None => (title, figures),
        };
        format!(
            "# {title}\n\n\
             <!-- Written by `cargo xtask bench {bench}{name}`: every run replaces it; change the bench, not this file. -->\n\n\
             - Command: `{command}`\n\
             - Date: {date} (the run took {took})\n\
             - Commit: {commit}\n\
             - Machine: {machine}\n\n\
             {figures}\n",
            title = title.trim(),
            bench = self.bench,
            name = self.name.as_ref().map_or(String::new(), |n| format!(" --name {n}")),
            command = self.command,
            date = self.date,
            took = duration(took_seconds),
            commit = self.commit,
            machine = self.machine,
            figures = figures.trim_matches('\n'),
        )
    }
}

/// Runs a bench program with its standard output echoed live to ours, and returns that output.
/// Fails if the program cannot start or does not exit with success.
pub fn run_capturing(cmd: &mut Command) -> Result<String> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot run {cmd:?}: {e}")))?;
    let mut reader = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut output = String::new();
    let mut line = Vec::new();
    let mut stdout = std::io::stdout();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {
                let _ = stdout.write_all(&line).and_then(|()| stdout.flush());
                output.push_str(&String::from_utf8_lossy(&line));
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(fail(format!("reading the output of {cmd:?}: {e}")));
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| fail(format!("waiting for {cmd:?}: {e}")))?;
    if status.success() {
        Ok(output)
    } else {
        Err(fail(format!(
            "{cmd:?} failed ({status}); {RESULTS_DIR} left as it was"
        )))
    }
}

/// `cargo xtask ARGS…`, each argument quoted for a POSIX shell when it needs to be.
fn command_line(args: &[String]) -> String {
    let quoted = args.iter().map(|arg| {
        let plain = !arg.is_empty()
            && arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.,/=:@%+".contains(c));
        if plain {
            arg.clone()
        } else {
            format!("'{}'", arg.replace('\'', "'\\''"))
        }
    });
    std::iter::once("cargo xtask".to_owned())
        .chain(quoted)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The short hash of `HEAD`, and whether the tree differs from it (the results files aside).
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root())
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let Some(hash) = git(&["rev-parse", "--short", "HEAD"]) else {
        return "unknown (no git repository)".into();
    };
    let exclude = format!(":(exclude){RESULTS_DIR}");
    match git(&["status", "--porcelain", "--", ".", &exclude]) {
        Some(changes) if changes.is_empty() => hash,
        Some(_) => format!("{hash}, with uncommitted changes"),
        None => format!("{hash} (whether the tree has uncommitted changes is unknown)"),
    }
}

/// The number of cores, the CPU model and the load average, from /proc.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let model = cpu_model(&cpuinfo).unwrap_or("unknown CPU");
    let load: Vec<&str> = loadavg.split_whitespace().take(3).collect();
    let load = if load.len() == 3 {
        load.join(", ")
    } else {
        "unknown".into()
    };
    format!("{cores} cores, {model}; load average at start {load}")
}

/// The `model name` of the first processor in /proc/cpuinfo.
fn cpu_model(cpuinfo: &str) -> Option<&str> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim())
    })
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since the Unix epoch.
fn utc_minute(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let minute_of_day = seconds % 86_400 / 60;
    // Days to a civil date (Howard Hinnant's algorithm, proleptic Gregorian calendar).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

/// `42 s` or `3 min 12 s`.
fn duration(seconds: u64) -> String {
    if seconds < 60 {
        format!("{seconds} s")
    } else {
        format!("{} min {} s", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> Run {
        Run {
            bench: "storm".into(),
            name: None,
            command: "cargo xtask bench storm --clients 50".into(),
            date: "2026-12-07 11:40 UTC".into(),
            started: Instant::now(),
            commit: "7d207eb, with uncommitted changes".into(),
            machine: "2 cores, Some CPU; load average at start 0.52, 0.40, 0.33".into(),
        }
    }

    #[test]
    fn a_results_file_has_the_title_the_context_and_the_figures_as_printed() {
        let figures = "\n## Runs\n\n| a | b |\n|---|--:|\n| x | 1 |\n";
        let text = run().render("Join storm", figures, 65);
        assert_eq!(
            text,
            "# Join storm\n\n\
             <!-- Written by `cargo xtask bench storm`: every run replaces it; change the bench, not this file. -->\n\n\
             - Command: `cargo xtask bench storm --clients 50`\n\
             - Date: 2026-12-07 11:40 UTC (the run took 1 min 5 s)\n\
             - Commit: 7d207eb, with uncommitted changes\n\
             - Machine: 2 cores, Some CPU; load average at start 0.52, 0.40, 0.33\n\n\
             ## Runs\n\n| a | b |\n|---|--:|\n| x | 1 |\n"
        );
    }

    #[test]
    fn a_named_configuration_has_a_file_of_its_own_that_says_how_to_rewrite_it() {
        let named = run().named("night");
        assert_eq!(named.file(), "storm-night");
        assert_eq!(run().file(), "storm");
        let text = named.render("Join storm", "| a |\n", 3);
        assert!(
            text.contains("<!-- Written by `cargo xtask bench storm --name night`: every run"),
            "{text}"
        );
    }

    #[test]
    fn the_figures_own_title_replaces_the_default_one() {
        let text = run().render("Browser bench", "# Browser bench, 5 runs\n\n| a |\n", 3);
        assert!(
            text.starts_with("# Browser bench, 5 runs\n\n<!--"),
            "{text}"
        );
        assert_eq!(text.matches("# Browser").count(), 1, "{text}");
        assert!(text.ends_with("(the run took 3 s)\n- Commit: 7d207eb, with uncommitted changes\n- Machine: 2 cores, Some CPU; load average at start 0.52, 0.40, 0.33\n\n| a |\n"), "{text}");
    }

    #[test]
    fn command_lines_quote_what_a_shell_would_split() {
        let args = ["bench", "storm", "--profiles", "floor,lean", "it's a b"].map(String::from);
        assert_eq!(
            command_line(&args),
            "cargo xtask bench storm --profiles floor,lean 'it'\\''s a b'"
        );
    }

    #[test]
    fn dates_are_utc_to_the_minute() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_minute(951_782_400 + 3_661), "2000-02-29 01:01 UTC");
        assert_eq!(utc_minute(1_796_643_120), "2026-12-07 11:32 UTC");
        assert_eq!(duration(59), "59 s");
        assert_eq!(duration(3_600), "60 min 0 s");
    }

    #[test]
    fn the_cpu_model_is_the_first_processors() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: other\n";
        assert_eq!(cpu_model(cpuinfo), Some("Intel(R) Xeon(R) CPU @ 2.20GHz"));
        assert_eq!(cpu_model("processor : 0\n"), None);
    }

    #[test]
    fn the_output_is_returned_and_a_failing_program_is_an_error() {
        let ok = run_capturing(Command::new("/bin/sh").args(["-c", "echo '| a |'; echo b"]));
        assert_eq!(ok.unwrap(), "| a |\nb\n");
        let failed = run_capturing(Command::new("/bin/sh").args(["-c", "echo partial; exit 3"]));
        assert!(failed.unwrap_err().to_string().contains("left as it was"));
    }
}
