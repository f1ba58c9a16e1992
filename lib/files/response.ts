import type { FileMediaType } from '@/lib/requests/vocabulary';

import { extensionFor } from './sniff';

/**
 * A stored file as a download, never shown inline: `attachment` so the browser never renders
 * it in the portal's origin, `no-store` so no cache keeps a child's papers, `nosniff` so the
 * type we checked is the type it stays. The name says what it is, not whose it is.
 */
export function downloadResponse(
  file: { bytes: Uint8Array; mediaType: FileMediaType; purpose: string },
  kind: string,
) {
  const name = `${kind}-${file.purpose}.${extensionFor[file.mediaType]}`;
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.mediaType,
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
