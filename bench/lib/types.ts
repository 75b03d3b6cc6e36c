/**
 * The shape every benchmark reports. A figure is always set against a named
 * baseline measured in the same run, so the table reads as ratios, not as
 * absolute numbers that depend on the machine.
 */
export interface Measure {
  /** What was measured, e.g. "Appender ingest". */
  name: string;
  value: number;
  unit: string;
}

export interface Figure extends Measure {
  /** The baseline measured in the same run (e.g. "row-by-row INSERT"). */
  baseline: Measure | null;
  /**
   * value / baseline.value, oriented so that > 1 means "ours is better" when
   * `higherIsBetter`; for times (lower is better) the ratio is baseline / value.
   */
  ratio: number | null;
  higherIsBetter: boolean;
  /** The target from the issue, as text ("≥ 2,000 articles/s per core"), when there is one. */
  target?: string;
  /** Whether the target is met, when it can be judged. */
  targetMet?: boolean;
}

export interface BenchOptions {
  quick: boolean;
  /** A private temporary directory for this benchmark; removed afterwards. */
  tmpDir: string;
  /** Progress lines go here (stderr), never to stdout. */
  log: (line: string) => void;
}

export type BenchOutcome = { figures: Figure[]; notes?: string[]; sizes?: Record<string, number> } | { skipped: string };

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchOutcome>;
}

export interface BenchResult {
  name: string;
  description: string;
  status: "ok" | "skipped" | "failed";
  /** Why it was skipped or how it failed. */
  reason?: string;
  seconds: number;
  /** Peak resident memory of the process that ran this benchmark alone. */
  peak_rss_mb: number | null;
  figures: Figure[];
  notes: string[];
  sizes: Record<string, number>;
}

/** A figure against its baseline; the ratio is oriented so that > 1 favours ours. */
export function compare(
  ours: Measure,
  baseline: Measure | null,
  options: { higherIsBetter: boolean; target?: string; targetMet?: boolean },
): Figure {
  let ratio: number | null = null;
  if (baseline && baseline.value > 0 && ours.value > 0) {
    ratio = options.higherIsBetter ? ours.value / baseline.value : baseline.value / ours.value;
  }
  return { ...ours, baseline, ratio, higherIsBetter: options.higherIsBetter, target: options.target, targetMet: options.targetMet };
}
