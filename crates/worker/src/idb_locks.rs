//! IndexedDB transaction locks across the JavaScript contexts of an origin (its worker and its pages).
//!
//! Each context runs its own IndexedDB (fake-indexeddb mirrored over the engine's key-value store, see the
//! prelude's `idb.js`), which orders the transactions of that context only. A browser also orders them across
//! contexts: a `readwrite` transaction waits for every overlapping transaction that was created before it, in
//! any tab or worker of the origin, so two read-modify-writes of the same record never interleave. These locks
//! do that: a transaction takes its lock before it starts (readonly: shared; readwrite and versionchange:
//! exclusive; versionchange over the whole database), waits in FIFO order behind conflicting requests, and
//! gives it back when it finishes. A context that ends gives back everything it held or waited for.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells a context that its lock request `id` is granted; false if the context is gone.
pub(crate) type Notify = std::sync::Arc<dyn Fn(u64) -> bool + Send + Sync>;

/// One lock, held or waited for.
#[derive(Clone, Debug)]
struct Request {
    id: u64,
    owner: u64,
    origin: String,
    db: String,
    /// The object stores, or `None` for the whole database (an upgrade).
    scope: Option<BTreeSet<String>>,
    exclusive: bool,
}

impl Request {
    fn conflicts(&self, other: &Request) -> bool {
        self.origin == other.origin
            && self.db == other.db
            && (self.exclusive || other.exclusive)
            && match (&self.scope, &other.scope) {
                (Some(a), Some(b)) => a.intersection(b).next().is_some(),
                _ => true,
            }
    }
}

#[derive(Default)]
struct State {
    next: u64,
    held: Vec<Request>,
    /// In request order, with where to send the grant.
    waiting: Vec<(Request, Notify)>,
}

/// The host's lock table (one per [`WorkerHost`](crate::WorkerHost)).
#[derive(Default)]
pub(crate) struct IdbLocks {
    state: Mutex<State>,
}

/// What a lock request got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket {
    pub id: u64,
    /// Held now; otherwise the request's [`Notify`] is called with this id when it is.
    pub granted: bool,
}

impl IdbLocks {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh owner id for a context.
    pub fn new_owner() -> u64 {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    }

    /// Asks for a lock. It is granted at once when nothing held conflicts and no earlier waiting request does.
    pub fn acquire(
        &self,
        owner: u64,
        origin: &str,
        db: &str,
        scope: Option<BTreeSet<String>>,
        exclusive: bool,
        notify: Notify,
    ) -> Ticket {
        let mut s = self.state();
        s.next += 1;
        let request = Request {
            id: s.next,
            owner,
            origin: origin.to_string(),
            db: db.to_string(),
            scope,
            exclusive,
        };
        let id = request.id;
        let blocked = s.held.iter().any(|h| h.conflicts(&request))
            || s.waiting.iter().any(|(w, _)| w.conflicts(&request));
        if blocked {
            tracing::debug!(id, db, "IndexedDB transaction waits for another context");
            s.waiting.push((request, notify));
        } else {
            s.held.push(request);
        }
        Ticket {
            id,
            granted: !blocked,
        }
    }

    /// Gives a lock back (held or still waited for) and grants what can run now. Returns whether it was still
    /// waited for (its grant will never come).
    pub fn release(&self, id: u64) -> bool {
        let mut s = self.state();
        s.held.retain(|r| r.id != id);
        let before = s.waiting.len();
        s.waiting.retain(|(r, _)| r.id != id);
        let was_waiting = s.waiting.len() != before;
        grant(&mut s);
        was_waiting
    }

    /// Gives back everything a context held or waited for (it ended).
    pub fn release_owner(&self, owner: u64) {
        let mut s = self.state();
        s.held.retain(|r| r.owner != owner);
        s.waiting.retain(|(r, _)| r.owner != owner);
        grant(&mut s);
    }

    /// How many locks are held and waited for (for tests).
    #[cfg(test)]
    fn counts(&self) -> (usize, usize) {
        let s = self.state();
        (s.held.len(), s.waiting.len())
    }
}

fn grant(s: &mut State) {
    let mut i = 0;
    while i < s.waiting.len() {
        let request = &s.waiting[i].0;
        let blocked = s.held.iter().any(|h| h.conflicts(request))
            || s.waiting[..i].iter().any(|(w, _)| w.conflicts(request));
        if blocked {
            i += 1;
            continue;
        }
        let (request, notify) = s.waiting.remove(i);
        if notify(request.id) {
            s.held.push(request);
        }
    }
}

/// Releases a context's locks when it ends, however it ends.
pub(crate) struct LockOwner {
    pub locks: std::sync::Arc<IdbLocks>,
    pub owner: u64,
}

impl Drop for LockOwner {
    fn drop(&mut self) {
        self.locks.release_owner(self.owner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;

    fn stores(names: &[&str]) -> Option<BTreeSet<String>> {
        Some(names.iter().map(|s| s.to_string()).collect())
    }

    fn granted(rx: &mut mpsc::UnboundedReceiver<u64>) -> Vec<u64> {
        let mut out = Vec::new();
        while let Ok(id) = rx.try_recv() {
            out.push(id);
        }
        out
    }

    /// A grant callback whose grants can be read from the receiver.
    fn notifier() -> (Notify, mpsc::UnboundedReceiver<u64>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (std::sync::Arc::new(move |id| tx.send(id).is_ok()), rx)
    }

    #[test]
    fn readers_share_writers_wait_in_order() {
        let locks = IdbLocks::default();
        let (tx, mut rx) = notifier();
        let r1 = locks.acquire(1, "o", "db", stores(&["a"]), false, tx.clone());
        let r2 = locks.acquire(2, "o", "db", stores(&["a"]), false, tx.clone());
        assert!(r1.granted && r2.granted, "readers share");
        let w = locks.acquire(2, "o", "db", stores(&["a", "b"]), true, tx.clone());
        assert!(!w.granted, "a writer waits for readers");
        let r3 = locks.acquire(1, "o", "db", stores(&["a"]), false, tx.clone());
        assert!(
            !r3.granted,
            "a later reader waits behind the waiting writer (FIFO)"
        );
        let other = locks.acquire(1, "o", "db", stores(&["c"]), true, tx.clone());
        assert!(other.granted, "another store is free");
        let other_db = locks.acquire(1, "o", "db2", stores(&["a"]), true, tx.clone());
        assert!(other_db.granted, "another database is free");
        let other_origin = locks.acquire(1, "p", "db", stores(&["a"]), true, tx.clone());
        assert!(other_origin.granted, "another origin is free");
        assert!(!locks.release(r1.id), "r1 was held");
        assert!(granted(&mut rx).is_empty());
        locks.release(r2.id);
        assert_eq!(granted(&mut rx), vec![w.id]);
        locks.release(w.id);
        assert_eq!(granted(&mut rx), vec![r3.id]);
    }

    #[test]
    fn an_upgrade_locks_the_whole_database() {
        let locks = IdbLocks::default();
        let (tx, mut rx) = notifier();
        let up = locks.acquire(1, "o", "db", None, true, tx.clone());
        assert!(up.granted);
        let r = locks.acquire(2, "o", "db", stores(&["x"]), false, tx.clone());
        assert!(!r.granted);
        locks.release(up.id);
        assert_eq!(granted(&mut rx), vec![r.id]);
    }

    #[test]
    fn an_ended_context_gives_everything_back() {
        let locks = std::sync::Arc::new(IdbLocks::default());
        let (tx, mut rx) = notifier();
        let context = LockOwner {
            locks: locks.clone(),
            owner: IdbLocks::new_owner(),
        };
        let held = locks.acquire(context.owner, "o", "db", stores(&["a"]), true, tx.clone());
        let mine_waiting =
            locks.acquire(context.owner, "o", "db", stores(&["a"]), true, tx.clone());
        let theirs = locks.acquire(0, "o", "db", stores(&["a"]), true, tx.clone());
        assert!(held.granted && !mine_waiting.granted && !theirs.granted);
        let extra = locks.acquire(0, "o", "db", stores(&["a"]), true, tx.clone());
        assert!(locks.release(extra.id), "a lock given up while waited for");
        drop(context);
        assert_eq!(granted(&mut rx), vec![theirs.id]);
        assert_eq!(locks.counts(), (1, 0));
    }

    #[test]
    fn a_waiter_whose_context_is_gone_is_skipped() {
        let locks = IdbLocks::default();
        let (tx, _rx) = notifier();
        let held = locks.acquire(1, "o", "db", stores(&["a"]), true, tx);
        let (gone_tx, gone_rx) = notifier();
        drop(gone_rx);
        let gone = locks.acquire(2, "o", "db", stores(&["a"]), true, gone_tx);
        assert!(!gone.granted);
        locks.release(held.id);
        assert_eq!(locks.counts(), (0, 0));
    }
}
