//! The figures of every run of a kind taken together: medians with their spread (min–max), the
//! ratios between profiles, and the `## Headline` table the README quotes.

use super::setup::{Mode, ServerKind, Setup};
use crate::markdown;
use crate::percentiles::median;
use crate::{Profile, StormReport};

/// Every report of one kind of run (a setup and a profile), in the order they ran.
pub struct Kind {
    pub setup: Setup,
    pub profile: Profile,
    pub reports: Vec<StormReport>,
}

/// A figure over the runs of one kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    /// `None` when no run has the figure.
    pub fn of(values: impl IntoIterator<Item = Option<f64>>) -> Option<Spread> {
        let values: Vec<f64> = values.into_iter().flatten().collect();
        Some(Spread {
            median: median(&values)?,
            min: values.iter().copied().fold(f64::INFINITY, f64::min),
            max: values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        })
    }

    /// `12.3 unit` (or `12.3` without a unit), with `decimals` decimals.
    pub fn value(&self, decimals: usize, unit: &str) -> String {
        let number = format!("{:.*}", decimals, self.median);
        if unit.is_empty() {
            number
        } else {
            format!("{number} {unit}")
        }
    }

    /// `11.0–14.2`, or `-` over a single run.
    pub fn range(&self, decimals: usize) -> String {
        if self.min == self.max {
            "-".into()
        } else {
            format!("{:.*}–{:.*}", decimals, self.min, decimals, self.max)
        }
    }

    /// `12.3 unit (11.0–14.2)`.
    pub fn cell(&self, decimals: usize, unit: &str) -> String {
        match self.range(decimals).as_str() {
            "-" => self.value(decimals, unit),
            range => format!("{} ({range})", self.value(decimals, unit)),
        }
    }
}

/// The figures of a kind of run, each over its runs.
struct Figures {
    cpu: Option<Spread>,
    join_p50: Option<Spread>,
    join_p99: Option<Spread>,
    fanout_p99: Option<Spread>,
    kb_per_client: Option<Spread>,
    sent_mb: Option<Spread>,
    peak_mb: Option<Spread>,
    generator_cpu: Option<Spread>,
    kb_inactive: Option<Spread>,
    kb_active: Option<Spread>,
    active_fanout_p99: Option<Spread>,
}

impl Figures {
    fn of(reports: &[StormReport]) -> Figures {
        let each = |f: &dyn Fn(&StormReport) -> Option<f64>| Spread::of(reports.iter().map(f));
        Figures {
            cpu: each(&|r| r.server_cpu_seconds),
            join_p50: each(&|r| r.join_p(50.0)),
            join_p99: each(&|r| r.join_p(99.0)),
            fanout_p99: each(&|r| r.fanout_p(99.0)),
            kb_per_client: each(&|r| Some(r.per_client(r.traffic.bytes_received) / 1000.0)),
            sent_mb: each(&|r| r.server_sent_bytes.map(|b| b as f64 / 1e6)),
            peak_mb: each(&|r| r.server_peak_rss_bytes.map(|b| b as f64 / 1e6)),
            generator_cpu: each(&|r| r.generator_cpu_seconds),
            kb_inactive: each(&|r| r.inactive_received_kb()),
            kb_active: each(&|r| r.active_received_kb()),
            active_fanout_p99: each(&|r| crate::percentiles::percentile(&r.active_fanout_ms, 99.0)),
        }
    }
}

fn cell(spread: Option<Spread>, decimals: usize, unit: &str) -> String {
    spread.map_or_else(|| "-".into(), |s| s.cell(decimals, unit))
}

/// The server's name as the figures say it.
fn server_name(server: ServerKind) -> &'static str {
    match server {
        ServerKind::Prosody => "Prosody",
        ServerKind::Ejabberd => "ejabberd",
        ServerKind::EjabberdCluster => "ejabberd cluster",
        ServerKind::ProsodyFederation => "federated Prosody pair",
    }
}

/// The tables under the runs: medians and spread, inactive viewers, ratios; then the headline.
pub fn print(kinds: &[Kind], clients: usize) {
    println!("\n### Medians over the runs (min–max)\n");
    println!(
        "{}",
        markdown::header(&[
            "setup",
            "profile",
            "runs",
            "server CPU",
            "join p50",
            "join p99",
            "fan-out p99",
            "recv KB/client",
            "server sent",
            "peak RSS",
            "generator CPU",
        ])
    );
    for kind in kinds {
        let f = Figures::of(&kind.reports);
        println!(
            "{}",
            markdown::row([
                kind.setup.label(),
                kind.profile.name().to_owned(),
                kind.reports.len().to_string(),
                cell(f.cpu, 2, "s"),
                cell(f.join_p50, 0, "ms"),
                cell(f.join_p99, 0, "ms"),
                cell(f.fanout_p99, 0, "ms"),
                cell(f.kb_per_client, 1, ""),
                cell(f.sent_mb, 1, "MB"),
                cell(f.peak_mb, 1, "MB"),
                cell(f.generator_cpu, 2, "s"),
            ])
        );
    }
    let with_inactive: Vec<&Kind> = kinds
        .iter()
        .filter(|k| k.setup.inactive_percent > 0)
        .collect();
    if !with_inactive.is_empty() {
        println!("\n### Inactive viewers (XEP-0352), medians (min–max)\n");
        println!(
            "{}",
            markdown::header(&[
                "setup",
                "profile",
                "recv KB/inactive viewer",
                "recv KB/active viewer",
                "fan-out p99, active viewers",
                "server CPU",
            ])
        );
        for kind in with_inactive {
            let f = Figures::of(&kind.reports);
            println!(
                "{}",
                markdown::row([
                    kind.setup.label(),
                    kind.profile.name().to_owned(),
                    cell(f.kb_inactive, 1, ""),
                    cell(f.kb_active, 1, ""),
                    cell(f.active_fanout_p99, 0, "ms"),
                    cell(f.cpu, 2, "s"),
                ])
            );
        }
    }
    let ratios = ratios(kinds);
    if !ratios.is_empty() {
        println!(
            "\n{}",
            markdown::header(&["ratio of medians", "server CPU"])
        );
        for (name, ratio) in &ratios {
            println!("{}", markdown::row([name.as_str(), &format!("{ratio:.2}")]));
        }
    }
    headline(kinds, &ratios, clients);
}

/// The median server CPU of a kind of run.
fn cpu(kinds: &[Kind], setup: &Setup, profile: Profile) -> Option<f64> {
    kinds
        .iter()
        .find(|k| k.setup == *setup && k.profile == profile)
        .and_then(|k| Figures::of(&k.reports).cpu)
        .map(|s| s.median)
}

/// legacy/lean and lean/floor within each setup, and every large-audience run against the
/// default mode's floor when that reference ran.
fn ratios(kinds: &[Kind]) -> Vec<(String, f64)> {
    let mut ratios = Vec::new();
    let mut setups: Vec<Setup> = Vec::new();
    for kind in kinds {
        if !setups.contains(&kind.setup) {
            setups.push(kind.setup);
        }
    }
    for setup in &setups {
        let of = |p| cpu(kinds, setup, p);
        for (a, b) in [
            (Profile::Legacy, Profile::Lean),
            (Profile::Lean, Profile::Floor),
        ] {
            if let (Some(x), Some(y)) = (of(a), of(b)) {
                ratios.push((
                    format!("{}/{} ({})", a.name(), b.name(), setup.label()),
                    x / y,
                ));
            }
        }
    }
    let reference = setups
        .iter()
        .find(|s| s.mode == Mode::Default && s.server == ServerKind::Prosody)
        .filter(|_| setups.iter().any(|s| s.mode == Mode::LargeAudienceRoom));
    if let Some(floor) = reference.and_then(|s| cpu(kinds, s, Profile::Floor)) {
        for kind in kinds.iter().filter(|k| k.setup.mode != Mode::Default) {
            if let Some(v) = cpu(kinds, &kind.setup, kind.profile) {
                let name = format!(
                    "{} ({} mode) / floor (default mode)",
                    kind.profile.name(),
                    kind.setup.mode.name()
                );
                ratios.push((name, v / floor));
            }
        }
    }
    ratios
}

/// The figures the README quotes (`cargo xtask bench` copies the first two columns there): one
/// row per kind of run, its figures side by side.
fn headline(kinds: &[Kind], ratios: &[(String, f64)], clients: usize) {
    println!("\n## Headline\n");
    println!("{}", markdown::header(&["figure", "value", "min–max"]));
    for kind in kinds {
        let f = Figures::of(&kind.reports);
        let server = server_name(kind.setup.server);
        let mut figures = vec![
            (format!("{server} CPU"), f.cpu, 2, "s"),
            ("join p50".to_owned(), f.join_p50, 0, "ms"),
            ("join p99".to_owned(), f.join_p99, 0, "ms"),
            ("fan-out p99".to_owned(), f.fanout_p99, 0, "ms"),
            ("received per viewer".to_owned(), f.kb_per_client, 1, "KB"),
            (format!("{server} sent in all"), f.sent_mb, 1, "MB"),
            (format!("{server} peak memory"), f.peak_mb, 1, "MB"),
        ];
        if kind.setup.inactive_percent > 0 {
            figures.push(("per inactive viewer".into(), f.kb_inactive, 1, "KB"));
            figures.push((
                "fan-out p99 of the active".into(),
                f.active_fanout_p99,
                0,
                "ms",
            ));
        }
        let names: Vec<&str> = figures.iter().map(|(name, ..)| name.as_str()).collect();
        let values: Vec<String> = figures
            .iter()
            .map(|(_, s, decimals, unit)| s.map_or("-".into(), |s| s.value(*decimals, unit)))
            .collect();
        let ranges: Vec<String> = figures
            .iter()
            .map(|(_, s, decimals, _)| s.map_or("-".into(), |s| s.range(*decimals)))
            .collect();
        let figure = format!(
            "{}, {} ({clients} clients, median of {}): {}",
            kind.setup.label(),
            kind.profile.name(),
            kind.reports.len(),
            names.join(", ")
        );
        println!(
            "{}",
            markdown::row([figure, values.join(", "), ranges.join(", ")])
        );
    }
    for (name, ratio) in ratios {
        let figure = format!("server CPU, {name}, {clients} clients, ratio of medians");
        println!(
            "{}",
            markdown::row([figure, format!("{ratio:.2}"), "-".into()])
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spread_is_the_median_and_the_extremes_of_the_runs_that_have_the_figure() {
        let s = Spread::of([Some(1.27), None, Some(1.02), Some(0.95)]).unwrap();
        assert_eq!((s.median, s.min, s.max), (1.02, 0.95, 1.27));
        assert_eq!(s.cell(2, "s"), "1.02 s (0.95–1.27)");
        assert_eq!(s.range(1), "0.9–1.3");
        let one = Spread::of([Some(3.0)]).unwrap();
        assert_eq!(one.cell(1, "MB"), "3.0 MB");
        assert_eq!(one.cell(1, ""), "3.0");
        assert_eq!(one.range(1), "-");
        assert_eq!(Spread::of([None, None]), None);
    }

    fn report(cpu: f64) -> StormReport {
        StormReport {
            clients: 10,
            server_cpu_seconds: Some(cpu),
            ..StormReport::default()
        }
    }

    #[test]
    fn ratios_compare_profiles_within_a_setup() {
        let setup = Setup {
            server: ServerKind::Prosody,
            mode: Mode::Default,
            archive: 1000,
            inactive_percent: 0,
        };
        let kind = |profile, cpus: &[f64]| Kind {
            setup,
            profile,
            reports: cpus.iter().map(|&c| report(c)).collect(),
        };
        let kinds = [
            kind(Profile::Floor, &[1.0, 2.0, 3.0]),
            kind(Profile::Lean, &[2.0, 2.5, 3.0]),
            kind(Profile::Legacy, &[5.0]),
        ];
        let ratios = ratios(&kinds);
        assert_eq!(
            ratios,
            [
                (
                    "legacy/lean (prosody, default mode, 1000 archived)".to_owned(),
                    2.0
                ),
                (
                    "lean/floor (prosody, default mode, 1000 archived)".to_owned(),
                    1.25
                ),
            ]
        );
    }
}
