/** What every server action returns; react-hook-form shows fieldErrors next to their fields. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: Record<string, string> };
