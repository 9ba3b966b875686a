//! What the two fuzz targets share, one job per module: the recorded Prosody sessions and the
//! configurations and seeds that make them replay (`recorded`), what the `frame` target does with
//! one input (`frame_target`), the script of steps the `session` target decodes from its input
//! (`script`), where its frames come from (`frames`: recorded, edited, raw, or the server model's
//! answers), the invariants checked after every step (`invariants`) and the loop that runs a
//! script (`run`). `encode` writes scripts as bytes.

pub mod encode;
pub mod frame_target;
pub mod frames;
pub mod invariants;
pub mod recorded;
pub mod run;
pub mod script;

pub use frame_target::run_frame;
pub use frames::{escape_xml, Edit, FrameSource, Reply, Sent, CONDITIONS, ROLES, STATUS_CODES};
pub use invariants::{allowed, Checker};
pub use recorded::{
    drain, joined_viewer, moderator_config, received, recorded_frames, viewer_config, MODERATOR_SEED,
    MODERATOR_SESSION, T0, VIEWER_SEED, VIEWER_SESSION,
};
pub use run::{command_text, run, run_with, xml_char};
pub use script::{MessageTarget, Script, Setup, Step, Target, MAX_STEPS};
