//! Queries built from typed filters (the candidate list, segments): the SQL text comes only from the server's
//! own fragments; every value the user chose is a numbered placeholder bound here.

/// A value bound to a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    Text(String),
    Int(i64),
}

/// The values of a query being built, numbering their placeholders from 1.
#[derive(Clone, Debug, Default)]
pub struct Params(pub Vec<Param>);

impl Params {
    /// Adds a value and returns its placeholder (`$n`).
    pub fn push(&mut self, value: Param) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.push(Param::Text(value.into()))
    }

    pub fn int(&mut self, value: i64) -> String {
        self.push(Param::Int(value))
    }
}

/// A `LIKE` pattern that finds `needle` anywhere, its own `%`, `_` and `\` taken literally (`ESCAPE '\'`).
pub fn contains_pattern(needle: &str) -> String {
    format!("%{}%", needle.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

macro_rules! bind_params {
    ($query:expr, $params:expr) => {{
        let mut query = $query;
        for param in $params.0 {
            query = match param {
                $crate::backend::core::query::Param::Text(text) => query.bind(text),
                $crate::backend::core::query::Param::Int(int) => query.bind(int),
            };
        }
        query
    }};
}
pub(crate) use bind_params;
