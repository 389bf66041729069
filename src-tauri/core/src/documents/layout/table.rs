//! Tables: fixed column widths, cells of paragraphs, optional grid, rules, fill and accent
//! bar. A row is one chunk, so it is never split across pages, unless it is taller than a page:
//! then it is sliced between lines.

use super::{break_lines, Chunk, Draw, Layout, Line, Rgb, Span, TextStyle, PALE};

/// One paragraph of a table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub spans: Vec<Span>,
    pub style: TextStyle,
    /// Space above this paragraph when it is not the first of its cell.
    pub gap_before: f32,
}

impl Para {
    pub fn new(spans: Vec<Span>, style: TextStyle) -> Para {
        Para {
            spans,
            style,
            gap_before: 2.0,
        }
    }
}

/// A table's look: fixed column widths (points), padding, rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<f32>,
    pub padding: f32,
    /// Full cell borders (forms, signature boxes) rather than a rule between rows.
    pub grid: bool,
    /// Colour of borders or of the rule between rows; `None` for no line.
    pub rule: Option<Rgb>,
    /// Background of body rows.
    pub fill: Option<Rgb>,
    /// A thick bar on the left of each row (key-facts box).
    pub accent: Option<Rgb>,
    pub min_row_height: f32,
}

impl Table {
    fn width(&self) -> f32 {
        self.columns.iter().sum()
    }

    /// Each column's left edge and width, the table starting at `left`.
    fn column_spans(&self, left: f32) -> Vec<(f32, f32)> {
        let mut x = left;
        self.columns
            .iter()
            .map(|w| {
                let column = (x, *w);
                x += w;
                column
            })
            .collect()
    }
}

/// A laid-out line of a cell, with the space above it when it starts a paragraph.
struct CellLine {
    line: Line,
    style: TextStyle,
    gap: f32,
}

impl Layout<'_> {
    /// A header row: bold labels on a pale background, kept with the first body row.
    pub fn table_header(&self, table: &Table, labels: &[&str], style: TextStyle) -> Chunk {
        let cells: Vec<Vec<Para>> = labels
            .iter()
            .map(|l| vec![Para::new(vec![Span::bold(*l)], style)])
            .collect();
        let header = Table {
            fill: Some(PALE),
            min_row_height: 0.0,
            ..table.clone()
        };
        let mut chunks = self.table_row(&header, &cells);
        let mut chunk = chunks.remove(0);
        chunk.keep_with_next = true;
        chunk
    }

    /// A table row. It is one chunk unless it is taller than a page can hold, in which case
    /// it is sliced between lines.
    pub fn table_row(&self, table: &Table, cells: &[Vec<Para>]) -> Vec<Chunk> {
        let columns = table.column_spans(self.page.left());
        let mut laid: Vec<Vec<CellLine>> = columns
            .iter()
            .enumerate()
            .map(|(i, (_, width))| {
                let paras = cells.get(i).map(|c| c.as_slice()).unwrap_or(&[]);
                self.cell_lines(paras, width - 2.0 * table.padding)
            })
            .collect();

        // Slice so that every slice fits a page under a repeated group heading.
        let max_content = (self.page.body_height() - 100.0).max(50.0) - 2.0 * table.padding;
        let mut cursors = vec![0usize; laid.len()];
        let mut chunks = Vec::new();
        let lines: usize = laid.iter().map(Vec::len).sum();
        loop {
            let mut draws = Vec::with_capacity(lines + 4);
            let mut content: f32 = 0.0;
            for (i, cell) in laid.iter_mut().enumerate() {
                let x = columns[i].0 + table.padding;
                let height = self.draw_cell_slice(
                    cell,
                    &mut cursors[i],
                    x,
                    table.padding,
                    max_content,
                    &mut draws,
                );
                content = content.max(height);
            }
            let height = (content + 2.0 * table.padding).max(table.min_row_height);
            // The background first, under the text.
            let background = self.row_background(table, &columns, height);
            draws.splice(0..0, background);
            chunks.push(Chunk {
                height,
                draws,
                ..Chunk::default()
            });
            let done = cursors.iter().zip(&laid).all(|(c, cell)| *c >= cell.len());
            if done {
                return chunks;
            }
        }
    }

    /// The lines of a cell's paragraphs in a column `width` points wide.
    fn cell_lines(&self, paras: &[Para], width: f32) -> Vec<CellLine> {
        let mut out = Vec::new();
        for para in paras {
            let lines = break_lines(self.fonts, &para.spans, para.style.size, width);
            for (n, line) in lines.into_iter().enumerate() {
                let gap = if n == 0 && !out.is_empty() {
                    para.gap_before
                } else {
                    0.0
                };
                out.push(CellLine {
                    line,
                    style: para.style,
                    gap,
                });
            }
        }
        out
    }

    /// Draws the lines of a cell from `cursor` on, as many as fit in `max_content` (at least
    /// one), and moves the cursor past them (their text is moved into the draws). Returns the
    /// height of the content drawn.
    fn draw_cell_slice(
        &self,
        cell: &mut [CellLine],
        cursor: &mut usize,
        x: f32,
        top: f32,
        max_content: f32,
        draws: &mut Vec<Draw>,
    ) -> f32 {
        let mut y = top;
        let mut first = true;
        while let Some(cl) = cell.get_mut(*cursor) {
            let gap = if first { 0.0 } else { cl.gap };
            if !first && y - top + gap + cl.style.line_height > max_content {
                break;
            }
            // Each line is drawn once: its text moves into the draw.
            self.draw_line(std::mem::take(&mut cl.line), x, y + gap, &cl.style, draws);
            y += gap + cl.style.line_height;
            *cursor += 1;
            first = false;
        }
        y - top
    }

    /// The fill, accent bar and borders or rule of a row `height` points tall.
    fn row_background(&self, table: &Table, columns: &[(f32, f32)], height: f32) -> Vec<Draw> {
        let left = self.page.left();
        let mut background = Vec::new();
        let filled = |x: f32, w: f32, color: Rgb| Draw::Rect {
            x,
            y: 0.0,
            w,
            h: height,
            fill: Some(color),
            stroke: None,
            line_width: 0.0,
        };
        if let Some(fill) = table.fill {
            background.push(filled(left, table.width(), fill));
        }
        if let Some(color) = table.accent {
            background.push(filled(left, 2.5, color));
        }
        match (table.rule, table.grid) {
            (Some(color), true) => {
                background.extend(columns.iter().map(|(x, w)| Draw::Rect {
                    x: *x,
                    y: 0.0,
                    w: *w,
                    h: height,
                    fill: None,
                    stroke: Some(color),
                    line_width: 0.6,
                }));
            }
            (Some(color), false) => background.push(Draw::Line {
                x1: left,
                y1: height,
                x2: left + table.width(),
                y2: height,
                color,
                width: 0.5,
            }),
            (None, _) => {}
        }
        background
    }
}
