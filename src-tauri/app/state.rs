//! The application state shared by the commands: the open store behind a mutex, or the reason
//! it could not be opened (a database from a newer version, an unreadable file), which every
//! command then reports instead of working on nothing — except the restore, which puts another
//! file in place and opens it ([`AppState::replace_database`]), so that a broken database can be
//! repaired from the window. At exit the store is closed, folding its write-ahead log back into
//! the file ([`AppState::close`]).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use passerelle_core::error::CoreResult;
use passerelle_core::sync::LocalReplica;
use passerelle_core::{CoreError, Store};

use crate::error::CommandError;
use crate::sharing::Sharing;

pub struct AppState {
    db_path: PathBuf,
    store: Mutex<Result<Store, CommandError>>,
    /// The file read and previewed by the last "Importer…", waiting for the user's go-ahead:
    /// what is applied is exactly what was previewed, even if the file changes meanwhile.
    pending_import: Mutex<Option<PendingImport>>,
    /// The participants' CSV file previewed on an event page, kept apart from the « Échanges »
    /// import because it belongs to one event.
    pending_participants: Mutex<Option<PendingParticipantsImport>>,
    /// The team sharing: its scheduler, the page's events, a password kept for this session.
    sharing: Sharing,
}

/// A participants' CSV file previewed for one event.
#[derive(Debug, Clone)]
pub struct PendingParticipantsImport {
    pub event_id: String,
    pub file_name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// What a file to import holds (the core's exchange front decides how each is read).
pub use passerelle_core::exchange::front::ImportKind;

/// A previewed import file.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub kind: ImportKind,
    pub file_name: String,
    pub bytes: Arc<Vec<u8>>,
}

/// The folder of automatic backups and safety copies, beside the database file.
pub use passerelle_cli::database::BACKUP_FOLDER;

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Opens the database at `db_path` (loading the reference data on first start).
    pub fn open(db_path: &Path) -> SharedState {
        let store = Store::open_with_reference(db_path).map_err(CommandError::from);
        Arc::new(AppState {
            db_path: db_path.to_path_buf(),
            store: Mutex::new(store),
            pending_import: Mutex::new(None),
            pending_participants: Mutex::new(None),
            sharing: Sharing::default(),
        })
    }

    /// Where automatic backups and the copies kept before a restore go.
    pub fn backups_dir(&self) -> PathBuf {
        passerelle_cli::database::backups_dir(&self.db_path)
    }

    /// Writes this start's automatic backup (the core keeps generations) on a worker thread, so
    /// the window does not wait for it. A failure (a database that fails its check) is reported
    /// on stderr only: the existing backups are kept, and the next start tries again.
    pub fn start_automatic_backup(self: &Arc<Self>) {
        let state = Arc::clone(self);
        let dir = self.backups_dir();
        tauri::async_runtime::spawn(async move {
            if let Err(error) = state.run(move |store| store.automatic_backup(&dir)).await {
                eprintln!("Sauvegarde automatique impossible : {}", error.message);
            }
        });
    }

    /// Replaces the previewed import (or clears it with `None`).
    pub fn set_pending_import(&self, pending: Option<PendingImport>) {
        *self
            .pending_import
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = pending;
    }

    /// The previewed import, if any.
    pub fn pending_import(&self) -> Option<PendingImport> {
        self.pending_import
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Replaces the previewed participants' file (or clears it with `None`).
    pub fn set_pending_participants(&self, pending: Option<PendingParticipantsImport>) {
        *self
            .pending_participants
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = pending;
    }

    /// The previewed participants' file, if any.
    pub fn pending_participants(&self) -> Option<PendingParticipantsImport> {
        self.pending_participants
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The team sharing's state.
    pub fn sharing(&self) -> &Sharing {
        &self.sharing
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Why the database did not open, or `None` when it is open.
    pub fn open_problem(&self) -> Option<CommandError> {
        self.lock_store().as_ref().err().cloned()
    }

    /// Puts another file in place of the database: closes the store so that no connection
    /// holds the file, runs `replace` on the database's path, then opens the file again —
    /// whatever `replace` answered, so the window always works on what is on disk.
    pub async fn replace_database<T, F>(self: &Arc<Self>, replace: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&Path) -> CoreResult<T> + Send + 'static,
    {
        let state = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = state.lock_store();
            close_store(&mut guard);
            let outcome = replace(&state.db_path);
            *guard = Store::open_with_reference(&state.db_path).map_err(CommandError::from);
            outcome.map_err(CommandError::from)
        })
        .await
        .map_err(CommandError::internal)?
    }

    /// Closes the store at exit: its write-ahead log is folded back into the database file, so
    /// a copy of the `.db` alone holds every change. Later commands answer that it is closed.
    pub fn close(&self) {
        close_store(&mut self.lock_store());
    }

    /// The store's lock. A panic in an earlier command poisons the mutex; the store itself is
    /// still consistent (every write is a transaction), so keep serving.
    fn lock_store(&self) -> std::sync::MutexGuard<'_, Result<Store, CommandError>> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `work` on the store on a blocking worker thread, so the window never waits on disk.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let state = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            let mut guard = state.lock_store();
            match guard.as_mut() {
                Ok(store) => work(store).map_err(CommandError::from),
                Err(open_error) => Err(open_error.clone()),
            }
        })
        .await
        .map_err(CommandError::internal)?
    }
}

/// The sync reaches the store through this, one short transaction at a time, so a form saved
/// meanwhile waits for one transaction, never for the network.
impl LocalReplica for AppState {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T> {
        match self.lock_store().as_mut() {
            Ok(store) => work(store),
            Err(open_error) => Err(CoreError::Sync(open_error.message.clone())),
        }
    }
}

/// Takes the store out of `slot` and closes it; `slot` then says the database is closed.
fn close_store(slot: &mut Result<Store, CommandError>) {
    let closed = Err(CommandError {
        kind: "closed".into(),
        message: "La base de données est fermée : relancez Passerelle.".into(),
        fields: Vec::new(),
    });
    if let Ok(store) = std::mem::replace(slot, closed) {
        if let Err(error) = store.close() {
            eprintln!("Fermeture de la base de données : {error}");
        }
    }
}
