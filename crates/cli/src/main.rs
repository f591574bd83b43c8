//! `stegvis`: goal attainment reports for labour-market programmes from the
//! command line. Parses the arguments, runs one command and maps its error to
//! an exit code: 2 for bad input or usage, 1 when `--strict` finds issues.

mod args;
mod commands;
mod error;
mod input;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use error::CliError;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match &cli.command {
        Command::Report(a) => commands::report(a, &mut out),
        Command::Validate(a) => commands::validate(a, &mut out),
        Command::Explain(a) => commands::explain(a, &mut out),
        Command::Partial(a) => commands::partial(a, &mut out),
        Command::Combine(a) => commands::combine(a, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(CliError::Output));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`stegvis report … | head`) is not a failure.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Nothing sensible is left to do if stderr is gone too.
            let _ = writeln!(std::io::stderr().lock(), "error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
