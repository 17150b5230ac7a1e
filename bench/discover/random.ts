// A seeded pseudo-random generator (sfc32) and the draws the traffic generator needs: the same seed
// gives the same traffic on every machine, so two runs of the bench compare discovery, not luck.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** An index in [0, size) skewed towards 0: a few values take most of the traffic, as users and ids do. */
  skewed(size: number): number;
  shuffle<T>(items: T[]): T[];
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  /** A generator of its own, seeded from this one: a part of the traffic that does not shift the rest. */
  fork(): Random;
}

export const HEX = '0123456789abcdef';
export const DIGITS = '0123456789';
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';

export function createRandom(seed: number): Random {
  // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): 128 bits of state, passes PractRand.
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let index = 0; index < 16; index++) next();
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    skewed: (size) => Math.min(size - 1, Math.floor(size * next() ** 2)),
    shuffle: <T>(items: T[]): T[] => {
      for (let index = items.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1));
        [items[index], items[other]] = [items[other]!, items[index]!];
      }
      return items;
    },
    chars: (alphabet, length) => {
      let text = '';
      for (let index = 0; index < length; index++) text += alphabet[Math.floor(next() * alphabet.length)]!;
      return text;
    },
    fork: () => createRandom(Math.floor(next() * 4294967296)),
  };
  return random;
}

/** A stable number for a string (FNV-1a): per-field decisions that must not depend on draw order. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
