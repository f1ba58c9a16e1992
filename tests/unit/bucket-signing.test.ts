import { AwsV4Signer } from 'aws4fetch';
import { describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';
import { Bucket, bucketFromEnv } from '@/lib/files/bucket';

/**
 * The bucket's requests are signed by aws4fetch. The S3 server the integration tests run does
 * not check Signature V4, so the signing is checked here against the worked examples AWS
 * publishes for S3 ("Signature Calculations for the Authorization Header", example key
 * AKIAIOSFODNN7EXAMPLE, 24 May 2013): a bucket that checks signatures computes the same.
 */
const example = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 's3',
  datetime: '20130524T000000Z',
};
const credential = 'Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request';

describe('Signature Version 4, against AWS’s published S3 examples', () => {
  it('signs the GET Object example', async () => {
    const signer = new AwsV4Signer({
      ...example,
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      // aws4fetch leaves Range unsigned unless asked; the example signs it.
      allHeaders: true,
      headers: {
        Range: 'bytes=0-9',
        'X-Amz-Content-Sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    });
    const { headers } = await signer.sign();
    expect(headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
    );
  });

  it('signs the PUT Object example, with the payload’s hash in the request', async () => {
    const signer = new AwsV4Signer({
      ...example,
      method: 'PUT',
      url: 'https://examplebucket.s3.amazonaws.com/test$file.text',
      headers: {
        Date: 'Fri, 24 May 2013 00:00:00 GMT',
        'X-Amz-Storage-Class': 'REDUCED_REDUNDANCY',
        'X-Amz-Content-Sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
      },
      body: 'Welcome to Amazon S3.',
    });
    const { headers } = await signer.sign();
    expect(headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 ${credential}, SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
    );
  });
});

describe('the bucket’s addresses', () => {
  const settings = {
    FILE_STORE_S3_BUCKET: 'portal-files',
    FILE_STORE_S3_ACCESS_KEY_ID: 'id',
    FILE_STORE_S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('puts the bucket in the host name by default, and in the path when asked', () => {
    const virtual = bucketFromEnv(
      parseEnv({ ...settings, FILE_STORE_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com' }),
    )!;
    expect(new Bucket(virtual).urlFor('request-files/abc_-1')).toBe(
      'https://portal-files.s3.eu-west-1.amazonaws.com/request-files/abc_-1',
    );
    const pathStyle = bucketFromEnv(
      parseEnv({
        ...settings,
        FILE_STORE_S3_ENDPOINT: 'http://127.0.0.1:9000/',
        FILE_STORE_S3_PATH_STYLE: 'true',
      }),
    )!;
    expect(new Bucket(pathStyle).urlFor('request-files/abc_-1')).toBe(
      'http://127.0.0.1:9000/portal-files/request-files/abc_-1',
    );
  });

  it('is no bucket at all unless one is named, and refuses a bucket without its endpoint and keys', () => {
    expect(bucketFromEnv(parseEnv({}))).toBeNull();
    expect(() => parseEnv({ FILE_STORE_S3_BUCKET: 'portal-files' })).toThrow(
      /FILE_STORE_S3_ENDPOINT is required when FILE_STORE_S3_BUCKET is set[\s\S]*FILE_STORE_S3_ACCESS_KEY_ID[\s\S]*FILE_STORE_S3_SECRET_ACCESS_KEY/,
    );
  });

  it('wants https in production, and encryption at rest unless told otherwise', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      PIN_HMAC_SECRET: 'y'.repeat(40),
      TOTP_ENCRYPTION_KEY: 'z'.repeat(40),
      DATABASE_URL: 'postgres://db/p',
      PUBLIC_URL: 'https://portal.example.org',
      ...settings,
    };
    expect(() =>
      parseEnv({ ...production, FILE_STORE_S3_ENDPOINT: 'http://minio.internal:9000' }),
    ).toThrow(/FILE_STORE_S3_ENDPOINT must be an https:\/\/ address in production/);
    const config = bucketFromEnv(
      parseEnv({ ...production, FILE_STORE_S3_ENDPOINT: 'https://minio.internal' }),
    )!;
    expect(config.sse).toBe('AES256');
  });
});
