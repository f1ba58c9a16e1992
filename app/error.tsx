'use client';

import { ErrorContent } from '@/components/error-content';

export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="px-4">
      <ErrorContent digest={error.digest} reset={reset} />
    </main>
  );
}
