/**
 * Time windows in seconds: the earliest and the latest moment something can happen, counted from a cause (the
 * service dying, the check recovering). Each window is the sum of steps, so that an explanation can show where
 * the time goes.
 */

export interface Window {
  min: number;
  max: number;
}

export interface Step {
  /** What takes the time, in words: "the check fails 2 times in a row (every 2 s)". */
  what: string;
  window: Window;
}

export function windowOf(min: number, max: number = min): Window {
  return { min, max };
}

export function sumOf(steps: readonly Step[]): Window {
  return steps.reduce<Window>((sum, step) => ({ min: sum.min + step.window.min, max: sum.max + step.window.max }), windowOf(0));
}

/** Up to 6 decimals, as keepalived's timers keep microseconds: no 4.6480000001 in JSON. */
export function roundedWindow(w: Window): Window {
  const round = (n: number): number => Math.round(n * 1e6) / 1e6;
  return { min: round(w.min), max: round(w.max) };
}

/** Tenths of a second, rounded outwards so the printed window still holds the computed one. */
function tenthsDown(n: number): string {
  return (Math.floor(n * 10 + 1e-9) / 10).toFixed(1);
}

function tenthsUp(n: number): string {
  return (Math.ceil(n * 10 - 1e-9) / 10).toFixed(1);
}

/** "4.6-7.7 s"; "0.6 s" for a single moment (or when both ends print the same). */
export function formatWindow(w: Window): string {
  if (w.max - w.min < 1e-9) return `${(Math.round(w.min * 10) / 10).toFixed(1)} s`;
  const low = tenthsDown(w.min);
  const high = tenthsUp(w.max);
  return low === high ? `${low} s` : `${low}-${high} s`;
}

/** A number of seconds as a person writes it: 2, 0.65, 3.65. */
export function formatSeconds(n: number): string {
  return String(Math.round(n * 100) / 100);
}
