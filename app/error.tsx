'use client';

import { ErrorContent } from '@/components/error-content';
import { usePracticeDetails } from '@/components/practice-details';
import { PracticeHeaderView } from '@/components/practice-header-view';
import { SiteFooterView } from '@/components/site-footer-view';

/**
 * An error in a section's own layout lands here, in the root layout alone: so this page brings
 * the one header, main and footer. The front page sends anyone signed in on to their own home.
 */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const practice = usePracticeDetails();
  return (
    <>
      <PracticeHeaderView practice={practice} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        <ErrorContent digest={error.digest} reset={reset} />
      </main>
      <SiteFooterView practice={practice} />
    </>
  );
}
