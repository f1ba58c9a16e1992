'use client';

import Link from 'next/link';

/** Unexpected errors: a plain sentence, a reference the office can pass on, and a way home. Never the error itself. */
export function ErrorContent({
  digest,
  reset,
  homeHref = '/',
}: {
  digest?: string;
  reset: () => void;
  homeHref?: string;
}) {
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 py-8">
      <h1 className="text-2xl font-bold">Something went wrong on our side</h1>
      <p>
        Please try again. If it keeps happening, call the office
        {digest ? ` and give this reference: ${digest}` : ''}.
      </p>
      <p>In an emergency, call 911 or go to the nearest emergency room.</p>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="min-h-11 rounded-md bg-blue-700 px-4 py-2 font-semibold text-white"
        >
          Try again
        </button>
        <Link
          href={homeHref}
          className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold"
        >
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
