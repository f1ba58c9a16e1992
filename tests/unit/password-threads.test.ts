import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

import { hashPassword, verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { bcryptOffThread } from '@/lib/auth/password-threads';

describe('password hashing on worker threads', () => {
  it('hashes and verifies as bcrypt does, at the cost asked for', async () => {
    const hash = await bcryptOffThread.hash('correct horse battery', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await bcryptOffThread.compare('correct horse battery', hash)).toBe(true);
    expect(await bcryptOffThread.compare('correct horse battery!', hash)).toBe(false);
  });

  it('keeps the cost-12 policy of lib/auth/password.ts', { timeout: 30_000 }, async () => {
    const hash = await hashPassword('a long enough password');
    expect(hash).toMatch(/^\$2b\$12\$/);
    expect(await verifyPassword('a long enough password', hash)).toBe(true);
    expect(await verifyAgainstDummy('a long enough password')).toBe(false);
  });

  it('reports a job bcrypt refuses as an error, and the next job still runs', async () => {
    await expect(bcryptOffThread.compare(42 as unknown as string, '$2b$04$abc')).rejects.toThrow(
      /password hashing failed: .*Illegal arguments/,
    );
    expect(await bcryptOffThread.compare('x', await bcryptOffThread.hash('x', 4))).toBe(true);
  });

  it('answers many jobs at once, each with its own result', async () => {
    const passwords = Array.from({ length: 12 }, (_, n) => `password number ${n}`);
    const hashes = await Promise.all(
      passwords.map((password) => bcryptOffThread.hash(password, 4)),
    );
    const checks = await Promise.all(
      passwords.map((password, n) =>
        bcryptOffThread.compare(password, hashes[(n + 1) % hashes.length]!),
      ),
    );
    expect(checks.every((match) => match === false)).toBe(true);
    expect(
      await Promise.all(
        passwords.map((password, n) => bcryptOffThread.compare(password, hashes[n]!)),
      ),
    ).toEqual(passwords.map(() => true));
  });

  it(
    'does the work away from this thread: cost-12 hashes barely move its event loop',
    { timeout: 30_000 },
    async () => {
      expect(isMainThread).toBe(true);
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      await Promise.all([hashPassword('one'), hashPassword('two'), hashPassword('three')]);
      delay.disable();
      // On this thread, each hash would hold the loop for about a quarter of a second (bcryptjs
      // yields only every 100 ms even in its async form). A generous bound: no flake on a busy machine.
      expect(delay.max / 1e6).toBeLessThan(90);
    },
  );

  it(
    'lets a script exit once its hashing is done (an idle thread keeps nothing alive)',
    { timeout: 60_000 },
    () => {
      const script = `import { bcryptOffThread } from './lib/auth/password-threads.ts';
      bcryptOffThread.hash('x', 4).then((hash) => console.log(hash.slice(0, 7)));`;
      const run = spawnSync('npx', ['tsx', '--conditions=react-server', '--eval', script], {
        encoding: 'utf8',
        timeout: 45_000,
      });
      expect(run.stdout.trim()).toBe('$2b$04$');
      expect(run.status, 'the script ended by itself').toBe(0);
    },
  );
});
