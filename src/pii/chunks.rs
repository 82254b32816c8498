//! Where the word scan's rules read a long text: in chunks of whole lines, and never in a
//! line longer than `LONG_LINE`.
//!
//! The name and place rules look around each name-shaped run: back to its line's start,
//! forward to its line's end, along a list's items, across the other findings of the
//! text. Each look is short in ordinary text, but in a hostile one (a 10 MiB line of
//! `Anna\tBerta\t…`, thousands of runs on one line) every run would read the whole line,
//! and the scan would take time quadratic in the text. Reading in chunks bounds each
//! look by the chunk: a chunk holds whole lines up to `CHUNK` bytes, and a line longer
//! than `LONG_LINE` is cut before that bound, after a sentence's end or else a space (at a
//! character boundary without one), into chunks of its own, as the scanner cuts its segments. A text that is
//! one chunk (most prompts) is read whole, exactly as before.

use super::scanner::Finding;

/// Most bytes of whole lines read together.
const CHUNK: usize = 64 << 10;
/// Longest line read whole: the scanner's segments cut lines at the same length.
const LONG_LINE: usize = 8 << 10;
/// How far back from a long line's cut a sentence's end (`. `) is looked for: a cut at
/// a space alone may fall inside a name.
const SENTENCE_REACH: usize = 2 << 10;

/// Runs `scan` over each chunk of `text` and appends what it adds to `out`, at the
/// text's offsets. `scan` sees the findings already in `out` that lie inside its chunk
/// (what the rules may read as evidence), moved to the chunk's offsets, and may only
/// append after them. Stops before a chunk once `stop` says so, and says whether it
/// read them all.
pub(crate) fn scan_by_chunk(
    text: &str,
    out: &mut Vec<Finding>,
    scan: impl Fn(&str, &mut Vec<Finding>),
    stop: impl Fn() -> bool,
) -> bool {
    if chunk_end(text, 0) == text.len() {
        scan(text, out);
        return true;
    }
    // The findings already made, by start: each chunk takes those inside it. (Nearly
    // sorted already: the scanner makes them segment by segment.)
    let mut earlier: Vec<(usize, usize)> =
        out.iter().enumerate().map(|(i, f)| (f.start, i)).collect();
    earlier.sort_unstable();
    let mut next = 0;
    let mut part = Vec::new();
    let mut start = 0;
    while start < text.len() {
        if stop() {
            return false;
        }
        let end = chunk_end(text, start);
        part.clear();
        while next < earlier.len() && earlier[next].0 < start {
            next += 1;
        }
        let mut i = next;
        while i < earlier.len() && earlier[i].0 < end {
            let f = &out[earlier[i].1];
            if f.end <= end {
                part.push(moved(f.clone(), start, false));
            }
            i += 1;
        }
        let given = part.len();
        scan(&text[start..end], &mut part);
        out.extend(part.drain(given..).map(|f| moved(f, start, true)));
        start = end;
    }
    true
}

/// `f` moved from the text's offsets into a chunk's at `by` (`back`: out of it again).
fn moved(mut f: Finding, by: usize, back: bool) -> Finding {
    if back {
        f.start += by;
        f.end += by;
    } else {
        f.start -= by;
        f.end -= by;
    }
    f
}

/// Where the chunk starting at `start` ends: after the last line that keeps it within
/// `CHUNK` bytes (at least one line), or, where the line at `start` is longer than
/// `LONG_LINE`, before that bound: after a sentence's end near it, else after its last
/// space.
fn chunk_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut end = start;
    loop {
        let reach = (end + LONG_LINE).min(b.len());
        match memchr::memchr(b'\n', &b[end..reach]) {
            Some(p) => {
                let line_end = end + p + 1;
                if line_end - start > CHUNK && end > start {
                    return end;
                }
                end = line_end;
                if end == b.len() {
                    return end;
                }
            }
            // The text's last line, short enough to read whole.
            None if reach == b.len() => {
                return if b.len() - start > CHUNK && end > start {
                    end
                } else {
                    b.len()
                };
            }
            // A line longer than `LONG_LINE`: the lines before it are a chunk, and it
            // is cut into chunks of its own.
            None if end > start => return end,
            None => {
                // After a sentence's end in the window's last `SENTENCE_REACH` bytes,
                // where no name runs on; else after its last space.
                let tail = reach - SENTENCE_REACH.min(reach - start);
                let sentence = memchr::memmem::rfind(&b[tail..reach], b". ").map(|p| tail + p + 1);
                return match sentence
                    .or_else(|| memchr::memrchr(b' ', &b[start..reach]).map(|p| start + p))
                {
                    Some(p) => p + 1,
                    None => {
                        let mut cut = reach;
                        while !text.is_char_boundary(cut) {
                            cut -= 1;
                        }
                        cut
                    }
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pii::entity::Entity;

    fn chunks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let end = chunk_end(text, start);
            assert!(end > start, "a chunk is never empty");
            out.push(&text[start..end]);
            start = end;
        }
        out
    }

    #[test]
    fn a_text_of_short_lines_under_the_bound_is_one_chunk() {
        let text = "Dear Anna,\nthanks.\n".repeat(100);
        assert_eq!(chunks(&text), vec![text.as_str()]);
        assert_eq!(chunks("no line end"), vec!["no line end"]);
    }

    #[test]
    fn chunks_hold_whole_lines_up_to_the_bound() {
        let line = format!("{}\n", "x".repeat(999));
        let text = line.repeat(200);
        let parts = chunks(&text);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(p.len() <= CHUNK && p.ends_with('\n'), "{}", p.len());
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn a_long_line_is_cut_at_spaces_into_chunks_of_its_own() {
        let text = format!("short line\n{}\nlast", "Anna\tBerta ".repeat(5000));
        let parts = chunks(&text);
        assert_eq!(parts[0], "short line\n");
        for p in &parts[1..parts.len() - 1] {
            assert!(p.len() <= LONG_LINE && p.ends_with(' '), "{}", p.len());
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn a_long_line_of_prose_is_cut_after_a_sentence_not_inside_a_name() {
        let text = "Today we saw Morag MacLeod again. ".repeat(600);
        let parts = chunks(&text);
        assert!(parts.len() > 2);
        for p in &parts[..parts.len() - 1] {
            assert!(
                p.len() <= LONG_LINE && p.ends_with("again. "),
                "{:?}",
                &p[p.len() - 20..]
            );
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn a_long_line_without_spaces_is_cut_at_character_boundaries() {
        let text = "ä".repeat(10_000);
        let parts = chunks(&text);
        assert!(parts.len() > 1);
        for p in &parts {
            assert!(p.len() <= LONG_LINE);
        }
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn each_chunk_sees_the_findings_inside_it_and_adds_at_the_texts_offsets() {
        let line = format!("{}\n", "y".repeat(999));
        let text = line.repeat(200);
        let far = text.len() - 10;
        let mut out = vec![Finding::new(
            Entity::EmailAddress,
            far,
            far + 5,
            0.9,
            "email",
        )];
        let scan = |chunk: &str, part: &mut Vec<Finding>| {
            let seen = part.len();
            part.push(Finding::new(Entity::Person, 1, 3, 0.5, "test"));
            if seen == 1 {
                // The last chunk: it sees the e-mail address at its own offsets.
                assert_eq!(&chunk[part[0].start..part[0].end], "yyyyy");
            }
        };
        assert!(scan_by_chunk(&text, &mut out, scan, || false));
        let added: Vec<usize> = out[1..].iter().map(|f| f.start).collect();
        let starts: Vec<usize> = {
            let mut s = Vec::new();
            let mut at = 0;
            while at < text.len() {
                s.push(at + 1);
                at = chunk_end(&text, at);
            }
            s
        };
        assert_eq!(added, starts);
        assert_eq!(out[0].start, far, "what was there stays as it was");
    }
}
