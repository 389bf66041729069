//! Harness of the end-to-end tests: starts `tauri-driver` (which starts WebKitWebDriver and the
//! real Passerelle binary in its real webview) on a display, opens a WebDriver session on a
//! fresh database, and stops everything — tauri-driver with SIGTERM so it also stops
//! WebKitWebDriver — when the test ends.
//!
//! Needs: a built binary (`target/debug/passerelle`, or `PASSERELLE_BIN`), `tauri-driver` on the
//! PATH, and `DISPLAY` set (the test script starts Xvfb). Sessions take turns: one app under
//! test at a time, so that `cargo test --workspace` runs these tests beside the others.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub use fantoccini::{Client, Locator};

pub struct Session {
    pub client: Client,
    driver: Child,
    pub db_dir: tempfile::TempDir,
    /// Held until the session has stopped its driver and app (fields drop after `Drop::drop`).
    _turn: MutexGuard<'static, ()>,
}

/// One webview at a time: two apps under Xvfb would steal each other's focus, and the
/// machine has two cores.
static TURN: Mutex<()> = Mutex::new(());

/// Waits for this test's turn to run an app; the turn lasts as long as the guard.
pub fn take_turn() -> MutexGuard<'static, ()> {
    // A test that failed still released its turn; the lock's poison says nothing here.
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The app binary under test.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("PASSERELLE_BIN") {
        return PathBuf::from(path);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.join("target/debug/passerelle").canonicalize().expect(
        "target/debug/passerelle is missing: build the app (cargo build) before the end-to-end tests",
    )
}

/// Where screenshots go (under target/, never committed).
pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

impl Session {
    /// Starts tauri-driver on `port` and the app on a new, empty database.
    pub async fn start(port: u16) -> Session {
        Self::start_seeded(port, |_| {}).await
    }

    /// Like [`Session::start`], after `seed` has written to the database file (the app then
    /// opens a file that already holds data, as on a user's machine).
    // Each test runs on its own current-thread runtime: the lock orders whole tests, never two
    // tasks of one runtime, so holding it across awaits cannot deadlock.
    #[allow(clippy::await_holding_lock)]
    pub async fn start_seeded(port: u16, seed: impl FnOnce(&Path)) -> Session {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "DISPLAY is not set: start Xvfb first"
        );
        let turn = take_turn();
        let db_dir = tempfile::tempdir().expect("temporary folder");
        let db = db_dir.path().join("e2e.db");
        seed(&db);
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &(port + 1).to_string(),
            ])
            .env("PASSERELLE_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver not found: cargo install tauri-driver --locked");
        let capabilities = serde_json::json!({
            "tauri:options": {
                "application": app_binary(),
                "args": ["--db", db]
            }
        });
        let capabilities = capabilities.as_object().unwrap().clone();
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match fantoccini::ClientBuilder::native()
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(error) if Instant::now() < deadline => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(error) => panic!("no WebDriver session from tauri-driver: {error}"),
            }
        };
        Session {
            client,
            driver,
            db_dir,
            _turn: turn,
        }
    }

    /// Waits for an element by `data-testid`.
    pub async fn testid(&self, id: &str) -> fantoccini::elements::Element {
        self.css(&format!("[data-testid=\"{id}\"]")).await
    }

    /// Waits (up to 10 s) for an element matching a CSS selector.
    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("element {selector} did not appear: {e}"))
    }

    /// Waits until `selector`'s text contains `needle`; returns that text.
    pub async fn wait_for_text(&self, selector: &str, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Ok(element) = self.client.find(Locator::Css(selector)).await {
                if let Ok(text) = element.text().await {
                    if text.contains(needle) {
                        return text;
                    }
                    last = text;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{selector} never showed {needle:?}; last text: {last:?}");
    }

    /// Waits until the page has settled: no call in flight (`aria-busy`), fonts loaded, and the
    /// box of `selector` the same on two readings 100 ms apart — what a person waits for
    /// before clicking something that data arriving late could still move.
    pub async fn settled(&self, selector: &str) {
        const READING: &str = r#"
            const el = document.querySelector(arguments[0]);
            const busy = document.querySelector('[aria-busy="true"]') !== null
                || document.fonts.status !== 'loaded';
            if (!el || busy) return null;
            const r = el.getBoundingClientRect();
            return [r.x, r.y, r.width, r.height, document.body.scrollHeight].join(',');
        "#;
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut previous: Option<String> = None;
        while Instant::now() < deadline {
            let reading = self
                .client
                .execute(READING, vec![serde_json::json!(selector)])
                .await
                .ok()
                .and_then(|value| value.as_str().map(String::from));
            if reading.is_some() && reading == previous {
                return;
            }
            previous = reading;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{selector} did not settle within 10 s");
    }

    /// The database file the app is working on.
    pub fn db_path(&self) -> PathBuf {
        self.db_dir.path().join("e2e.db")
    }

    /// Clicks the element with `data-testid`, once it is there.
    pub async fn click(&self, id: &str) {
        // The app scrolls inside <main>, not the window. WebKitWebDriver brings an element
        // just inside the view, then focusing it on mousedown scrolls <main> again and the
        // mouseup lands elsewhere: centre it first, as a person would have it on screen.
        self.scroll_to(id).await;
        self.testid(id)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {id}: {e}"));
    }

    /// Types `text` into the field with `data-testid`, after clearing it.
    pub async fn type_into(&self, id: &str, text: &str) {
        let field = self.testid(id).await;
        field.clear().await.ok();
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {id}: {e}"));
    }

    /// Chooses the option with `value` in the select with `data-testid`.
    pub async fn choose(&self, id: &str, value: &str) {
        self.testid(id)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("cannot choose {value} in {id}: {e}"));
    }

    /// How many elements match `selector` now (0 if the page cannot be read).
    pub async fn count(&self, selector: &str) -> usize {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .map(|found| found.len())
            .unwrap_or(0)
    }

    /// Scrolls `<main>` so that the element with `data-testid` is in the middle of the view
    /// (for screenshots of what lies below the fold).
    pub async fn scroll_to(&self, id: &str) {
        let element = self.testid(id).await;
        if let Ok(argument) = serde_json::to_value(&element) {
            let _ = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'})",
                    vec![argument],
                )
                .await;
        }
    }

    /// Waits until no element matches `selector` any more.
    pub async fn wait_until_gone(&self, selector: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.client.find_all(Locator::Css(selector)).await {
                Ok(found) if found.is_empty() => return,
                _ => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        panic!("{selector} is still there");
    }

    /// Saves a PNG of the window under target/e2e-screenshots/.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(screenshot_dir().join(format!("{name}.png")), png);
        }
    }

    /// Closes the session and stops tauri-driver (SIGTERM, so WebKitWebDriver stops too).
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        self.terminate_driver();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Session {
    fn terminate_driver(&mut self) {
        #[cfg(unix)]
        // SAFETY: kill(2) on the pid of a child we spawned; at worst it is already gone.
        unsafe {
            libc::kill(self.driver.id() as libc::pid_t, libc::SIGTERM);
        }
        #[cfg(not(unix))]
        let _ = self.driver.kill();
    }
}

/// A failed assertion unwinds past `stop`: tauri-driver must still go, or it keeps the test's
/// output pipe open and the run hangs instead of reporting the failure.
impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            self.terminate_driver();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.driver.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = self.driver.kill();
            let _ = self.driver.wait();
        }
        // WebKitWebDriver does not always take the app down with it on a failed test; an app
        // left running would keep the test's output pipe open.
        terminate_processes_using(&self.db_path());
    }
}

/// Sends SIGTERM to every process whose command line names `path` (the app under test is
/// started with `--db <path>`, unique to each test).
fn terminate_processes_using(path: &Path) {
    #[cfg(target_os = "linux")]
    {
        let needle = path.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<i32>().ok())
            else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            if String::from_utf8_lossy(&cmdline).contains(&needle) {
                // SAFETY: kill(2) with a pid read from /proc; at worst it has exited meanwhile.
                unsafe {
                    libc::kill(pid, libc::SIGTERM);
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}
