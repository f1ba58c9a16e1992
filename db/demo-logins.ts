import type { StaffRole } from '@/lib/staff/vocabulary';

/**
 * The demo sign-ins, public on purpose (they are printed at start-up), so seeding refuses
 * production. Kept free of imports so scripts and the end-to-end tests can read them too.
 */
export const demoParent = {
  userId: 'demo.parent',
  password: 'violet-harbor-lantern-42',
  email: 'demo.parent@example.org',
};
/**
 * Staff must use two-step verification, so the demo staff come with it on. Their authenticator
 * keys are public like their passwords: `npm run demo:code` prints the current codes.
 */
export const demoStaff: {
  userId: string;
  password: string;
  totpSecret: string;
  role: StaffRole;
  firstName: string;
  lastName: string;
}[] = [
  {
    userId: 'demo.admin',
    password: 'copper-meadow-falcon-17',
    totpSecret: 'W42NXU6DYLXKP7KPONUDNBCXLGB26MKK',
    role: 'admin',
    firstName: 'Alex',
    lastName: 'Admin',
  },
  {
    userId: 'demo.frontdesk',
    password: 'maple-river-compass-23',
    totpSecret: 'BP5MY2K374NRHNV7D26RZX4ZIZ5G7BGQ',
    role: 'front_desk',
    firstName: 'Fran',
    lastName: 'Desk',
  },
  {
    userId: 'demo.clinical',
    password: 'silver-orchard-beacon-31',
    totpSecret: 'ZDPLH3VDIQKZJ5MQCSL3CXYTVDW6CSN5',
    role: 'clinical',
    firstName: 'Casey',
    lastName: 'Nurse',
  },
  {
    userId: 'demo.billing',
    password: 'amber-canyon-quartz-58',
    totpSecret: 'PIELY5J6BH7K4WNWDPJOGEHK65U6RPAY',
    role: 'billing',
    firstName: 'Bailey',
    lastName: 'Billing',
  },
];
