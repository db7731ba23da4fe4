// Preact glue for the framework-free view models.
import { useEffect, useReducer } from 'preact/hooks';
import type { Observable } from './lib/observable';

/** Re-renders the component whenever one of the models changes. */
export function useModels(...models: Observable[]): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const offs = models.map((m) => m.subscribe(() => bump(undefined)));
    return () => offs.forEach((off) => off());
  }, models);
}

/** Re-renders every `ms` (for clocks and relative times). */
export function useTick(ms: number, on = true): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => bump(undefined), ms);
    return () => clearInterval(t);
  }, [ms, on]);
}
