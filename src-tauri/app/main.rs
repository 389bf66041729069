//! Entry point: with no subcommand Passerelle opens its window; with one (`demo`, `list`,
//! `search`…) it runs it exactly as `passerelle-cli` does (same library, same output) and exits.
//! `passerelle-cli` is the quicker way: it does not load the window's libraries.

// No console window behind the application on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use passerelle_app::cli::Cli;

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

fn main() -> ExitCode {
    #[cfg(windows)]
    if std::env::args_os().len() > 1 {
        attach_parent_console();
    }
    let cli = Cli::parse();
    match cli.command {
        Some(command) => passerelle_app::cli::run(command, cli.db),
        None => match passerelle_app::run(passerelle_app::DbChoice { explicit: cli.db }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("Passerelle n'a pas pu démarrer : {error}");
                ExitCode::FAILURE
            }
        },
    }
}

/// A release build on Windows has no console of its own (`windows_subsystem = "windows"`), so
/// a command typed in cmd.exe or PowerShell would print nothing: attach to the console of the
/// shell that started us, when there is one. Harmless when there is none (double-click).
#[cfg(windows)]
fn attach_parent_console() {
    #[link(name = "kernel32")]
    extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    /// `ATTACH_PARENT_PROCESS`, i.e. `(DWORD)-1`.
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    // SAFETY: AttachConsole takes a plain integer and only changes this process's standard
    // handles; a failure (no parent console) is reported by its return value, ignored here.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
