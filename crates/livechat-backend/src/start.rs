//! Starting a server on ports that were free a moment ago: another process may take one first,
//! so a start on ports picked for it is tried again on new ones.

use crate::error::Error;

/// How many times a server is started on freshly picked ports before giving up.
const PORT_ATTEMPTS: usize = 5;

/// Why one attempt to start a server failed: the port was taken (another port may do), or not.
pub(crate) enum StartFailure {
    PortInUse(Error),
    Other(Error),
}

impl From<Error> for StartFailure {
    fn from(e: Error) -> Self {
        StartFailure::Other(e)
    }
}

impl From<StartFailure> for Error {
    fn from(failure: StartFailure) -> Self {
        match failure {
            StartFailure::PortInUse(e) | StartFailure::Other(e) => e,
        }
    }
}

/// Runs `attempt` until it succeeds or fails for another reason than a taken port. Ports the caller
/// fixed (`ports_given`) are not changed by another attempt: then there is only one.
pub(crate) fn with_port_retries<T>(
    ports_given: bool,
    mut attempt: impl FnMut() -> Result<T, StartFailure>,
) -> Result<T, Error> {
    let attempts = if ports_given { 1 } else { PORT_ATTEMPTS };
    let mut last_error = None;
    for _ in 0..attempts {
        match attempt() {
            Ok(server) => return Ok(server),
            Err(StartFailure::PortInUse(e)) => last_error = Some(e),
            Err(StartFailure::Other(e)) => return Err(e),
        }
    }
    Err(last_error.expect("at least one attempt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(n: u32) -> StartFailure {
        StartFailure::PortInUse(Error::Start {
            reason: format!("port in use ({n})"),
            log_tail: String::new(),
        })
    }

    #[test]
    fn a_taken_port_is_retried_and_the_last_error_returned() {
        let mut tries = 0;
        let result: Result<(), Error> = with_port_retries(false, || {
            tries += 1;
            Err(taken(tries))
        });
        assert_eq!(tries, PORT_ATTEMPTS as u32);
        assert!(result.unwrap_err().to_string().contains("(5)"));

        let mut tries = 0;
        let started = with_port_retries(false, || {
            tries += 1;
            if tries < 3 {
                Err(taken(tries))
            } else {
                Ok(tries)
            }
        });
        assert_eq!(started.unwrap(), 3);
    }

    #[test]
    fn fixed_ports_and_other_failures_are_not_retried() {
        let mut tries = 0;
        let _ = with_port_retries::<()>(true, || {
            tries += 1;
            Err(taken(tries))
        });
        assert_eq!(tries, 1);

        let mut tries = 0;
        let _ = with_port_retries::<()>(false, || {
            tries += 1;
            Err(StartFailure::Other(Error::Start {
                reason: "exited early".into(),
                log_tail: String::new(),
            }))
        });
        assert_eq!(tries, 1);
    }
}
