//! Imposition for saddle stitching: the A5 pages, already laid out, placed two by two on A4
//! landscape sides so that the sheets, printed double-sided (flipped on the short edge),
//! stacked in order and folded in the middle, read as the booklet.

use crate::documents::layout::{Draw, PageLayout, Paginated, MM, RULE};

/// The page pairs (left, right), 1-based, of each A4 side in printing order: sheet 0 front,
/// sheet 0 back, sheet 1 front… `n` pages are padded to a multiple of four; a number above `n`
/// is a blank page. For `m` padded pages, sheet `s` carries on its front `m − 2s` and `2s + 1`,
/// on its back `2s + 2` and `m − 2s − 1`.
pub fn saddle_stitch_order(n: usize) -> Vec<(usize, usize)> {
    let m = n.div_ceil(4) * 4;
    (0..m / 4)
        .flat_map(|s| [(m - 2 * s, 2 * s + 1), (2 * s + 2, m - 2 * s - 1)])
        .collect()
}

/// Where the fold falls on the sheet: its middle.
const FOLD: f32 = 148.5 * MM;
/// An A5 page is 148 mm wide: it is placed against the fold, half a millimetre from the edge.
const PAGE_WIDTH: f32 = 148.0 * MM;

/// Short marks at the top and bottom edges showing where to fold, inside the margins of both
/// pages (nothing of a page is drawn within 12 mm of its edges).
fn fold_marks() -> Vec<Draw> {
    let sheet_height = 210.0 * MM;
    [(0.0, 5.0 * MM), (sheet_height - 5.0 * MM, sheet_height)]
        .into_iter()
        .map(|(y1, y2)| Draw::Line {
            x1: FOLD,
            y1,
            x2: FOLD,
            y2,
            color: RULE,
            width: 0.3,
        })
        .collect()
}

/// The A5 pages of `booklet` imposed on A4 landscape sides (see [`saddle_stitch_order`]).
/// Bookmarks are dropped: they would point into the middle of sheets.
pub fn impose(booklet: Paginated) -> Paginated {
    let order = saddle_stitch_order(booklet.pages.len());
    let mut pages: Vec<Option<PageLayout>> = booklet.pages.into_iter().map(Some).collect();
    let mut take = |number: usize| {
        pages
            .get_mut(number - 1)
            .and_then(Option::take)
            .unwrap_or_default()
    };
    let sides = order
        .into_iter()
        .map(|(left, right)| {
            let mut draws = fold_marks();
            draws.extend(
                take(left)
                    .draws
                    .into_iter()
                    .map(|d| d.moved(FOLD - PAGE_WIDTH, 0.0)),
            );
            draws.extend(take(right).draws.into_iter().map(|d| d.moved(FOLD, 0.0)));
            PageLayout { draws }
        })
        .collect();
    Paginated {
        pages: sides,
        bookmarks: Vec::new(),
    }
}
