//! Trims a TrueType (sfnt) file before it is parsed and subset for embedding. Run by the core's
//! build script on the shipped fonts (the result is included in the binary), so no start pays
//! for it; compiled into the library for its tests only.
//!
//! printpdf's subsetter keeps the glyphs a document draws but copies the `name` table whole.
//! DejaVu Sans's is 15 KB per face (3.8 KB compressed), two thirds of it the licence text
//! (name ID 13) in two encodings, so every PDF carried it once per face. Only the names a PDF
//! reader may show or match are kept — IDs 0 to 6 (copyright, family, subfamily, unique name,
//! full name, version, PostScript name) — and the licence URL (ID 14). The outlines, metrics
//! and hinting tables are left byte for byte as shipped; the licence stays in `fonts/LICENSE`.

/// The name IDs kept in the embedded fonts.
const KEPT_NAME_IDS: [u16; 8] = [0, 1, 2, 3, 4, 5, 6, 14];

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The sfnt checksum: the sum of the big-endian 32-bit words, the last one zero-padded.
fn checksum(bytes: &[u8]) -> u32 {
    bytes.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// A `name` table with only the records of [`KEPT_NAME_IDS`]. `None` for a table this code
/// does not know (format 1, with language tags) or a malformed one.
fn short_name_table(name: &[u8]) -> Option<Vec<u8>> {
    if u16_at(name, 0)? != 0 {
        return None;
    }
    let count = usize::from(u16_at(name, 2)?);
    let storage = usize::from(u16_at(name, 4)?);
    let mut records: Vec<([u16; 4], &[u8])> = Vec::new();
    for n in 0..count {
        let at = 6 + 12 * n;
        let ids = [
            u16_at(name, at)?,
            u16_at(name, at + 2)?,
            u16_at(name, at + 4)?,
            u16_at(name, at + 6)?,
        ];
        let length = usize::from(u16_at(name, at + 8)?);
        let offset = storage + usize::from(u16_at(name, at + 10)?);
        let text = name.get(offset..offset + length)?;
        if KEPT_NAME_IDS.contains(&ids[3]) {
            records.push((ids, text));
        }
    }
    let kept = u16::try_from(records.len()).ok()?;
    let storage = u16::try_from(6 + 12 * records.len()).ok()?;
    let mut table = Vec::new();
    let mut strings = Vec::new();
    for value in [0, kept, storage] {
        table.extend_from_slice(&value.to_be_bytes());
    }
    for (ids, text) in records {
        for value in ids {
            table.extend_from_slice(&value.to_be_bytes());
        }
        table.extend_from_slice(&u16::try_from(text.len()).ok()?.to_be_bytes());
        table.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(text);
    }
    table.extend_from_slice(&strings);
    Some(table)
}

/// The font with a short `name` table (see the module documentation), or `None` when the file
/// is not a TrueType font this code can rewrite (the caller then uses it unchanged).
pub(crate) fn with_short_names(font: &[u8]) -> Option<Vec<u8>> {
    let version = u32_at(font, 0)?;
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let count = usize::from(u16_at(font, 4)?);
    let header_len = 12 + 16 * count;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(count);
    for n in 0..count {
        let at = 12 + 16 * n;
        let tag: [u8; 4] = font.get(at..at + 4)?.try_into().ok()?;
        let offset = usize::try_from(u32_at(font, at + 8)?).ok()?;
        let length = usize::try_from(u32_at(font, at + 12)?).ok()?;
        let data = font.get(offset..offset.checked_add(length)?)?;
        let data = if &tag == b"name" {
            short_name_table(data)?
        } else {
            data.to_vec()
        };
        tables.push((tag, data));
    }
    // Same offset table (version, count, search fields), then the records and the tables in
    // the same order, each table starting on a 4-byte boundary.
    let mut out = font.get(..12)?.to_vec();
    let mut offset = header_len;
    let mut head_at = None;
    for (tag, data) in &mut tables {
        if tag == b"head" {
            // The whole-file checksum adjustment is computed with this field at zero.
            data.get_mut(8..12)?.copy_from_slice(&[0; 4]);
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let adjustment = 0xB1B0_AFBA_u32.wrapping_sub(checksum(&out));
    let head_at = head_at?;
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjustment.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table<'a>(font: &'a [u8], wanted: &[u8; 4]) -> &'a [u8] {
        let count = usize::from(u16_at(font, 4).expect("count"));
        (0..count)
            .find_map(|n| {
                let at = 12 + 16 * n;
                (&font[at..at + 4] == wanted).then(|| {
                    let offset = u32_at(font, at + 8).expect("offset") as usize;
                    let length = u32_at(font, at + 12).expect("length") as usize;
                    &font[offset..offset + length]
                })
            })
            .expect("table")
    }

    /// The Windows (UTF-16) string of a name ID.
    fn name(font: &[u8], id: u16) -> Option<String> {
        let name = table(font, b"name");
        let count = usize::from(u16_at(name, 2)?);
        let storage = usize::from(u16_at(name, 4)?);
        (0..count).find_map(|n| {
            let at = 6 + 12 * n;
            if u16_at(name, at)? != 3 || u16_at(name, at + 6)? != id {
                return None;
            }
            let length = usize::from(u16_at(name, at + 8)?);
            let offset = storage + usize::from(u16_at(name, at + 10)?);
            let units: Vec<u16> = name[offset..offset + length]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        })
    }

    #[test]
    fn the_licence_text_goes_and_the_font_names_stay() {
        let shipped: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
        let trimmed = with_short_names(shipped).expect("a TrueType font");
        assert!(table(&trimmed, b"name").len() < 1_500);
        assert!(table(shipped, b"name").len() > 15_000);
        assert!(name(shipped, 13).is_some());
        assert_eq!(name(&trimmed, 13), None);
        for id in [0, 1, 2, 4, 6, 14] {
            assert_eq!(name(&trimmed, id), name(shipped, id), "name {id}");
        }
        assert_eq!(name(&trimmed, 6).as_deref(), Some("DejaVuSans-Bold"));
        // Every other table is unchanged, and the file checksum is right.
        for tag in [
            b"glyf", b"loca", b"hmtx", b"cmap", b"prep", b"fpgm", b"cvt ",
        ] {
            assert_eq!(table(&trimmed, tag), table(shipped, tag));
        }
        assert_eq!(checksum(&trimmed), 0xB1B0_AFBA);
    }

    #[test]
    fn what_is_not_truetype_is_left_alone() {
        assert_eq!(with_short_names(b"OTTO\0\0\0\0"), None);
        assert_eq!(with_short_names(b""), None);
        assert_eq!(with_short_names(&[0, 1, 0, 0, 0, 9]), None);
    }
}
