// The detection corpus: expands the hand-written seeds (attacks/*.json, benign/*.json) into request
// cases over placements and encodings. Deterministic (no unseeded randomness), ids stable as long as
// seeds are only appended: `<class>-<nnn>/<placement>/<encoding>`, `<benign group>-<nnn>/...`.
import type { AttackClass } from '../../src/detect/index.js';
import { buildAssets, dataUriValues, type Asset } from './assets.js';
import type { BackgroundPools } from './background.js';
import type { CorpusCase, Encoding, Placement } from './case.js';
import { completeRequest, type Draft } from './draft.js';
import { encodePayload } from './encodings.js';
import { keyEncodingChanges, placeKey } from './key-placements.js';
import { placeValue, type PlacementContext } from './placements.js';
import { CLASS_PROFILES, ENCODING_PLACEMENTS, KEY_ENCODING_PLACEMENTS, KEY_OTHERS, KEY_PRIMARY } from './profiles.js';
import { draftFromSpec } from './request-seeds.js';
import { loadAttackSeeds, loadBenignGroups, loadBenignRequests, type AttackSeed, type BenignGroup, type KeySeed } from './seeds.js';

export type { CorpusCase, Encoding, Placement } from './case.js';
export { toInspectRequest } from './case.js';

interface Emitter {
  readonly pools: BackgroundPools;
  readonly cases: CorpusCase[];
}

function seedNumber(index: number): string {
  return String(index + 1).padStart(3, '0');
}

function emit(emitter: Emitter, base: string, placement: Placement, encoding: Encoding, draft: Draft, facts: Pick<CorpusCase, 'expect' | 'note' | 'attackClass'>): void {
  const id = `${base}/${placement}/${encoding}`;
  emitter.cases.push({ id, ...facts, placement, encoding, request: completeRequest(draft, id, emitter.pools) });
}

/**
 * The next placement of `candidates` (from this rotation's position) that can carry the value and is
 * not taken yet for this seed and encoding.
 */
function roundRobin(counters: Map<string, number>, rotation: string, candidates: readonly Placement[], taken: ReadonlySet<Placement>,
  place: (placement: Placement) => Draft | undefined): [Placement, Draft] | undefined {
  const start = counters.get(rotation) ?? 0;
  for (let step = 0; step < candidates.length; step++) {
    const placement = candidates[(start + step) % candidates.length]!;
    if (taken.has(placement)) continue;
    const draft = place(placement);
    if (draft === undefined) continue;
    counters.set(rotation, start + step + 1);
    return [placement, draft];
  }
  return undefined;
}

function attackCasesForClass(emitter: Emitter, attackClass: AttackClass, seeds: readonly AttackSeed[], assets: ReadonlyMap<string, Asset>): void {
  const profile = CLASS_PROFILES[attackClass];
  const counters = new Map<string, number>();
  seeds.forEach((seed, index) => {
    const base = `${attackClass}-${seedNumber(index)}`;
    const facts = { expect: 'attack' as const, attackClass, note: seed.note };
    if (seed.kind === 'request') {
      emit(emitter, base, 'request', 'plain', draftFromSpec(seed.request, assets, index), facts);
      return;
    }
    if (seed.kind === 'key') {
      keyCases(emitter, base, seed, index, counters, facts);
      return;
    }
    const context = (encoding: Encoding): PlacementContext => ({ field: profile.fields[index % profile.fields.length]!, variant: index, encoding, keepPercentEscapes: true });
    const used = new Set<Placement>();
    for (const placement of profile.primary) {
      const draft = placeValue(placement, seed.payload, context('plain'));
      if (draft === undefined) continue;
      used.add(placement);
      emit(emitter, base, placement, 'plain', draft, facts);
    }
    const extra = roundRobin(counters, 'plain', profile.others, used, (placement) => placeValue(placement, seed.payload, context('plain')));
    if (extra !== undefined) emit(emitter, base, extra[0], 'plain', extra[1], facts);
    for (const encoding of profile.encodings) {
      if (encoding === 'plain') continue;
      const encoded = encodePayload(seed.payload, encoding, { variant: index, ...(profile.fullWidthHostOnly === true ? { fullWidthHostOnly: true } : {}) });
      if (encoded === seed.payload) continue; // nothing to encode: the plain cases cover it
      const candidates = [...profile.primary, ...profile.others].filter((placement) => ENCODING_PLACEMENTS[encoding].includes(placement));
      const placed = roundRobin(counters, encoding, candidates, new Set(), (placement) => placeValue(placement, encoded, context(encoding)));
      if (placed !== undefined) emit(emitter, base, placed[0], encoding, placed[1], facts);
    }
  });
}

function keyCases(emitter: Emitter, base: string, seed: KeySeed, index: number, counters: Map<string, number>, facts: Pick<CorpusCase, 'expect' | 'note' | 'attackClass'>): void {
  for (const placement of KEY_PRIMARY) emit(emitter, base, placement, 'plain', placeKey(placement, seed, 'plain', index), facts);
  const extra = roundRobin(counters, 'key-plain', KEY_OTHERS, new Set(), (placement) => placeKey(placement, seed, 'plain', index));
  if (extra !== undefined) emit(emitter, base, extra[0], 'plain', extra[1], facts);
  for (const [encoding, candidates] of Object.entries(KEY_ENCODING_PLACEMENTS) as [Encoding, readonly Placement[]][]) {
    if (!keyEncodingChanges(seed, encoding)) continue;
    const placed = roundRobin(counters, `key-${encoding}`, candidates, new Set(), (placement) => placeKey(placement, seed, encoding, index));
    if (placed !== undefined) emit(emitter, base, placed[0], encoding, placed[1], facts);
  }
}

function benignGroupCases(emitter: Emitter, group: BenignGroup): void {
  const primary = group.primary ?? ['query', 'json'];
  const counters = new Map<string, number>();
  const facts = { expect: 'benign' as const, note: group.note };
  group.values.forEach((value, index) => {
    const base = `${group.name}-${seedNumber(index)}`;
    const context = (encoding: Encoding): PlacementContext => ({ field: group.fields[index % group.fields.length]!, variant: index, encoding, keepPercentEscapes: false });
    const used = new Set<Placement>();
    for (const placement of primary) {
      const draft = placeValue(placement, value, context('plain'));
      if (draft === undefined) throw new Error(`test/corpus/benign/${group.name}.json: value ${index + 1} cannot go into ${placement}`);
      used.add(placement);
      emit(emitter, base, placement, 'plain', draft, facts);
    }
    // Most SDKs percent-encode every reserved character (URLSearchParams); the plain case above is curl's way.
    if (primary.includes('query')) {
      const encoded = placeValue('query', encodePayload(value, 'url', { variant: index }), context('url'))!;
      if (encoded.query !== placeValue('query', value, context('plain'))!.query) emit(emitter, base, 'query', 'url', encoded, facts);
    }
    for (let pick = 0; pick < 2; pick++) {
      const placed = roundRobin(counters, 'plain', group.placements, used, (placement) => placeValue(placement, value, context('plain')));
      if (placed === undefined) continue;
      used.add(placed[0]);
      emit(emitter, base, placed[0], 'plain', placed[1], facts);
    }
  });
}

const DATA_URI_GROUP = {
  name: 'data-uris', note: 'Profile pictures as PNG data URIs of 8 to 48 KB (generated by assets.ts)',
  fields: ['avatar', 'image', 'photo'], primary: ['json'], placements: ['form', 'multipart-field', 'graphql-variables'],
} as const;

/** Every case of the corpus: attacks first (by class file), then benign values, then benign whole requests. */
export function loadCorpus(): CorpusCase[] {
  const groups = loadBenignGroups();
  const valuesOf = (name: string): readonly string[] => groups.find((group) => group.name === name)?.values ?? [];
  const emitter: Emitter = { pools: { userAgents: valuesOf('user-agents'), cookies: valuesOf('cookies') }, cases: [] };
  const assets = buildAssets();
  for (const [attackClass, seeds] of loadAttackSeeds()) attackCasesForClass(emitter, attackClass, seeds, assets);
  for (const group of [...groups, { ...DATA_URI_GROUP, values: dataUriValues() }]) benignGroupCases(emitter, group);
  loadBenignRequests().forEach((seed, index) => {
    emit(emitter, `requests-${seedNumber(index)}`, 'request', 'plain', draftFromSpec(seed.request, assets, index), { expect: 'benign', note: seed.note });
  });
  return emitter.cases;
}
