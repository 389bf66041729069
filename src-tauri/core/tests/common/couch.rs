//! A CouchDB-protocol server for the sync tests, started and stopped by the tests themselves.
//!
//! By default `TestCouch::start` runs `tests/support/couch-server.js` (express-pouchdb on
//! PouchDB's in-memory adapter, installed under `target/test-tools` by
//! `scripts/setup-debian.sh --tests`) with node, on 127.0.0.1 and a port the system picks. The
//! data lives in that process's memory: `stop` loses it, and `restart` brings the server back
//! on the same port, empty. Dropping the `TestCouch` kills the process (a panicking test too),
//! and the server exits by itself when its standard input closes, so a test process killed
//! outright leaves no node behind either.
//!
//! With `PASSERELLE_TEST_COUCHDB_URL` set to a real Apache CouchDB 3.x, credentials of an admin
//! in the URL (`http://admin:secret@127.0.0.1:5984`), `start` uses that server instead; every
//! test works in its own database (`fresh_database`, a new name each time: `passerelle_test_…`,
//! left on the server afterwards). That server cannot be stopped by a test: the tests that stop
//! one call `start_local`, which always runs the node server.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use passerelle_core::sync::{Remote, RemoteConfig};
use serde_json::{json, Value};

pub struct TestCouch {
    /// The server's address, without credentials.
    url: String,
    user: String,
    password: String,
    /// The node server when it is ours and running.
    child: Option<Child>,
    port: u16,
    /// A real Apache CouchDB from `PASSERELLE_TEST_COUCHDB_URL`.
    external: bool,
    /// The node server's options, kept for `restart`.
    options: Vec<&'static str>,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn node_modules() -> PathBuf {
    let path = repo_root().join("target/test-tools/node_modules");
    if !path.join("express-pouchdb").is_dir() {
        panic!(
            "The sync tests' server is missing ({}): run scripts/setup-debian.sh --tests, which installs it",
            path.display()
        );
    }
    path
}

/// `node tests/support/<script>` with the test tools on its module path.
pub fn node(script: &str) -> Command {
    let mut command = Command::new("node");
    command
        .arg(repo_root().join("tests/support").join(script))
        .env("NODE_PATH", node_modules());
    command
}

impl TestCouch {
    /// The server of `PASSERELLE_TEST_COUCHDB_URL` when set, else a fresh in-memory one.
    pub fn start() -> TestCouch {
        match std::env::var("PASSERELLE_TEST_COUCHDB_URL") {
            Ok(url) if !url.trim().is_empty() => TestCouch::external(url.trim()),
            _ => TestCouch::start_local(),
        }
    }

    /// Always our in-memory server (for the tests that stop or restart it).
    pub fn start_local() -> TestCouch {
        TestCouch::start_local_with(Vec::new())
    }

    /// Our server without `_bulk_get`, as CouchDB before 2.0.
    pub fn start_local_without_bulk_get() -> TestCouch {
        TestCouch::start_local_with(vec!["--without-bulk-get"])
    }

    fn start_local_with(options: Vec<&'static str>) -> TestCouch {
        let (child, port) = spawn(0, &options);
        TestCouch {
            url: format!("http://127.0.0.1:{port}"),
            user: String::new(),
            password: String::new(),
            child: Some(child),
            port,
            external: false,
            options,
        }
    }

    fn external(url: &str) -> TestCouch {
        let parsed = reqwest::Url::parse(url).expect("PASSERELLE_TEST_COUCHDB_URL is not a URL");
        let mut bare = parsed.clone();
        bare.set_username("").expect("URL without user");
        bare.set_password(None).expect("URL without password");
        let user = percent_decode(parsed.username());
        let password = percent_decode(parsed.password().unwrap_or(""));
        TestCouch {
            url: bare.as_str().trim_end_matches('/').to_string(),
            user,
            password,
            child: None,
            port: parsed.port_or_known_default().unwrap_or(0),
            external: true,
            options: Vec::new(),
        }
    }

    /// `http://127.0.0.1:PORT` (no credentials).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The address with the credentials in it, as PouchDB takes it.
    pub fn url_with_credentials(&self) -> String {
        if self.user.is_empty() {
            return self.url.clone();
        }
        let mut url = reqwest::Url::parse(&self.url).expect("server URL");
        url.set_username(&self.user).expect("user");
        url.set_password(Some(&self.password)).expect("password");
        url.as_str().trim_end_matches('/').to_string()
    }

    /// A database name no other test (nor an earlier run) used.
    pub fn fresh_database(&self) -> String {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!(
            "passerelle_test_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        )
    }

    /// The settings of the « Partage » page for `database` on this server.
    pub fn config(&self, database: &str) -> RemoteConfig {
        RemoteConfig {
            server: self.url.clone(),
            database: database.to_string(),
            user: self.user.clone(),
            password: self.password.clone(),
        }
    }

    /// Apache CouchDB itself rather than the PouchDB test server.
    pub fn is_external(&self) -> bool {
        self.external
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Kills the server and waits for it to be gone; its data is lost.
    pub fn stop(&mut self) {
        let child = self
            .child
            .as_mut()
            .expect("an external CouchDB cannot be stopped by a test: use TestCouch::start_local");
        let _ = child.kill();
        let _ = child.wait();
        self.child = None;
    }

    /// Starts the server again on the same port, empty (it is in memory).
    pub fn restart(&mut self) {
        assert!(
            !self.external,
            "an external CouchDB cannot be restarted by a test: use TestCouch::start_local"
        );
        if self.child.is_some() {
            self.stop();
        }
        let (child, _) = spawn(self.port, &self.options);
        self.child = Some(child);
    }

    /// Runs the PouchDB colleague (`tests/support/pouch-colleague.js`) on `database` with these
    /// operations; returns what its `dump` operations printed, one JSON value each.
    pub fn colleague(
        &self,
        database: &str,
        operations: serde_json::Value,
    ) -> Vec<serde_json::Value> {
        let mut child = node("pouch-colleague.js")
            .arg(self.url_with_credentials())
            .arg(database)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node runs the PouchDB colleague");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(operations.to_string().as_bytes())
            .expect("operations written");
        let output = child.wait_with_output().expect("colleague finished");
        assert!(
            output.status.success(),
            "the PouchDB colleague failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).expect("colleague's JSON"))
            .collect()
    }
}

impl Drop for TestCouch {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Starts the node server on `port` (0: the system picks), waits until `GET /` answers.
fn spawn(port: u16, options: &[&str]) -> (Child, u16) {
    let mut child = node("couch-server.js")
        .arg(port.to_string())
        .args(options)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node starts the test server (is node installed?)");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = mpsc::channel();
    // Reads the announced port, then keeps draining the pipe so the server never blocks on it.
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        if let Some(Ok(line)) = lines.next() {
            let _ = sender.send(line);
        }
        for _ in lines {}
    });
    let line = match receiver.recv_timeout(Duration::from_secs(30)) {
        Ok(line) => line,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the test server did not start on port {port}");
        }
    };
    let port: u16 = line
        .strip_prefix("listening ")
        .and_then(|p| p.trim().parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line from the test server: {line}"));
    wait_until_answering(port);
    (child, port)
}

fn wait_until_answering(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(answer) = http_get_root(port) {
            if answer.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the test server does not answer GET /"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `GET /` on 127.0.0.1:port, the raw answer (None when nothing listens).
pub fn http_get_root(port: u16) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    Some(answer)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A revision id at `position` whose hash is `tag` repeated: readable and valid hex-like.
pub fn rev(position: u64, tag: &str) -> String {
    format!("{position}-{}", tag.repeat(32 / tag.len()))
}

/// A document as a replicator pushes it: `_revisions` from `history` (newest first).
pub fn doc(id: &str, history: &[String], body: Value, deleted: bool) -> Value {
    let start: u64 = history[0].split('-').next().unwrap().parse().unwrap();
    let ids: Vec<&str> = history
        .iter()
        .map(|r| r.split_once('-').unwrap().1)
        .collect();
    let mut doc = body.as_object().cloned().unwrap_or_default();
    doc.insert("_id".into(), json!(id));
    doc.insert("_rev".into(), json!(history[0]));
    doc.insert("_revisions".into(), json!({ "start": start, "ids": ids }));
    if deleted {
        doc.insert("_deleted".into(), json!(true));
    }
    Value::Object(doc)
}

pub async fn remote_on(couch: &TestCouch) -> (Remote, String) {
    let database = couch.fresh_database();
    let remote = Remote::new(&couch.config(&database)).expect("valid settings");
    remote.ensure_database().await.expect("database created");
    (remote, database)
}
