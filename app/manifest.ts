import type { MetadataRoute } from 'next';

import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

/** Lets a parent add the portal to their phone's home screen. */
export default function manifest(): MetadataRoute.Manifest {
  const { PRACTICE_NAME } = env();
  return {
    name: `${PRACTICE_NAME} Patient Portal`,
    short_name: 'Patient Portal',
    description: 'See your children’s health information and message the office.',
    start_url: '/dashboard',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#1e40af',
    icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' }],
  };
}
