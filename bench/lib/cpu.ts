/**
 * CPU time of in-process work, for the per-core benchmarks (classify,
 * analysis): user + system of this process, so that other jobs on the shared
 * machine do not halve the rates.
 */

/** CPU seconds `fn` takes (user + system of this process). */
export function cpuSeconds(fn: () => void): number {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * CPU seconds of each function: the median of three rounds, the functions
 * taking turns within each round (so that a busy moment on the shared machine,
 * or the order, favours none of them).
 */
export function interleavedMedians(fns: Array<() => void>): number[] {
  const runs = fns.map(() => [] as number[]);
  for (let round = 0; round < 3; round++) fns.forEach((fn, i) => runs[i].push(cpuSeconds(fn)));
  return runs.map((r) => r.sort((a, b) => a - b)[1]);
}
