import 'server-only';

import { cookies } from 'next/headers';
import { z } from 'zod';

import { env } from '@/lib/env';

/**
 * Staff searches hold names, dates of birth and emails. In an address they would sit in browser
 * history and server logs (CWE-598), so a search form posts to a server action that keeps the
 * terms here: one httpOnly, same-site cookie per list, scoped to that list's path, gone after
 * half an hour. The list page reads it; only the page number and tab stay in the address.
 */
const searchLists = {
  patients: '/staff/patients',
  accounts: '/staff/accounts',
  messages: '/staff/messages',
  requests: '/staff/requests',
  // Covers /staff/audit/export too, which exports what the page shows.
  audit: '/staff/audit',
} as const;

export type SearchList = keyof typeof searchLists;

const REMEMBER_SECONDS = 30 * 60;
const MAX_TERM_LENGTH = 80;

/** One search box: any text (the list page judges it), trimmed and cut short when kept. */
export const searchTerm = z.string().max(1000).optional().default('');

const storedSchema = z.record(z.string(), z.string());

const cookieName = (list: SearchList) => `portal-search-${list}`;

export async function rememberSearch(
  list: SearchList,
  terms: Record<string, string>,
): Promise<void> {
  const store = await cookies();
  const kept = Object.fromEntries(
    Object.entries(terms)
      .map(([key, value]) => [key, value.trim().slice(0, MAX_TERM_LENGTH)] as const)
      .filter(([, value]) => value !== ''),
  );
  if (Object.keys(kept).length === 0) {
    store.delete({ name: cookieName(list), path: searchLists[list] });
    return;
  }
  store.set(cookieName(list), JSON.stringify(kept), {
    httpOnly: true,
    sameSite: 'strict',
    secure: new URL(env().PUBLIC_URL).protocol === 'https:',
    path: searchLists[list],
    maxAge: REMEMBER_SECONDS,
  });
}

/** The terms of the list's last search, or empty strings; a cookie that does not parse is no search. */
export async function rememberedSearch<K extends string>(
  list: SearchList,
  keys: readonly K[],
): Promise<Record<K, string>> {
  const raw = (await cookies()).get(cookieName(list))?.value;
  let stored: Record<string, string> = {};
  if (raw) {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (parsed.success) stored = parsed.data;
    } catch {
      stored = {};
    }
  }
  return Object.fromEntries(
    keys.map((key) => [key, (stored[key] ?? '').slice(0, MAX_TERM_LENGTH)]),
  ) as Record<K, string>;
}

/**
 * A search action given straight to a <form> in a server component: React posts it, with or
 * without JavaScript, and the action redirects to the list. The same reference, typed as React
 * wants a form action (it ignores what the action returns).
 */
export function searchFormAction(
  action: (input: unknown, formData?: FormData) => Promise<unknown>,
): (formData: FormData) => Promise<void> {
  return action as unknown as (formData: FormData) => Promise<void>;
}
