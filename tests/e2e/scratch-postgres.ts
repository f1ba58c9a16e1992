import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server of our own, for the tests that stop, restart and starve the
 * database: the shared server on 5432 is left alone. Uses the same PostgreSQL installation
 * (initdb, pg_ctl), run as the `postgres` user when the tests run as root.
 */
function binary(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':'))
    if (existsSync(path.join(dir, name))) return path.join(dir, name);
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort().reverse()
    : [];
  for (const version of versions) {
    const candidate = path.join('/usr/lib/postgresql', version, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install PostgreSQL's server package`);
}

/** initdb and pg_ctl are here (PostgreSQL's server package), so a throwaway server can be made. */
export function postgresServerBinariesAvailable(): boolean {
  try {
    binary('initdb');
    binary('pg_ctl');
    return true;
  } catch {
    return false;
  }
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): string {
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ScratchPostgres {
  url(database: string): string;
  stop(): void;
  start(): void;
  remove(): void;
}

export function createScratchPostgres(
  port: number,
  settings: Record<string, string | number> = {},
): ScratchPostgres {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  run(binary('initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-sync',
    '--no-instructions',
  ]);
  const options = Object.entries({
    port,
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    fsync: 'off',
    ...settings,
  })
    .map(([key, value]) => `-c ${key}=${value}`)
    .join(' ');
  const cluster: ScratchPostgres = {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () =>
      void run(binary('pg_ctl'), [
        '-D',
        data,
        '-o',
        options,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        'start',
      ]),
    stop: () => void run(binary('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    remove: () => {
      try {
        cluster.stop();
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}

/** The portal's server (`npm start`) on the existing build with its own settings; resolves once it answers. */
export async function startPortal(
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess & { output: () => string }> {
  let output = '';
  const server = spawn(process.execPath, ['server.mjs', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the portal exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/login`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 60_000) throw new Error(`the portal did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Object.assign(server, { output: () => output });
}

export function stopPortal(server: ChildProcess | undefined): void {
  if (!server?.pid) return;
  try {
    // The whole group: npx, next and its workers.
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
