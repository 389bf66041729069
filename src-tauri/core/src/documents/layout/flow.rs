//! Pagination: the ordered chunks of a document are poured into pages, keeping headings with
//! what follows and repeating a group's continuation heading after a page break (see the
//! layout module's documentation for the rules).

use super::{Chunk, PageLayout, PageSetup, Paginated, EPS};

/// The ordered chunks of a document and the continuation headings of its groups.
#[derive(Debug, Default)]
pub struct Flow {
    chunks: Vec<Chunk>,
    groups: Vec<Vec<Chunk>>,
    current: Option<usize>,
}

impl Flow {
    pub fn new() -> Flow {
        Flow::default()
    }

    /// Appends chunks; inside a group they continue it.
    pub fn push(&mut self, chunks: impl IntoIterator<Item = Chunk>) {
        for mut chunk in chunks {
            chunk.group = chunk.group.or(self.current);
            self.chunks.push(chunk);
        }
    }

    /// Appends chunks that belong to no group, even inside one (the group's own heading).
    pub fn push_ungrouped(&mut self, chunks: impl IntoIterator<Item = Chunk>) {
        self.chunks.extend(chunks);
    }

    /// Opens a group whose following chunks repeat `continuation` after a page break.
    pub fn begin_group(&mut self, continuation: Vec<Chunk>) {
        self.groups.push(continuation);
        self.current = Some(self.groups.len() - 1);
    }

    pub fn end_group(&mut self) {
        self.current = None;
    }

    /// Marks the next chunk pushed as the target of a bookmark.
    pub fn bookmark(&mut self, title: &str) {
        // Kept with what follows so that it lands on the page of the heading it announces.
        self.chunks.push(Chunk {
            bookmark: Some(title.to_string()),
            keep_with_next: true,
            ..Chunk::default()
        });
    }

    /// Pours the chunks into pages (see the module documentation for the rules). The chunks'
    /// draws are moved onto the pages; only a group's continuation chunks, placed at the top
    /// of each page the group continues on, are copied.
    pub fn paginate(self, page: &PageSetup) -> Paginated {
        let body = page.body_height();
        let mut out = Paginated {
            pages: vec![PageLayout::default()],
            ..Paginated::default()
        };
        let mut y = 0.0;
        let place = |out: &mut Paginated, y: &mut f32, chunk: Chunk| {
            if let Some(title) = chunk.bookmark {
                out.bookmarks.push((title, out.pages.len()));
            }
            if let Some(current) = out.pages.last_mut() {
                let top = page.body_top() + *y;
                current
                    .draws
                    .extend(chunk.draws.into_iter().map(|d| d.shifted(top)));
            }
            *y += chunk.height;
        };
        // Each chunk's height and whether the run it starts continues past it (spacers between
        // a heading and its text do not break the chain), kept apart as the chunks are moved.
        let links: Vec<(f32, bool)> = self
            .chunks
            .iter()
            .map(|c| {
                let chained = c.keep_with_next || (c.discardable && !c.break_before);
                (c.height, chained)
            })
            .collect();
        for (i, chunk) in self.chunks.into_iter().enumerate() {
            let at_top = y <= EPS;
            if chunk.break_before && !at_top {
                out.pages.push(PageLayout::default());
                y = 0.0;
                continue;
            }
            if chunk.discardable && at_top && chunk.bookmark.is_none() {
                continue;
            }
            // The run this chunk must share a page with.
            let run: f32 = links[i..]
                .iter()
                .scan(true, |go, (height, chained)| {
                    let take = *go;
                    *go = *chained;
                    take.then_some(*height)
                })
                .sum();
            let need = if run <= body { run } else { chunk.height };
            if y + need > body + EPS && !at_top {
                out.pages.push(PageLayout::default());
                y = 0.0;
                if let Some(group) = chunk.group.and_then(|g| self.groups.get(g)) {
                    for c in group {
                        place(&mut out, &mut y, c.clone());
                    }
                }
            }
            place(&mut out, &mut y, chunk);
        }
        out
    }
}
