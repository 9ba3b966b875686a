//! A server's process: spawned so that it dies with us, stopped with a grace period, and the
//! result of one of its command-line tools.

use std::io;
use std::process::{Child, Command, ExitStatus, Output};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{io_err, Error};

/// Spawns `cmd` from a thread that lives until the returned sender is dropped. On Linux the
/// child gets SIGKILL when that thread ends, which also happens when the whole process dies.
pub(crate) fn spawn_tied_to_process(mut cmd: Command) -> io::Result<(Child, mpsc::Sender<()>)> {
    let (child_tx, child_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    thread::Builder::new()
        .name("server-guard".into())
        .spawn(move || {
            #[cfg(target_os = "linux")]
            {
                use std::os::unix::process::CommandExt;
                // SAFETY: getpid is async-signal-safe and has no preconditions.
                let parent = unsafe { libc::getpid() };
                // SAFETY: the closure only calls async-signal-safe functions (prctl, getppid, _exit, setpgid).
                unsafe {
                    cmd.pre_exec(move || {
                        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0
                        {
                            return Err(io::Error::last_os_error());
                        }
                        if libc::getppid() != parent {
                            libc::_exit(1); // the parent died before prctl took effect
                        }
                        // Its own process group: a Ctrl-C in the terminal reaches the owner, which stops it.
                        if libc::setpgid(0, 0) != 0 {
                            return Err(io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
            }
            let spawned = cmd.spawn();
            let ok = spawned.is_ok();
            if child_tx.send(spawned).is_ok() && ok {
                let _ = release_rx.recv(); // returns once the sender is dropped
            }
        })?;
    let child = child_rx
        .recv()
        .map_err(|_| io::Error::other("the spawning thread died"))??;
    Ok((child, release_tx))
}

/// Stops a server spawned by [`spawn_tied_to_process`] (see [`terminate`]) and only then releases
/// its spawning thread (`guard`), whose end would SIGKILL a server still running. `None` if it was
/// already stopped; `what` names it in the error.
pub(crate) fn stop_tied(
    child: &mut Option<Child>,
    guard: &mut Option<mpsc::Sender<()>>,
    timeout: Duration,
    what: &str,
) -> Result<Option<ExitStatus>, Error> {
    let Some(mut running) = child.take() else {
        return Ok(None);
    };
    let result = terminate(&mut running, timeout);
    guard.take();
    result.map(Some).map_err(io_err(format!("stopping {what}")))
}

/// SIGTERM, wait up to `timeout`, then SIGKILL.
fn terminate(child: &mut Child, timeout: Duration) -> io::Result<ExitStatus> {
    if let Some(status) = child.try_wait()? {
        return Ok(status);
    }
    // SAFETY: kill(2) on the pid of a child we have not reaped yet: it cannot name another process.
    if unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) } != 0 {
        return child.wait();
    }
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        thread::sleep(Duration::from_millis(10));
    }
    child.kill()?;
    child.wait()
}

/// A finished tool's standard output, or an error carrying all it printed.
pub(crate) fn command_result(output: &Output, shown: &str) -> Result<String, Error> {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(Error::Command {
            command: shown.to_owned(),
            status: output.status.code(),
            output: format!("{stdout}{stderr}"),
        })
    }
}
