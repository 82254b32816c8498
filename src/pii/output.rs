//! Output scanning: PII the model writes on its own (not a restored token) is masked
//! before the client sees it, in whole responses and in streams. The stream scanner
//! releases text once it has `OUTPUT_HOLD` bytes of look-ahead, and holds a finding that
//! straddles the cut back until it is complete, but never more than `OUTPUT_MAX_HOLD`
//! bytes: a finding still growing at that bound (a runaway URL, a key block without its
//! end line) is masked up to the cut and its continuation, up to the next whitespace, is
//! masked too (fail closed: the client never sees the part of it that was held). Every
//! action but `allow` masks in output: a token or pseudonym would mean nothing to the
//! client, and a block cannot un-send earlier bytes. Each push scans the window once and
//! a push that releases nothing waits for `OUTPUT_HOLD` more bytes before trying again,
//! so the cost stays linear in the stream.

use std::ops::Deref;

use super::{Action, Engine, Entity, Finding};

/// Look-ahead kept when releasing streamed output.
pub const OUTPUT_HOLD: usize = 128;
/// Most bytes a stream scanner ever holds back between pushes (plus the last chunk).
pub const OUTPUT_MAX_HOLD: usize = 8 * 1024;
/// Already-released bytes kept as context for recognizers near the start of the window.
const CONTEXT_KEEP: usize = 64;

impl Engine {
    /// Masks every finding in `text` whose action is not `allow`.
    pub fn scan_output(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let findings = self.scan(text);
        self.mask_into(text, &findings, 0, text.len(), &mut None, &mut out);
        out
    }

    /// A streaming output scanner over this engine.
    pub fn output_stream(&self) -> OutputStream<&Engine> {
        OutputStream::new(self)
    }

    /// Appends `text[from..to]` with findings masked; `findings` were searched over the
    /// whole of `text` so that context before `from` counts, and only their parts inside
    /// `from..to` are applied. `carry` is the entity of a finding masked up to `from`
    /// by an earlier forced cut: its continuation (up to whitespace) is masked without a
    /// second marker. A finding straddling `to` is masked up to `to` and left in `carry`.
    fn mask_into(
        &self,
        text: &str,
        findings: &[Finding],
        from: usize,
        to: usize,
        carry: &mut Option<Entity>,
        out: &mut String,
    ) {
        let mut last = from;
        if carry.is_some() {
            match text[from..to].find(char::is_whitespace) {
                Some(p) => {
                    last = from + p;
                    *carry = None;
                }
                None => last = to,
            }
        }
        for f in findings {
            // A finding reaching back into released text (more context revealed a longer
            // span) still has its unreleased part masked.
            if f.end <= last || f.start >= to || self.action_for(&f.entity) == Action::Allow {
                continue;
            }
            out.push_str(&text[last..f.start.max(last)]);
            out.push('<');
            out.push_str(f.entity.name());
            out.push('>');
            last = f.end.min(to);
            if f.end > to {
                *carry = Some(f.entity.clone());
                break;
            }
        }
        out.push_str(&text[last..to]);
    }
}

/// Streams model output through the engine with a bounded hold-back. `E` is how the
/// engine is held: borrowed, or shared (`Arc<Engine>`) for a stream that outlives its
/// caller's borrow.
pub struct OutputStream<E: Deref<Target = Engine>> {
    engine: E,
    /// Released context (the first `released` bytes) followed by held text.
    window: String,
    released: usize,
    /// Held bytes needed before the next attempt to release.
    next_try: usize,
    /// A finding cut at the hold-back bound whose continuation is still masked.
    carry: Option<Entity>,
}

impl<E: Deref<Target = Engine>> OutputStream<E> {
    pub fn new(engine: E) -> OutputStream<E> {
        OutputStream {
            engine,
            window: String::new(),
            released: 0,
            next_try: 2 * OUTPUT_HOLD,
            carry: None,
        }
    }

    /// Returns the masked text that no longer needs look-ahead.
    pub fn push(&mut self, chunk: &str) -> String {
        self.window.push_str(chunk);
        if self.held() < self.next_try {
            return String::new();
        }
        let natural = floor_boundary(&self.window, self.window.len() - OUTPUT_HOLD);
        let mut cut = natural;
        // Never split a word: the recognizers see words whole.
        if let Some(space) = self.window[self.released..cut].rfind(char::is_whitespace) {
            cut = self.released + space + 1;
        }
        let findings = self.engine.scan(&self.window);
        // Never split a finding that straddles the cut...
        for f in &findings {
            if f.start < cut && f.end > cut {
                cut = f.start.max(self.released);
            }
        }
        // ...unless holding it would pass the bound: then cut anyway and mask through.
        if self.window.len() - cut > OUTPUT_MAX_HOLD {
            cut = natural;
        }
        if cut == self.released {
            self.next_try = (self.held() + OUTPUT_HOLD).min(OUTPUT_MAX_HOLD + 1);
            return String::new();
        }
        let mut out = String::with_capacity(cut - self.released);
        self.engine.mask_into(
            &self.window,
            &findings,
            self.released,
            cut,
            &mut self.carry,
            &mut out,
        );
        // Keep a little released text as context for the next window.
        let keep_from = floor_boundary(&self.window, cut.saturating_sub(CONTEXT_KEEP));
        self.window.drain(..keep_from);
        self.released = cut - keep_from;
        self.next_try = 2 * OUTPUT_HOLD;
        out
    }

    /// Masks and returns everything still held.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        let findings = self.engine.scan(&self.window);
        self.engine.mask_into(
            &self.window,
            &findings,
            self.released,
            self.window.len(),
            &mut self.carry,
            &mut out,
        );
        self.window.clear();
        self.released = 0;
        self.next_try = 2 * OUTPUT_HOLD;
        self.carry = None;
        out
    }

    /// Bytes received but not yet released.
    pub fn held(&self) -> usize {
        self.window.len() - self.released
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_output_is_masked() {
        let e = Engine::builtin();
        assert_eq!(
            e.scan_output("Reach her at jane.roe@example.com."),
            "Reach her at <EMAIL_ADDRESS>."
        );
    }

    #[test]
    fn stream_masks_entities_split_across_chunks_with_bounded_hold_back() {
        let e = Engine::builtin();
        let filler =
            "The quarterly report shows steady growth across all regions and teams. ".repeat(6);
        let text = format!(
            "{filler}Card 4111 1111 1111 1111 was used, mail jane.roe@example.com now. {filler}"
        );
        for size in [1, 3, 7, 64, 500] {
            let mut s = e.output_stream();
            let mut out = String::new();
            let mut i = 0;
            while i < text.len() {
                let j = (i + size).min(text.len());
                out.push_str(&s.push(&text[i..j]));
                assert!(s.held() < 2 * OUTPUT_HOLD + size);
                i = j;
            }
            out.push_str(&s.finish());
            assert_eq!(out, e.scan_output(&text), "chunk size {size}");
            assert!(out.contains("<CREDIT_CARD>") && out.contains("<EMAIL_ADDRESS>"));
        }
    }

    #[test]
    fn a_finding_that_keeps_growing_is_held_at_most_the_bound_and_masked_through() {
        let e = Engine::builtin();
        // A URL that never ends: the scanner sees a finding straddling every cut.
        let secret_tail = "zq7secretpath";
        let mut s = e.output_stream();
        let mut out = s.push("See https://example.com/");
        for i in 0..4000 {
            out.push_str(&s.push(&format!("{secret_tail}{i}/")));
            assert!(
                s.held() <= OUTPUT_MAX_HOLD + 32,
                "held {} after {i} pushes",
                s.held()
            );
        }
        out.push_str(&s.push(" and then plain words follow here."));
        out.push_str(&s.finish());
        assert!(!out.contains(secret_tail), "{}", &out[..out.len().min(300)]);
        assert!(
            out.starts_with("See <URL>"),
            "{}",
            &out[..out.len().min(300)]
        );
        assert!(out.ends_with(" and then plain words follow here."), "{out}");
    }
}
