//! A hello-world Tauri 2 window: the baseline the desktop app's idle memory is compared with.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running the minimal Tauri app");
}
