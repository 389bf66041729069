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

    /// Clicks the element `xpath` finds; `what` names it in the failure message.
    pub async fn click_xpath(&self, xpath: &str, what: &str) {
        self.client
            .find(Locator::XPath(xpath))
            .await
            .unwrap_or_else(|e| panic!("no {what}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {what}: {e}"));
    }

    /// Clicks `inner` (an XPath step such as `a` or `button[@data-testid='session-edit']`) in
    /// the table row of `data-testid` `row_testid` that contains `needle`.
    pub async fn click_in_row(&self, row_testid: &str, needle: &str, inner: &str) {
        let xpath =
            format!("//tr[@data-testid='{row_testid}'][contains(., \"{needle}\")]//{inner}");
        self.click_xpath(&xpath, &format!("{inner} in the {row_testid} of {needle}"))
            .await;
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

/// The axe-core script the accessibility audit injects: `AXE_CORE_JS`, or the copy that
/// `scripts/setup-debian.sh --tests` installs (pinned) under target/test-tools/.
pub fn axe_core_script() -> String {
    let path = std::env::var_os("AXE_CORE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/test-tools/node_modules/axe-core/axe.min.js")
        });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}): run scripts/setup-debian.sh --tests, which installs it",
            path.display()
        )
    })
}

/// The WCAG 2.1 A and AA rules, as the project's standard asks; nothing else is excluded.
const AXE_RUN: &str = r#"
    const done = arguments[arguments.length - 1];
    window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
    }).then((results) => done(JSON.stringify({
        violations: results.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({
                target: n.target.join(' '), html: n.html, summary: n.failureSummary,
            })),
        })),
        incomplete: results.incomplete.map((v) => v.id + ' at ' + v.nodes.map((n) => n.target.join(' ')
            + ' (' + n.any.concat(n.all, n.none).map((c) => c.message).join('; ') + ')').join(', ')),
    }))).catch((error) => done('axe failed: ' + error));
"#;

impl Session {
    /// Runs axe-core in the real webview on what is on screen now and panics with a readable
    /// list (rule, impact, help, the first failing nodes) if any WCAG 2.1 A/AA rule fails.
    /// `page` names the screen in that list.
    pub async fn audit(&self, page: &str) {
        if let Err(findings) = self.audit_findings(page).await {
            panic!("{findings}");
        }
    }

    /// Like [`Session::audit`], but returns the list instead of panicking, so that a walk
    /// through many screens can report every screen's findings in one run. Waits first for no
    /// call in flight; saves a screenshot `a11y-<page>` when something is found.
    pub async fn audit_findings(&self, page: &str) -> Result<(), String> {
        self.wait_until_gone("[aria-busy=\"true\"]").await;
        let started = Instant::now();
        // WebDriver's scripts run as the automation's own, outside the page's CSP; axe stays on
        // `window` across the app's hash navigation, so it is injected once per page load.
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .ok()
            .and_then(|value| value.as_bool())
            .unwrap_or(false);
        if !loaded {
            let script = format!("{}\nreturn typeof window.axe;", axe_core_script());
            let kind = self
                .client
                .execute(&script, vec![])
                .await
                .unwrap_or_else(|e| panic!("cannot inject axe-core into the webview: {e}"));
            assert_eq!(kind, "object", "axe-core did not load in the webview");
        }
        let outcome = self
            .client
            .execute_async(AXE_RUN, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run on {page}: {e}"));
        let text = outcome.as_str().unwrap_or_default();
        let results: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|_| panic!("axe-core on {page}: {text}"));
        let violations = results["violations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        // What axe could not decide (e.g. a contrast over a gradient) fails nothing but is
        // printed, for a person to look at.
        println!(
            "accessibility audit of {page}: {} violation(s) in {} ms; to review by hand: {}",
            violations.len(),
            started.elapsed().as_millis(),
            results["incomplete"]
        );
        if violations.is_empty() {
            return Ok(());
        }
        self.screenshot(&format!("a11y-{page}")).await;
        Err(format!(
            "WCAG 2.1 AA violations on {page}:\n{}",
            describe_violations(&violations)
        ))
    }
}

/// One paragraph per rule: id, impact, help, then up to five failing nodes.
fn describe_violations(violations: &[serde_json::Value]) -> String {
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_string();
    let mut out = String::new();
    for violation in violations {
        let nodes = violation["nodes"].as_array().cloned().unwrap_or_default();
        out.push_str(&format!(
            "- {} ({}): {} [{} node(s)]\n",
            text(&violation["id"]),
            text(&violation["impact"]),
            text(&violation["help"]),
            nodes.len()
        ));
        for node in nodes.iter().take(5) {
            let summary = text(&node["summary"]).replace('\n', "\n      ");
            out.push_str(&format!(
                "    at {}\n      {}\n      {}\n",
                text(&node["target"]),
                text(&node["html"]),
                summary
            ));
        }
    }
    out
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
        // left running would keep the test's output pipe open and hang the whole run. One that
        // does not stop on SIGTERM within a few seconds (seen once after a failed sharing test)
        // gets SIGKILL.
        let path = self.db_path();
        signal_processes_using(&path, libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(3);
        while signal_processes_using(&path, 0) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        signal_processes_using(&path, libc::SIGKILL);
    }
}

/// Sends `signal` to every process whose command line names `path` (the app under test is
/// started with `--db <path>`, unique to each test); returns how many there were (signal 0
/// only counts them).
fn signal_processes_using(path: &Path, signal: libc::c_int) -> usize {
    let mut found = 0;
    #[cfg(target_os = "linux")]
    {
        let needle = path.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return 0;
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
                found += 1;
                // SAFETY: kill(2) with a pid read from /proc; at worst it has exited meanwhile.
                unsafe {
                    libc::kill(pid, signal);
                }
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (path, signal);
    found
}
