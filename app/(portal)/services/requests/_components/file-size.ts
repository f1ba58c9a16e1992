/** A file's size for a download link: kilobytes under one megabyte, else megabytes. */
export function fileSizeParts(bytes: number): { unit: 'kb' | 'mb'; size: number } {
  return bytes < 1024 * 1024
    ? { unit: 'kb', size: Math.max(1, Math.round(bytes / 1024)) }
    : { unit: 'mb', size: Math.round((bytes / (1024 * 1024)) * 10) / 10 };
}

export const fileTypeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
