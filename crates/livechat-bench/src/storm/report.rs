//! What one storm measured, and its row in the table of runs.

use livechat_native::Traffic;

use crate::markdown;
use crate::percentiles::percentile;

#[derive(Clone, Debug, Default)]
pub struct StormReport {
    pub profile: String,
    pub clients: usize,
    pub joined: usize,
    /// Viewers that said they were inactive (XEP-0352) once joined.
    pub inactive: usize,
    /// Of those, the viewers whose server was told so (it offered XEP-0352).
    pub told_inactive: usize,
    pub failures: Vec<String>,
    /// Milliseconds from connecting to joined, per client.
    pub join_ms: Vec<f64>,
    /// Milliseconds from the moderator's send to each client's receipt.
    pub fanout_ms: Vec<f64>,
    /// The same, for the active viewers only.
    pub active_fanout_ms: Vec<f64>,
    /// Summed over all viewers.
    pub traffic: Traffic,
    /// Summed over the inactive viewers.
    pub inactive_traffic: Traffic,
    /// Summed over the server's processes (both nodes of a cluster).
    pub server_cpu_seconds: Option<f64>,
    /// The same for each of the server's processes, in the order of their pids.
    pub server_cpu_each: Vec<Option<f64>>,
    /// Each process's peak resident memory (VmHWM), summed.
    pub server_peak_rss_bytes: Option<u64>,
    /// Bytes the server sent on its clients' sockets over the whole storm (see `socket_bytes`).
    pub server_sent_bytes: Option<u64>,
    /// The load generator's own CPU time over the storm (all its threads).
    pub generator_cpu_seconds: Option<f64>,
    pub wall_seconds: f64,
}

impl StormReport {
    pub fn per_client(&self, value: u64) -> f64 {
        value as f64 / self.clients.max(1) as f64
    }

    /// Kilobytes an inactive viewer received, on average; `None` without inactive viewers.
    pub fn inactive_received_kb(&self) -> Option<f64> {
        (self.inactive > 0)
            .then(|| self.inactive_traffic.bytes_received as f64 / self.inactive as f64 / 1000.0)
    }

    /// Kilobytes an active viewer received, on average; `None` without active viewers.
    pub fn active_received_kb(&self) -> Option<f64> {
        let active = self.clients.saturating_sub(self.inactive);
        let bytes = self.traffic.bytes_received - self.inactive_traffic.bytes_received;
        (active > 0).then(|| bytes as f64 / active as f64 / 1000.0)
    }

    pub fn join_p(&self, p: f64) -> Option<f64> {
        percentile(&self.join_ms, p)
    }

    pub fn fanout_p(&self, p: f64) -> Option<f64> {
        percentile(&self.fanout_ms, p)
    }

    /// The head of the table of runs: the columns that say which run (`run_columns`), then one
    /// per figure of [`StormReport::table_row`].
    pub fn table_head(run_columns: &[&str]) -> String {
        let figures = [
            "profile",
            "joined",
            "failures",
            "server CPU",
            "generator CPU",
            "peak RSS",
            "server sent",
            "recv frames/client",
            "recv KB/client",
            "recv KB/inactive",
            "sent KB/client",
            "join p50",
            "join p99",
            "join max",
            "fan-out p50",
            "fan-out p99",
            "fan-out received",
            "wall",
        ];
        let columns: Vec<&str> = run_columns.iter().copied().chain(figures).collect();
        markdown::header(&columns)
    }

    /// One row of the table of runs: the cells that say which run, then the figures.
    pub fn table_row(&self, run_cells: &[&str]) -> String {
        let ms = |v: Option<f64>| v.map_or_else(|| "-".into(), |v| format!("{v:.0} ms"));
        let seconds = |v: Option<f64>| v.map_or_else(|| "-".into(), |v| format!("{v:.2} s"));
        let mb =
            |v: Option<u64>| v.map_or_else(|| "-".into(), |b| format!("{:.1} MB", b as f64 / 1e6));
        let figures = [
            self.profile.clone(),
            format!("{}/{}", self.joined, self.clients),
            self.failures.len().to_string(),
            seconds(self.server_cpu_seconds),
            seconds(self.generator_cpu_seconds),
            mb(self.server_peak_rss_bytes),
            mb(self.server_sent_bytes),
            format!("{:.0}", self.per_client(self.traffic.frames_received)),
            format!(
                "{:.1}",
                self.per_client(self.traffic.bytes_received) / 1000.0
            ),
            self.inactive_received_kb()
                .map_or_else(|| "-".into(), |kb| format!("{kb:.1}")),
            format!("{:.2}", self.per_client(self.traffic.bytes_sent) / 1000.0),
            ms(self.join_p(50.0)),
            ms(self.join_p(99.0)),
            ms(self.join_p(100.0)),
            ms(self.fanout_p(50.0)),
            ms(self.fanout_p(99.0)),
            self.fanout_ms.len().to_string(),
            format!("{:.1} s", self.wall_seconds),
        ];
        markdown::row(run_cells.iter().map(|c| c.to_string()).chain(figures))
    }
}

/// Adds one viewer's counters to a total.
pub(super) fn add(total: &mut Traffic, t: Traffic) {
    total.frames_sent += t.frames_sent;
    total.bytes_sent += t.bytes_sent;
    total.frames_received += t.frames_received;
    total.bytes_received += t.bytes_received;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_has_a_cell_per_column_and_splits_active_from_inactive() {
        let mut report = StormReport {
            profile: "lean".into(),
            clients: 10,
            joined: 10,
            inactive: 8,
            join_ms: vec![10.0, 20.0],
            server_sent_bytes: Some(2_500_000),
            ..StormReport::default()
        };
        report.traffic.bytes_received = 100_000;
        report.inactive_traffic.bytes_received = 40_000;
        assert_eq!(report.inactive_received_kb(), Some(5.0));
        assert_eq!(report.active_received_kb(), Some(30.0));
        let head = StormReport::table_head(&["run"]);
        let row = report.table_row(&["1"]);
        let cells = |line: &str| line.matches('|').count();
        assert_eq!(cells(head.lines().next().unwrap()), cells(&row));
        assert!(row.contains("| 2.5 MB |"), "{row}");
        assert!(row.contains("| 10/10 |"), "{row}");

        report.inactive = 0;
        report.inactive_traffic = Traffic::default();
        assert_eq!(report.inactive_received_kb(), None);
        assert_eq!(report.active_received_kb(), Some(10.0));
    }
}
