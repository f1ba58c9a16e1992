import type { Metadata, Viewport } from 'next';

import { PracticeDetailsProvider } from '@/components/practice-details';
import { env } from '@/lib/env';
import { practiceDetails } from '@/lib/practice';

import './globals.css';

export function generateMetadata(): Metadata {
  return {
    title: {
      default: `Patient Portal · ${env().PRACTICE_NAME}`,
      template: `%s · ${env().PRACTICE_NAME}`,
    },
    description: `The ${env().PRACTICE_NAME} patient portal: your children’s health information and secure messages with the office.`,
    robots: { index: false, follow: false },
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to main content
        </a>
        <PracticeDetailsProvider value={practiceDetails()}>{children}</PracticeDetailsProvider>
      </body>
    </html>
  );
}
