'use client';

import { createContext, useContext } from 'react';

import type { PracticeDetails } from '@/lib/practice';

const PracticeDetailsContext = createContext<PracticeDetails | null>(null);

/**
 * Set once by the root layout. The root error page is a client component (Next.js makes error
 * pages so) and cannot read the configuration, yet it draws the same header and footer.
 */
export function PracticeDetailsProvider({
  value,
  children,
}: {
  value: PracticeDetails;
  children: React.ReactNode;
}) {
  return <PracticeDetailsContext value={value}>{children}</PracticeDetailsContext>;
}

export function usePracticeDetails(): PracticeDetails {
  const details = useContext(PracticeDetailsContext);
  if (!details) throw new Error('usePracticeDetails needs PracticeDetailsProvider (root layout)');
  return details;
}
