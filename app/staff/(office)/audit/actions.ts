'use server';

import { z } from 'zod';

import { defineSelfAuditedAction } from '@/lib/action';
import { rememberSearch, searchTerm } from '@/lib/staff/remembered-search';

/** A date, a choice or a page cursor: what may go back into the address. */
const addressTerm = z.string().max(40).optional().default('');

/**
 * The audit trail's filter posts: a person's or a child's name goes into the search cookie, and
 * only the dates and choices into the address (the page judges them, as it judges a typed link).
 * Looking is audited by the page (audit.viewed) with the filters, so the post itself is not.
 */
export const filterAuditTrail = defineSelfAuditedAction(
  {
    name: 'audit.filter',
    schema: z.object({
      actor: searchTerm,
      child: searchTerm,
      from: addressTerm,
      to: addressTerm,
      outcome: addressTerm,
      group: addressTerm,
      sort: addressTerm,
      dir: addressTerm,
    }),
    access: { kind: 'staff', roles: ['admin'] },
  },
  async ({ input }) => {
    const { actor, child, ...inAddress } = input;
    await rememberSearch('audit', { actor, child });
    const query = new URLSearchParams(
      Object.entries(inAddress).filter(([, value]) => value !== ''),
    ).toString();
    return { data: null, redirectTo: query ? `/staff/audit?${query}` : '/staff/audit' };
  },
);
