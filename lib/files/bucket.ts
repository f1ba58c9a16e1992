import { createHash, randomBytes } from 'node:crypto';
import { AwsClient } from 'aws4fetch';

import { env, type Env } from '@/lib/env';

/** What the portal needs to reach an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …). */
export interface BucketConfig {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key instead of bucket.endpoint/key. */
  pathStyle: boolean;
  sse: 'AES256' | 'aws:kms' | 'none';
  timeoutMs: number;
}

/** The bucket lib/env.ts describes, or null when none is configured (files go to the database). */
export function bucketFromEnv(settings: Env = env()): BucketConfig | null {
  if (!settings.FILE_STORE_S3_BUCKET) return null;
  // lib/env.ts refuses a bucket without an endpoint and keys, so these are all there.
  return {
    endpoint: settings.FILE_STORE_S3_ENDPOINT!,
    bucket: settings.FILE_STORE_S3_BUCKET,
    region: settings.FILE_STORE_S3_REGION,
    accessKeyId: settings.FILE_STORE_S3_ACCESS_KEY_ID!,
    secretAccessKey: settings.FILE_STORE_S3_SECRET_ACCESS_KEY!,
    pathStyle: settings.FILE_STORE_S3_PATH_STYLE === 'true',
    sse: settings.FILE_STORE_S3_SSE,
    timeoutMs: settings.FILE_STORE_S3_TIMEOUT_MS,
  };
}

/**
 * A new object key: random, so it says nothing about whose file it is, and cannot be guessed.
 * The bucket's own listing shows nothing but these.
 */
export function newObjectKey(): string {
  return `request-files/${randomBytes(24).toString('base64url')}`;
}

/** An answer from the bucket that was not what we asked for; the message has no file in it. */
class BucketError extends Error {
  constructor(operation: string, status: number) {
    super(`bucket ${operation} failed with HTTP ${status}`);
    this.name = 'BucketError';
  }
}

/**
 * Put, get and delete of single objects over S3's REST protocol, each request signed with
 * Signature Version 4 (aws4fetch). Nothing else of S3 is needed: no listing, no multipart
 * upload (a file is at most 10 MB, well under the 5 GB of one PUT).
 */
export class Bucket {
  private readonly client: AwsClient;

  constructor(private readonly config: BucketConfig) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      region: config.region,
      service: 's3',
      // A 5xx or 429 is tried again twice, quickly: the caller holds a transaction open.
      retries: 2,
    });
  }

  urlFor(key: string): string {
    const endpoint = new URL(this.config.endpoint);
    const base = endpoint.pathname.replace(/\/+$/, '');
    const path = key.split('/').map(encodeURIComponent).join('/');
    if (this.config.pathStyle) {
      endpoint.pathname = `${base}/${encodeURIComponent(this.config.bucket)}/${path}`;
    } else {
      endpoint.hostname = `${this.config.bucket}.${endpoint.hostname}`;
      endpoint.pathname = `${base}/${path}`;
    }
    return endpoint.toString();
  }

  private send(key: string, init: RequestInit) {
    return this.client.fetch(this.urlFor(key), {
      ...init,
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
  }

  /**
   * Stores the bytes under the key. The body's SHA-256 is signed with the request, so the
   * bucket refuses an upload that arrives changed, and encryption at rest is asked for.
   */
  async put(key: string, bytes: Uint8Array, mediaType: string): Promise<void> {
    const headers: Record<string, string> = {
      'Content-Type': mediaType,
      'X-Amz-Content-Sha256': createHash('sha256').update(bytes).digest('hex'),
    };
    if (this.config.sse !== 'none') headers['X-Amz-Server-Side-Encryption'] = this.config.sse;
    const response = await this.send(key, {
      method: 'PUT',
      headers,
      body: new Uint8Array(bytes),
    });
    await response.body?.cancel();
    if (!response.ok) throw new BucketError('put', response.status);
  }

  /** The object's bytes, or null when the bucket has no such object. */
  async get(key: string): Promise<Uint8Array | null> {
    const response = await this.send(key, { method: 'GET' });
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new BucketError('get', response.status);
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Removes the object; removing one that is not there is not an error. */
  async delete(key: string): Promise<void> {
    const response = await this.send(key, { method: 'DELETE' });
    await response.body?.cancel();
    if (!response.ok && response.status !== 404) throw new BucketError('delete', response.status);
  }
}
