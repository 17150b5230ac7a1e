// The transport checks, in the order reports list them.
import type { AuditCheck } from '../../check.js';
import { httpServerCheck } from './http-server.js';
import { insecureServerVariablesCheck } from './insecure-server-variables.js';
import { mixedHttpHttpsCheck } from './mixed-http-https.js';
import { noHstsCheck } from './no-hsts.js';
import { noServersCheck } from './no-servers.js';
import { serverUrlCredentialsCheck } from './server-url-credentials.js';

export const TRANSPORT_CHECKS: readonly AuditCheck[] = [
  httpServerCheck,
  insecureServerVariablesCheck,
  mixedHttpHttpsCheck,
  serverUrlCredentialsCheck,
  noHstsCheck,
  noServersCheck,
];
