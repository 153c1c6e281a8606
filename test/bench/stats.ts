// Small statistics for the bench: percentiles over latency samples and the one-line output format.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: number[]): number {
  return percentile(samples, 50);
}

const format = (value: number) => (Number.isFinite(value) ? (Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(2)) : 'n/a');

/** One figure: `name: value unit` plus optional notes in parentheses (ratio, reference, sample size). */
export function figure(name: string, value: number, unit: string, notes: string[] = []): string {
  const line = `${name}: ${format(value)} ${unit}`;
  return notes.length ? `${line} (${notes.join('; ')})` : line;
}

export function ratio(value: number, reference: number): string {
  return reference > 0 && Number.isFinite(value) ? (value / reference).toFixed(2) : 'n/a';
}
