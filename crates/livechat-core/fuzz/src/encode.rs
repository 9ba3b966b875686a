//! The inverse of the `arbitrary` decoding of a [`Script`], so that seed inputs can be written as
//! steps (`examples/seed_corpus.rs`). `arbitrary` 1.x reads integers little-endian from the front,
//! enum variants as `(u32 * variant_count) >> 32`, and string lengths from the *end* of the data;
//! [`encode`] lays the bytes out the same way and [`encode`]'s caller checks the round trip.

use arbitrary::{Arbitrary, Unstructured};

use crate::{Edit, FrameSource, MessageTarget, Reply, Script, Setup, Step, Target};

enum Op {
    Front(Vec<u8>),
    Len(usize),
}

#[derive(Default)]
pub struct Writer {
    ops: Vec<Op>,
}

impl Writer {
    fn front(&mut self, bytes: &[u8]) {
        self.ops.push(Op::Front(bytes.to_vec()));
    }
    fn u8(&mut self, v: u8) {
        self.front(&[v]);
    }
    fn u16(&mut self, v: u16) {
        self.front(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.front(&v.to_le_bytes());
    }
    fn bool(&mut self, v: bool) {
        self.u8(v as u8);
    }
    fn variant(&mut self, index: u64, count: u64) {
        // The smallest u32 whose (v * count) >> 32 is index.
        let v = ((index << 32) + count - 1) / count;
        self.u32(v as u32);
    }
    fn string(&mut self, s: &str) {
        self.ops.push(Op::Len(s.len()));
        self.front(s.as_bytes());
    }
    fn opt_string(&mut self, s: &Option<String>) {
        self.bool(s.is_some());
        if let Some(s) = s {
            self.string(s);
        }
    }

    /// Lays the bytes out: front bytes in order, length bytes from the end. How many bytes a
    /// length takes depends on how much data is left, so the total is searched for.
    fn finish(self) -> Vec<u8> {
        let front_len: usize = self.ops.iter().map(|op| if let Op::Front(b) = op { b.len() } else { 0 }).sum();
        let lengths = self.ops.iter().filter(|op| matches!(op, Op::Len(_))).count();
        for total in front_len + lengths..=front_len + 2 * lengths {
            if let Some(pieces) = self.pieces(total) {
                if front_len + pieces.iter().map(Vec::len).sum::<usize>() != total {
                    continue;
                }
                let mut out = Vec::with_capacity(total);
                for op in &self.ops {
                    if let Op::Front(b) = op {
                        out.extend_from_slice(b);
                    }
                }
                for piece in pieces.iter().rev() {
                    out.extend_from_slice(piece);
                }
                return out;
            }
        }
        panic!("no consistent layout");
    }

    /// The length pieces, in the order they are read, if the data is `total` bytes long.
    fn pieces(&self, total: usize) -> Option<Vec<Vec<u8>>> {
        let mut remaining = total;
        let mut pieces = Vec::new();
        for op in &self.ops {
            match op {
                Op::Front(b) => remaining = remaining.checked_sub(b.len())?,
                Op::Len(n) => {
                    let piece = if remaining <= 1 {
                        if *n != 0 {
                            return None;
                        }
                        vec![0; remaining]
                    } else if remaining <= 256 {
                        if *n >= remaining {
                            return None;
                        }
                        vec![*n as u8]
                    } else {
                        assert!(remaining <= 65_537, "seed too large");
                        let max = remaining - 2;
                        if *n > max {
                            return None;
                        }
                        if max >= 256 {
                            vec![(*n >> 8) as u8, *n as u8]
                        } else {
                            vec![*n as u8, 0]
                        }
                    };
                    remaining -= piece.len();
                    pieces.push(piece);
                }
            }
        }
        Some(pieces)
    }
}

pub trait Encode {
    fn encode(&self, w: &mut Writer);
}

impl Encode for Setup {
    fn encode(&self, w: &mut Writer) {
        w.bool(self.moderator);
        w.bool(self.log_capacity.is_some());
        if let Some(n) = self.log_capacity {
            w.u8(n);
        }
        w.bool(self.room_info_interval_s.is_some());
        if let Some(n) = self.room_info_interval_s {
            w.u8(n);
        }
        w.bool(self.show_presence_lines);
    }
}

impl Encode for Edit {
    fn encode(&self, w: &mut Writer) {
        const N: u64 = 6;
        match self {
            Edit::Insert { at, text } => {
                w.variant(0, N);
                w.u16(*at);
                w.string(text);
            }
            Edit::Delete { at, len } => {
                w.variant(1, N);
                w.u16(*at);
                w.u16(*len);
            }
            Edit::Truncate { at } => {
                w.variant(2, N);
                w.u16(*at);
            }
            Edit::Attr { nth, value } => {
                w.variant(3, N);
                w.u8(*nth);
                w.string(value);
            }
            Edit::Text { nth, text } => {
                w.variant(4, N);
                w.u8(*nth);
                w.string(text);
            }
            Edit::AttrFrom { nth, frame, other } => {
                w.variant(5, N);
                w.u8(*nth);
                w.u8(*frame);
                w.u8(*other);
            }
        }
    }
}

impl Encode for FrameSource {
    fn encode(&self, w: &mut Writer) {
        const N: u64 = 6;
        match self {
            FrameSource::Answer { nth, reply } => {
                w.variant(3, N);
                w.u8(*nth);
                match reply {
                    Reply::Empty => w.variant(0, 3),
                    Reply::Error { condition, text } => {
                        w.variant(1, 3);
                        w.u8(*condition);
                        w.opt_string(text);
                    }
                    Reply::Recorded(i) => {
                        w.variant(2, 3);
                        w.u8(*i);
                    }
                }
            }
            FrameSource::Echo { nth, error } => {
                w.variant(4, N);
                w.u8(*nth);
                w.bool(error.is_some());
                if let Some(e) = error {
                    w.u8(*e);
                }
            }
            FrameSource::SelfPresence { unavailable, statuses, role, nick } => {
                w.variant(5, N);
                w.bool(*unavailable);
                w.u8(*statuses);
                w.u8(*role);
                w.opt_string(nick);
            }
            FrameSource::Recorded(i) => {
                w.variant(0, N);
                w.u8(*i);
            }
            FrameSource::Mutated { index, edit } => {
                w.variant(1, N);
                w.u8(*index);
                edit.encode(w);
            }
            FrameSource::Raw(s) => {
                w.variant(2, N);
                w.string(s);
            }
        }
    }
}

impl Encode for Target {
    fn encode(&self, w: &mut Writer) {
        match self {
            Target::Occupant(n) => {
                w.variant(0, 3);
                w.u8(*n);
            }
            Target::Own => w.variant(1, 3),
            Target::Nick(s) => {
                w.variant(2, 3);
                w.string(s);
            }
        }
    }
}

impl Encode for MessageTarget {
    fn encode(&self, w: &mut Writer) {
        match self {
            MessageTarget::Log(n) => {
                w.variant(0, 2);
                w.u8(*n);
            }
            MessageTarget::Id(s) => {
                w.variant(1, 2);
                w.string(s);
            }
        }
    }
}

impl Encode for Step {
    fn encode(&self, w: &mut Writer) {
        const N: u64 = 16;
        match self {
            Step::Frame(source) => {
                w.variant(0, N);
                source.encode(w);
            }
            Step::Timeout { advance_ms } => {
                w.variant(1, N);
                w.u32(*advance_ms);
            }
            Step::FireDeadline => w.variant(2, N),
            Step::Closed => w.variant(3, N),
            Step::Restart { advance_ms } => {
                w.variant(4, N);
                w.u16(*advance_ms);
            }
            Step::Close => w.variant(5, N),
            Step::SendMessage(s) => {
                w.variant(6, N);
                w.string(s);
            }
            Step::Retry(n) => {
                w.variant(7, N);
                w.u8(*n);
            }
            Step::Discard(n) => {
                w.variant(8, N);
                w.u8(*n);
            }
            Step::ChangeNick(s) => {
                w.variant(9, N);
                w.string(s);
            }
            Step::Kick { target, reason }
            | Step::Mute { target, reason }
            | Step::Voice { target, reason }
            | Step::Ban { target, reason } => {
                let index = match self {
                    Step::Kick { .. } => 10,
                    Step::Mute { .. } => 11,
                    Step::Voice { .. } => 12,
                    _ => 13,
                };
                w.variant(index, N);
                target.encode(w);
                w.opt_string(reason);
            }
            Step::Retract { target, reason } => {
                w.variant(14, N);
                target.encode(w);
                w.opt_string(reason);
            }
            Step::SetSubject(s) => {
                w.variant(15, N);
                w.string(s);
            }
        }
    }
}

/// The bytes that decode to `script`; panics if they would not (the round trip is checked).
pub fn encode(script: &Script) -> Vec<u8> {
    let mut w = Writer::default();
    script.setup.encode(&mut w);
    for step in &script.steps {
        step.encode(&mut w);
    }
    let bytes = w.finish();
    let decoded = Script::arbitrary_take_rest(Unstructured::new(&bytes)).expect("decodes");
    assert_eq!(&decoded, script, "the encoding does not round-trip");
    bytes
}
