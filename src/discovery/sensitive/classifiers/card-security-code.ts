// Card security codes (CVV2, CVC2, CID): 3 or 4 digits under a field named for them. PCI DSS
// requirement 3.3.1.2 forbids storing them after authorisation, so an API that echoes one matters.
// Three digits alone mean nothing, so the field name is required.
import type { SensitiveClassifier } from '../classifier.js';
import { isDigits } from '../checksums.js';
import { compileKeyRule } from '../key-hint.js';

export const cardSecurityCodeClassifier: SensitiveClassifier = {
  id: 'card-security-code',
  description: 'A card security code (CVV2/CVC2/CID): 3 or 4 digits under a field named for it.',
  matchKey: compileKeyRule({
    names: ['cvv', 'cvc', 'cvv2', 'cvc2', 'csc', 'cvn', 'cid2'],
    suffixes: ['cvv', 'cvc', 'cvv2', 'cvc2', 'securitycode', 'cardverificationvalue', 'cardverificationcode', 'cardcode'],
  }),
  matchValue: (value, isKeyMatched) => isKeyMatched && isDigits(value, 3, 4),
};
