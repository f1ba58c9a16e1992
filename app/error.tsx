'use client';

/** Unexpected errors: a plain sentence and a reference the office can pass on, never the error itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-bold">Something went wrong on our side</h1>
      <p>Please try again. If it keeps happening, call the office{error.digest ? ` and give this reference: ${error.digest}` : ''}.</p>
      <p>In an emergency, call 911 or go to the nearest emergency room.</p>
      <div>
        <button type="button" onClick={reset} className="min-h-11 rounded-md bg-blue-700 px-4 py-2 font-semibold text-white">
          Try again
        </button>
      </div>
    </main>
  );
}
