//! Entry point: with no subcommand Passerelle opens its window; with one (`demo`, `list`,
//! `search`…) it works on the database without a window and exits.

// No console window behind the application on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use passerelle_app::cli::Cli;

fn main() -> ExitCode {
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
