// Values planted into generated bodies under realistic field names: personal data and secrets that
// discovery should report, and decoys shaped like them (16-digit numbers that fail Luhn, order
// numbers, timestamps, UUIDs, prices, SKUs, versions) that it should not.
import type { Truth } from './field-values.js';
import { ALPHANUMERIC, DIGITS, hashOf, type Random } from './random.js';
import * as values from './values.js';

export interface Plant {
  /** Field name; a `parent.child` name is planted inside an object. */
  readonly name: string;
  readonly truth: Truth;
  readonly make: (random: Random) => string | number;
}

export const SENSITIVE_PLANTS: readonly Plant[] = [
  { name: 'contactEmail', truth: 'email', make: values.email },
  { name: 'billing.email', truth: 'email', make: values.email },
  { name: 'cardNumber', truth: 'payment-card', make: values.cardNumber },
  { name: 'payment.card.number', truth: 'payment-card', make: values.cardNumber },
  { name: 'ssn', truth: 'us-ssn', make: values.ssn },
  { name: 'taxpayer.ssn', truth: 'us-ssn', make: values.ssn },
  { name: 'iban', truth: 'iban', make: values.iban },
  { name: 'payout.iban', truth: 'iban', make: values.iban },
  { name: 'phoneNumber', truth: 'phone', make: values.phone },
  { name: 'emergencyContact.mobile', truth: 'phone', make: values.phone },
  { name: 'idToken', truth: 'jwt', make: (random) => values.jwt(random) },
  { name: 'session.accessToken', truth: 'jwt', make: (random) => values.jwt(random) },
  { name: 'githubToken', truth: 'api-key', make: values.githubToken },
  { name: 'integration.stripeKey', truth: 'api-key', make: values.stripeKey },
  { name: 'clientIp', truth: 'ip-address', make: values.ipv4 },
  { name: 'dateOfBirth', truth: 'date-of-birth', make: values.dateOfBirth },
  { name: 'shippingAddress.line1', truth: 'postal-address', make: values.streetLine },
];

const epochMs = (random: Random): number => 1_700_000_000_000 + random.int(0, 60_000_000) * 1000;

export const DECOY_PLANTS: readonly Plant[] = [
  { name: 'trackingNumber', truth: 'clean', make: values.failingLuhn16 },
  { name: 'loyaltyNumber', truth: 'clean', make: values.failingLuhn16 },
  { name: 'shipment.barcode', truth: 'clean', make: values.failingLuhn16 },
  { name: 'orderNumber', truth: 'clean', make: (random) => `ORD-${random.int(2019, 2025)}-${random.chars(DIGITS, 6)}` },
  { name: 'invoiceNumber', truth: 'clean', make: (random) => random.chars(DIGITS, 10) },
  { name: 'customerNumber', truth: 'clean', make: (random) => `${random.int(100, 899)}${random.chars(DIGITS, 6)}` },
  { name: 'createdAtMs', truth: 'clean', make: epochMs },
  { name: 'lastLogin', truth: 'clean', make: (random) => Math.floor(epochMs(random) / 1000) },
  { name: 'requestId', truth: 'clean', make: values.uuid },
  { name: 'correlation.traceId', truth: 'clean', make: (random) => values.sha(random).slice(0, 32) },
  { name: 'unitPrice', truth: 'clean', make: (random) => random.int(99, 99_999) / 100 },
  { name: 'sku', truth: 'clean', make: (random) => `${random.pick(['TSHIRT', 'SHOE', 'MUG'])}-${random.pick(['BLU', 'RED', 'BLK'])}-${random.pick(['S', 'M', 'L', '42'])}` },
  { name: 'appVersion', truth: 'clean', make: (random) => `${random.int(1, 12)}.${random.int(0, 9)}.${random.int(0, 30)}.${random.int(0, 999)}` },
  { name: 'nextPageToken', truth: 'clean', make: (random) => random.chars(`${ALPHANUMERIC}-_`, 64) },
  { name: 'checksum', truth: 'clean', make: (random) => values.sha(random) + values.sha(random).slice(0, 24) },
  { name: 'isbn', truth: 'clean', make: (random) => `978-${random.int(0, 9)}-${random.chars(DIGITS, 3)}-${random.chars(DIGITS, 5)}-${random.int(0, 9)}` },
];

/**
 * The plants of one operation: a stable choice per operation (about a third of operations carry
 * some), one to two sensitive fields and one to two decoys, planted in the request body, the answer
 * or both.
 */
export function plantsFor(operationKey: string): { readonly request: readonly Plant[]; readonly response: readonly Plant[] } {
  const hash = hashOf(operationKey);
  if (hash % 3 !== 0) return { request: [], response: [] };
  const pick = (list: readonly Plant[], salt: number): Plant => list[hashOf(`${operationKey}#${salt}`) % list.length]!;
  const chosen = [pick(SENSITIVE_PLANTS, 1), pick(DECOY_PLANTS, 2)];
  if ((hash >>> 4) % 2 === 0) chosen.push(pick(SENSITIVE_PLANTS, 3));
  if ((hash >>> 5) % 2 === 0) chosen.push(pick(DECOY_PLANTS, 4));
  const unique = [...new Map(chosen.map((plant) => [plant.name, plant])).values()];
  const side = (hash >>> 6) % 3;
  return { request: side === 1 ? [] : unique, response: side === 0 ? [] : unique };
}
