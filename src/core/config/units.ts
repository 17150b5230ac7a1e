// Human-friendly durations ("10s", "500ms") and sizes ("1mb", "16KiB") in configuration, turned into
// milliseconds and bytes. The patterns are anchored and free of nested quantifiers (linear time).

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;
const BYTES = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)$/i;

const DURATION_FACTORS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const BYTE_FACTORS: Record<string, number> = {
  b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3,
};

/** Milliseconds from a number (already ms) or a string such as "250ms", "10s", "5m", "1h", "30d". */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (DURATION_FACTORS[match[2] ?? ''] ?? Number.NaN));
}

/** Bytes from a number (already bytes) or a string such as "16kb", "1MiB" (binary multiples). */
export function parseBytes(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  const match = BYTES.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (BYTE_FACTORS[(match[2] ?? '').toLowerCase()] ?? Number.NaN));
}
