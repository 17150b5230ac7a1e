// The rules of the command injection detector, in one place for the scanner and the detector.
import { OWASP, type DetectionRule, type Paranoia } from '../../rule.js';

const rule = (id: string, title: string, severity: DetectionRule['severity'], paranoia: Paranoia): DetectionRule =>
  ({ id, attackClass: 'cmdi', title, owasp: OWASP.injection, severity, paranoia });

export const CMDI_RULES = {
  separatorCommand: rule('cmdi.separator-command', 'Shell command after a command separator or at the start of the value', 'critical', 1),
  windowsCommand: rule('cmdi.windows-command', 'Windows command after a command separator or at the start of the value', 'critical', 1),
  substitution: rule('cmdi.substitution', 'Command substitution: $(...), backticks, <(...) or >(...) around a command', 'critical', 1),
  evasion: rule('cmdi.evasion', 'Obfuscated shell command (quotes or escapes inside the name, ${IFS}, globs, brace expansion)', 'critical', 1),
  powershell: rule('cmdi.powershell', 'PowerShell download cradle, Invoke-Expression or encoded command', 'critical', 1),
  networkRedirect: rule('cmdi.network-redirect', 'Bash network redirection (/dev/tcp, /dev/udp): reverse shell', 'critical', 1),
  argumentInjection: rule('cmdi.argument-injection', 'Option that writes a file or runs a command, injected into a program\'s arguments (curl --output, tar --checkpoint-action, ssh -oProxyCommand)', 'critical', 1),
  commandInText: rule('cmdi.command-in-text', 'Shell command inside prose, a list or markdown code', 'high', 2),
  redirection: rule('cmdi.redirection', 'Shell redirection to or from an absolute path', 'high', 2),
  generic: rule('cmdi.generic', 'Command name after a command separator', 'medium', 3),
} as const;
