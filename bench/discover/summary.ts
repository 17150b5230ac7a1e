// Document scores summed into the bench's figures: endpoint precision / recall / F1, field recall,
// sensitive-data precision / recall (micro: counts summed over documents, so GitHub weighs most).
import type { DocumentScore, Ratio, SensitiveScore } from './metrics.js';

export interface EndpointSummary {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface FieldSummary {
  readonly query: Ratio;
  readonly requestFields: Ratio;
  readonly responseFields: Ratio;
  readonly all: Ratio;
}

export interface SensitiveSummary {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly negatives: number;
  readonly precision: number;
  readonly recall: number;
  /** Of the true positives, the share whose reported types include the planted one. */
  readonly typeAgreement: number;
  readonly byType: Readonly<Record<string, Ratio>>;
}

const divide = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);
export const rate = (ratio: Ratio): number => divide(ratio.hits, ratio.total);

export function endpointSummary(scores: readonly DocumentScore[]): EndpointSummary {
  const truePositives = scores.reduce((total, score) => total + score.endpoints.truePositives, 0);
  const falsePositives = scores.reduce((total, score) => total + score.endpoints.falsePositives.length, 0);
  const falseNegatives = scores.reduce((total, score) => total + score.endpoints.falseNegatives.length, 0);
  const precision = divide(truePositives, truePositives + falsePositives);
  const recall = divide(truePositives, truePositives + falseNegatives);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

function sum(ratios: readonly Ratio[]): Ratio {
  return { hits: ratios.reduce((total, ratio) => total + ratio.hits, 0), total: ratios.reduce((total, ratio) => total + ratio.total, 0) };
}

export function fieldSummary(scores: readonly DocumentScore[]): FieldSummary {
  const query = sum(scores.map((score) => score.query));
  const requestFields = sum(scores.map((score) => score.requestFields));
  const responseFields = sum(scores.map((score) => score.responseFields));
  return { query, requestFields, responseFields, all: sum([query, requestFields, responseFields]) };
}

export function sensitiveSummary(parts: readonly SensitiveScore[]): SensitiveSummary {
  const truePositives = parts.reduce((total, part) => total + part.truePositives, 0);
  const falsePositives = parts.reduce((total, part) => total + part.falsePositives.length, 0);
  const falseNegatives = parts.reduce((total, part) => total + part.falseNegatives.length, 0);
  const typeMatches = parts.reduce((total, part) => total + part.typeMatches, 0);
  const byType: Record<string, { hits: number; total: number }> = {};
  for (const part of parts) {
    for (const [type, tally] of Object.entries(part.byType)) {
      const into = (byType[type] ??= { hits: 0, total: 0 });
      into.hits += tally.hits;
      into.total += tally.total;
    }
  }
  return {
    truePositives, falsePositives, falseNegatives, negatives: parts.reduce((total, part) => total + part.negatives, 0),
    precision: divide(truePositives, truePositives + falsePositives), recall: divide(truePositives, truePositives + falseNegatives),
    typeAgreement: divide(typeMatches, truePositives), byType,
  };
}
