//! `passerelle sync`: one synchronisation with the team's CouchDB server, for scripts and
//! scheduled tasks. The server and database come from the options, else from the settings
//! saved in the « Partage » page; the login from `PASSERELLE_SYNC_USER` /
//! `PASSERELLE_SYNC_PASSWORD`, else the settings' login and the system's keychain. Prints the
//! summary as one JSON line; exit code 3 when conflicts wait for a choice.

use std::io::Write;
use std::sync::Mutex;

use clap::Args;
use passerelle_core::error::CoreResult;
use passerelle_core::sync::{synchronise, LocalReplica, RemoteConfig, SyncSettings};
use passerelle_core::{CoreError, Store};

use crate::{print_line, Outcome};

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Adresse du serveur CouchDB (https://…, ou http://localhost…).
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Nom de la base partagée sur ce serveur.
    #[arg(long, value_name = "BASE")]
    pub database: Option<String>,
}

/// The server's settings: the options, else the saved ones; the options are saved when they
/// differ, so that the window and the next `sync` use the same server.
fn settings(store: &mut Store, args: &SyncArgs) -> Result<SyncSettings, CoreError> {
    let saved = store.sync_settings()?.unwrap_or_default();
    let user = std::env::var("PASSERELLE_SYNC_USER").unwrap_or_else(|_| saved.user.clone());
    let wanted = SyncSettings {
        server: args.server.clone().unwrap_or_else(|| saved.server.clone()),
        database: args
            .database
            .clone()
            .unwrap_or_else(|| saved.database.clone()),
        user,
    };
    if wanted.server.is_empty() {
        return Err(CoreError::field(
            "server",
            "Adresse du serveur : indiquez --server URL --database NOM (aucun serveur n’est enregistré dans cette base).",
        ));
    }
    if wanted != saved {
        store.save_sync_settings(&wanted)?;
    }
    Ok(wanted)
}

/// The command line's store, lent to the sync for the command's whole run.
struct Lent<'a>(Mutex<&'a mut Store>);

impl LocalReplica for Lent<'_> {
    fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> CoreResult<T>) -> CoreResult<T> {
        let mut store = self
            .0
            .lock()
            .map_err(|_| CoreError::Io(std::io::Error::other("base verrouillée")))?;
        work(&mut store)
    }
}

pub(crate) fn sync(
    store: &mut Store,
    args: &SyncArgs,
    out: &mut impl Write,
) -> Result<Outcome, CoreError> {
    let settings = settings(store, args)?;
    let password = match std::env::var("PASSERELLE_SYNC_PASSWORD") {
        Ok(password) => password,
        Err(_) => passerelle_core::sync::keychain::password(&settings.server, &settings.user)
            .ok()
            .flatten()
            .unwrap_or_default(),
    };
    let config = RemoteConfig {
        server: settings.server.clone(),
        database: settings.database.clone(),
        user: settings.user.clone(),
        password,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(CoreError::Io)?;
    let replica = Lent(Mutex::new(store));
    let summary = runtime
        .block_on(synchronise(&replica, &config, &|_| {}))
        .map_err(|error| CoreError::Sync(error.to_string()))?;
    print_line(out, &summary)?;
    Ok(if summary.conflicts > 0 {
        Outcome::Findings
    } else {
        Outcome::Done
    })
}
