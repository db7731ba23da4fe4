import type { AppModel, View } from '../lib/app';
import { SERVICES, formatTime, serviceLabel } from '../lib/format';
import { useModels, useTick } from '../hooks';
import { BackgroundServiceView } from './BackgroundService';
import { ClockView } from './Clock';
import { ConsoleView } from './Console';
import { DemoView } from './Demo';
import { ServiceWorkersView } from './ServiceWorkers';
import { SettingsView } from './Settings';
import { TagsView } from './Tags';
import { TimelineView } from './Timeline';

const same = (a: View, b: View) => a.kind === b.kind && (a.kind !== 'service' || (b.kind === 'service' && a.service === b.service));

/** The window: DevTools' Application sidebar, the selected view, the app's own errors. */
export function App({ app }: { app: AppModel }) {
  useModels(app, app.clock, app.workers, app.tags, app.demo, app.target);
  const s = app.clock.status;
  const item = (view: View, label: string, extra?: string, extraClass = '') => (
    <li>
      <button
        type="button"
        class={`nav${same(app.view, view) ? ' active' : ''}`}
        aria-current={same(app.view, view) ? 'page' : undefined}
        onClick={() => app.show(view)}
      >
        {label}
        {extra && <span class={`badge ${extraClass}`}>{extra}</span>}
      </button>
    </li>
  );
  const v = app.view;
  return (
    <div class="app">
      <nav class="sidebar" aria-label="Views">
        <h2>Application</h2>
        <ul>
          {item(
            { kind: 'workers' },
            'Service workers',
            app.target.isChromium
              ? app.target.connected
                ? 'chromium'
                : 'disconnected'
              : app.workers.online
                ? undefined
                : 'offline',
          )}
          {item({ kind: 'demo' }, 'Demo', app.demo.loaded ? 'chat' : undefined)}
        </ul>
        <h2>Background services</h2>
        <ul>
          {SERVICES.map((svc) =>
            item(
              { kind: 'service', service: svc },
              serviceLabel(svc),
              app.events[svc].isRecording ? '●' : undefined,
              'rec',
            ),
          )}
        </ul>
        <h2>Syncscope</h2>
        <ul>
          {item({ kind: 'tags' }, 'Tags', app.tags.tags.length ? String(app.tags.tags.length) : undefined)}
          {item({ kind: 'timeline' }, 'Timeline')}
          {item({ kind: 'clock' }, 'Clock', s?.mode === 'virtual' ? 'virtual' : undefined)}
          {item({ kind: 'settings' }, 'Engine settings')}
          {item({ kind: 'console' }, 'Console')}
        </ul>
        <footer class="muted">
          <SidebarClock clock={app.clock} />
          {app.info && <div title={app.info.db_path}>v{app.info.version}</div>}
        </footer>
      </nav>
      <main>
        {app.error && (
          <div class="notice error" role="alert">
            <span>{app.error}</span>
            <button type="button" class="link" onClick={() => app.dismiss()} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
        {v.kind === 'workers' && (
          <ServiceWorkersView model={app.workers} target={app.target} onLoadDemo={() => void app.startDemo()} />
        )}
        {v.kind === 'demo' && (
          <DemoView
            model={app.demo}
            workers={app.workers}
            tags={app.tags}
            clock={app.clock}
            onStart={() => void app.startDemo()}
          />
        )}
        {v.kind === 'service' && <BackgroundServiceView key={v.service} model={app.events[v.service]} />}
        {v.kind === 'tags' && <TagsView model={app.tags} clock={app.clock} />}
        {v.kind === 'timeline' && (
          <TimelineView model={app.timeline} sources={[app.events.backgroundSync, app.events.periodicBackgroundSync]} />
        )}
        {v.kind === 'clock' && <ClockView model={app.clock} />}
        {v.kind === 'settings' && (
          <SettingsView model={app.settings} origins={app.workers.workers.map((w) => w.registration.origin)} />
        )}
        {v.kind === 'console' && <ConsoleView model={app.console} />}
      </main>
    </div>
  );
}

/** The engine's time under the sidebar: the only part of the window that re-renders every second. */
function SidebarClock({ clock }: { clock: AppModel['clock'] }) {
  useModels(clock);
  const s = clock.status;
  useTick(1000, s !== null && !(s.mode === 'virtual' && s.paused));
  return s && <div title="The engine's clock">{formatTime(clock.now(), false, false)}</div>;
}
