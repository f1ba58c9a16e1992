import 'server-only';

import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { isDatabaseUnavailable } from '@/lib/errors';

const PAGE_BRAND = Symbol.for('pediatric-portal.page');

/**
 * Every page, layout and async component that reads the database is wrapped in this (a nested
 * async component renders after its page's function has returned, outside the page's guard). The session check already sends a
 * visitor to the 503 page when the database is away; this does the same when it goes away (or
 * runs out of connections) later in the same page, instead of a 500 error page. Everything
 * else, redirects and "not found" included, passes through untouched.
 */
export function portalPage<Args extends unknown[], Rendered extends ReactNode>(
  render: (...args: Args) => Promise<Rendered>,
): (...args: Args) => Promise<Rendered> {
  const guarded = async (...args: Args) => {
    try {
      return await render(...args);
    } catch (error) {
      if (isDatabaseUnavailable(error)) redirect('/unavailable');
      throw error;
    }
  };
  Object.defineProperty(guarded, PAGE_BRAND, { value: true });
  return guarded;
}

export function isPortalPage(value: unknown): boolean {
  return (
    typeof value === 'function' &&
    (value as unknown as Record<symbol, unknown>)[PAGE_BRAND] === true
  );
}
