import { render } from 'preact';
import { createBackend } from './lib/backend';
import { AppModel } from './lib/app';
import { App } from './views/App';
import { mark, markPainted } from './lib/perf';
import './styles.css';

mark('script');
const backend = await createBackend();
const app = new AppModel(backend);
// Nothing fails silently: script errors and unhandled rejections show in the app's error bar.
window.addEventListener('error', (e) => app.report(`Script error: ${e.message}`));
window.addEventListener('unhandledrejection', (e) =>
  app.report(`Unhandled: ${e.reason instanceof Error ? e.reason.message : String(e.reason)}`),
);
window.addEventListener('keydown', (e) => {
  if (app.onKey(e)) e.preventDefault();
});
render(<App app={app} />, document.getElementById('app')!);
markPainted('shell');
void app.start();
