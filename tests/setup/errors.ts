/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is in `cause`. */
function fullErrorText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    parts.push(current instanceof Error ? current.message : String(current));
    if (typeof current !== 'object') break;
  }
  return parts.join(' | ');
}

export async function rejectionText(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return fullErrorText(error);
  }
  return 'did not reject';
}
