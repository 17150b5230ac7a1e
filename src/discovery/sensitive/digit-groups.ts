// Reads numbers written in groups (`4242 4242 4242 4242`, `123-45-6789`): digits separated by one
// consistent space or dash, as people and forms print card numbers and national identifiers.

export interface DigitGroups {
  /** The digits without separators. */
  readonly digits: string;
  /** The length of each group, in order; one group if the value had no separator. */
  readonly groups: readonly number[];
}

/**
 * The digit groups of `value`, or undefined if it holds anything but digits and a single kind of
 * separator (space or dash) between non-empty groups, or more than `maxGroups` groups.
 */
export function readDigitGroups(value: string, maxGroups = 6): DigitGroups | undefined {
  if (isAllDigits(value)) return { digits: value, groups: [value.length] };
  let digits = '';
  const groups: number[] = [];
  let separator = 0;
  let groupLength = 0;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits += value.charAt(index);
      groupLength++;
      continue;
    }
    if (code !== 32 && code !== 45) return undefined;
    if (groupLength === 0 || (separator !== 0 && code !== separator)) return undefined;
    separator = code;
    groups.push(groupLength);
    groupLength = 0;
    if (groups.length >= maxGroups) return undefined;
  }
  if (groupLength === 0) return undefined;
  groups.push(groupLength);
  return { digits, groups };
}

function isAllDigits(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return value.length > 0;
}
