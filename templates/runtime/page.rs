//! Lists and search results, and streams that walk them page by page.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use serde::{Deserialize, Deserializer, Serialize};

use super::json::deserialize_read;
use super::read::{JsonReader, ReadJson};
use super::{ApiRequest, Call, Client, Error};

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

/// Every item of a v2 list: the first page from `first`, then a GET of each page's
/// `next_page_url` as given (it carries the page token and the params), with the
/// client's options, until there is none; pages without items are passed over. Used
/// by the generated `list_auto` functions of v2 calls.
#[doc(hidden)]
pub fn walk_next_page_url<'a, T: ReadJson + 'a>(
    client: &'a Client,
    first: Call<'a, V2List<T>>,
) -> impl Stream<Item = Result<T, Error>> + Unpin + 'a {
    let mut first = Some(first);
    let fetch = move |next: Option<String>| match (next, first.take()) {
        (None, Some(first)) => first,
        (next, _) => ApiRequest::get_path("next_page", &next.unwrap_or_default()).send(client),
    };
    walk(
        None,
        fetch,
        |next: &mut Option<String>, url| *next = Some(url),
        |page: V2List<T>| (page.data, page.next_page_url),
    )
}

/// Every item of a list, following `starting_after` (the last item's ID) from page to
/// page until `has_more` is false. Used by the generated `list_auto` functions.
#[doc(hidden)]
pub fn walk_list<P, T, F, Fut>(
    params: P,
    fetch: F,
    item_id: fn(&T) -> Option<String>,
    set_starting_after: fn(&mut P, String),
) -> impl Stream<Item = Result<T, Error>> + Unpin
where
    P: Clone,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<List<T>, Error>> + Unpin,
{
    walk(params, fetch, set_starting_after, move |page: List<T>| {
        let cursor = page.data.last().and_then(item_id).filter(|_| page.has_more);
        (page.data, cursor)
    })
}

/// Every result of a search, following `next_page` until `has_more` is false. Used by
/// the generated `search_auto` functions.
#[doc(hidden)]
pub fn walk_search<P, T, F, Fut>(
    params: P,
    fetch: F,
    set_page: fn(&mut P, String),
) -> impl Stream<Item = Result<T, Error>> + Unpin
where
    P: Clone,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<SearchResult<T>, Error>> + Unpin,
{
    walk(params, fetch, set_page, |page: SearchResult<T>| {
        let cursor = page
            .next_page
            .filter(|_| page.has_more && !page.data.is_empty());
        (page.data, cursor)
    })
}

/// The stream behind every walker: yields the buffered items, and when they run out
/// fetches the page the last cursor points at; stops at the first error or when a page
/// gives no cursor. `split` takes a page apart into its items and the next cursor.
///
/// Written out rather than as an async block, so that it is `Unpin` (see below) and
/// `Send` by its fields.
struct Walk<P, T, F, Fut, S> {
    params: P,
    buffer: VecDeque<T>,
    finished: bool,
    fetch: F,
    /// The page being fetched, if any.
    fetching: Option<Fut>,
    set_cursor: fn(&mut P, String),
    split: S,
}

fn walk<P, T, Page, F, Fut, S>(
    params: P,
    fetch: F,
    set_cursor: fn(&mut P, String),
    split: S,
) -> Walk<P, T, F, Fut, S>
where
    P: Clone,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page, Error>> + Unpin,
    S: FnMut(Page) -> (Vec<T>, Option<String>),
{
    Walk {
        params,
        buffer: VecDeque::new(),
        finished: false,
        fetch,
        fetching: None,
        set_cursor,
        split,
    }
}

// Nothing in a walk is ever pinned in place: the page being fetched is polled through
// `Pin::new`, which needs it to be `Unpin` itself (a `Call` is). So the walk is `Unpin`
// whatever its params and items are, without the compiler proving it for each of them.
impl<P, T, F, Fut, S> Unpin for Walk<P, T, F, Fut, S> {}

impl<P, T, Page, F, Fut, S> Stream for Walk<P, T, F, Fut, S>
where
    P: Clone,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page, Error>> + Unpin,
    S: FnMut(Page) -> (Vec<T>, Option<String>),
{
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let Walk {
            params,
            buffer,
            finished,
            fetch,
            fetching,
            set_cursor,
            split,
        } = self.get_mut();
        loop {
            if let Some(item) = buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if *finished {
                return Poll::Ready(None);
            }
            let page = fetching.get_or_insert_with(|| fetch(params.clone()));
            let answer = match Pin::new(page).poll(cx) {
                Poll::Ready(answer) => answer,
                Poll::Pending => return Poll::Pending,
            };
            *fetching = None;
            match answer {
                Err(error) => {
                    *finished = true;
                    return Poll::Ready(Some(Err(error)));
                }
                Ok(page) => {
                    let (items, cursor) = split(page);
                    match cursor {
                        Some(cursor) => set_cursor(params, cursor),
                        None => *finished = true,
                    }
                    buffer.extend(items);
                }
            }
        }
    }
}
