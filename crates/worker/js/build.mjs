// Bundles src/index.js into dist/prelude.js: one self-contained IIFE that Rust embeds with include_str!.
// `node build.mjs` writes the file; `node build.mjs --check` exits 1 when dist/prelude.js is stale.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const OUTFILE = here('./dist/prelude.js');

// fake-indexeddb is bundled (all but three lines unmodified, see POLLS): `fake-indexeddb/internal/X` names its build/esm/X (the package's
// exports map hides the internals idb.js hooks into), its lib/scheduling.js becomes src/idb-scheduling.js, and
// its modules get the prelude's DOMException/structuredClone/Promise instead of the globals (src/idb-globals.js).
// Its comments are dropped: read them in node_modules/fake-indexeddb.
const FAKE_IDB = here('./node_modules/fake-indexeddb/build/esm/');
const POLLS = [
  ['/FDBFactory.js', 'queueTask(() => waitForOthersClosedDelete(', 'queueTask.poll(() => waitForOthersClosedDelete('],
  ['/FDBFactory.js', 'queueTask(waitForOthersClosed);', 'queueTask.poll(waitForOthersClosed);'],
  ['/lib/closeConnection.js', 'queueTask(() => {\n      closeConnection(connection, forced);', 'queueTask.poll(() => {\n      closeConnection(connection, forced);'],
];
const fakeIndexedDB = {
  name: 'fake-indexeddb',
  setup(build) {
    build.onResolve({ filter: /^fake-indexeddb\/internal\// }, (args) => ({ path: join(FAKE_IDB, args.path.slice('fake-indexeddb/internal/'.length)) }));
    build.onResolve({ filter: /\/scheduling\.js$/ }, (args) => (args.importer.startsWith(FAKE_IDB) ? { path: here('./src/idb-scheduling.js') } : undefined));
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(FAKE_IDB)) return undefined;
      let source = await readFile(args.path, 'utf8');
      // Its three "wait until connections close / transactions finish" loops re-queue themselves as tasks,
      // which spins the event loop (forever, while a blocked open/delete waits for a connection that never
      // closes). They become queueTask.poll: re-run when a connection closes or a transaction finishes.
      for (const [file, from, to] of POLLS) {
        if (!args.path.endsWith(file)) continue;
        if (source.split(from).length !== 2) throw new Error(`fake-indexeddb changed: ${file} no longer has ${from}`);
        source = source.replace(from, to);
      }
      const globals = JSON.stringify(here('./src/idb-globals.js'));
      // Third-party code, read in node_modules: comments dropped and syntax shortened (113 → 95 KB in the bundle).
      const { code } = await esbuild.transform(`import { DOMException, structuredClone, Promise } from ${globals};\n${source}`, {
        loader: 'js', format: 'esm', target: 'es2023', minifyWhitespace: true, minifySyntax: true, legalComments: 'none',
      });
      return { contents: code, loader: 'js', resolveDir: join(args.path, '..') };
    });
  },
};

export async function buildPrelude() {
  const result = await esbuild.build({
    entryPoints: [here('./src/index.js')],
    absWorkingDir: here('.'), // the bundle's `// src/…` path comments do not depend on the current directory
    bundle: true,
    format: 'iife',
    target: 'es2023',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    plugins: [fakeIndexedDB],
    banner: { js: '// Syncscope service-worker prelude. GENERATED from crates/worker/js/src by `npm run build`; do not edit.' },
    footer: { js: '//# sourceURL=syncscope:prelude' },
  });
  const text = result.outputFiles[0].text;
  // Indent with tabs instead of esbuild's two spaces: ~8% smaller, just as readable. Guard: the code must be
  // token-for-token the same (a multi-line template literal would make the minified forms differ).
  const tabbed = text.replace(/^(?: {2})+/gm, (m) => '\t'.repeat(m.length / 2));
  const [a, b] = await Promise.all([text, tabbed].map((t) => esbuild.transform(t, { minify: true, target: 'es2023' })));
  if (a.code !== b.code) throw new Error('re-indenting the bundle changed its code (multi-line template literal?)');
  return tabbed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await buildPrelude();
  if (process.argv.includes('--check')) {
    let current = '';
    try { current = readFileSync(OUTFILE, 'utf8'); } catch {}
    if (current !== text) { console.error('dist/prelude.js is stale: run `npm run build`'); process.exit(1); }
    console.log('dist/prelude.js is up to date');
  } else {
    writeFileSync(OUTFILE, text);
    console.log(`wrote ${OUTFILE} (${text.length} bytes)`);
  }
}
