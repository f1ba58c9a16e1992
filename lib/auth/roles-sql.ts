import 'server-only';

import { sql } from 'drizzle-orm';

import { staffRoleAssignments, users } from '@/db/schema';
import type { StaffRole } from '@/lib/staff/vocabulary';

/**
 * The staff roles of the user on the current row, as one array column (empty for a parent), so
 * every query that needs them reads them the same way and in the same order.
 */
export const staffRolesOfUser = sql<
  StaffRole[]
>`coalesce((select array_agg(${staffRoleAssignments.role} order by ${staffRoleAssignments.role}) from ${staffRoleAssignments} where ${staffRoleAssignments.userId} = ${users.id}), '{}')`;
