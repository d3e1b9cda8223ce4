//! A value that must never be printed, logged or written: a client secret,
//! an access token, a signed client assertion.

/// A secret string. `Debug` and `Display` show `***`; only
/// [`Secret::reveal`] gives the value, for the one place that sends it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The value, for the token request or the XOAUTH2 login only.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of this secret replaced by `***` (for
    /// text that came from elsewhere, such as a server's answer).
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            return text.to_string();
        }
        text.replace(&self.0, "***")
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_never_formats_itself() {
        let s = Secret::new("s3cret-value");
        assert_eq!(format!("{s} {s:?}"), "*** ***");
        assert_eq!(s.reveal(), "s3cret-value");
        assert_eq!(s.scrub("bad s3cret-value here"), "bad *** here");
    }
}
