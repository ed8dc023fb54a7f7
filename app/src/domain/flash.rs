//! What a form posted without JavaScript typed, handed to the page it goes back to after an error. It travels in
//! a short-lived server-side row keyed by a cookie, never in the URL: addresses and phone numbers stay out of
//! logs, browser history and referrers.

/// The kept values of one failed form, read once by the page it went back to.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Flash(pub Vec<(String, String)>);

impl Flash {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}
