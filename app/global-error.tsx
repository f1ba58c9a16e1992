'use client';

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body
        style={{
          fontFamily: 'system-ui, sans-serif',
          maxWidth: '36rem',
          margin: '2rem auto',
          padding: '0 1rem',
        }}
      >
        <main>
          <h1>Something went wrong on our side</h1>
          <p>
            Please try again in a few minutes. If it keeps happening, call the office
            {error.digest ? ` and give this reference: ${error.digest}` : ''}.
          </p>
          <p>In an emergency, call 911 or go to the nearest emergency room.</p>
        </main>
      </body>
    </html>
  );
}
