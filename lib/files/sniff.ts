import type { FileMediaType } from '@/lib/requests/vocabulary';

/**
 * The type of a file from its first bytes, never from its name or the browser's claim: an
 * `.exe` renamed `.pdf` starts with "MZ" and is refused. Returns null for anything else.
 */
export function sniffMediaType(bytes: Uint8Array): FileMediaType | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

export const extensionFor: Record<FileMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};
