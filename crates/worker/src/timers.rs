//! A worker's timers, due on the engine clock, fired in due-time then creation order (HTML's ordering).

use std::collections::{BTreeMap, HashMap};

use syncscope_engine::Timestamp;

/// Pending timers by due time.
#[derive(Default, Debug)]
pub struct Timers {
    by_due: BTreeMap<(Timestamp, u64), u32>,
    by_id: HashMap<u32, (Timestamp, u64)>,
    seq: u64,
}

impl Timers {
    /// Schedules timer `id` for `due` (replacing an earlier schedule of the same id).
    pub fn set(&mut self, id: u32, due: Timestamp) {
        self.clear(id);
        self.seq += 1;
        self.by_due.insert((due, self.seq), id);
        self.by_id.insert(id, (due, self.seq));
    }

    /// Cancels timer `id` (no-op if unknown).
    pub fn clear(&mut self, id: u32) {
        if let Some(key) = self.by_id.remove(&id) {
            self.by_due.remove(&key);
        }
    }

    /// When the next timer is due.
    pub fn next_due(&self) -> Option<Timestamp> {
        self.by_due.keys().next().map(|(t, _)| *t)
    }

    /// Removes and returns the earliest timer due at or before `now`.
    pub fn pop_due(&mut self, now: Timestamp) -> Option<u32> {
        let (&key, &id) = self.by_due.iter().next()?;
        if key.0 > now {
            return None;
        }
        self.by_due.remove(&key);
        self.by_id.remove(&id);
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_by_due_time_then_creation_order() {
        let mut t = Timers::default();
        let at = Timestamp::from_millis;
        t.set(1, at(10));
        t.set(2, at(5));
        t.set(3, at(10));
        t.set(4, at(7));
        t.clear(4);
        assert_eq!(t.next_due(), Some(at(5)));
        assert_eq!(t.pop_due(at(4)), None);
        let fired: Vec<u32> = std::iter::from_fn(|| t.pop_due(at(10))).collect();
        assert_eq!(fired, [2, 1, 3]);
        assert_eq!(t.next_due(), None);
    }
}
