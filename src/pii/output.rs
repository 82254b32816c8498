//! Output scanning: PII the model writes on its own (not a restored token) is masked
//! before the client sees it, in whole responses and in streams. The stream scanner
//! holds back at most `2 * OUTPUT_HOLD` bytes: text older than that is scanned with
//! `OUTPUT_HOLD` bytes of look-ahead and released. Any entity shorter than
//! `OUTPUT_HOLD` bytes is therefore seen whole; longer ones (key blocks, very long
//! URLs) may be cut and missed. Every action but `allow` masks in output: a token or
//! pseudonym would mean nothing to the client, and a block cannot un-send earlier bytes.

use super::{Action, Engine};

/// Look-ahead kept when releasing streamed output.
pub const OUTPUT_HOLD: usize = 128;
/// Already-released bytes kept as context for recognizers near the start of the window.
const CONTEXT_KEEP: usize = 64;

impl Engine {
    /// Masks every finding in `text` whose action is not `allow`.
    pub fn scan_output(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        self.mask_into(text, 0, text.len(), &mut out);
        out
    }

    /// A streaming output scanner over this engine.
    pub fn output_stream(&self) -> OutputStream<'_> {
        OutputStream {
            engine: self,
            window: String::new(),
            released: 0,
        }
    }

    /// Appends `text[from..to]` with findings masked; findings are searched over the
    /// whole of `text` so that context before `from` counts, and only those inside
    /// `from..to` are applied.
    fn mask_into(&self, text: &str, from: usize, to: usize, out: &mut String) {
        let mut last = from;
        for f in self.scan(text) {
            // A finding reaching back into released text (more context revealed a longer
            // span) still has its unreleased part masked.
            if f.end <= from || f.end > to || self.action_for(&f.entity) == Action::Allow {
                continue;
            }
            out.push_str(&text[last..f.start.max(from)]);
            out.push('<');
            out.push_str(f.entity.name());
            out.push('>');
            last = f.end;
        }
        out.push_str(&text[last..to]);
    }
}

/// Streams model output through the engine with a bounded hold-back.
pub struct OutputStream<'e> {
    engine: &'e Engine,
    /// Released context (the first `released` bytes) followed by held text.
    window: String,
    released: usize,
}

impl OutputStream<'_> {
    /// Returns the masked text that no longer needs look-ahead.
    pub fn push(&mut self, chunk: &str) -> String {
        self.window.push_str(chunk);
        if self.held() < 2 * OUTPUT_HOLD {
            return String::new();
        }
        let mut cut = floor_boundary(&self.window, self.window.len() - OUTPUT_HOLD);
        // Never split a word: the recognizers see words whole.
        if let Some(space) = self.window[self.released..cut].rfind(char::is_whitespace) {
            cut = self.released + space + 1;
        }
        // Never split a finding that straddles the cut.
        for f in self.engine.scan(&self.window) {
            if f.start < cut && f.end > cut {
                cut = f.start.max(self.released);
            }
        }
        let mut out = String::with_capacity(cut - self.released);
        self.engine
            .mask_into(&self.window, self.released, cut, &mut out);
        // Keep a little released text as context for the next window.
        let keep_from = floor_boundary(&self.window, cut.saturating_sub(CONTEXT_KEEP));
        self.window.drain(..keep_from);
        self.released = cut - keep_from;
        out
    }

    /// Masks and returns everything still held.
    pub fn finish(&mut self) -> String {
        let mut out = String::new();
        self.engine
            .mask_into(&self.window, self.released, self.window.len(), &mut out);
        self.window.clear();
        self.released = 0;
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
}
