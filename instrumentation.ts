/**
 * Runs once when a server starts. A wrong setting stops the server here with a clear list of
 * what is wrong, instead of failing later on a parent's request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/startup');
    startServer();
  }
}
