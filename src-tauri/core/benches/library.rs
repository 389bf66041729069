//! The library's speed: the global search on 5,000 resources of which 1,000 carry 20 pages of
//! text extracted from their files (target under 10 ms), and attaching a 20 MB PDF — a
//! hundred pages of text and its pictures — text extraction and the write included (target
//! under 1 s), and the resources view's first page on that database (target under 100 ms).
//! The database is generated into a real file before measuring.

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

use std::cell::RefCell;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use passerelle_core::bench_support::WORDS;
use passerelle_core::Store;

const RESOURCES: usize = 5_000;
const WITH_TEXT: usize = 1_000;
const PAGES: usize = 20;
/// About a printed page of French prose.
const WORDS_PER_PAGE: usize = 450;

/// A deterministic stream of words: the benchmark's vocabulary, with a rarer word now and then.
struct Prose(u64);

impl Prose {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self) -> String {
        let n = self.next();
        if n % 50 == 0 {
            format!("terme{}", n % 20_000)
        } else {
            WORDS[(n as usize / 7) % WORDS.len()].to_string()
        }
    }

    fn page(&mut self) -> String {
        (0..WORDS_PER_PAGE)
            .map(|_| self.word())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn build(store: &mut Store) {
    let titles: Vec<String> = (0..RESOURCES)
        .map(|i| format!("Ressource {i} sur la coopération"))
        .collect();
    let ids = store.insert_resources_for_tests(&titles).unwrap();
    let mut prose = Prose(0x9E37_79B9_7F4A_7C15);
    for chunk in ids[..WITH_TEXT].chunks(100) {
        let files: Vec<(String, String, Vec<u8>)> = chunk
            .iter()
            .map(|id| {
                let text: Vec<String> = (0..PAGES).map(|_| prose.page()).collect();
                (
                    id.clone(),
                    "texte.txt".into(),
                    text.join("\n\x0C").into_bytes(),
                )
            })
            .collect();
        store.attach_files_for_tests(&files).unwrap();
    }
}

/// A PDF of `pages` pages of text, with a picture (an uncompressed image stream of
/// `picture_bytes` noise) on the first page: the usual weight of a report's photographs.
fn report_pdf(pages: usize, picture_bytes: usize) -> Vec<u8> {
    let mut prose = Prose(42);
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(), // the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    let mut picture = format!(
        "<< /Type /XObject /Subtype /Image /Width {} /Height 1000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {picture_bytes} >>\nstream\n",
        picture_bytes / 3000
    )
    .into_bytes();
    picture.extend((0..picture_bytes).map(|_| prose.next() as u8));
    picture.extend_from_slice(b"\nendstream");
    objects.push(picture); // object 4
    let mut kids = Vec::new();
    for page in 0..pages {
        let mut content = b"BT /F1 10 Tf 12 TL 50 800 Td".to_vec();
        let text = prose
            .page()
            .replace('é', "e")
            .replace('è', "e")
            .replace('à', "a");
        for line in text.as_bytes().chunks(90) {
            content.extend_from_slice(b" (");
            content.extend(line.iter().filter(|b| b.is_ascii() && !b"()\\".contains(b)));
            content.extend_from_slice(b") Tj T*");
        }
        content.extend_from_slice(b" ET");
        if page == 0 {
            content.extend_from_slice(b" q 500 0 0 300 50 50 cm /Im1 Do Q");
        }
        let content_id = objects.len() + 2;
        objects.push(
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> /Contents {content_id} 0 R >>").into_bytes(),
        );
        kids.push(format!("{} 0 R", objects.len()));
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    )
    .into_bytes();
    let mut out = b"%PDF-1.4\n".to_vec();
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
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with_reference(&dir.path().join("bench.db")).unwrap();
    build(&mut store);
    // To study the queries in sqlite3: PASSERELLE_BENCH_KEEP=copy.db cargo bench …
    if let Ok(keep) = std::env::var("PASSERELLE_BENCH_KEEP") {
        store.backup_to(std::path::Path::new(&keep)).unwrap();
    }
    let hits = store.search_all("mobilité coopération", 8).unwrap();
    assert!(
        hits.iter().filter(|h| h.entity == "resource").count() == 8,
        "{hits:?}"
    );

    c.bench_function(
        "library: global search, two common words (5,000 resources)",
        |b| b.iter(|| store.search_all("mobilité coopération", 8).unwrap()),
    );
    c.bench_function(
        "library: global search, a word found only inside files",
        |b| b.iter(|| store.search_all("terme1234", 8).unwrap()),
    );

    c.bench_function(
        "library: resources view, first page of 50 (5,000 resources)",
        |b| {
            let filter = passerelle_core::model::ResourceFilter {
                limit: Some(50),
                ..Default::default()
            };
            b.iter(|| store.list_resources(&filter).unwrap())
        },
    );

    c.bench_function(
        "library: resources view, two common words, first page of 50 by relevance",
        |b| {
            let filter = passerelle_core::model::ResourceFilter {
                query: "mobilité coopération".into(),
                limit: Some(50),
                ..Default::default()
            };
            b.iter(|| store.list_resources(&filter).unwrap())
        },
    );

    let pdf = report_pdf(100, 20_000_000 - 600_000);
    assert!(
        pdf.len() > 19_500_000 && pdf.len() < 20_500_000,
        "{}",
        pdf.len()
    );
    let inspected = passerelle_core::attachments::inspect("rapport.pdf", &pdf).unwrap();
    assert_eq!(inspected.text_status.code(), "extracted");
    let resource = new_resource(&mut store, "Rapport annuel").unwrap();
    let store = RefCell::new(store);
    let last: RefCell<Option<String>> = RefCell::new(None);
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.bench_function(
        "attach a 20 MB PDF of 100 pages (text extracted, stored)",
        |b| {
            b.iter_batched(
                // The previous one is removed (not timed), so each attach writes the content anew.
                || {
                    if let Some(file) = last.borrow_mut().take() {
                        store.borrow_mut().remove_file(&resource, &file).unwrap();
                    }
                },
                |()| {
                    let file = store
                        .borrow_mut()
                        .attach_file(&resource, "rapport.pdf", &pdf)
                        .unwrap();
                    *last.borrow_mut() = Some(file.id);
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(library, benches);
criterion_main!(library);

/// A published guide made through the store, for the attached file; its id.
fn new_resource(store: &mut Store, title: &str) -> passerelle_core::error::CoreResult<String> {
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
