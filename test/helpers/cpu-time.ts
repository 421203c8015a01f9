/**
 * Processor time spent by this process while `work` runs, in milliseconds.
 * Unlike the wall clock it hardly grows when other jobs share the cores, so a
 * bound on it catches a slow algorithm without failing on a busy machine.
 * (Test files run in processes of their own, so nothing else is counted.)
 */
export async function cpuTimeOf<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}
