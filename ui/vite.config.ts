import { defineConfig } from 'vitest/config';

// Preact's automatic JSX runtime (tsconfig's jsxImportSource, stated here too so the transform never guesses).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Tauri serves the build from its own protocol; relative asset URLs work there and under `vite preview`.
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: false },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
