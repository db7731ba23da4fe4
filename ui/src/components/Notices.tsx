import type { Model } from '../lib/observable';

/** A model's error (red) and notice (neutral) inline, with a dismiss button: nothing fails silently. */
export function Notices({ model }: { model: Model }) {
  if (!model.error && !model.notice) return null;
  return (
    <div class="notices">
      {model.error && (
        <div class="notice error" role="alert">
          <span>{model.error}</span>
          <button type="button" class="link" onClick={() => model.dismiss()} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {model.notice && (
        <div class="notice info" role="status">
          <span>{model.notice}</span>
          <button type="button" class="link" onClick={() => model.dismiss()} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
    </div>
  );
}
