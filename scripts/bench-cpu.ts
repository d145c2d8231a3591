/*
 * Where a measure's CPU goes, process by process (Linux /proc): the physical floor of a measure on this
 * machine is its CPU per operation against the cores there are, whatever the orchestration does.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { DataSource } from 'typeorm';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The stack's processes by role: a role's CPU is its processes' and their live children's. */
export interface BenchProcesses {
  api: number;
  worker: number;
  /** The floor's worker (trivial workflows only). */
  floorWorker: number;
  temporal: number;
  /** The PostgreSQL backends serving the bench's database (asked each time: pools open connections). */
  postgresBackends(): Promise<number[]>;
}

export interface CpuSnapshot {
  /** Cumulative CPU ms by role. */
  roles: Record<string, number>;
  /** Each PostgreSQL backend's cumulative CPU ms: pools close and open connections during a measure. */
  backends: Map<number, number>;
}

function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone since it was listed
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

const withChildren = (pid: number): number =>
  cpuMsOf(pid) + childrenOf(pid).reduce((sum, child) => sum + withChildren(child), 0);

export async function cpuSnapshot(procs: BenchProcesses): Promise<CpuSnapshot> {
  const backends = new Map((await procs.postgresBackends()).map((pid) => [pid, cpuMsOf(pid)]));
  const bench = process.cpuUsage();
  return {
    roles: {
      api: withChildren(procs.api),
      worker: withChildren(procs.worker),
      'floor worker': withChildren(procs.floorWorker),
      temporal: withChildren(procs.temporal),
      'load generator': (bench.user + bench.system) / 1000,
    },
    backends,
  };
}

/**
 * PostgreSQL's share between two snapshots, backend by backend: one that opened in between counts from
 * zero; one that closed in between is lost (its last tick cannot be read), never counted as negative.
 */
function postgresBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let sum = 0;
  for (const [pid, ms] of after.backends) sum += ms - (before.backends.get(pid) ?? 0);
  return sum;
}

/** Backends of `database` as PostgreSQL lists them (the bench's own checking connection included). */
export function postgresBackendsOf(db: DataSource, database: string): () => Promise<number[]> {
  return async () =>
    (
      (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database])) as { pid: number }[]
    ).map((r) => r.pid);
}

/**
 * "api 3.1, worker 5.2, … ms per op; total 15.3 ms ⇒ at most 130/s on 2 cores": the CPU each role spent
 * per operation between two snapshots, and the rate the machine's cores would allow at that cost.
 */
export function cpuPerOperation(before: CpuSnapshot, after: CpuSnapshot, operations: number): string {
  const parts = [
    ...Object.keys(after.roles).map((role) => [role, after.roles[role] - before.roles[role]] as const),
    ['postgres', postgresBetween(before, after)] as const,
  ]
    .map(([role, ms]) => [role, ms / operations] as const)
    .filter(([, ms]) => ms > 0);
  const total = parts.reduce((sum, [, ms]) => sum + ms, 0);
  const cores = os.availableParallelism();
  const ceiling = total > 0 ? (1000 * cores) / total : Infinity;
  return (
    `CPU per operation: ${parts.map(([role, ms]) => `${role} ${ms.toFixed(1)}`).join(', ')} ms; ` +
    `total ${total.toFixed(1)} ms ⇒ at most ${ceiling.toFixed(0)}/s on ${cores} cores`
  );
}
