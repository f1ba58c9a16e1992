import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface RequestSpec {
  method?: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers other than 2xx (a redirect to sign-in counts: it means the session did not work), socket errors and timeouts. */
  errors: number;
  statusCounts: Record<string, number>;
}

export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/**
 * Drives one route with `connections` keep-alive connections for `seconds`. Every request is
 * built afresh by `next()`, so each can carry a different person's session and page.
 * Latencies are kept whole (autocannon's summary has no p95).
 */
export async function drive(
  origin: string,
  next: () => RequestSpec,
  options: {
    connections: number;
    seconds: number;
    bodyIsGood?: (body: string) => boolean;
    /** Requests per second across all connections (default: as fast as the server answers). */
    rate?: number;
  },
): Promise<LoadResult> {
  let badBodies = 0;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>(
    (resolve, reject) => ((finish = resolve), (fail = reject)),
  );
  const instance = autocannon(
    {
      url: origin,
      connections: options.connections,
      duration: options.seconds,
      timeout: 10,
      ...(options.rate ? { overallRate: options.rate } : {}),
      requests: [
        {
          setupRequest: (request) => {
            const spec = next();
            return {
              ...request,
              method: spec.method ?? 'GET',
              path: spec.path,
              headers: spec.headers,
              body: spec.body,
            };
          },
          // A server action answers 200 even when it refuses (a rate limit, say): read what it said.
          ...(options.bodyIsGood
            ? {
                onResponse: (_status: number, body: string) =>
                  void (options.bodyIsGood!(body) ? undefined : badBodies++),
              }
            : {}),
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  const result = await finished;
  const durationSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const nonSuccess = Object.entries(statusCounts).reduce(
    (sum, [status, n]) => sum + (status.startsWith('2') ? 0 : n),
    0,
  );
  return {
    requests: latencies.length,
    durationSeconds,
    rps: latencies.length / options.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors: nonSuccess + badBodies + result.errors + result.timeouts,
    statusCounts,
  };
}

/** The processes of a group (the portal and any children it started). */
function groupPids(groupId: number): string[] {
  const pids: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === groupId) pids.push(entry);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return pids;
}

/** Resident memory of processes, in bytes, now. */
function residentBytes(pids: string[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // Ended since it was listed.
    }
  }
  return total;
}

/** Resident memory of a process group (the portal, its workers), in bytes, now. */
function groupMemory(groupId: number): number {
  return residentBytes(groupPids(groupId));
}

/**
 * The memory of a process group sampled every `everyMs` until stopped: the whole series. The
 * group's processes are listed again every 20 samples only: walking /proc on a busy machine
 * cost the load generator 5 % of a core at four samples a second.
 */
export function memorySeries(groupId: number, everyMs = 500) {
  let pids = groupPids(groupId);
  const series = [residentBytes(pids)];
  const timer = setInterval(() => {
    if (series.length % 20 === 0) pids = groupPids(groupId);
    series.push(residentBytes(pids));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      series.push(residentBytes(pids));
      return series;
    },
  };
}

/** Resident memory of a process group (the portal: npx, next and any workers), sampled until stopped. */
export function sampleGroupMemory(groupId: number, everyMs = 200) {
  let peakBytes = 0;
  const sample = () => {
    const total = groupMemory(groupId);
    peakBytes = Math.max(peakBytes, total);
    return total;
  };
  const idleBytes = sample();
  const timer = setInterval(sample, everyMs);
  return {
    idleBytes,
    peak: () => peakBytes,
    stop: () => clearInterval(timer),
  };
}
