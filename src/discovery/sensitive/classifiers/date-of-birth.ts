// Dates of birth, known by their field name (a date alone is just a date): under `dob`, `birthDate`,
// `dateOfBirth`, `birthday`… a real calendar date written ISO 8601 (`1990-04-23`, optionally with a
// midnight time), `YYYY/MM/DD`, `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY` or `DD-MM-YYYY`, in a year from
// 1900 to the current one.
import type { SensitiveClassifier } from '../classifier.js';
import { compileKeyRule } from '../key-hint.js';

const YEAR_FIRST = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:T00:00(?::00(?:\.0{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > new Date().getUTCFullYear() || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `value` is a calendar date in one of the accepted notations (day-first or month-first when the year is last). */
export function isBirthDateValue(value: string): boolean {
  const yearFirst = YEAR_FIRST.exec(value);
  if (yearFirst !== null) return isCalendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const yearLast = YEAR_LAST.exec(value);
  if (yearLast === null) return false;
  const first = Number(yearLast[1]);
  const second = Number(yearLast[2]);
  const year = Number(yearLast[3]);
  return isCalendarDate(year, second, first) || isCalendarDate(year, first, second);
}

export const dateOfBirthClassifier: SensitiveClassifier = {
  id: 'date-of-birth',
  description: 'A date of birth: a valid calendar date under a birth-date field.',
  matchKey: compileKeyRule({
    names: ['dob', 'birth', 'born', 'bday', 'geburtsdatum', 'fechadenacimiento', 'fechanacimiento', 'datedenaissance', 'datanascita', 'geboortedatum', 'datadenascimento'],
    suffixes: ['dob', 'dateofbirth', 'birthdate', 'birthday', 'birthdt', 'birthdat', 'dtofbirth', 'bornon', 'borndate'],
  }),
  matchValue: (value, isKeyMatched) => isKeyMatched && value.length <= 40 && isBirthDateValue(value),
};
