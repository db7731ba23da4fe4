//! The engine's only source of time: the wall clock, or a virtual clock that can be paused, run at a speed
//! factor, or jumped forward. Everything time-dependent (the scheduler, event deadlines, a worker's timers)
//! reads [`Clock::now`] and sleeps with [`Clock::sleep_until`], which is what lets days of retries pass in
//! milliseconds and makes tests deterministic.
//!
//! Running virtual time is measured with `tokio::time::Instant`, so under a paused tokio test runtime
//! (`start_paused = true`) even a clock running at a speed factor is deterministic.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::time::Instant;

use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::time::Timestamp;

/// Which kind of time the clock keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum ClockMode {
    /// This machine's wall clock.
    Real,
    /// Virtual time, moved by [`Clock::jump_to`] and, while running, by real time × speed.
    Virtual,
}

/// What the clock is doing, for display.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ClockStatus {
    /// Real or virtual.
    pub mode: ClockMode,
    /// The time now.
    pub now: Timestamp,
    /// Virtual only: whether time stands still until advanced.
    pub paused: bool,
    /// Virtual only: virtual milliseconds per real millisecond while running.
    pub speed: f64,
}

/// A clock operation that is not possible now.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClockError {
    /// Advancing and jumping need the virtual clock.
    #[error("the clock is real; switch to the virtual clock to advance time")]
    NotVirtual,
    /// Time does not go backwards.
    #[error("cannot move the clock back from {now} to {requested}")]
    Backwards {
        /// The time now.
        now: Timestamp,
        /// The time asked for.
        requested: Timestamp,
    },
    /// A speed that is not a positive finite factor up to a million.
    #[error("invalid clock speed {0}: expected a number above 0 and at most 1000000")]
    InvalidSpeed(f64),
}

struct State {
    mode: ClockMode,
    /// Virtual time at `anchor_real`.
    anchor_virtual: Timestamp,
    anchor_real: Instant,
    paused: bool,
    speed: f64,
    sleepers: BTreeMap<(Timestamp, u64), ()>,
    next_sleeper: u64,
}

impl State {
    fn now(&self) -> Timestamp {
        match self.mode {
            ClockMode::Real => Timestamp::wall_clock(),
            ClockMode::Virtual if self.paused => self.anchor_virtual,
            ClockMode::Virtual => {
                let real_ms = self.anchor_real.elapsed().as_secs_f64() * 1000.0;
                Timestamp::from_millis(
                    self.anchor_virtual
                        .as_millis()
                        .saturating_add((real_ms * self.speed) as i64),
                )
            }
        }
    }

    /// Re-anchors virtual time at the present, so mode, speed or pause changes apply from now on.
    fn reanchor(&mut self) {
        self.anchor_virtual = self.now();
        self.anchor_real = Instant::now();
    }
}

struct Inner {
    state: Mutex<State>,
    changed: watch::Sender<u64>,
}

/// A shared, cloneable clock. Clones see and move the same time.
#[derive(Clone)]
pub struct Clock {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Clock")
            .field("status", &self.status())
            .finish()
    }
}

impl Clock {
    fn with_state(state: State) -> Clock {
        Clock {
            inner: Arc::new(Inner {
                state: Mutex::new(state),
                changed: watch::channel(0).0,
            }),
        }
    }

    /// The wall clock.
    pub fn real() -> Clock {
        Clock::with_state(State {
            mode: ClockMode::Real,
            anchor_virtual: Timestamp::wall_clock(),
            anchor_real: Instant::now(),
            paused: false,
            speed: 1.0,
            sleepers: BTreeMap::new(),
            next_sleeper: 0,
        })
    }

    /// A paused virtual clock that reads `start` until it is advanced.
    pub fn virtual_at(start: Timestamp) -> Clock {
        let clock = Clock::real();
        {
            let mut s = clock.lock();
            s.mode = ClockMode::Virtual;
            s.paused = true;
            s.anchor_virtual = start;
        }
        clock
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The lock guards plain data and no code panics while holding it; recover rather than propagate poison.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn notify(&self) {
        self.inner.changed.send_modify(|g| *g = g.wrapping_add(1));
    }

    /// The time now.
    pub fn now(&self) -> Timestamp {
        self.lock().now()
    }

    /// Mode, time, pause and speed.
    pub fn status(&self) -> ClockStatus {
        let s = self.lock();
        ClockStatus {
            mode: s.mode,
            now: s.now(),
            paused: s.mode == ClockMode::Virtual && s.paused,
            speed: if s.mode == ClockMode::Real {
                1.0
            } else {
                s.speed
            },
        }
    }

    /// Whether the clock is virtual.
    pub fn is_virtual(&self) -> bool {
        self.lock().mode == ClockMode::Virtual
    }

    /// Switches to the wall clock.
    pub fn set_real(&self) {
        {
            let mut s = self.lock();
            s.mode = ClockMode::Real;
            s.reanchor();
        }
        self.notify();
    }

    /// Switches to a paused virtual clock that starts from the current time (if it is not virtual already).
    pub fn set_virtual(&self) {
        {
            let mut s = self.lock();
            if s.mode != ClockMode::Virtual {
                s.reanchor();
                s.mode = ClockMode::Virtual;
                s.paused = true;
            }
        }
        self.notify();
    }

    /// Stops virtual time; it moves only when advanced.
    pub fn pause(&self) -> Result<(), ClockError> {
        {
            let mut s = self.lock();
            if s.mode != ClockMode::Virtual {
                return Err(ClockError::NotVirtual);
            }
            s.reanchor();
            s.paused = true;
        }
        self.notify();
        Ok(())
    }

    /// Lets virtual time run at its speed.
    pub fn resume(&self) -> Result<(), ClockError> {
        {
            let mut s = self.lock();
            if s.mode != ClockMode::Virtual {
                return Err(ClockError::NotVirtual);
            }
            s.reanchor();
            s.paused = false;
        }
        self.notify();
        Ok(())
    }

    /// Sets how fast running virtual time passes: virtual milliseconds per real millisecond.
    pub fn set_speed(&self, speed: f64) -> Result<(), ClockError> {
        if !speed.is_finite() || speed <= 0.0 || speed > 1_000_000.0 {
            return Err(ClockError::InvalidSpeed(speed));
        }
        {
            let mut s = self.lock();
            s.reanchor();
            s.speed = speed;
        }
        self.notify();
        Ok(())
    }

    /// Moves virtual time forward to `t` at once, waking every sleeper due by then. A `t` at or before now
    /// changes nothing (but still wakes due sleepers).
    pub fn jump_to(&self, t: Timestamp) -> Result<(), ClockError> {
        {
            let mut s = self.lock();
            if s.mode != ClockMode::Virtual {
                return Err(ClockError::NotVirtual);
            }
            let now = s.now();
            if t > now {
                s.anchor_virtual = t;
                s.anchor_real = Instant::now();
            }
        }
        self.notify();
        Ok(())
    }

    /// The soonest time any live [`Clock::sleep_until`] waits for. Virtual-time drivers jump here next.
    pub fn next_wakeup(&self) -> Option<Timestamp> {
        self.lock().sleepers.keys().next().map(|(t, _)| *t)
    }

    /// Sleeps for `d` of this clock's time.
    pub async fn sleep(&self, d: Duration) {
        let until = self.now() + d;
        self.sleep_until(until).await
    }

    /// Waits until the clock reads `t` or later, whatever mode changes or jumps happen meanwhile.
    ///
    /// While the returned future is alive (polled at least once), `t` counts in [`Clock::next_wakeup`], so a
    /// virtual-time driver will stop there.
    pub async fn sleep_until(&self, t: Timestamp) {
        let _guard = self.register_sleeper(t);
        let mut changes = self.inner.changed.subscribe();
        loop {
            changes.mark_unchanged();
            let wait = {
                let s = self.lock();
                let now = s.now();
                if now >= t {
                    return;
                }
                let left_ms = t.as_millis().saturating_sub(now.as_millis()) as f64;
                match s.mode {
                    ClockMode::Real => Some(Duration::from_secs_f64(left_ms / 1000.0)),
                    ClockMode::Virtual if s.paused => None,
                    ClockMode::Virtual => Some(Duration::from_secs_f64(left_ms / 1000.0 / s.speed)),
                }
            };
            match wait {
                // Cap real sleeps so a wall-clock step (suspend, NTP) is noticed within a minute.
                Some(d) => {
                    tokio::select! {
                        _ = tokio::time::sleep(d.min(Duration::from_secs(60))) => {}
                        _ = changes.changed() => {}
                    }
                }
                None => {
                    let _ = changes.changed().await;
                }
            }
        }
    }

    fn register_sleeper(&self, t: Timestamp) -> SleeperGuard {
        let mut s = self.lock();
        let id = s.next_sleeper;
        s.next_sleeper += 1;
        s.sleepers.insert((t, id), ());
        SleeperGuard {
            clock: self.clone(),
            key: (t, id),
        }
    }

    /// A receiver that changes whenever the clock is switched, paused, resumed, sped up or jumped.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.inner.changed.subscribe()
    }
}

struct SleeperGuard {
    clock: Clock,
    key: (Timestamp, u64),
}

impl Drop for SleeperGuard {
    fn drop(&mut self) {
        self.clock.lock().sleepers.remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_clock_stands_still_until_jumped() {
        let c = Clock::virtual_at(Timestamp::from_millis(1_000));
        assert_eq!(c.now(), Timestamp::from_millis(1_000));
        c.jump_to(Timestamp::from_millis(5_000)).unwrap();
        assert_eq!(c.now(), Timestamp::from_millis(5_000));
        c.jump_to(Timestamp::from_millis(10)).unwrap();
        assert_eq!(c.now(), Timestamp::from_millis(5_000), "never backwards");
    }

    #[test]
    fn real_clock_refuses_jumps() {
        let c = Clock::real();
        assert_eq!(
            c.jump_to(Timestamp::from_millis(1)),
            Err(ClockError::NotVirtual)
        );
        assert!(c.set_speed(f64::NAN).is_err());
    }

    #[tokio::test]
    async fn sleepers_wake_on_jump_and_are_visible_as_next_wakeup() {
        let c = Clock::virtual_at(Timestamp::from_millis(0));
        let c2 = c.clone();
        let task = tokio::spawn(async move {
            c2.sleep_until(Timestamp::from_millis(300_000)).await;
            c2.now()
        });
        while c.next_wakeup().is_none() {
            tokio::task::yield_now().await;
        }
        assert_eq!(c.next_wakeup(), Some(Timestamp::from_millis(300_000)));
        c.jump_to(Timestamp::from_millis(299_999)).unwrap();
        tokio::task::yield_now().await;
        assert!(!task.is_finished());
        c.jump_to(Timestamp::from_millis(300_000)).unwrap();
        assert_eq!(task.await.unwrap(), Timestamp::from_millis(300_000));
        assert_eq!(c.next_wakeup(), None, "a finished sleep unregisters");
    }

    #[test]
    fn switching_to_virtual_keeps_the_current_time() {
        let c = Clock::real();
        let before = c.now();
        c.set_virtual();
        let st = c.status();
        assert_eq!(st.mode, ClockMode::Virtual);
        assert!(st.paused);
        assert!(st.now >= before);
    }
}
