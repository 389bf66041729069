//! Real files for the library's tests, written in the test: PDFs (plain, without text,
//! encrypted, damaged), Office and OpenDocument packages written with the zip crate, a PNG.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A PDF whose pages each show one text in Helvetica (WinAnsi: accented letters as one byte),
/// one line per `\n`.
pub fn pdf(pages: &[&str]) -> Vec<u8> {
    let contents: Vec<Vec<u8>> = pages
        .iter()
        .map(|text| {
            let mut stream = b"BT /F1 12 Tf 14 TL 72 760 Td".to_vec();
            for line in text.split('\n') {
                stream.extend_from_slice(b" (");
                stream.extend(win_ansi(line));
                stream.extend_from_slice(b") Tj T*");
            }
            stream.extend_from_slice(b" ET");
            stream
        })
        .collect();
    pdf_with_contents(&contents)
}

/// A one-page PDF that only draws (a scanned page has an image and no text).
pub fn pdf_without_text() -> Vec<u8> {
    pdf_with_contents(&[b"0.5 g 72 72 400 600 re f".to_vec()])
}

fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                out.push(c as u8);
            }
            c if (c as u32) < 0x80 => out.push(c as u8),
            c if (0xA0..=0xFF).contains(&(c as u32)) => out.push(c as u32 as u8),
            '’' => out.push(0x92),
            '€' => out.push(0x80),
            _ => out.push(b'?'),
        }
    }
    out
}

fn pdf_with_contents(contents: &[Vec<u8>]) -> Vec<u8> {
    let n = contents.len();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                5 + 2 * i
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

/// The PDF encrypted (RC4 128 bits) with these passwords; an empty user password opens it
/// without asking.
pub fn encrypted_pdf(plain: &[u8], user_password: &str) -> Vec<u8> {
    let mut document = lopdf::Document::load_mem(plain).expect("our PDF loads");
    let version = lopdf::EncryptionVersion::V2 {
        document: &document,
        owner_password: "proprietaire",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let state = lopdf::EncryptionState::try_from(version).expect("encryption state");
    document.encrypt(&state).expect("encrypt");
    let mut out = Vec::new();
    document.save_to(&mut out).expect("save");
    out
}

/// A zip package of (name, content) entries, the first stored (an OpenDocument's `mimetype`
/// must be), the others deflated.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (i, (name, content)) in entries.iter().enumerate() {
        let method = if i == 0 {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        writer
            .start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .expect("zip entry");
        writer.write_all(content).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn content_types(main: &str, part: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.{main}.main+xml"/></Types>"#
    )
}

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#;

/// A DOCX whose paragraphs are `paragraphs`.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(p)
            )
        })
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip(&[
        (
            "[Content_Types].xml",
            content_types("wordprocessingml.document", "word/document.xml").as_bytes(),
        ),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// An XLSX whose shared strings are `cells`.
pub fn xlsx(cells: &[&str]) -> Vec<u8> {
    let strings: String = cells
        .iter()
        .map(|c| format!("<si><t>{}</t></si>", escape(c)))
        .collect();
    let shared = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>"#
    );
    zip(&[
        (
            "[Content_Types].xml",
            content_types("spreadsheetml.sheet", "xl/workbook.xml").as_bytes(),
        ),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/sharedStrings.xml", shared.as_bytes()),
    ])
}

/// A PPTX with one slide per text.
pub fn pptx(slides: &[&str]) -> Vec<u8> {
    let slide_xml: Vec<String> = slides
        .iter()
        .map(|s| format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#,
            escape(s)
        ))
        .collect();
    let names: Vec<String> = (1..=slides.len())
        .map(|i| format!("ppt/slides/slide{i}.xml"))
        .collect();
    let types = content_types("presentationml.presentation", "ppt/presentation.xml");
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("ppt/presentation.xml", b"<presentation/>"),
    ];
    // Written in reverse: the reading order comes from the slides' numbers.
    for (name, xml) in names.iter().zip(&slide_xml).rev() {
        entries.push((name.as_str(), xml.as_bytes()));
    }
    zip(&entries)
}

/// An OpenDocument package ("text", "spreadsheet" or "presentation") whose paragraphs are
/// `paragraphs`.
pub fn open_document(kind: &str, paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<text:p>{}</text:p>", escape(p)))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>"#
    );
    let mimetype = format!("application/vnd.oasis.opendocument.{kind}");
    zip(&[
        ("mimetype", mimetype.as_bytes()),
        ("META-INF/manifest.xml", b"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>"),
        ("content.xml", content.as_bytes()),
    ])
}

/// A real 1×1 PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82";

/// The start of a JPEG (JFIF) file.
pub const JPEG: &[u8] =
    b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9";

/// The first bytes of a Linux program.
pub const ELF: &[u8] = b"\x7FELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3E\x00";

/// A published guide made through the store, for files to be attached to; its id.
pub fn new_resource(
    store: &mut passerelle_core::Store,
    title: &str,
) -> passerelle_core::error::CoreResult<String> {
    let input = passerelle_core::model::ResourceInput {
        title: title.into(),
        kind: "guide".into(),
        status: "published".into(),
        ..Default::default()
    };
    store
        .create_resource(&input)
        .map(|resource| resource.meta.id)
}
