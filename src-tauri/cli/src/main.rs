//! `passerelle-cli`: Passerelle's windowless commands as a console program. It links neither
//! Tauri nor WebKitGTK, so a command starts in milliseconds, and on Windows it runs in the
//! console it was typed in. `passerelle SUBCOMMAND` runs the same commands with the same output.

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: passerelle_core::Allocator = passerelle_core::Allocator;

fn main() -> ExitCode {
    passerelle_cli::main_without_window()
}
