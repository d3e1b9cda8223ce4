//! The YAML tree ([`crate::yaml::Node`]) as JSON, for validating site files
//! against the JSON Schemas of [`crate::schema`].

use serde_json::{Map, Number, Value as Json};

use crate::yaml::{Node, Value};

/// The JSON value of a YAML node. Map keys become their text (a key that is
/// a list or a mapping becomes `""`); a later duplicate key wins, as in
/// yaml-language-server; a non-finite float becomes `null`.
pub fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Number((*i).into()),
        Value::Float(f) => Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(pairs) => {
            let mut map = Map::new();
            for (key, value) in pairs {
                map.insert(key.as_text().unwrap_or_default(), to_json(value));
            }
            Json::Object(map)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outage_shapes() {
        let node = crate::yaml::parse(
            "title: T\nstart: 2026-12-03 18:00\ncancelled: false\ncount: 3\nsystems: [plo]\nupdates:\n  - { at: 2026-12-03 19:10, text: x }\nend:\n",
        )
        .unwrap();
        assert_eq!(
            to_json(&node),
            json!({"title": "T", "start": "2026-12-03 18:00", "cancelled": false, "count": 3,
                   "systems": ["plo"], "updates": [{"at": "2026-12-03 19:10", "text": "x"}], "end": null})
        );
    }
}
