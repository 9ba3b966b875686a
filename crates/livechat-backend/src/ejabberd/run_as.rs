//! Whose uid and gid ejabberd runs with. Debian's `ejabberdctl` runs only as root (it then switches
//! to the `ejabberd` user with `su`) or as `ejabberd`; as root we switch ourselves, before `exec`:
//! without `su` in between, the Erlang VM stays in the process group we kill, and no PAM session
//! is opened.

use std::ffi::CString;
use std::path::Path;

use crate::error::{io_err, Error};

/// The system user Debian's `ejabberdctl` insists on running as.
const EJABBERD_USER: &str = "ejabberd";

/// The identity the server runs with, when we are root.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RunAs {
    pub(crate) uid: u32,
    pub(crate) gid: u32,
}

/// `Some` user to switch to when we are root, `None` when we already are `ejabberd`.
pub(crate) fn run_as() -> Result<Option<RunAs>, Error> {
    // SAFETY: geteuid has no preconditions.
    let euid = unsafe { libc::geteuid() };
    let user = lookup_user(EJABBERD_USER);
    if euid == 0 {
        return user.map(Some).ok_or_else(|| Error::NotInstalled {
            what: "the `ejabberd` system user".into(),
            hint: "`apt-get install ejabberd` creates it".into(),
        });
    }
    match user {
        Some(u) if u.uid == euid => Ok(None),
        _ => Err(Error::Start {
            reason: "ejabberdctl runs only as root or as the `ejabberd` user".into(),
            log_tail: String::new(),
        }),
    }
}

fn lookup_user(name: &str) -> Option<RunAs> {
    let name = CString::new(name).ok()?;
    let mut buf = vec![0u8; 16 * 1024];
    // SAFETY: an all-zero passwd is a valid value to be overwritten by getpwnam_r.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call and buf's length is passed.
    let rc = unsafe {
        libc::getpwnam_r(
            name.as_ptr(),
            &mut pwd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut result,
        )
    };
    (rc == 0 && !result.is_null()).then_some(RunAs {
        uid: pwd.pw_uid,
        gid: pwd.pw_gid,
    })
}

/// Makes `path` the server's, when it runs as another user than us.
pub(crate) fn give_to(run_as: Option<RunAs>, path: &Path) -> Result<(), Error> {
    if let Some(RunAs { uid, gid }) = run_as {
        std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(io_err(format!(
            "giving {} to the ejabberd user",
            path.display()
        )))?;
    }
    Ok(())
}
