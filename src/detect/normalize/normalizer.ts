// The shape every normaliser of the detection engine has (issue 5): a pure function from a string to
// the decoded string and whether anything changed, so the engine can stop decoding when nothing does
// and attach the decoded form to the evidence only when it differs.

export interface Normalized {
  readonly value: string;
  readonly changed: boolean;
}

export type Normalizer = (input: string) => Normalized;

export const unchanged = (value: string): Normalized => ({ value, changed: false });
