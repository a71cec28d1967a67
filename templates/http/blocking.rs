//! Calls without an async runtime (the `blocking` feature): for a CLI, a migration
//! script or a synchronous web framework.
//!
//! Every blocking call runs on one tokio runtime for the whole process, started on
//! first use and never dropped (no runtime is built per call, and dropping one where
//! async code runs would panic). It has one worker thread, which drives the network;
//! each call's own work runs on the thread that waits for it, so calls from several
//! threads proceed in parallel.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use futures_util::{Stream, StreamExt};

use super::client::{Call, ResponseMeta, WithResponse};
use super::error::Error;

static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();

/// Runs `future` to completion on the process's blocking runtime.
fn block_on<F: Future>(future: F) -> Result<F::Output, Error> {
    // tokio panics when a runtime is entered from inside another; say why instead.
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Config(
            "a blocking call was made inside an async runtime, where it would stall the \
             runtime's thread: `.await` the call instead"
                .to_string(),
        ));
    }
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("stripe-client-blocking")
            .enable_all()
            .build()
            .map_err(|error| error.to_string())
    });
    match runtime {
        Ok(runtime) => Ok(runtime.block_on(future)),
        Err(message) => Err(Error::Config(format!(
            "the runtime for blocking calls could not start: {message}"
        ))),
    }
}

impl<T> Call<'_, T> {
    /// Sends the call and waits for its answer, without an async runtime: the same
    /// request, options, retries and errors as `.await`.
    ///
    /// Inside an async runtime it fails with [`Error::Config`] (`.await` the call there).
    ///
    /// ```no_run
    /// # fn example(client: &stripe_client::Client) -> Result<(), stripe_client::Error> {
    /// use stripe_client::runtime::ExtraParams;
    /// use stripe_client::Method;
    /// let answer = client
    ///     .raw_request(Method::GET, "/v1/balance", &ExtraParams::new())
    ///     .send_blocking()?;
    /// # let _ = answer;
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_blocking(self) -> Result<T, Error> {
        block_on(self)?
    }
}

impl<T> WithResponse<'_, T> {
    /// As [`Call::send_blocking`], with what came with the answer.
    pub fn send_blocking(self) -> Result<(T, ResponseMeta), Error> {
        block_on(self)?
    }
}

/// The items of a stream (a list's or search's `..._auto`), one by one without an
/// async runtime: `for customer in iter_blocking(customers::list_auto(&client, &params))`.
/// Pages are fetched as the iteration reaches them.
///
/// Inside an async runtime the first item is an [`Error::Config`], and nothing follows.
pub fn iter_blocking<S: Stream>(stream: S) -> BlockingIter<S> {
    BlockingIter {
        stream: Some(Box::pin(stream)),
    }
}

/// The iterator of [`iter_blocking`].
pub struct BlockingIter<S> {
    /// `None` once a blocking wait was refused: the iteration ends after that error.
    stream: Option<Pin<Box<S>>>,
}

impl<S, T> Iterator for BlockingIter<S>
where
    S: Stream<Item = Result<T, Error>>,
{
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let stream = self.stream.as_mut()?;
        match block_on(stream.next()) {
            Ok(item) => item,
            Err(refused) => {
                self.stream = None;
                Some(Err(refused))
            }
        }
    }
}

impl<S> std::fmt::Debug for BlockingIter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingIter").finish_non_exhaustive()
    }
}
