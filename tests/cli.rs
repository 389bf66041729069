//! The windowless command line, run as a user's script would: real binary, real file.

use std::process::Command;

fn passerelle(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("PASSERELLE_DB")
        .output()
        .expect("run passerelle")
}

#[test]
fn demo_list_search_and_print_work_without_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");

    let demo = passerelle(&db, &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&demo.stdout).unwrap();
    assert_eq!(line["code"], "EXEMPLE-VE-2027");

    let themes = passerelle(&db, &["list", "themes"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(themes.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 17);
    assert!(lines.iter().any(|t| t["label"] == "Santé"));

    let search = passerelle(&db, &["search", "strasbourg ortenau"]);
    let text = String::from_utf8(search.stdout).unwrap();
    assert!(
        text.lines().any(|l| l.contains("\"entity\":\"event\"")),
        "{text}"
    );

    let pdf = dir.path().join("programme.pdf");
    let out = passerelle(
        &db,
        &[
            "programme",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Du mardi 16 au jeudi 18 mars 2027"), "{text}");
    assert!(text.contains("Code : EXEMPLE-VE-2027"), "{text}");
    assert!(
        text.contains("Identifier des partenaires et des financements"),
        "{text}"
    );

    let sheets = dir.path().join("emargement.pdf");
    let out = passerelle(
        &db,
        &[
            "emargement",
            "--event",
            "EXEMPLE-VE-2027",
            "--out",
            sheets.to_str().unwrap(),
            "--rows",
            "12",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = Command::new("pdfinfo").arg(&sheets).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("Pages:") && !info.contains("Pages:           0"),
        "{info}"
    );
}

#[test]
fn errors_are_in_french_on_stderr_with_a_failure_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.db");
    let out = passerelle(
        &db,
        &[
            "programme",
            "--event",
            "INCONNU",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("L'événement est introuvable"), "{stderr}");
    assert!(!dir.path().join("x.pdf").exists());

    let garbage = dir.path().join("pas-une-base.db");
    std::fs::write(&garbage, vec![0x42u8; 4096]).unwrap();
    let out = passerelle(&garbage, &["list", "experts"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("n'est pas une base de données Passerelle"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&garbage).unwrap(), vec![0x42u8; 4096]);
}
