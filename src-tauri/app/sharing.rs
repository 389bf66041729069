//! The team sharing in the window: when the syncs run and what the page is told. One task on
//! the async runtime (`scheduler`) runs every sync, so two never overlap: at start, every few
//! minutes, a short while after local changes, at once when the user asks (« Synchroniser »,
//! settings saved). A server out of reach is normal away from the office: the status says
//! « Hors ligne » and the next attempts come after 30 s, 1 min, 2 min… up to 15 min, as does a
//! failure, which the status shows. Progress and status go to the page as Tauri events
//! (`sync:progress`, `sync:status`).
//!
//! The password comes from the system's keychain, or from this session's memory when the
//! keychain could not keep it; it is never written, logged or sent back to the page.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use passerelle_core::sync::{
    keychain, synchronise, RemoteConfig, SyncError, SyncProgress, SyncSettings, SyncStatus,
};
use serde::Serialize;
use serde_json::Value;
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::Notify;
use tokio::time::{sleep, Instant};

use crate::error::CommandError;
use crate::state::SharedState;

/// The first sync after the window opens, once the page has drawn.
const AT_START: Duration = Duration::from_secs(3);
/// Between two syncs when all goes well.
const EVERY: Duration = Duration::from_secs(5 * 60);
/// How often the local changes are looked at (the status's « modifications en attente »).
const WATCH: Duration = Duration::from_secs(10);
/// From a local change seen to its sync.
const AFTER_CHANGE: Duration = Duration::from_secs(5);
/// Without settings, the scheduler sleeps until woken (settings saved).
const IDLE: Duration = Duration::from_secs(3600);
const BACKOFF_FIRST: Duration = Duration::from_secs(30);
const BACKOFF_MAX: Duration = Duration::from_secs(15 * 60);

/// The status as the page shows it: the store's, and whether a sync is running now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusView {
    #[serde(flatten)]
    pub status: SyncStatus,
    pub running: bool,
}

/// The answer to « Synchroniser »: `joined` when a sync was already running (no second one).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncStart {
    pub joined: bool,
}

/// A password typed in this session that the keychain could not keep.
struct SessionPassword {
    server: String,
    user: String,
    password: String,
}

type Emit = Box<dyn Fn(&str, Value) + Send + Sync>;

/// The sharing's part of the application state.
#[derive(Default)]
pub struct Sharing {
    session_password: Mutex<Option<SessionPassword>>,
    running: AtomicBool,
    wake: Notify,
    emit: OnceLock<Emit>,
    started: AtomicBool,
}

/// The wait before the `failures`-th retry in a row: 30 s, 1 min, 2 min… at most 15 min.
pub fn backoff(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(10);
    (BACKOFF_FIRST * 2u32.pow(doublings)).min(BACKOFF_MAX)
}

impl Sharing {
    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    fn send(&self, event: &str, payload: impl Serialize) {
        if let (Some(emit), Ok(value)) = (self.emit.get(), serde_json::to_value(payload)) {
            emit(event, value);
        }
    }

    fn session_password(&self) -> std::sync::MutexGuard<'_, Option<SessionPassword>> {
        self.session_password
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The password for these settings: this session's, else the keychain's, else none (a
    /// server open without login; one that wants a login answers so, and the status says it).
    fn password_for(&self, settings: &SyncSettings) -> String {
        if let Some(kept) = self.session_password().as_ref() {
            if kept.server == settings.server && kept.user == settings.user {
                return kept.password.clone();
            }
        }
        keychain::password(&settings.server, &settings.user)
            .ok()
            .flatten()
            .unwrap_or_default()
    }
}

/// Starts the scheduler once, with the page's events on `app`.
pub fn start<R: Runtime>(state: &SharedState, app: &AppHandle<R>) {
    let app = app.clone();
    let _ = state.sharing().emit.set(Box::new(move |event, payload| {
        let _ = app.emit(event, payload);
    }));
    if !state.sharing().started.swap(true, Ordering::SeqCst) {
        tauri::async_runtime::spawn(scheduler(SharedState::clone(state)));
    }
}

/// Asks for a sync now; joins the one running, if any.
pub fn request(state: &SharedState) -> SyncStart {
    let joined = state.sharing().is_running();
    if !joined {
        state.sharing().wake.notify_one();
    }
    SyncStart { joined }
}

/// Checks and saves `settings` (nothing changes when a field is refused), keeps the password
/// typed, if any, and asks for a sync; the answer is the notice about the password, if any.
pub async fn save_settings(
    state: &SharedState,
    settings: SyncSettings,
    password: Option<String>,
) -> Result<Option<String>, CommandError> {
    let checked = settings.clone();
    state
        .run(move |store| store.save_sync_settings(&checked))
        .await?;
    // As the store keeps them (trimmed): the keychain's entry is found again from these.
    let saved = state.run(|store| store.sync_settings()).await?;
    let notice = keep_password(state, saved.unwrap_or(settings), password).await?;
    request(state);
    Ok(notice)
}

/// Keeps `password` (when one was typed) in the keychain for the saved settings, else in this
/// session's memory; the answer is the notice to show when the keychain could not keep it.
async fn keep_password(
    state: &SharedState,
    settings: SyncSettings,
    password: Option<String>,
) -> Result<Option<String>, CommandError> {
    let Some(password) = password.filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let (server, user) = (settings.server.clone(), settings.user.clone());
    let typed = password.clone();
    let saved = tauri::async_runtime::spawn_blocking(move || {
        keychain::save_password(&server, &user, &typed)
    })
    .await
    .map_err(CommandError::internal)?;
    let mut session = state.sharing().session_password();
    *session = None;
    Ok(saved.err().map(|error| {
        *session = Some(SessionPassword {
            server: settings.server,
            user: settings.user,
            password,
        });
        format!("{error} Le mot de passe est gardé en mémoire pour cette session seulement : il vous sera redemandé au prochain démarrage de Passerelle.")
    }))
}

/// Forgets the password of `settings` (keychain and memory); a keychain that does not answer
/// kept nothing.
pub async fn forget_password(state: &SharedState, settings: Option<SyncSettings>) {
    *state.sharing().session_password() = None;
    if let Some(settings) = settings {
        let _ = tauri::async_runtime::spawn_blocking(move || {
            keychain::forget_password(&settings.server, &settings.user)
        })
        .await;
    }
}

/// The status for the page.
pub async fn status(state: &SharedState) -> Result<SyncStatusView, CommandError> {
    let status = state.run(|store| store.sync_status()).await?;
    Ok(SyncStatusView {
        status,
        running: state.sharing().is_running(),
    })
}

/// Tells the page the current status.
pub async fn announce(state: &SharedState) {
    if let Ok(view) = status(state).await {
        state.sharing().send("sync:status", view);
    }
}

enum Outcome {
    NotConfigured,
    Done,
    Failed,
}

/// One sync with the saved settings, its progress and its end told to the page.
async fn run_once(state: &SharedState) -> Outcome {
    let Ok(Some(settings)) = state.run(|store| store.sync_settings()).await else {
        return Outcome::NotConfigured;
    };
    let sharing = state.sharing();
    sharing.running.store(true, Ordering::SeqCst);
    announce(state).await;
    let reader = SharedState::clone(state);
    let read = settings.clone();
    let password =
        tauri::async_runtime::spawn_blocking(move || reader.sharing().password_for(&read))
            .await
            .unwrap_or_default();
    let config = RemoteConfig {
        server: settings.server,
        database: settings.database,
        user: settings.user,
        password,
    };
    let progress = |step: SyncProgress| sharing.send("sync:progress", step);
    let result: Result<_, SyncError> = synchronise(state.as_ref(), &config, &progress).await;
    sharing.running.store(false, Ordering::SeqCst);
    announce(state).await;
    match result {
        Ok(_) => Outcome::Done,
        Err(_) => Outcome::Failed,
    }
}

/// Runs the syncs for as long as the window lives (see the module's documentation).
async fn scheduler(state: SharedState) {
    let mut wait = AT_START;
    let mut failures = 0u32;
    let mut last_seen: Option<SyncStatusView> = None;
    loop {
        let mut deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            let tick = (deadline - Instant::now()).min(WATCH);
            tokio::select! {
                _ = sleep(tick) => {}
                _ = state.sharing().wake.notified() => break,
            }
            let Ok(now) = status(&state).await else {
                continue;
            };
            let more_changes = last_seen
                .as_ref()
                .is_some_and(|seen| now.status.changes_waiting > seen.status.changes_waiting);
            if more_changes && failures == 0 && now.status.configured {
                deadline = deadline.min(Instant::now() + AFTER_CHANGE);
            }
            if last_seen.as_ref() != Some(&now) {
                state.sharing().send("sync:status", &now);
                last_seen = Some(now);
            }
        }
        (wait, failures) = match run_once(&state).await {
            Outcome::NotConfigured => (IDLE, 0),
            Outcome::Done => (EVERY, 0),
            Outcome::Failed => (backoff(failures + 1), failures + 1),
        };
        last_seen = status(&state).await.ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_30_s_then_double_up_to_15_min() {
        let seconds: Vec<u64> = (1..=8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(seconds, [30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(backoff(u32::MAX), BACKOFF_MAX);
    }
}
