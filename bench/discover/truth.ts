// What the generator really sent for each documented operation: the query parameters, the body
// properties per direction and status, and per scalar location the sensitive-data truth. The
// metrics score discovery against this, never against fields the generator did not emit.
import type { FieldSink } from './body.js';
import type { Truth } from './field-values.js';

export interface LeafTruth {
  /** Sensitive types emitted here; empty when every value was clean or ignored. */
  readonly types: Set<string>;
  isIgnored: boolean;
  /** Planted by the bench (not a documented field). */
  readonly isPlanted: boolean;
}

export interface OperationTruth {
  readonly document: string;
  readonly host: string;
  readonly method: string;
  /** Base path + documented path template. */
  readonly template: string;
  samples: number;
  /**
   * The template with its enum path parameters replaced by the values sent (`/categories/guides/{title}`):
   * a parameter with two documented values is two resources to an inventory, and either form counts.
   */
  readonly expansions: Set<string>;
  /** Documented query parameters sent, by name. */
  readonly queries: Set<string>;
  readonly requestFields: Set<string>;
  /** Status → documented response properties emitted. */
  readonly responseFields: Map<string, Set<string>>;
  /** `request body /customer/email`, `request query password`... as discovery names sensitive fields. */
  readonly leaves: Map<string, LeafTruth>;
}

export function createOperationTruth(document: string, host: string, method: string, template: string): OperationTruth {
  return { document, host, method, template, samples: 0, expansions: new Set(), queries: new Set(), requestFields: new Set(), responseFields: new Map(), leaves: new Map() };
}

export function recordLeaf(truth: OperationTruth, key: string, label: Truth, isPlanted = false): void {
  let leaf = truth.leaves.get(key);
  if (leaf === undefined) truth.leaves.set(key, (leaf = { types: new Set(), isIgnored: false, isPlanted }));
  if (label === 'ignored') leaf.isIgnored = true;
  else if (label !== 'clean') leaf.types.add(label);
}

/** A sink for one body: documented properties counted per direction (answers per status), every scalar labelled. */
export function bodySink(truth: OperationTruth, direction: 'request' | 'response', status: string, isPlanted = false): FieldSink {
  let fields = truth.requestFields;
  if (direction === 'response') {
    fields = truth.responseFields.get(status) ?? new Set();
    truth.responseFields.set(status, fields);
  }
  return {
    property(pointer) {
      if (!isPlanted) fields.add(pointer);
    },
    leaf(pointer, label) {
      recordLeaf(truth, `${direction} body ${pointer === '' ? '/' : pointer}`, label, isPlanted);
    },
  };
}
