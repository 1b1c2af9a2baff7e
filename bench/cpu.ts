/**
 * CPU time by part of a run, read from Linux's /proc: the server processes, this bench
 * process (load generator and socket clients), PostgreSQL, Redis and everything else, and the
 * machine's idle time. Says where a run's cores went, so that a rate can be read against what
 * the machine had left for the servers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export type CpuPart = 'servers' | 'bench' | 'PostgreSQL' | 'Redis' | 'other';
const PARTS: CpuPart[] = ['servers', 'bench', 'PostgreSQL', 'Redis', 'other'];

interface ProcessTicks {
  part: CpuPart;
  ticks: number;
}

export interface CpuSnapshot {
  at: number;
  processes: Map<number, ProcessTicks>;
  idleTicks: number;
}

/** Cores' worth of CPU each part used over a span (2.0 = both cores of a 2-core machine). */
export type CpuUse = Record<CpuPart | 'idle', number>;

function partOf(pid: number, comm: string, servers: ReadonlySet<number>): CpuPart {
  if (servers.has(pid)) return 'servers';
  if (pid === process.pid) return 'bench';
  if (comm === 'postgres') return 'PostgreSQL';
  if (comm.startsWith('redis-server')) return 'Redis';
  return 'other';
}

/** Every process's CPU ticks so far, by part, and the machine's idle ticks. */
export function cpuSnapshot(serverPids: readonly number[]): CpuSnapshot {
  const servers = new Set(serverPids);
  const processes = new Map<number, ProcessTicks>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended while being read
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After the command: state is field 3 of stat(5); utime and stime are fields 14 and 15.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const pid = Number(entry);
    processes.set(pid, { part: partOf(pid, comm, servers), ticks });
  }
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  // cpu user nice system idle iowait …: idle and iowait are time no process used.
  const idleTicks = Number(cpu[4]) + Number(cpu[5]);
  return { at: performance.now(), processes, idleTicks };
}

/** What each part used between two snapshots, in cores (a process born between counts whole). */
export function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const use = Object.fromEntries([...PARTS, 'idle'].map((p) => [p, 0])) as CpuUse;
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid)?.ticks ?? 0;
    use[now.part] += Math.max(0, now.ticks - then) / TICKS_PER_SECOND / seconds;
  }
  use.idle = (after.idleTicks - before.idleTicks) / TICKS_PER_SECOND / seconds;
  return use;
}

/** "servers 0.95, bench 0.31, …, idle 0.10 of 2 cores". */
export function describeCpu(use: CpuUse): string {
  const parts = [...PARTS, 'idle' as const].map((p) => `${p} ${use[p].toFixed(2)}`).join(', ');
  return `${parts} (cores of ${os.cpus().length})`;
}
