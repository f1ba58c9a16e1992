import postgres from 'postgres';

/** The end-to-end server's database, for arranging what a browser cannot (the passage of time). */
export function e2eDatabase() {
  const url =
    process.env.E2E_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/portal_e2e';
  return postgres(url, { max: 1, onnotice: () => {} });
}
