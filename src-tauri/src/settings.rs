//! The app's own settings, kept per user in `app-settings.json` beside the database (and `app-workers.json`):
//! the Service workers toolbar's Update on reload and Bypass for network, and the clock's mode, pause and
//! speed. No Tauri here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use syncscope_engine::{Clock, ClockMode, ClockStatus, Timestamp};

use crate::dto::{CommandError, CommandResult, SwOptions};

/// The clock as remembered between runs (not its time: a virtual clock starts again at the current time).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedClock {
    /// Real or virtual.
    pub mode: ClockMode,
    /// Virtual only: paused.
    pub paused: bool,
    /// Virtual only: virtual milliseconds per real millisecond.
    pub speed: f64,
}

impl SavedClock {
    /// What a clock's status says to remember.
    pub fn of(status: &ClockStatus) -> SavedClock {
        SavedClock {
            mode: status.mode,
            paused: status.paused,
            speed: status.speed,
        }
    }

    /// A clock in this mode, pause and speed, starting now. A speed the clock refuses (a hand-edited file) is
    /// ignored and logged.
    pub fn clock(&self) -> Clock {
        match self.mode {
            ClockMode::Real => Clock::real(),
            ClockMode::Virtual => {
                let clock = Clock::virtual_at(Timestamp::wall_clock());
                if let Err(e) = clock.set_speed(self.speed) {
                    tracing::warn!(speed = self.speed, error = %e, "ignoring the saved clock speed");
                }
                if !self.paused
                    && let Err(e) = clock.resume()
                {
                    tracing::warn!(error = %e, "could not resume the saved virtual clock");
                }
                clock
            }
        }
    }
}

/// Everything in `app-settings.json`. Missing fields take their defaults, so older files still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppSettings {
    /// The Service workers toolbar.
    pub service_workers: SwOptions,
    /// The clock at the last change, if it ever changed.
    pub clock: Option<SavedClock>,
    /// Hosts workers may connect to besides their origin and loopback, as the user named them in Settings.
    pub allow_hosts: Vec<String>,
}

/// The settings file.
#[derive(Debug)]
pub struct SettingsFile {
    path: PathBuf,
    /// Serializes load-change-save, so two commands changing different settings at once both stick.
    updating: std::sync::Mutex<()>,
}

impl SettingsFile {
    /// `app-settings.json` in `data_dir`.
    pub fn in_dir(data_dir: &Path) -> SettingsFile {
        SettingsFile {
            path: data_dir.join("app-settings.json"),
            updating: std::sync::Mutex::new(()),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The saved settings; the defaults when there is no file, or when it cannot be read (logged).
    pub fn load(&self) -> AppSettings {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(file = %self.path.display(), error = %e, "ignoring an unreadable settings file");
                AppSettings::default()
            }),
            Err(_) => AppSettings::default(),
        }
    }

    /// Writes the settings (through a temporary file, so a crash never leaves half a file).
    pub fn save(&self, settings: &AppSettings) -> CommandResult<()> {
        let text = serde_json::to_string_pretty(settings)
            .map_err(|e| CommandError::new("io", e.to_string()))?;
        write_atomically(&self.path, &text)
    }

    /// Loads, changes and saves, one update at a time.
    pub fn update(&self, change: impl FnOnce(&mut AppSettings)) -> CommandResult<AppSettings> {
        let _one_at_a_time = self.updating.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = self.load();
        change(&mut s);
        self.save(&s)?;
        Ok(s)
    }
}

/// Replaces `path` with `text` atomically: written and synced to a temporary file of a unique name in the same
/// folder, then renamed over it, so a crash leaves the old file or the new one, never half of one, and two
/// writers never share a temporary file.
pub fn write_atomically(path: &Path, text: &str) -> CommandResult<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".syncscope-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_updates_of_different_settings_all_stick() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::sync::Arc::new(SettingsFile::in_dir(dir.path()));
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let file = file.clone();
                std::thread::spawn(move || {
                    for _ in 0..25 {
                        file.update(|s| {
                            if i % 2 == 0 {
                                s.service_workers.bypass_for_network = true;
                            } else {
                                s.service_workers.update_on_reload = true;
                            }
                        })
                        .unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let s = file.load();
        assert!(s.service_workers.bypass_for_network && s.service_workers.update_on_reload);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            left,
            ["app-settings.json"],
            "no temporary file is left behind"
        );
    }

    #[test]
    fn settings_round_trip_and_a_broken_or_old_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = SettingsFile::in_dir(dir.path());
        assert_eq!(file.load(), AppSettings::default());
        let saved = file
            .update(|s| {
                s.service_workers.bypass_for_network = true;
                s.clock = Some(SavedClock {
                    mode: ClockMode::Virtual,
                    paused: false,
                    speed: 60.0,
                });
            })
            .unwrap();
        assert_eq!(file.load(), saved);
        std::fs::write(file.path(), "{ not json").unwrap();
        assert_eq!(file.load(), AppSettings::default());
        std::fs::write(
            file.path(),
            r#"{"service_workers":{"update_on_reload":true}}"#,
        )
        .unwrap();
        let old = file.load();
        assert!(old.service_workers.update_on_reload);
        assert!(!old.service_workers.bypass_for_network);
        assert_eq!(old.clock, None);
    }

    #[test]
    fn a_saved_virtual_clock_comes_back_running_at_its_speed() {
        let c = SavedClock {
            mode: ClockMode::Virtual,
            paused: false,
            speed: 60.0,
        }
        .clock();
        let s = c.status();
        assert_eq!(
            (s.mode, s.paused, s.speed),
            (ClockMode::Virtual, false, 60.0)
        );
        let c = SavedClock {
            mode: ClockMode::Real,
            paused: true,
            speed: 1.0,
        }
        .clock();
        assert_eq!(c.status().mode, ClockMode::Real);
    }
}
