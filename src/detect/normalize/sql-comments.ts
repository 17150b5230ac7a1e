// SQL block comments removed (`UNION/**/SELECT` -> `UNION SELECT`): databases read a comment as a
// token separator, so attackers use it instead of spaces and to split keywords from filters. Exported
// for the SQL injection detector; not part of the inspection pipeline (a comment is itself evidence).
import { unchanged, type Normalized } from './normalizer.js';

/** Version digits MySQL reads after `/*!` (five, `50000`) and MariaDB after `/*M!` (five or six). */
const MYSQL_VERSION_DIGITS = 5;
const MARIADB_VERSION_DIGITS = 6;

/**
 * Replaces every `/* ... *\/` by one space. MySQL / MariaDB executable comments (`/*!50000 UNION*\/`,
 * `/*M! ... *\/`) are code to those servers: their markers become spaces and their content stays.
 * An unterminated comment runs to the end, as the query would be cut there. Comments do not nest
 * (MySQL, SQL Server and Oracle; PostgreSQL nests, the rare case we accept to read differently).
 * `--` and `#` line comments are left: they are meaningful tokens for the SQL tokenizer.
 * One pass: each search resumes past the previous one, so the work is linear in the input.
 */
export function stripSqlComments(input: string): Normalized {
  if (!input.includes('/*')) return unchanged(input);
  let out = '';
  let copied = 0;
  let index = 0;
  let isExecutable = false;
  let nextOpen = -2; // -2: not searched yet; -1: none left
  let nextClose = -2;
  while (index < input.length) {
    if (nextOpen !== -1 && nextOpen < index) nextOpen = input.indexOf('/*', index);
    if (isExecutable && nextClose !== -1 && nextClose < index) nextClose = input.indexOf('*/', index);
    if (isExecutable && nextClose !== -1 && (nextOpen === -1 || nextClose < nextOpen)) {
      out += input.slice(copied, nextClose) + ' ';
      copied = index = nextClose + 2;
      isExecutable = false;
      continue;
    }
    if (nextOpen === -1) break;
    out += input.slice(copied, nextOpen) + ' ';
    const body = executableBodyStart(input, nextOpen);
    if (body !== -1) {
      isExecutable = true;
      copied = index = body;
      continue;
    }
    const end = input.indexOf('*/', nextOpen + 2);
    copied = index = end === -1 ? input.length : end + 2;
    if (end === -1) nextOpen = -1;
  }
  return { value: out + input.slice(copied), changed: true };
}

/** Where the code of an executable comment opening at `open` starts, past `/*!` or `/*M!` and the version; -1 if not one. */
function executableBodyStart(input: string, open: number): number {
  let index = open + 2;
  let digits = MYSQL_VERSION_DIGITS;
  if (input[index] === 'M' && input[index + 1] === '!') {
    index++;
    digits = MARIADB_VERSION_DIGITS;
  }
  if (input[index] !== '!') return -1;
  index++;
  const limit = index + digits;
  while (index < limit && isDigit(input.charCodeAt(index))) index++;
  return index;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
