//! Lists and search results (the streams that walk them page by page are the `http`
//! part's `walk.rs`).

use serde::{Deserialize, Deserializer, Serialize};

use super::json::deserialize_read;
use super::read::{JsonReader, ReadJson};

/// One page of a list (`object: "list"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List<T> {
    /// Always `list`.
    #[serde(default = "list_object")]
    pub object: String,
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more items follow this page.
    pub has_more: bool,
    /// The URL the list was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One page of search results (`object: "search_result"`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResult<T> {
    /// Always `search_result`.
    #[serde(default = "search_object")]
    pub object: String,
    /// The items of this page.
    pub data: Vec<T>,
    /// Whether more results follow this page.
    pub has_more: bool,
    /// The cursor of the next page, passed back as the `page` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page: Option<String>,
    /// How many results there are in all, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_count: Option<i64>,
    /// The URL the results were read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn list_object() -> String {
    "list".to_string()
}

fn search_object() -> String {
    "search_result".to_string()
}

// Pages read themselves as the generated types do (see the `read` module).
impl<'de, T: ReadJson> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_read(deserializer)
    }
}

impl<T: ReadJson> ReadJson for List<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let (mut object, mut data, mut has_more, mut url) = (None, None, None, None);
        if !json.begin_object() {
            return None;
        }
        while let Some(key) = json.next_key() {
            match &*key {
                "object" => json.field(&mut object, "object", true),
                "data" => json.field(&mut data, "data", false),
                "has_more" => json.field(&mut has_more, "has_more", false),
                "url" => json.field(&mut url, "url", true),
                _ => json.skip(),
            }
        }
        match (data, has_more) {
            (Some(data), Some(has_more)) if json.ok() => Some(Self {
                object: object.unwrap_or_else(list_object),
                data,
                has_more,
                url,
            }),
            (data, has_more) => {
                json.missing(&[("data", data.is_some()), ("has_more", has_more.is_some())])
            }
        }
    }
}

impl<'de, T: ReadJson> Deserialize<'de> for SearchResult<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_read(deserializer)
    }
}

impl<T: ReadJson> ReadJson for SearchResult<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let (mut object, mut data, mut has_more) = (None, None, None);
        let (mut next_page, mut total_count, mut url) = (None, None, None);
        if !json.begin_object() {
            return None;
        }
        while let Some(key) = json.next_key() {
            match &*key {
                "object" => json.field(&mut object, "object", true),
                "data" => json.field(&mut data, "data", false),
                "has_more" => json.field(&mut has_more, "has_more", false),
                "next_page" => json.field(&mut next_page, "next_page", true),
                "total_count" => json.field(&mut total_count, "total_count", true),
                "url" => json.field(&mut url, "url", true),
                _ => json.skip(),
            }
        }
        match (data, has_more) {
            (Some(data), Some(has_more)) if json.ok() => Some(Self {
                object: object.unwrap_or_else(search_object),
                data,
                has_more,
                next_page,
                total_count,
                url,
            }),
            (data, has_more) => {
                json.missing(&[("data", data.is_some()), ("has_more", has_more.is_some())])
            }
        }
    }
}

/// One page of a v2 list: `{data, next_page_url, previous_page_url}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct V2List<T> {
    /// The items of this page.
    pub data: Vec<T>,
    /// The path and query of the next page (`None` on the last one); the `…_auto`
    /// streams follow it.
    pub next_page_url: Option<String>,
    /// The path and query of the previous page (`None` on the first one).
    pub previous_page_url: Option<String>,
}

impl<'de, T: ReadJson> Deserialize<'de> for V2List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_read(deserializer)
    }
}

impl<T: ReadJson> ReadJson for V2List<T> {
    fn read_json(json: &mut JsonReader<'_>) -> Option<Self> {
        let (mut data, mut next_page_url, mut previous_page_url) = (None, None, None);
        if !json.begin_object() {
            return None;
        }
        while let Some(key) = json.next_key() {
            match &*key {
                "data" => json.field(&mut data, "data", false),
                "next_page_url" => json.field(&mut next_page_url, "next_page_url", true),
                "previous_page_url" => {
                    json.field(&mut previous_page_url, "previous_page_url", true)
                }
                _ => json.skip(),
            }
        }
        match data {
            Some(data) if json.ok() => Some(Self {
                data,
                next_page_url,
                previous_page_url,
            }),
            data => json.missing(&[("data", data.is_some())]),
        }
    }
}
