//! The open-files limit: a storm holds one socket per viewer in the load generator and one in the
//! server. The bench raises its own limit before it starts a server, which inherits it (Prosody
//! 0.12 has no setting of its own for it; ejabberdctl passes it on to the Erlang VM, whose own
//! port limit is ejabberdctl's `ERL_MAX_PORTS`, 32,000).

use std::io;

/// Raises this process's soft limit of open files to at least `wanted` (up to the hard limit,
/// which root may raise too, up to the kernel's `fs.nr_open`). Returns the soft limit now in
/// force; never lowers it.
pub fn raise_open_files(wanted: u64) -> io::Result<u64> {
    let mut limit = current()?;
    if limit.rlim_cur >= wanted {
        return Ok(limit.rlim_cur);
    }
    if limit.rlim_max < wanted {
        let raised = libc::rlimit {
            rlim_cur: wanted,
            rlim_max: wanted,
        };
        // SAFETY: setrlimit with a valid rlimit; without the privilege it fails and changes nothing.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            return Ok(wanted);
        }
    }
    limit.rlim_cur = wanted.min(limit.rlim_max);
    // SAFETY: as above; a soft limit up to the hard one is always allowed.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(limit.rlim_cur)
}

/// The open-files limit of another process, from `/proc/<pid>/limits` (soft limit).
pub fn open_files_of(pid: u32) -> Option<u64> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn current() -> io::Result<libc::rlimit> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into a valid rlimit.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_raised_never_lowered_and_read_back_from_proc() {
        let before = current().unwrap().rlim_cur;
        assert_eq!(raise_open_files(16).unwrap(), before, "never lowered");
        let wanted = (before + 1).min(current().unwrap().rlim_max);
        let now = raise_open_files(wanted).unwrap();
        assert!(now >= wanted, "{now} < {wanted}");
        assert_eq!(open_files_of(std::process::id()), Some(now));
        assert_eq!(open_files_of(u32::MAX), None);
    }
}
