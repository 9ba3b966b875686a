//! What a process and the machine cost, read from /proc (Linux).

use std::fs;
use std::sync::OnceLock;

/// CPU time (user + system) a process has used so far, in seconds.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat(5), utime and stime, are at 11 and 12 after the name.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / clock_ticks_per_second())
}

/// Peak resident memory (VmHWM) of a process, in bytes.
pub fn peak_rss_bytes(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The machine's CPU time so far, in clock ticks summed over every core: (busy, total), from the
/// first line of /proc/stat. Two readings tell how busy the machine was between them.
pub fn machine_ticks() -> Option<(u64, u64)> {
    let stat = fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal: idle and iowait are the idle time.
    let total: u64 = fields.iter().take(8).sum();
    let idle = fields.get(3)? + fields.get(4).copied().unwrap_or(0);
    Some((total - idle, total))
}

/// The share (0 to 1) of the machine's CPU time that was busy between two [`machine_ticks`].
pub fn busy_share(before: (u64, u64), after: (u64, u64)) -> f64 {
    after.0.saturating_sub(before.0) as f64 / after.1.saturating_sub(before.1).max(1) as f64
}

/// Read once: a bench samples every second and must not start a process each time.
fn clock_ticks_per_second() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        // USER_HZ is 100 on every Linux architecture this runs on (getconf CLK_TCK).
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(100.0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_our_own_process() {
        let pid = std::process::id();
        // Burn a little CPU so the figure cannot be zero.
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed().as_millis() < 50 {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        let cpu = cpu_seconds(pid).unwrap();
        assert!(cpu > 0.0 && cpu < 3600.0, "{cpu}");
        assert!(peak_rss_bytes(pid).unwrap() > 1024 * 1024);
        assert_eq!(cpu_seconds(u32::MAX), None);
    }

    #[test]
    fn reads_the_machine() {
        let before = machine_ticks().unwrap();
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed().as_millis() < 50 {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        let after = machine_ticks().unwrap();
        assert!(
            after.1 > before.1 && after.0 >= before.0,
            "{before:?} {after:?}"
        );
        let share = busy_share(before, after);
        assert!((0.0..=1.0).contains(&share), "{share}");
        assert_eq!(busy_share((5, 10), (15, 30)), 0.5);
    }
}
