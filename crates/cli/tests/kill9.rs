//! A `syncscope run` process killed with SIGKILL between IndexedDB transactions loses none of them: every
//! transaction its worker saw complete is in the database when the next process opens it.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn a_kill_9_between_indexeddb_transactions_loses_no_committed_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    std::fs::write(
        dir.path().join("sw.js"),
        r#"
const open = () => new Promise((resolve, reject) => {
  const r = indexedDB.open('log', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('entries');
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});
self.addEventListener('sync', (event) => event.waitUntil((async () => {
  const db = await open();
  for (let i = 0; ; i++) {
    await new Promise((resolve, reject) => {
      const tx = db.transaction('entries', 'readwrite');
      tx.objectStore('entries').put({ i, payload: 'x'.repeat(200) }, i);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    console.log('committed', i);
    await new Promise((r) => setTimeout(r, 2));
  }
})()));
"#,
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_syncscope"))
        .arg("--db")
        .arg(&db)
        .args(["run", "--register", "write", "--sw"])
        .arg(dir.path().join("sw.js"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut last = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(n) = line.split("committed ").nth(1) {
            let n: u32 = n.trim().parse().unwrap();
            last = Some(n);
            if n >= 40 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL: no shutdown, no flush
    child.wait().unwrap();
    let last = last.expect("the worker committed transactions before the kill");

    std::fs::write(
        dir.path().join("check.test.js"),
        format!(
            r#"
test('every committed transaction survived', async () => {{
  const db = await new Promise((resolve, reject) => {{
    const r = indexedDB.open('log', 1);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  }});
  const keys = await new Promise((resolve) => {{
    const q = db.transaction('entries').objectStore('entries').getAllKeys();
    q.onsuccess = () => resolve(q.result);
  }});
  for (let i = 0; i <= {last}; i++) expect(keys).toContain(i);
  const entry = await new Promise((resolve) => {{
    const q = db.transaction('entries').objectStore('entries').get({last});
    q.onsuccess = () => resolve(q.result);
  }});
  expect(entry).toEqual({{ i: {last}, payload: 'x'.repeat(200) }});
}});
"#
        ),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_syncscope"))
        .arg("--db")
        .arg(&db)
        .arg("test")
        .arg(dir.path().join("check.test.js"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().last(),
        Some("1 passed, 0 failed"),
        "{stdout}"
    );
}
