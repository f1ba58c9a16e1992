import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { GET as downloadAsParent } from '@/app/(portal)/services/requests/[requestId]/files/[fileId]/route';
import { requestForm } from '@/app/(portal)/services/requests/actions';
import { GET as downloadAsStaff } from '@/app/staff/(office)/requests/[requestId]/files/[fileId]/route';
import { attachRequestFile } from '@/app/staff/(office)/requests/actions';
import { requestFiles, serviceRequests } from '@/db/schema';
import { resetEnvForTesting } from '@/lib/env';
import { Bucket, bucketFromEnv } from '@/lib/files/bucket';
import { bucketFileStore } from '@/lib/files/storage';

import { actAs, createStaffMember, openSession } from '../factories';
import { call, expectBadUploadsRefused, family, PDF, pdfFile } from '../factories/requests';
import { testDb } from '../setup/database';
import { TestRedirect } from '../setup/next-mocks';

/**
 * Request files in an S3-compatible bucket: a real S3 server (s3rver, in this process, on a
 * loopback port, keeping objects in a temporary folder) speaking the REST protocol the portal
 * speaks to AWS or MinIO. s3rver does not check Signature V4 signatures; the signing itself is
 * checked against AWS's published examples in tests/unit/bucket-signing.test.ts.
 */

const BUCKET = 'portal-files';

let server: S3rver;
let directory: string;
const saved: Record<string, string | undefined> = {};
const settings = (port: number): Record<string, string> => ({
  FILE_STORE_S3_BUCKET: BUCKET,
  FILE_STORE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
  FILE_STORE_S3_REGION: 'us-east-1',
  FILE_STORE_S3_ACCESS_KEY_ID: 'S3RVER',
  FILE_STORE_S3_SECRET_ACCESS_KEY: 'S3RVER',
  FILE_STORE_S3_PATH_STYLE: 'true',
  FILE_STORE_S3_SSE: 'AES256',
});

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'portal-s3-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  for (const [name, value] of Object.entries(settings(port))) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  resetEnvForTesting();
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTesting();
  await server?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => actAs(null));

const bucket = () => new Bucket(bucketFromEnv()!);

/** Every key in the bucket, listed through the same signed protocol. */
async function objectKeys(): Promise<string[]> {
  const { AwsClient } = await import('aws4fetch');
  const config = bucketFromEnv()!;
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
  });
  const response = await client.fetch(`${config.endpoint}/${BUCKET}?list-type=2`);
  expect(response.status).toBe(200);
  return [...(await response.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
}

async function filesOf(requestId: string) {
  return testDb()
    .select({
      id: requestFiles.id,
      purpose: requestFiles.purpose,
      content: requestFiles.content,
      storageKey: requestFiles.storageKey,
      byteSize: requestFiles.byteSize,
    })
    .from(requestFiles)
    .where(eq(requestFiles.requestId, requestId))
    .orderBy(requestFiles.createdAt);
}

describe('with a bucket configured', () => {
  it('keeps the blank and the completed form in the bucket under random keys; both download', async () => {
    const { db, parent, child, session } = await family();
    const before = await objectKeys();
    actAs(session);
    const made = await call(requestForm, {
      childId: child.id,
      formType: 'school',
      neededBy: '',
      note: '',
      file: pdfFile(),
      idempotencyKey: randomUUID(),
    });
    const requestId = /\/services\/requests\/([0-9a-f-]{36})\?sent=1$/.exec(
      made.ok ? (made.location ?? '') : '',
    )?.[1];
    expect(requestId).toBeDefined();

    const frontDesk = await createStaffMember(db, ['front_desk']);
    const deskSession = await openSession(db, frontDesk);
    actAs(deskSession);
    expect(await call(attachRequestFile, { requestId, file: pdfFile('done.pdf') })).toMatchObject({
      ok: true,
    });

    const rows = await filesOf(requestId!);
    expect(rows.map((row) => row.purpose)).toEqual(['blank', 'completed']);
    for (const row of rows) {
      // The bytes are in the bucket, not the row; the key says nothing of whose file it is.
      expect(row.content).toBeNull();
      expect(row.storageKey).toMatch(/^request-files\/[A-Za-z0-9_-]{32}$/);
      for (const personal of [parent.id, child.id, child.lastName, requestId!, 'school'])
        expect(row.storageKey).not.toContain(personal);
      expect(await bucket().get(row.storageKey!)).toEqual(PDF);
    }
    const after = await objectKeys();
    expect(after.filter((key) => !before.includes(key)).sort()).toEqual(
      rows.map((row) => row.storageKey).sort(),
    );

    // The parent's download route reads the completed form back from the bucket.
    const completed = rows[1]!;
    actAs(session);
    const response = await downloadAsParent(new Request('http://portal.test/x'), {
      params: Promise.resolve({ requestId: requestId!, fileId: completed.id }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="form-completed.pdf"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);

    // And the office's reads the blank one.
    actAs(deskSession);
    const blank = await downloadAsStaff(new Request('http://portal.test/x'), {
      params: Promise.resolve({ requestId: requestId!, fileId: rows[0]!.id }),
    });
    expect(blank.status).toBe(200);
    expect(new Uint8Array(await blank.arrayBuffer())).toEqual(PDF);
  });

  it('refuses an .exe renamed .pdf and an 11 MB file before anything reaches the bucket', async () => {
    const { parent, child, session } = await family();
    const before = await objectKeys();
    await expectBadUploadsRefused({ child, session });
    const requests = await testDb()
      .select({ id: serviceRequests.id })
      .from(serviceRequests)
      .where(eq(serviceRequests.guardianUserId, parent.id));
    expect(requests).toHaveLength(0);
    expect(await objectKeys()).toEqual(before);
  });

  it('never leaves a row without its object: a failed insert takes the object away again', async () => {
    const { parent } = await family();
    const before = await objectKeys();
    // A request that does not exist: the row's foreign key fails after the upload.
    await expect(
      bucketFileStore(bucket()).save(testDb(), {
        requestId: randomUUID(),
        purpose: 'blank',
        uploadedBy: parent.id,
        bytes: PDF,
      }),
    ).rejects.toThrow();
    expect(await objectKeys()).toEqual(before);
  });

  it('answers 404, not a broken file, when a row’s object has gone from the bucket', async () => {
    const { child, session } = await family();
    actAs(session);
    const made = await call(requestForm, {
      childId: child.id,
      formType: 'camp',
      neededBy: '',
      note: '',
      file: pdfFile(),
      idempotencyKey: randomUUID(),
    });
    const requestId = /([0-9a-f-]{36})\?sent=1$/.exec(made.ok ? (made.location ?? '') : '')![1]!;
    const [row] = await filesOf(requestId);
    await bucket().delete(row!.storageKey!);
    actAs(session);
    let outcome: string;
    try {
      const response = await downloadAsParent(new Request('http://portal.test/x'), {
        params: Promise.resolve({ requestId, fileId: row!.id }),
      });
      outcome = `status ${response.status}`;
    } catch (error) {
      if (!(error instanceof TestRedirect)) throw error;
      outcome = error.location;
    }
    expect(outcome).toBe('/__not-found');
  });
});
