//! Streams that walk lists and search results page by page.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;

use super::{ApiRequest, Call, Client, Error, List, ReadJson, SearchResult, V2List};

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
