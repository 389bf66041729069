//! Closing the window is an ordinary exit: the app folds SQLite's write-ahead log back into the
//! database file first, so the `.db` alone — the one file a user copies to a USB key or mails
//! to a colleague — holds every change, including the last ones.
//!
//! The app runs here without WebDriver (whose "close window" kills the process) and its window
//! is closed as a window manager's close button does: a WM_DELETE_WINDOW message.

#![cfg(target_os = "linux")]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use passerelle_core::model::ExpertInput;
use passerelle_core::Store;
use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask};

fn expert(last_name: &str) -> ExpertInput {
    ExpertInput {
        first_name: "Claire".into(),
        last_name: last_name.into(),
        country: "FR".into(),
        ..Default::default()
    }
}

/// Sends WM_DELETE_WINDOW to the top-level windows of process `pid`.
fn ask_windows_to_close(pid: u32) {
    let (conn, screen) = x11rb::connect(None).expect("connect to the X display");
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| conn.intern_atom(false, name).unwrap().reply().unwrap().atom;
    let (protocols, delete, wm_pid) = (
        atom(b"WM_PROTOCOLS"),
        atom(b"WM_DELETE_WINDOW"),
        atom(b"_NET_WM_PID"),
    );
    for window in conn.query_tree(root).unwrap().reply().unwrap().children {
        let owner = conn
            .get_property(false, window, wm_pid, AtomEnum::CARDINAL, 0, 1)
            .unwrap()
            .reply()
            .unwrap();
        let accepts_delete = conn
            .get_property(false, window, protocols, AtomEnum::ATOM, 0, 16)
            .unwrap()
            .reply()
            .unwrap()
            .value32()
            .is_some_and(|mut atoms| atoms.any(|a| a == delete));
        if owner.value32().and_then(|mut v| v.next()) == Some(pid) && accepts_delete {
            let message = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
            conn.send_event(false, window, EventMask::NO_EVENT, message)
                .unwrap();
        }
    }
    conn.flush().unwrap();
}

#[test]
fn closing_the_window_leaves_every_change_in_the_database_file() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "DISPLAY is not set: start Xvfb first"
    );
    let _turn = passerelle_e2e::take_turn();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("passerelle.db");
    let mut seed = Store::open_with_reference(&db).unwrap();
    seed.create_expert(&expert("Dubois")).unwrap();
    seed.close().unwrap();

    let mut app = Command::new(passerelle_e2e::app_binary())
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::null())
        .spawn()
        .expect("start the app");
    // The app is up once its automatic backup of this start is written (renamed into place
    // from a temporary name, so only a finished `.db` counts).
    let backups = dir.path().join("sauvegardes");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !std::fs::read_dir(&backups).is_ok_and(|entries| {
        entries.flatten().any(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with("passerelle-auto-") && name.ends_with(".db")
        })
    }) {
        assert!(Instant::now() < deadline, "the app did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    // A change made while the window is open (another connection, as the app's own writes):
    // it sits in the write-ahead log, the app holding the file open.
    let mut other = Store::open(&db).unwrap();
    other.create_expert(&expert("Weber")).unwrap();
    drop(other);
    let wal = db.with_file_name("passerelle.db-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the change is in the -wal"
    );

    // Ask until the app is gone: on a busy machine the window may not be mapped yet when
    // first asked, and asking a closing window again does nothing more.
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = app.kill();
            panic!("the app did not exit after its window was asked to close");
        }
        ask_windows_to_close(app.id());
        std::thread::sleep(Duration::from_millis(500));
    };
    assert!(status.success(), "{status}");

    assert!(
        !wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0,
        "the window closed, its -wal still holds changes"
    );
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copie.db");
    std::fs::copy(&db, &copy).unwrap();
    let names: Vec<String> = Store::open(&copy)
        .unwrap()
        .search_experts(&Default::default())
        .unwrap()
        .items
        .into_iter()
        .map(|expert| expert.last_name)
        .collect();
    assert!(names.contains(&"Weber".to_string()), "{names:?}");
}
