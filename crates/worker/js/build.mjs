// Bundles src/index.js into dist/prelude.js: one self-contained IIFE that Rust embeds with include_str!.
// `node build.mjs` writes the file; `node build.mjs --check` exits 1 when dist/prelude.js is stale.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const OUTFILE = here('./dist/prelude.js');

export async function buildPrelude() {
  const result = await esbuild.build({
    entryPoints: [here('./src/index.js')],
    bundle: true,
    format: 'iife',
    target: 'es2023',
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
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
