//! The application state shared by the commands: the open store behind a mutex, or the reason
//! it could not be opened (a database from a newer version, an unreadable file), which every
//! command then reports instead of working on nothing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use passerelle_core::error::CoreResult;
use passerelle_core::Store;

use crate::error::CommandError;

pub struct AppState {
    db_path: PathBuf,
    store: Mutex<Result<Store, CommandError>>,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Opens the database at `db_path` (loading the reference data on first start).
    pub fn open(db_path: &Path) -> SharedState {
        let store = Store::open_with_reference(db_path).map_err(CommandError::from);
        Arc::new(AppState {
            db_path: db_path.to_path_buf(),
            store: Mutex::new(store),
        })
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// Runs `work` on the store on a blocking worker thread, so the window never waits on disk.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, CommandError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> CoreResult<T> + Send + 'static,
    {
        let state = Arc::clone(self);
        tauri::async_runtime::spawn_blocking(move || {
            // A panic in an earlier command poisons the mutex; the store itself is still
            // consistent (every write is a transaction), so keep serving.
            let mut guard = state
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            match guard.as_mut() {
                Ok(store) => work(store).map_err(CommandError::from),
                Err(open_error) => Err(open_error.clone()),
            }
        })
        .await
        .map_err(CommandError::internal)?
    }
}
