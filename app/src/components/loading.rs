//! How a page waits for its data on the server.
//!
//! While rendering, Leptos polls every `Suspend` once to discover what it reads, then awaits them one by one.
//! A data load polled once may already hold a pooled database connection and then sit unpolled while the
//! renderer awaits another `Suspend` that needs a connection too: with as many such requests as the pool has
//! connections, every request waits for a connection that only an unpolled future can give back. Run on a
//! task of its own, a load finishes and releases its connection whoever polls it, and whenever.
use std::future::Future;

/// The page data `load` produces, computed on its own task on the server (in the reactive scope of the page,
/// so it sees the request); awaited in place in the browser.
pub async fn run<T, F>(load: F) -> T
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    #[cfg(feature = "ssr")]
    {
        /// A page abandoned (the client went away) takes its loads with it.
        struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);
        impl<T> Drop for AbortOnDrop<T> {
            fn drop(&mut self) {
                self.0.abort();
            }
        }
        let mut task = AbortOnDrop(tokio::spawn(leptos::reactive::computed::ScopedFuture::new_untracked(load)));
        match (&mut task.0).await {
            Ok(value) => value,
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(_) => panic!("a page's data load was cancelled (the server is stopping)"),
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        load.await
    }
}
