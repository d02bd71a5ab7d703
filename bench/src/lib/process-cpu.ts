import { readFileSync } from 'node:fs';

/** Clock ticks per second of Linux's /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU another process has used so far, ms, from `/proc/<pid>/stat` (10 ms resolution); null
 * where there is no /proc (macOS, Windows) or the process is gone.
 */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return parseStatCpuMs(stat);
}

/** utime + stime (fields 14 and 15) of a `/proc/<pid>/stat` line, ms; the command name may hold spaces. */
export function parseStatCpuMs(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) return null;
  return ((user + system) * 1000) / TICKS_PER_SECOND;
}
