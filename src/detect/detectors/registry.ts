// The explicit list of detectors the engine runs, in the order it runs them: the classes that match
// most often in real attack traffic first, so a request that reaches the blocking threshold stops early.
import type { RequestDetector, ValueDetector } from '../detector.js';
import type { DetectionRule } from '../rule.js';
import { cmdiDetector } from './cmdi/index.js';
import { crlfDetector } from './crlf/index.js';
import { jndiDetector } from './jndi/index.js';
import { ldapDetector } from './ldap/index.js';
import { lfiDetector } from './lfi/index.js';
import { mailDetector } from './mail/index.js';
import { nosqliDetector } from './nosqli/index.js';
import { protocolDetector } from './protocol/index.js';
import { prototypePollutionDetector } from './prototype-pollution/index.js';
import { shellshockDetector } from './shellshock/index.js';
import { sqliDetector } from './sqli/index.js';
import { ssiDetector } from './ssi/index.js';
import { ssrfDetector } from './ssrf/index.js';
import { sstiDetector } from './ssti/index.js';
import { xssDetector } from './xss/index.js';
import { xxeDetector } from './xxe/index.js';

export const VALUE_DETECTORS: readonly ValueDetector[] = [
  sqliDetector,
  xssDetector,
  cmdiDetector,
  lfiDetector,
  ssrfDetector,
  xxeDetector,
  nosqliDetector,
  sstiDetector,
  ldapDetector,
  crlfDetector,
  ssiDetector,
  mailDetector,
  prototypePollutionDetector,
  jndiDetector,
  shellshockDetector,
];

export const REQUEST_DETECTORS: readonly RequestDetector[] = [protocolDetector];

/** Every rule of every detector, for documentation, the CLI and exclusion validation. */
export const ALL_DETECTION_RULES: readonly DetectionRule[] = [...VALUE_DETECTORS, ...REQUEST_DETECTORS].flatMap(
  (detector) => detector.rules,
);
