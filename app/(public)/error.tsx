'use client';

import { ErrorContent } from '@/components/error-content';

// Inside this section's layout, so the header and its sign-out button stay on screen.
export default function SectionError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return <ErrorContent digest={error.digest} reset={reset} homeHref="/" />;
}
