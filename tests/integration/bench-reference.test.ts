import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

import ReferencePage from '@/app/bench/reference/page';
import { resetEnvForTesting } from '@/lib/env';

import { actAs } from '../factories';

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTesting();
});

describe("the benchmark's reference page", () => {
  it('does not exist unless the benchmark switches it on', async () => {
    actAs(null);
    await expect(ReferencePage()).rejects.toThrow('/__not-found');
  });

  it('reads one row and shows nothing about anyone when switched on', async () => {
    vi.stubEnv('BENCH_REFERENCE_ROUTE', '1');
    resetEnvForTesting();
    actAs(null);
    const html = renderToStaticMarkup(await ReferencePage());
    expect(html).toBe('<main id="main" class="mx-auto max-w-5xl px-4 py-8"><p>0</p></main>');
  });
});
