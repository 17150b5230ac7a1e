// Tag and attribute names compared where they stand in the text, ASCII case-insensitively (HTML names
// are: 13.2.5.8), so judging benign markup slices and lowercases nothing.

/** Names grouped by length: a lookup compares only the few names as long as the candidate. */
export type NameTable = ReadonlyMap<number, readonly string[]>;

export function nameTable(names: readonly string[]): NameTable {
  const table = new Map<number, string[]>();
  for (const name of names) table.set(name.length, [...(table.get(name.length) ?? []), name]);
  return table;
}

/** The name of `table` that text[start, end) spells in any case, or '' (names are lowercase ASCII). */
export function lookupName(text: string, start: number, end: number, table: NameTable): string {
  const candidates = table.get(end - start);
  if (candidates === undefined) return '';
  for (const name of candidates) if (spellsName(text, start, name)) return name;
  return '';
}

/** Whether `name` (lowercase letters, digits, `-`, `:`) is spelled at `start`, in any case. */
export function spellsName(text: string, start: number, name: string): boolean {
  for (let index = 0; index < name.length; index++) {
    const code = text.charCodeAt(start + index);
    const expected = name.charCodeAt(index);
    if (code !== expected && !(expected >= 97 && expected <= 122 && code === expected - 32)) return false;
  }
  return true;
}

/** Whether text[start, end) is `on` followed by at least three ASCII letters: the shape of a handler name. */
export function isHandlerName(text: string, start: number, end: number): boolean {
  if (end - start < 5 || !spellsName(text, start, 'on')) return false;
  for (let index = start + 2; index < end; index++) {
    const lower = text.charCodeAt(index) | 0x20;
    if (lower < 97 || lower > 122) return false;
  }
  return true;
}
