// The inventory checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { deprecatedWithoutSunsetCheck } from './deprecated-without-sunset.js';
import { internalEndpointCheck } from './internal-endpoint.js';
import { mixedVersionsCheck } from './mixed-versions.js';
import { noContactCheck } from './no-contact.js';
import { noVersioningCheck } from './no-versioning.js';
import { nonProductionServerCheck } from './non-production-server.js';
import { serverAudienceCheck } from './server-audience.js';
import { serverEnvironmentCheck } from './server-environment.js';
import { serverHostVariableCheck } from './server-host-variable.js';

export const INVENTORY_CHECKS: readonly AuditCheck[] = [
  serverHostVariableCheck,
  serverEnvironmentCheck,
  serverAudienceCheck,
  nonProductionServerCheck,
  internalEndpointCheck,
  noVersioningCheck,
  deprecatedWithoutSunsetCheck,
  mixedVersionsCheck,
  noContactCheck,
];
