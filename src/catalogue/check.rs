//! The diagnostics of `check` (and of every command that reads the site):
//! what is wrong at a place in a file, and how to fix it.

super::messages! {
    placeholder() {
        nb: "plassholder",
        en: "placeholder",
    }
}
