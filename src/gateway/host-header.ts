// The host name of a Host header: lowercased, without the port; IPv6 literals keep their brackets.

export function hostOf(header: string | undefined): string {
  if (header === undefined) return '';
  const lower = header.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  const colon = lower.indexOf(':');
  return colon === -1 ? lower : lower.slice(0, colon);
}
