//! Where rendered files go: the new output folder of a build
//! ([`output::Staging`]) or memory (tests and the live preview).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::BuildError;
use super::output::{self, OutputFile};

/// Where rendered files go as soon as they are rendered, from many threads
/// at once: the new output folder ([`super::build`]) or memory
/// ([`super::render`]).
pub(super) trait Sink: Sync {
    /// Takes one file (path relative to the output folder).
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), BuildError>;
}

impl Sink for output::Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), BuildError> {
        self.write(&path, &bytes).map_err(BuildError::Output)
    }
}

/// Files kept in memory.
#[derive(Default)]
pub(super) struct Memory(Mutex<Vec<OutputFile>>);

impl Sink for Memory {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), BuildError> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, bytes));
        Ok(())
    }
}

impl Memory {
    /// The files received, in the order they came.
    pub(super) fn into_files(self) -> Vec<OutputFile> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Counts the files passed on to another sink.
pub(super) struct Counted<'a> {
    sink: &'a dyn Sink,
    files: AtomicUsize,
}

impl<'a> Counted<'a> {
    /// Passes files on to `sink`, counting them.
    pub(super) fn new(sink: &'a dyn Sink) -> Counted<'a> {
        Counted {
            sink,
            files: AtomicUsize::new(0),
        }
    }

    /// How many files were passed on.
    pub(super) fn files(self) -> usize {
        self.files.into_inner()
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), BuildError> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.sink.put(path, bytes)
    }
}
