// The detection engine: extract every input location of a request, decode each into the forms the
// detectors should see, run the detectors, and add up an anomaly score (CRS's scheme) that decides
// whether the request is blocked. Rules above the blocking paranoia still run and report, but only
// log (CRS's "executing paranoia level"), so stricter rules can be watched before they block.
import type { Detection, RequestDetection, RequestDetector, ValueDetector } from './detector.js';
import { REQUEST_DETECTORS, VALUE_DETECTORS } from './detectors/registry.js';
import { fragmentForEvent } from './evidence.js';
import { compileExclusions, type Exclusion, type OperationNames } from './exclusions.js';
import type { InputField } from './field.js';
import { DEFAULT_EXTRACT_LIMITS, extractFields, type ExtractLimits } from './inputs/index.js';
import { profiledInspectionForms } from './normalize/index.js';
import type { InspectRequest } from './request.js';
import { SEVERITY_SCORE, type AttackClass, type DetectionRule, type Paranoia, type RuleSeverity } from './rule.js';

export interface EngineOptions {
  /** Shorthand for both paranoia levels (default 1). */
  readonly paranoia?: Paranoia;
  /** Rules up to this level count towards the score and can block (default: `paranoia`). */
  readonly blockingParanoia?: Paranoia;
  /** Rules up to this level run and report (default: the blocking level); never below it. */
  readonly detectionParanoia?: Paranoia;
  /** Score at which a request is blocked (default 5: one critical rule). */
  readonly threshold?: number;
  /** Wall-clock budget per request in milliseconds; inspection stops there and says so (default 50). */
  readonly budgetMs?: number;
  readonly exclusions?: readonly Exclusion[];
  readonly limits?: Partial<ExtractLimits>;
  /** The detectors to run; the registry's by default (tests pass their own). */
  readonly detectors?: { readonly values: readonly ValueDetector[]; readonly requests: readonly RequestDetector[] };
}

export interface Finding {
  readonly ruleId: string;
  readonly attackClass: AttackClass;
  readonly title: string;
  readonly severity: RuleSeverity;
  readonly paranoia: Paranoia;
  readonly owasp: string;
  readonly location: string;
  /** The matched text as events may show it: truncated, control characters escaped, secrets masked. */
  readonly fragment: string;
  /** Whether the rule is within the blocking paranoia (counts towards the score). */
  readonly blocking: boolean;
  /** Whether the match needed decoding (the raw value did not show it). */
  readonly decoded: boolean;
}

export interface Inspection {
  readonly blocked: boolean;
  /** Sum of the severity scores of the distinct blocking rules that matched. */
  readonly score: number;
  readonly findings: readonly Finding[];
  /** The budget ran out before every field was inspected. */
  readonly timedOut: boolean;
  /** Some input was beyond the extraction limits and was not inspected. */
  readonly truncated: boolean;
  readonly fieldsInspected: number;
}

export interface DetectionEngine {
  readonly blockingParanoia: Paranoia;
  readonly detectionParanoia: Paranoia;
  readonly threshold: number;
  inspect(request: InspectRequest, operation?: OperationNames): Inspection;
  /** Inspects one string as if it were `field` (a query value by default): `bulwark detect --value`. */
  inspectValue(value: string, field?: Partial<Omit<InputField, 'value'>>): Inspection;
}

/** More findings than this add nothing to a verdict or an event; the cap bounds the work an attack causes. */
const MAX_FINDINGS = 32;

export function createDetectionEngine(options: EngineOptions = {}): DetectionEngine {
  const blockingParanoia = options.blockingParanoia ?? options.paranoia ?? 1;
  const detectionParanoia = Math.max(options.detectionParanoia ?? options.paranoia ?? blockingParanoia, blockingParanoia) as Paranoia;
  const threshold = options.threshold ?? 5;
  const budgetMs = options.budgetMs ?? 50;
  const limits: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, ...options.limits };
  const exclusions = compileExclusions(options.exclusions ?? []);
  const valueDetectors = options.detectors?.values ?? VALUE_DETECTORS;
  // JSON keys repeat from request to request (an API's bodies share a few schemas), and what the
  // detectors make of a key depends on the key alone (detector.ts, keyDependsOnLocation). The keys
  // that matched nothing are remembered, so a known key costs one lookup instead of decoding and a
  // dozen detectors: in a typical JSON body half the fields are keys. Bounded: a client sending
  // endless new keys only empties it now and then.
  const cleanKeys = new Set<string>();
  const locationReaders = valueDetectors.filter((detector) => detector.keyDependsOnLocation !== undefined);
  const isRememberable = (key: string): boolean => !locationReaders.some((detector) => detector.keyDependsOnLocation?.(key) === true);
  const requestDetectors = options.detectors?.requests ?? REQUEST_DETECTORS;

  function run(fields: readonly InputField[], request: InspectRequest | undefined, operation: OperationNames, truncated: boolean): Inspection {
    const deadline = performance.now() + budgetMs;
    const state: ScoreState = { findings: [], blockingRules: new Set(), score: 0 };
    const add = (rule: DetectionRule, location: string, fragment: string, field: Pick<InputField, 'kind' | 'name' | 'isName'>, decoded: boolean): void => {
      if (state.findings.length >= MAX_FINDINGS || exclusions.excludes(rule.id, location, operation)) return;
      const blocking = rule.paranoia <= blockingParanoia;
      state.findings.push({
        ruleId: rule.id, attackClass: rule.attackClass, title: rule.title, severity: rule.severity, paranoia: rule.paranoia,
        owasp: rule.owasp, location, fragment: fragmentForEvent(fragment, field), blocking, decoded,
      });
      if (blocking && !state.blockingRules.has(rule.id)) {
        state.blockingRules.add(rule.id);
        state.score += SEVERITY_SCORE[rule.severity];
      }
    };

    if (request !== undefined) {
      const found: RequestDetection[] = [];
      for (const detector of requestDetectors) detector.detectRequest(request, detectionParanoia, found);
      for (const detection of found) add(detection.rule, detection.location, detection.fragment, REQUEST_FIELD, false);
    }

    let inspected = 0;
    let timedOut = false;
    // Reading the clock costs ~45 ns, as much as inspecting a short value: look at it once per
    // DEADLINE_CHECK_UNITS of work rather than per field.
    let workSinceCheck = 0;
    const found: Detection[] = [];
    // Reused for every value: the character profile of each inspection form (see text-profile.ts).
    const profiles: number[] = [];
    for (const field of fields) {
      // Once blocked the verdict cannot change: stop, so a request full of attacks costs no more than one.
      if (state.score >= threshold) break;
      if (workSinceCheck >= DEADLINE_CHECK_UNITS) {
        workSinceCheck = 0;
        if (performance.now() > deadline) {
          timedOut = true;
          break;
        }
      }
      workSinceCheck += field.value.length + FIELD_WORK_UNITS;
      inspected++;
      if (exclusions.excludesAll(field.location, operation)) continue;
      // A whole JSON key (not cut by the limits: then value and name are one string).
      const isKey = field.isName && field.source === 'json' && field.value.length <= MAX_REMEMBERED_KEY && field.value === field.name;
      if (isKey && cleanKeys.has(field.value)) continue;
      let matched = false;
      const forms = profiledInspectionForms(field.value, field.source, profiles, field.profile ?? -1);
      for (let index = 0; index < forms.length; index++) {
        const form = forms[index] as string;
        const profile = profiles[index] as number;
        for (const detector of valueDetectors) {
          if ((profile & detector.triggers) !== 0) detector.detect(form, field, detectionParanoia, found, profile);
        }
        // Nearly always empty: setting an array's length is a runtime call, so only when there is something to clear.
        if (found.length === 0) continue;
        matched = true;
        for (const detection of found) add(detection.rule, field.location, detection.fragment, field, form !== field.value);
        found.length = 0;
      }
      if (isKey && !matched && isRememberable(field.value)) {
        if (cleanKeys.size >= MAX_REMEMBERED_KEYS) cleanKeys.clear();
        cleanKeys.add(field.value);
      }
    }
    const findings = dedupe(state.findings);
    return { blocked: state.score >= threshold, score: state.score, findings, timedOut, truncated, fieldsInspected: inspected };
  }

  return {
    blockingParanoia,
    detectionParanoia,
    threshold,
    inspect(request, operation = {}) {
      const extracted = extractFields(request, limits);
      return run(extracted.fields, request, operation, extracted.truncated);
    },
    inspectValue(value, field = {}) {
      const whole: InputField = { kind: 'query', source: 'query', location: 'value', name: 'value', isName: false, ...field, value };
      return run([whole], undefined, {}, false);
    },
  };
}

/** Keys remembered as clean at most, and the longest remembered: schemas' keys are short and few. */
const MAX_REMEMBERED_KEYS = 4096;
const MAX_REMEMBERED_KEY = 64;

/** Characters (plus FIELD_WORK_UNITS per field) inspected between two looks at the clock: ~20-50 µs of work. */
const DEADLINE_CHECK_UNITS = 2048;
const FIELD_WORK_UNITS = 64;

interface ScoreState {
  readonly findings: Finding[];
  readonly blockingRules: Set<string>;
  score: number;
}

const REQUEST_FIELD = { kind: 'header', name: '', isName: false } as const;

/** One finding per rule and location: several decoded forms of one value often match the same rule. */
function dedupe(findings: readonly Finding[]): readonly Finding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}\u0000${finding.location}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
