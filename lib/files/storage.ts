import { eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { requestFiles } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { FILE_MAX_BYTES, type FilePurpose } from '@/lib/requests/vocabulary';

import { sniffMediaType } from './sniff';

/**
 * Where request files live. The database is the default and the only store built today: one
 * backup holds everything, and a file commits or rolls back with its request.
 *
 * Extension point: an S3-compatible bucket would implement `save` by uploading to a random
 * `storageKey` (content left null) and `read` by fetching it, chosen in lib/env.ts when a
 * bucket is configured. Nothing else changes: callers only see this interface.
 */
interface FileStore {
  save(
    db: Db,
    file: { requestId: string; purpose: FilePurpose; uploadedBy: string; bytes: Uint8Array },
  ): Promise<{ id: string; mediaType: string; byteSize: number }>;
  read(db: Db, fileId: string): Promise<Uint8Array | null>;
}

/** Checks a file's size and content; throws a catalog key the form shows next to the field. */
export function checkFile(bytes: Uint8Array, field = 'file') {
  if (bytes.byteLength === 0)
    throw new AppError('invalid', 'errors.files.empty', {
      fieldErrors: { [field]: 'errors.files.empty' },
    });
  if (bytes.byteLength > FILE_MAX_BYTES)
    throw new AppError('invalid', 'errors.files.tooLarge', {
      fieldErrors: { [field]: 'errors.files.tooLarge' },
    });
  const mediaType = sniffMediaType(bytes);
  if (!mediaType)
    throw new AppError('invalid', 'errors.files.type', {
      fieldErrors: { [field]: 'errors.files.type' },
    });
  return mediaType;
}

export const databaseFileStore: FileStore = {
  async save(db, { requestId, purpose, uploadedBy, bytes }) {
    const mediaType = checkFile(bytes);
    const [row] = await db
      .insert(requestFiles)
      .values({
        requestId,
        purpose,
        uploadedBy,
        mediaType,
        byteSize: bytes.byteLength,
        content: bytes,
      })
      .returning({ id: requestFiles.id });
    return { id: row!.id, mediaType, byteSize: bytes.byteLength };
  },
  async read(db, fileId) {
    const [row] = await db
      .select({ content: requestFiles.content })
      .from(requestFiles)
      .where(eq(requestFiles.id, fileId));
    return row?.content ?? null;
  },
};
