/**
 * Names as a person must see them. A state, execution or machine name can hold characters that
 * render as nothing (zero-width spaces, joiners, a byte-order mark) or reorder what follows
 * (bidirectional overrides and isolates): "Charge\u202Eemuser" reads as another name. Such
 * characters, and other control characters, are shown as a visible ⟨U+XXXX⟩ mark instead, and an
 * absurdly long upstream name is cut. Pure; the UI and the Markdown export both use it.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/g;

export const MAX_NAME_LENGTH = 200;

function mark(char: string): string {
  return `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;
}

/** `text` with invisible and reordering characters made visible, and tabs/newlines as spaces. */
export function visibleText(text: string): string {
  return text.replace(/[\t\n\r]/g, " ").replace(INVISIBLE, mark);
}

/** A name from upstream (state, execution, error): visible, and at most `max` characters. */
export function visibleName(name: string, max = MAX_NAME_LENGTH): string {
  const shown = visibleText(name);
  return shown.length > max ? `${shown.slice(0, max)}… (${shown.length - max} more characters)` : shown;
}

/** Whether a name holds characters that visibleText changes (the UI may flag it). */
export function hasHiddenCharacters(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
