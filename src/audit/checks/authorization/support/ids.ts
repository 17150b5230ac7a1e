// Names that identify an object (`id`, `userId`, `order_id`, `invoice-id`, `accountID`, `uuid`).
const LOWER_A = 97;
const LOWER_Z = 122;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

function isLowerOrDigit(code: number | undefined): boolean {
  return code !== undefined && ((code >= LOWER_A && code <= LOWER_Z) || (code >= DIGIT_0 && code <= DIGIT_9));
}

export function isIdName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'id' || lower.endsWith('_id') || lower.endsWith('-id') || name.endsWith('Id')) return true;
  // `accountID`, but not `VOID`.
  if (name.endsWith('ID') && isLowerOrDigit(name.charCodeAt(name.length - 3))) return true;
  return lower.endsWith('uuid') || lower.endsWith('guid');
}

/** The names of the `{parameters}` of a path template, in order. */
export function templateNames(path: string): string[] {
  const names: string[] = [];
  for (let open = path.indexOf('{'); open !== -1; open = path.indexOf('{', open + 1)) {
    const close = path.indexOf('}', open + 1);
    if (close === -1) break;
    names.push(path.slice(open + 1, close));
    open = close;
  }
  return names;
}
