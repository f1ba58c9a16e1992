import { eq } from 'drizzle-orm';

import type { Db } from '@/db';
import { requestFiles } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log';
import { FILE_MAX_BYTES, type FilePurpose } from '@/lib/requests/vocabulary';

import { Bucket, bucketFromEnv, newObjectKey } from './bucket';
import { sniffMediaType } from './sniff';

/**
 * Where request files live. The database is the default: one backup holds everything, and a
 * file commits or rolls back with its request. When lib/env.ts has a bucket (FILE_STORE_S3_*),
 * new files go to that S3-compatible bucket under a random key and the row keeps only the key.
 * Reading follows the row, so files saved before a bucket was configured are still read from
 * the database. Callers only see this interface.
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

/** A file's bytes, from the database or from the bucket, whichever the row says. */
async function readStored(db: Db, fileId: string, bucket: Bucket | null) {
  const [row] = await db
    .select({ content: requestFiles.content, storageKey: requestFiles.storageKey })
    .from(requestFiles)
    .where(eq(requestFiles.id, fileId));
  if (!row) return null;
  if (row.content) return row.content;
  if (!row.storageKey) return null;
  if (!bucket) throw new Error('a request file is in a bucket, but no bucket is configured');
  const bytes = await bucket.get(row.storageKey);
  // Never expected (rows are written only after their object), so worth an alert.
  if (!bytes) log('error', 'request_file_object_missing', { fileId });
  return bytes;
}

type NewFile = Parameters<FileStore['save']>[1];

/** The file's row, with its bytes (`content`) or where they are in the bucket (`storageKey`). */
async function insertFileRow(
  db: Db,
  { requestId, purpose, uploadedBy, bytes }: NewFile,
  mediaType: ReturnType<typeof checkFile>,
  where: { content: Uint8Array } | { storageKey: string },
) {
  const [row] = await db
    .insert(requestFiles)
    .values({ requestId, purpose, uploadedBy, mediaType, byteSize: bytes.byteLength, ...where })
    .returning({ id: requestFiles.id });
  return { id: row!.id, mediaType, byteSize: bytes.byteLength };
}

const databaseFileStore: FileStore = {
  async save(db, file) {
    const mediaType = checkFile(file.bytes);
    return insertFileRow(db, file, mediaType, { content: file.bytes });
  },
  read: (db, fileId) => readStored(db, fileId, null),
};

/**
 * Files in a bucket. The object is uploaded first and the row written after it, inside the
 * caller's transaction, so a row never points at an object that is not there:
 * - the upload fails: nothing is written and the request fails;
 * - the row's insert fails: the object is deleted again (best effort);
 * - the caller's transaction rolls back after this returns (a later statement fails, the
 *   connection drops): the object stays in the bucket as an orphan. Its key is random and no
 *   row names it, so nobody can reach it through the portal, and it holds no PHI in its name;
 *   it costs only storage. An orphan sweep would compare the bucket's keys with storage_key.
 */
export function bucketFileStore(bucket: Bucket): FileStore {
  return {
    async save(db, file) {
      const mediaType = checkFile(file.bytes);
      const storageKey = newObjectKey();
      await bucket.put(storageKey, file.bytes, mediaType);
      try {
        return await insertFileRow(db, file, mediaType, { storageKey });
      } catch (error) {
        await bucket.delete(storageKey).catch(() => undefined);
        throw error;
      }
    },
    read: (db, fileId) => readStored(db, fileId, bucket),
  };
}

/** The store lib/env.ts chooses: the bucket when one is configured, else the database. */
export function fileStore(): FileStore {
  const config = bucketFromEnv();
  return config ? bucketFileStore(new Bucket(config)) : databaseFileStore;
}
