//! The invariants ARCHITECTURE.md states, checked on the sources so that the document stays
//! true: where SQL may live, which layer may import which, the size limits that keep each file
//! readable, and the interface's rules (one caller of the backend, no HTML from strings).
//!
//! These read the repository's files; they fail naming the file and line to fix.

use std::fs;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file under `dir` whose name ends with `extension`, sorted.
fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn relative(path: &Path) -> String {
    let root = repo_root().canonicalize().unwrap();
    let full = path.canonicalize().unwrap();
    full.strip_prefix(&root)
        .unwrap_or(&full)
        .display()
        .to_string()
}

/// The Rust sources of the product (core, shell, command line), tests and benches aside.
fn product_sources() -> Vec<PathBuf> {
    let root = repo_root().join("src-tauri");
    ["core/src", "app", "cli/src"]
        .iter()
        .flat_map(|dir| files(&root.join(dir), ".rs"))
        .collect()
}

/// The lines of a file before its trailing `#[cfg(test)]` module.
fn code_lines(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines
        .iter()
        .position(|line| line.trim() == "#[cfg(test)]")
        .unwrap_or(lines.len());
    lines[..end].to_vec()
}

fn core_module(relative_to_core_src: &str) -> Vec<PathBuf> {
    let path = repo_root()
        .join("src-tauri/core/src")
        .join(relative_to_core_src);
    if path.is_dir() {
        files(&path, ".rs")
    } else {
        vec![path]
    }
}

#[test]
fn sql_lives_in_the_store_only() {
    let sql = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "CREATE TABLE",
        "PRAGMA ",
    ];
    let mut offenders = Vec::new();
    for path in product_sources() {
        let name = relative(&path);
        if name.starts_with("src-tauri/core/src/store/") {
            continue;
        }
        let text = read(&path);
        for (number, line) in code_lines(&text).iter().enumerate() {
            let in_string = line.contains('"');
            let uses_rusqlite = line.contains("rusqlite::") && !name.ends_with("core/src/error.rs");
            if uses_rusqlite || (in_string && sql.iter().any(|keyword| line.contains(keyword))) {
                offenders.push(format!("{name}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside store/:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn the_core_and_the_command_line_do_not_depend_on_tauri() {
    for manifest in ["src-tauri/core/Cargo.toml", "src-tauri/cli/Cargo.toml"] {
        let path = repo_root().join(manifest);
        if !path.exists() {
            continue;
        }
        let text = read(&path);
        let dependencies = text.split("[dev-dependencies]").next().unwrap_or("");
        assert!(
            !dependencies
                .lines()
                .any(|line| line.trim_start().starts_with("tauri")),
            "{manifest} depends on Tauri"
        );
    }
    for path in files(&repo_root().join("src-tauri/core/src"), ".rs") {
        assert!(
            !read(&path).contains("tauri::"),
            "{} uses Tauri",
            relative(&path)
        );
    }
}

/// Layers that must not import the store: the domain, its rules, the reference files' parser
/// and the document renderers (they take plain data; `printing/` reads it).
#[test]
fn the_domain_and_the_renderers_do_not_import_the_store() {
    let pure = [
        "model",
        "validation",
        "agenda.rs",
        "reference.rs",
        "codes.rs",
        "holidays",
        "coherence",
        "emergency.rs",
        "documents",
    ];
    let mut offenders = Vec::new();
    for module in pure {
        for path in core_module(module) {
            let text = read(&path);
            for (number, line) in code_lines(&text).iter().enumerate() {
                let imports_store = line.contains("crate::store")
                    || line.contains("crate::Store")
                    || line.contains("crate::printing")
                    || line.contains("crate::exchange");
                if imports_store {
                    offenders.push(format!(
                        "{}:{}: {}",
                        relative(&path),
                        number + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "imports of the store in pure layers:\n{}",
        offenders.join("\n")
    );
}

/// `(name, first line, length)` of every `fn` in a rustfmt-formatted file, outside tests.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines = code_lines(text);
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let is_fn = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "async fn ",
            "pub async fn ",
            "pub(super) fn ",
        ]
        .iter()
        .any(|start| trimmed.starts_with(start));
        if !is_fn || trimmed.ends_with(';') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let closing = format!("{}}}", " ".repeat(indent));
        let Some(end) = lines[index..].iter().position(|l| *l == closing) else {
            continue;
        };
        let name = trimmed.split('(').next().unwrap_or(trimmed).to_string();
        found.push((name, index + 1, end + 1));
    }
    found
}

#[test]
fn no_source_file_over_600_lines_and_no_function_over_100() {
    let mut offenders = Vec::new();
    for path in product_sources() {
        let text = read(&path);
        let length = code_lines(&text).len();
        if length > 600 {
            offenders.push(format!("{}: {length} lines", relative(&path)));
        }
        for (name, line, length) in functions(&text) {
            if length > 100 {
                offenders.push(format!(
                    "{}:{line}: {name} is {length} lines",
                    relative(&path)
                ));
            }
        }
    }
    assert!(offenders.is_empty(), "too long:\n{}", offenders.join("\n"));
}

#[test]
fn every_command_is_at_most_15_lines() {
    let mut offenders = Vec::new();
    for path in files(&repo_root().join("src-tauri/app/commands"), ".rs") {
        let text = read(&path);
        let lines: Vec<&str> = text.lines().collect();
        for (name, line, length) in functions(&text) {
            let attributes = lines[..line - 1].iter().rev().take_while(|l| {
                l.trim_start().starts_with("#[") || l.trim_start().starts_with("///")
            });
            let is_command = attributes.into_iter().any(|l| l.contains("tauri::command"));
            if is_command && length > 15 {
                offenders.push(format!(
                    "{}:{line}: {name} is {length} lines",
                    relative(&path)
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "commands over 15 lines:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn interface_modules_are_small_and_only_api_js_calls_the_backend() {
    let js = repo_root().join("ui/js");
    let mut offenders = Vec::new();
    for path in files(&js, ".js") {
        let name = relative(&path);
        let text = read(&path);
        let length = text.lines().count();
        if length > 350 && !name.ends_with("ui/js/i18n.js") {
            offenders.push(format!("{name}: {length} lines"));
        }
        if !name.ends_with("ui/js/api.js") && text.contains("__TAURI__") {
            offenders.push(format!("{name}: calls the backend (only api.js may)"));
        }
        for (number, line) in text.lines().enumerate() {
            if line.contains("innerHTML")
                || line.contains("insertAdjacentHTML")
                || line.contains("outerHTML")
            {
                offenders.push(format!("{name}:{}: builds HTML from a string", number + 1));
            }
        }
    }
    let api = read(&js.join("api.js"));
    for line in api
        .lines()
        .filter(|l| l.trim_start().starts_with("import "))
    {
        if line.contains("components/") || line.contains("views/") {
            offenders.push(format!("ui/js/api.js imports the interface: {line}"));
        }
    }
    assert!(
        offenders.is_empty(),
        "interface rules broken:\n{}",
        offenders.join("\n")
    );
}
