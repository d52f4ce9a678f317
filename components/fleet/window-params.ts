/**
 * The selected window as it travels in page URLs and API queries: `window=15m|1h|24h|7d`, or
 * `window=custom&from=&to=` in epoch ms. Pure.
 */
export type WindowChoice = "15m" | "1h" | "24h" | "7d" | "30d" | "90d" | "custom";

export interface WindowParams {
  window: WindowChoice;
  from?: number;
  to?: number;
}

export const WINDOW_CHOICES: { value: WindowChoice; label: string }[] = [
  { value: "15m", label: "15 min" },
  { value: "1h", label: "1 h" },
  { value: "24h", label: "24 h" },
  { value: "7d", label: "7 days" },
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "custom", label: "Custom" },
];

export const DEFAULT_WINDOW: WindowParams = { window: "24h" };

/**
 * Names of the window's URL parameters. The state machine page keeps `from`/`to` for the
 * executions list's time filter, so its custom window uses other names.
 */
export interface WindowKeys {
  window: string;
  from: string;
  to: string;
}

export const HOME_WINDOW_KEYS: WindowKeys = { window: "window", from: "from", to: "to" };
export const MACHINE_WINDOW_KEYS: WindowKeys = { window: "window", from: "wfrom", to: "wto" };

/** Reads the window from page URL parameters; anything unusable falls back to the default. */
export function windowFromSearch(params: { get(key: string): string | null }, keys: WindowKeys = HOME_WINDOW_KEYS): WindowParams {
  const window = params.get(keys.window);
  if (window === "custom") {
    const from = Number(params.get(keys.from));
    const to = Number(params.get(keys.to));
    if (Number.isFinite(from) && Number.isFinite(to) && from > 0 && to > from) return { window: "custom", from, to };
    return DEFAULT_WINDOW;
  }
  if (window === "15m" || window === "1h" || window === "24h" || window === "7d" || window === "30d" || window === "90d") return { window };
  return DEFAULT_WINDOW;
}

/** Writes the window into URL parameters (removing what the default makes redundant). */
export function writeWindow(params: URLSearchParams, value: WindowParams, keys: WindowKeys = HOME_WINDOW_KEYS): void {
  params.delete(keys.from);
  params.delete(keys.to);
  if (value.window === DEFAULT_WINDOW.window) params.delete(keys.window);
  else params.set(keys.window, value.window);
  if (value.window === "custom" && value.from !== undefined && value.to !== undefined) {
    params.set(keys.from, String(value.from));
    params.set(keys.to, String(value.to));
  }
}

/** `datetime-local` input value (UTC) ↔ epoch ms. */
export function toInputValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

export function fromInputValue(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}:00Z`);
  return Number.isFinite(ms) ? ms : undefined;
}
