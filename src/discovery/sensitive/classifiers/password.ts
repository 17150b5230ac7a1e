// Passwords and PINs, known by their field name only: any value can be a password, so the name is the
// evidence (OWASP ASVS V2.1 treats every such field as a secret). Names that are about a password
// rather than the password itself (`passwordPolicy`, `passwordChangedAt`, `hasPassword`) do not end in
// a password term and so do not match; values that are already masked or say "none" do not count.
import type { SensitiveClassifier } from '../classifier.js';
import { isPlaceholder } from '../entropy.js';
import { compileKeyRule } from '../key-hint.js';

const MAX_PASSWORD_LENGTH = 1024;

export const passwordClassifier: SensitiveClassifier = {
  id: 'password',
  description: 'A password, passphrase, passcode or PIN: any non-placeholder value under a field named for one.',
  matchKey: compileKeyRule({
    names: ['pin', 'pinnumber', 'cardpin', 'atmpin', 'securitypin', 'pass', 'pw'],
    suffixes: ['password', 'passwd', 'pwd', 'passphrase', 'passcode', 'passwords', 'userpass', 'pinblock'],
  }),
  matchValue: (value, isKeyMatched) => isKeyMatched && value.length <= MAX_PASSWORD_LENGTH && !isPlaceholder(value),
};
