//! The `varsel` command; everything lives in the library.

fn main() -> std::process::ExitCode {
    varsel::cli::main()
}
