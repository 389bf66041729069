//! One synchronisation with the team's server: revise, send, receive, send again, checkpoint
//! (see the module's documentation). The store is reached only through [`LocalReplica`], in
//! short transactions between network calls, so a form is never kept waiting by the network.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::{json, Value};

use super::apply;
use super::error::SyncError;
use super::local::{self, Applied, IncomingRevision};
use super::remote::{Remote, RemoteConfig, RemoteRevision};
use super::settings::{SyncPhase, SyncProgress, SyncSummary};
use crate::error::{CoreError, CoreResult};
use crate::exchange::json::docs;
use crate::store::sync as sql;
use crate::Store;

/// Revisions sent per `_bulk_docs` request.
const SEND_BATCH: usize = 500;
/// Above this many bytes of documents (files included), a batch is sent in several requests.
const SEND_BYTES: usize = 16 * 1024 * 1024;
/// Changes read per `_changes` request.
const RECEIVE_BATCH: usize = 500;

/// How the sync reaches the database: briefly, one transaction at a time. The window locks its
/// store for each call; the command line owns its store.
pub trait LocalReplica: Sync {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T>;
}

impl LocalReplica for Mutex<Store> {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T> {
        let mut store = self
            .lock()
            .map_err(|_| CoreError::Io(std::io::Error::other("verrou")))?;
        work(&mut store)
    }
}

/// Synchronises the local database with the team's server. Offline is an outcome like any
/// other: the status says so and the next attempt resumes where this one stopped.
pub async fn synchronise(
    local: &impl LocalReplica,
    config: &RemoteConfig,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
) -> Result<SyncSummary, SyncError> {
    let outcome = match Remote::new(config) {
        Ok(remote) => run(local, &remote, config, progress).await,
        Err(error) => Err(error),
    };
    let recorded = local.with_store(|store| {
        store.write(|tx| {
            match &outcome {
                Ok(_) => {
                    sql::set_fact(tx, "lastSyncAt", Some(&crate::store::now()))?;
                    sql::set_fact(tx, "lastError", None)?;
                    sql::set_fact(tx, "offline", None)?;
                }
                Err(error) if error.is_offline() => sql::set_fact(tx, "offline", Some("1"))?,
                Err(error) => {
                    sql::set_fact(tx, "offline", None)?;
                    sql::set_fact(tx, "lastError", Some(&error.to_string()))?;
                }
            }
            Ok(())
        })
    });
    let summary = outcome?;
    recorded?;
    Ok(summary)
}

async fn run(
    local: &impl LocalReplica,
    remote: &Remote,
    config: &RemoteConfig,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
) -> Result<SyncSummary, SyncError> {
    remote.ensure_database().await?;
    let replica = local.with_store(replica_id)?;
    let checkpoint_id = format!("passerelle-{replica}");
    let server_checkpoint = remote.get_local(&checkpoint_id).await?;
    let editor = config.user.clone();
    let mut summary = SyncSummary::default();
    local.with_store(|store| {
        store.write(|tx| {
            if server_checkpoint.is_none() {
                // This server does not know this laptop (its first sync, another server, a
                // database emptied or restored): every revision this laptop has — its own,
                // and a colleague's that came by exchange file — is offered to it, and its
                // changes are read from the start.
                sql::set_fact(tx, "checkpoint", None)?;
                local::offer_everything_again(tx)?;
            }
            sql::set_fact(tx, "serverKnown", Some("1"))?;
            local::revise(tx, &editor).map(|_| ())
        })
    })?;
    if server_checkpoint.is_none() {
        // Written before anything is sent, so that a server that loses it later (another
        // server at the same address, a database emptied or restored) is recognised as new at
        // the next sync.
        remote
            .put_local(
                &checkpoint_id,
                json!({ "last_seq": "0", "replica": replica }),
            )
            .await?;
    }
    summary.sent += send(local, remote, progress).await?;
    let applied = receive(local, remote, &editor, progress).await?;
    local.with_store(|store| store.write(|tx| local::revise(tx, &editor)))?;
    summary.sent += send(local, remote, progress).await?;
    let since = local.with_store(|store| sql::fact(store.conn(), "checkpoint"))?;
    let mut checkpoint = remote
        .get_local(&checkpoint_id)
        .await?
        .unwrap_or_else(|| json!({}));
    checkpoint["last_seq"] = Value::String(since.unwrap_or_else(|| "0".into()));
    checkpoint["replica"] = Value::String(replica);
    remote.put_local(&checkpoint_id, checkpoint).await?;
    let status = local.with_store(|store| store.sync_status())?;
    summary.received = applied.received;
    summary.merged = applied.merged;
    summary.conflicts = status.conflicts;
    summary.waiting_links = status.waiting_links;
    Ok(summary)
}

/// This laptop's replica id (a UUID kept in `meta`), made on the first sync.
fn replica_id(store: &mut Store) -> CoreResult<String> {
    if let Some(id) = sql::fact(store.conn(), "replica")? {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    store.write(|tx| sql::set_fact(tx, "replica", Some(&id)))?;
    Ok(id)
}

/// Sends the outbox in batches; returns how many revisions the server lacked.
async fn send(
    local: &impl LocalReplica,
    remote: &Remote,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
) -> Result<usize, SyncError> {
    let total = local.with_store(|store| sql::count_outbox(store.conn()))?;
    let (mut after, mut done, mut sent) = (0, 0, 0);
    loop {
        let batch = local.with_store(|store| sql::outbox(store.conn(), after, SEND_BATCH))?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut asked: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (_, doc_id, rev, _) in &batch {
            asked.entry(doc_id.clone()).or_default().push(rev.clone());
        }
        let missing = remote.revs_diff(&asked).await?;
        let mut documents = Vec::new();
        let mut bytes = 0;
        for (_, doc_id, rev, document) in &batch {
            if !missing.get(doc_id).is_some_and(|revs| revs.contains(rev)) {
                continue;
            }
            let mut document: Value = serde_json::from_str(document)
                .map_err(|error| SyncError::Protocol(error.to_string()))?;
            local.with_store(|store| local::attach_files(store.conn(), &mut document))?;
            bytes += document.to_string().len();
            documents.push(document);
            // Files travel inside the documents: a request stays within a few megabytes.
            if bytes > SEND_BYTES {
                remote.bulk_docs(&documents).await?;
                sent += documents.len();
                documents.clear();
                bytes = 0;
            }
        }
        if !documents.is_empty() {
            remote.bulk_docs(&documents).await?;
        }
        sent += documents.len();
        let seqs: Vec<i64> = batch.iter().map(|(seq, ..)| *seq).collect();
        local.with_store(|store| store.write(|tx| sql::sent(tx, &seqs)))?;
        done += batch.len();
        progress(SyncProgress {
            phase: SyncPhase::Sending,
            done,
            total: Some(total),
        });
    }
    Ok(sent)
}

/// Reads the server's changes from the checkpoint and applies what this laptop lacks, each
/// batch in one transaction with its checkpoint.
async fn receive(
    local: &impl LocalReplica,
    remote: &Remote,
    editor: &str,
    progress: &(dyn Fn(SyncProgress) + Send + Sync),
) -> Result<Applied, SyncError> {
    let mut since = local
        .with_store(|store| sql::fact(store.conn(), "checkpoint"))?
        .unwrap_or_else(|| "0".into());
    let mut applied = Applied::default();
    let mut done = 0;
    loop {
        let page = remote.changes(&since, RECEIVE_BATCH).await?;
        let wanted = local.with_store(|store| {
            let mut wanted = Vec::new();
            for change in &page.results {
                if change.id.starts_with('_') {
                    continue;
                }
                for rev in &change.revs {
                    if !local::knows(store.conn(), &change.id, rev)? {
                        wanted.push((change.id.clone(), rev.clone()));
                    }
                }
            }
            Ok(wanted)
        })?;
        let revisions = if wanted.is_empty() {
            Vec::new()
        } else {
            remote.get_revisions(&wanted).await?
        };
        let last_seq = page.last_seq.clone();
        local.with_store(|store| {
            store.write(|tx| {
                local::revise(tx, editor)?;
                let ids = docs::local_ids(tx)?;
                let mut revisions: Vec<IncomingRevision> =
                    revisions.into_iter().map(incoming).collect();
                // The ends of losing branches first: a record on such a branch then takes the
                // winner of the same batch as it is, instead of meeting it as a conflict.
                revisions.sort_by_key(|revision| !apply::is_buried(revision));
                for revision in &revisions {
                    apply::apply(tx, &ids, revision, &mut applied)?;
                }
                // A file no resource names any more (a colleague removed it) goes.
                crate::store::resource_files::delete_orphan_contents(tx)?;
                sql::set_fact(tx, "checkpoint", Some(&last_seq))
            })
        })?;
        done += page.results.len();
        progress(SyncProgress {
            phase: SyncPhase::Receiving,
            done,
            total: page.pending.map(|pending| done + pending as usize),
        });
        let finished = page.results.len() < RECEIVE_BATCH || since == last_seq;
        since = last_seq;
        if finished {
            break;
        }
    }
    local.with_store(|store| store.write(|tx| apply::retry_waiting(tx, &mut applied)))?;
    Ok(applied)
}

fn incoming(revision: RemoteRevision) -> IncomingRevision {
    IncomingRevision {
        doc_id: revision.id,
        rev: revision.rev,
        deleted: revision.deleted,
        ancestry: revision.ancestry,
        body: revision.body,
        attachments: revision.attachments,
    }
}
