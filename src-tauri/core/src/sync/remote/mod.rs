//! The client of CouchDB's replication protocol, as CouchDB documents it: one HTTP request per
//! call (batching and ordering are the replicator's job), answers parsed into plain types, every
//! failure mapped to a `SyncError`. It knows nothing of the local store.
//!
//! Works against Apache CouchDB 3.x and PouchDB Server (the tests' server); where they differ
//! (sequences as strings or numbers, `_bulk_get` missing on old servers) this side absorbs it.

mod answers;
mod settings;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response, StatusCode, Url};
use serde_json::{json, Value};

use super::error::SyncError;
use answers::{change, protocol, revision, sequence, strings, text};
pub use answers::{Change, ChangesPage, RemoteRevision};
pub use settings::RemoteConfig;
use settings::{check_database_name, invalid, server_url, SERVER_FIELD};

/// A connection to one database of one server.
pub struct Remote {
    client: reqwest::Client,
    /// The server's address as the user typed it, for messages (it holds no credentials).
    server: String,
    /// The database's URL, ending with its name.
    database_url: Url,
    database: String,
    auth: Option<(String, String)>,
    /// Cleared when the server turns out not to have `_bulk_get` (CouchDB before 2.0).
    bulk_get: AtomicBool,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("server", &self.server)
            .field("database", &self.database)
            .field("user", &self.auth.as_ref().map(|(user, _)| user))
            .finish()
    }
}

impl Remote {
    /// Checks the address (http(s) URL; HTTPS required except for localhost / 127.0.0.1 / ::1;
    /// no query or fragment) and the database name (CouchDB's rule: ^[a-z][a-z0-9_$()+/-]*$),
    /// each refusal a SyncError::InvalidSetting naming the field (« Adresse du serveur », « Base »).
    pub fn new(config: &RemoteConfig) -> Result<Remote, SyncError> {
        let server = config.server.trim().to_string();
        let base = server_url(&server)?;
        check_database_name(&config.database)?;
        let mut database_url = base;
        database_url
            .path_segments_mut()
            .map_err(|()| {
                invalid(
                    SERVER_FIELD,
                    "cette adresse ne peut pas désigner un serveur.",
                )
            })?
            .pop_if_empty()
            .push(&config.database);
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .gzip(true)
            .user_agent(concat!("Passerelle/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| SyncError::Tls {
                server: server.clone(),
                detail: e.to_string(),
            })?;
        let user = config.user.trim();
        let auth = (!user.is_empty()).then(|| (user.to_string(), config.password.clone()));
        Ok(Remote {
            client,
            server,
            database_url,
            database: config.database.clone(),
            auth,
            bulk_get: AtomicBool::new(true),
        })
    }

    /// GET /db; a 404 creates it (PUT /db); 401 → Unauthorized, 403 → Forbidden.
    pub async fn ensure_database(&self) -> Result<(), SyncError> {
        let response = self.send(self.request(Method::GET, &[])).await?;
        if response.status() != StatusCode::NOT_FOUND {
            self.check(response).await?;
            return Ok(());
        }
        let response = self.send(self.request(Method::PUT, &[])).await?;
        // 412: created meanwhile by a colleague's first sync, which is what was wanted.
        if response.status() == StatusCode::PRECONDITION_FAILED {
            return Ok(());
        }
        // The GET passed with these credentials: a refusal now is about rights (CouchDB answers
        // 401 « You are not a server admin. »), not the password.
        if matches!(response.status().as_u16(), 401 | 403) {
            return Err(SyncError::Forbidden {
                database: self.database.clone(),
            });
        }
        self.check(response).await.map(drop)
    }

    /// POST /db/_revs_diff: for each doc id the revs given, the ones the server lacks.
    pub async fn revs_diff(
        &self,
        revs: &BTreeMap<String, Vec<String>>,
    ) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        if revs.is_empty() {
            return Ok(BTreeMap::new());
        }
        let request = self.request(Method::POST, &["_revs_diff"]).json(revs);
        let answer = self.json(request).await?;
        let entries = answer
            .as_object()
            .ok_or_else(|| protocol("_revs_diff ne renvoie pas un objet"))?;
        let mut missing = BTreeMap::new();
        for (id, entry) in entries {
            let revs = strings(entry.get("missing"))
                .ok_or_else(|| protocol(&format!("_revs_diff sans « missing » pour {id}")))?;
            if !revs.is_empty() {
                missing.insert(id.clone(), revs);
            }
        }
        Ok(missing)
    }

    /// POST /db/_bulk_docs {docs, new_edits:false}. Each doc a JSON object with _id, _rev,
    /// _revisions {start, ids}, optional _deleted and inline _attachments {name: {content_type,
    /// data: base64}}. A per-document error in the answer → SyncError::Rejected{id, reason}.
    pub async fn bulk_docs(&self, docs: &[Value]) -> Result<(), SyncError> {
        if docs.is_empty() {
            return Ok(());
        }
        let body = json!({ "docs": docs, "new_edits": false });
        let request = self.request(Method::POST, &["_bulk_docs"]).json(&body);
        let answer = self.json(request).await?;
        let results = answer
            .as_array()
            .ok_or_else(|| protocol("_bulk_docs ne renvoie pas une liste"))?;
        match results.iter().find(|result| result.get("error").is_some()) {
            Some(failed) => Err(SyncError::Rejected {
                id: text(failed.get("id")).unwrap_or_default(),
                reason: text(failed.get("reason"))
                    .or_else(|| text(failed.get("error")))
                    .unwrap_or_default(),
            }),
            None => Ok(()),
        }
    }

    /// GET /db/_changes?style=all_docs&since=..&limit=.. (feed=normal). `since` opaque: "0" first.
    pub async fn changes(&self, since: &str, limit: usize) -> Result<ChangesPage, SyncError> {
        let limit = limit.to_string();
        let query = [
            ("style", "all_docs"),
            ("feed", "normal"),
            ("since", since),
            ("limit", limit.as_str()),
        ];
        let request = self.request_with(Method::GET, &["_changes"], &query);
        let answer = self.json(request).await?;
        let rows = answer
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| protocol("_changes sans « results »"))?;
        let results = rows.iter().map(change).collect::<Result<Vec<_>, _>>()?;
        let last_seq = sequence(answer.get("last_seq"))
            .ok_or_else(|| protocol("_changes sans « last_seq »"))?;
        let pending = answer.get("pending").and_then(Value::as_u64);
        Ok(ChangesPage {
            results,
            last_seq,
            pending,
        })
    }

    /// The given revisions with their history and attachments: POST /db/_bulk_get?revs=true&attachments=true
    /// when the server has it, else GET /db/{id}?open_revs=[..]&revs=true&attachments=true with
    /// Accept: application/json. A revision the server no longer has is left out (not an error).
    pub async fn get_revisions(
        &self,
        wanted: &[(String, String)],
    ) -> Result<Vec<RemoteRevision>, SyncError> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        if self.bulk_get.load(Ordering::Relaxed) {
            if let Some(found) = self.bulk_get(wanted).await? {
                return Ok(found);
            }
            self.bulk_get.store(false, Ordering::Relaxed);
        }
        let mut by_id: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (id, rev) in wanted {
            by_id.entry(id).or_default().push(rev);
        }
        let mut found = Vec::new();
        for (id, revs) in by_id {
            found.extend(self.open_revs(id, &revs).await?);
        }
        Ok(found)
    }

    /// GET / PUT /db/_local/{id} (checkpoints); PUT carries the current _rev when there is one.
    pub async fn get_local(&self, id: &str) -> Result<Option<Value>, SyncError> {
        let response = self
            .send(self.request(Method::GET, &["_local", id]))
            .await?;
        if response.status() == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let response = self.check(response).await?;
        Ok(Some(self.parse(response).await?))
    }

    pub async fn put_local(&self, id: &str, body: Value) -> Result<(), SyncError> {
        let Value::Object(mut body) = body else {
            return Err(protocol("un point de reprise doit être un objet JSON"));
        };
        body.remove("_rev");
        if let Some(current) = self.get_local(id).await? {
            if let Some(rev) = current.get("_rev") {
                body.insert("_rev".into(), rev.clone());
            }
        }
        let request = self.request(Method::PUT, &["_local", id]).json(&body);
        self.json(request).await.map(drop)
    }

    /// `_bulk_get`'s answer, or None when the server does not know the endpoint.
    async fn bulk_get(
        &self,
        wanted: &[(String, String)],
    ) -> Result<Option<Vec<RemoteRevision>>, SyncError> {
        let docs: Vec<Value> = wanted
            .iter()
            .map(|(id, rev)| json!({ "id": id, "rev": rev }))
            .collect();
        let query = [("revs", "true"), ("attachments", "true")];
        let request = self
            .request_with(Method::POST, &["_bulk_get"], &query)
            .json(&json!({ "docs": docs }));
        let response = self.send(request).await?;
        if endpoint_missing(response.status()) {
            return Ok(None);
        }
        let response = self.check(response).await?;
        let answer: Value = self.parse(response).await?;
        let results = answer
            .get("results")
            .and_then(Value::as_array)
            .ok_or_else(|| protocol("_bulk_get sans « results »"))?;
        let mut found = Vec::new();
        for result in results {
            for doc in result
                .get("docs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(doc) = doc.get("ok") {
                    found.push(revision(doc)?);
                }
            }
        }
        Ok(Some(found))
    }

    /// The revisions of one document through `open_revs` (servers without `_bulk_get`).
    async fn open_revs(&self, id: &str, revs: &[&str]) -> Result<Vec<RemoteRevision>, SyncError> {
        let open_revs = serde_json::to_string(revs).map_err(|e| protocol(&e.to_string()))?;
        let query = [
            ("open_revs", open_revs.as_str()),
            ("revs", "true"),
            ("attachments", "true"),
        ];
        let request = self
            .request_with(Method::GET, &[id], &query)
            .header(reqwest::header::ACCEPT, "application/json");
        let response = self.send(request).await?;
        // The document is gone altogether (purged): nothing of it to bring back.
        if response.status() == StatusCode::NOT_FOUND {
            return Ok(Vec::new());
        }
        let response = self.check(response).await?;
        let answer: Value = self.parse(response).await?;
        let entries = answer
            .as_array()
            .ok_or_else(|| protocol("open_revs ne renvoie pas une liste"))?;
        entries
            .iter()
            .filter_map(|entry| entry.get("ok"))
            .map(revision)
            .collect()
    }

    /// A request to the database's URL followed by `segments` (each percent-encoded, so an id
    /// with a `/` stays one segment), with the credentials.
    fn request(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        self.request_with(method, segments, &[])
    }

    /// `request` with query parameters (percent-encoded here: reqwest's `query` would need one
    /// more feature and crate for the same).
    fn request_with(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, &str)],
    ) -> RequestBuilder {
        let mut url = self.database_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.extend(segments);
        }
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let request = self.client.request(method, url);
        match &self.auth {
            Some((user, password)) => request.basic_auth(user, Some(password)),
            None => request,
        }
    }

    async fn send(&self, request: RequestBuilder) -> Result<Response, SyncError> {
        let response = request.send().await.map_err(|e| self.transport(&e))?;
        // A reverse proxy in front of a stopped CouchDB: the server is down, not broken.
        if matches!(response.status().as_u16(), 502..=504) {
            return Err(SyncError::Unreachable {
                server: self.server.clone(),
            });
        }
        Ok(response)
    }

    /// The response when its status is a success, else the error CouchDB's {error, reason} says.
    async fn check(&self, response: Response) -> Result<Response, SyncError> {
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        Err(match status {
            StatusCode::UNAUTHORIZED => SyncError::Unauthorized,
            StatusCode::FORBIDDEN => SyncError::Forbidden {
                database: self.database.clone(),
            },
            _ => SyncError::Server {
                status: status.as_u16(),
                reason: text(answer.get("reason"))
                    .or_else(|| text(answer.get("error")))
                    .unwrap_or_else(|| status.to_string()),
            },
        })
    }

    async fn parse(&self, response: Response) -> Result<Value, SyncError> {
        let bytes = response.bytes().await.map_err(|e| self.transport(&e))?;
        serde_json::from_slice(&bytes).map_err(|e| protocol(&format!("JSON illisible ({e})")))
    }

    /// Sends, checks the status and parses the JSON answer.
    async fn json(&self, request: RequestBuilder) -> Result<Value, SyncError> {
        let response = self.send(request).await?;
        let response = self.check(response).await?;
        self.parse(response).await
    }

    /// A failure below HTTP: timeout, TLS, or the server unreachable (including a connection
    /// cut in the middle of an answer).
    fn transport(&self, error: &reqwest::Error) -> SyncError {
        let server = self.server.clone();
        if error.is_timeout() {
            return SyncError::Timeout { server };
        }
        if error.is_decode() {
            return protocol(&error.to_string());
        }
        // reqwest does not tell TLS failures apart; the TLS library's message names them.
        let mut source: Option<&dyn std::error::Error> = Some(error);
        while let Some(current) = source {
            let message = current.to_string();
            let lower = message.to_lowercase();
            if ["certificate", "ssl", "tls", "handshake"]
                .iter()
                .any(|word| lower.contains(word))
            {
                return SyncError::Tls {
                    server,
                    detail: message,
                };
            }
            source = current.source();
        }
        SyncError::Unreachable { server }
    }
}

/// Statuses by which a server says it has no `_bulk_get`: CouchDB 1.x reads the name as a
/// document id or refuses the method; PouchDB Server without it wants a multipart body (400).
/// A 400 for another reason comes back from `open_revs` as well, so nothing is hidden.
fn endpoint_missing(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_REQUEST
            | StatusCode::NOT_FOUND
            | StatusCode::METHOD_NOT_ALLOWED
            | StatusCode::NOT_IMPLEMENTED
    )
}
