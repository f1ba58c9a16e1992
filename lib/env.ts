import { z } from 'zod';

/**
 * Every environment variable the portal reads, parsed once. Nothing else in app/, lib/,
 * components/ or db/ touches process.env (an ESLint rule keeps it that way), so this file
 * and .env.example are the whole configuration surface.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Set by Next.js itself; during `next build` runtime secrets are not needed yet. */
    NEXT_PHASE: z.string().optional(),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
        .optional(),
    ),
    PGLITE_DIR: z.string().trim().min(1).default('.data/pglite'),
    DB_POOL_MAX: positiveInt(10),
    DB_CONNECT_TIMEOUT_SECONDS: positiveInt(5),
    DB_STATEMENT_TIMEOUT_MS: positiveInt(15_000),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: positiveInt(30_000),
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    PIN_HMAC_SECRET: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    TOTP_ENCRYPTION_KEY: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    PIN_TTL_DAYS: positiveInt(30),
    AGE_OF_MAJORITY: z.coerce.number().int().min(14).max(25).default(18),
    PRACTICE_TIMEZONE: z
      .string()
      .default('America/New_York')
      .refine((zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as America/Chicago'),
    REPLY_TIME_CLINICAL: z.string().trim().min(1).default('2 business days'),
    REPLY_TIME_GENERAL: z.string().trim().min(1).default('2 business days'),
    REPLY_TIME_BILLING: z.string().trim().min(1).default('3 business days'),
    PUBLIC_URL: z
      .url({ message: 'must be a full URL such as https://portal.example.org' })
      .default('http://localhost:3000'),
    PRACTICE_NAME: z.string().trim().min(1).default("Children's Pediatricians & Associates"),
    PRACTICE_PHONE: z.string().trim().min(1).default('(555) 010-2000'),
    PRACTICE_HOURS: z.string().trim().min(1).default('Monday to Friday, 8 am to 5 pm'),
    PRACTICE_ADDRESS: z.string().trim().min(1).default('100 Main Street, Suite 200, Springfield'),
    PRACTICE_AFTER_HOURS: z
      .string()
      .trim()
      .min(1)
      .default(
        'When the office is closed, call the office number: the answering service will put you through to the nurse or doctor on call.',
      ),
    /** The same two texts for Spanish readers (see practiceTexts in lib/practice.ts). */
    PRACTICE_HOURS_ES: z.string().trim().min(1).default('De lunes a viernes, de 8 a. m. a 5 p. m.'),
    PRACTICE_AFTER_HOURS_ES: z
      .string()
      .trim()
      .min(1)
      .default(
        'Cuando el consultorio está cerrado, llame al número del consultorio: el servicio de contestación le comunicará con la enfermera o el médico de turno.',
      ),
    RESEND_API_KEY: optionalString,
    MAIL_FROM: z.string().trim().min(3).default('Patient Portal <portal@example.org>'),
    /** Resend's API address; another only for a regional endpoint or a test double of the API. */
    RESEND_BASE_URL: z.url().default('https://api.resend.com'),
    MAIL_SEND_TIMEOUT_MS: positiveInt(10_000),
    SIGNIN_IP_FAILURE_LIMIT: positiveInt(100),
    SIGNIN_IP_WINDOW_MINUTES: positiveInt(15),
    /** New accounts one network address may create in an hour. */
    SIGNUP_IP_HOURLY_LIMIT: positiveInt(30),
    /** `npm run bench` only: serve /bench/reference, the minimal page every other page is compared with. */
    BENCH_REFERENCE_ROUTE: z
      .enum(['0', '1', ''])
      .default('0')
      .transform((value) => value === '1'),
    /** Proxies of our own in front of the portal, each appending to X-Forwarded-For (0: none). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Read only by `npm run audit:verify`: heads recorded outside the database, one line each. */
    AUDIT_HEAD_FILE: optionalString,
    /** FHIR import: the identifier system of the practice's MRN; empty means the identifier typed MR. */
    FHIR_MRN_SYSTEM: optionalString,
    /** FHIR import: one more security label ("system|code") that makes an item confidential. */
    FHIR_SENSITIVE_TAG: optionalString.pipe(
      z
        .string()
        .regex(/^[^|\s]+\|[^|\s]+$/, 'must be "system|code"')
        .optional(),
    ),
    /** FHIR import: threads that parse and map posted bundles (0: the request thread; default: cores - 1). */
    FHIR_IMPORT_THREADS: optionalString.pipe(
      z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).optional(),
    ),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * Request files in an S3-compatible bucket instead of the database (lib/files/bucket.ts):
     * chosen when FILE_STORE_S3_BUCKET is set, and then the endpoint and keys are required.
     */
    FILE_STORE_S3_BUCKET: optionalString,
    FILE_STORE_S3_ENDPOINT: optionalString.pipe(
      z
        .url({ message: 'must be a full URL such as https://s3.us-east-1.amazonaws.com' })
        .optional(),
    ),
    FILE_STORE_S3_REGION: z.string().trim().min(1).default('us-east-1'),
    FILE_STORE_S3_ACCESS_KEY_ID: optionalString,
    FILE_STORE_S3_SECRET_ACCESS_KEY: optionalString,
    /** Bucket in the path (endpoint/bucket/key), as MinIO and most self-hosted servers want. */
    FILE_STORE_S3_PATH_STYLE: optionalString.pipe(
      z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    ),
    /** Server-side encryption asked of the bucket for each file; none for a server without it. */
    FILE_STORE_S3_SSE: z.enum(['AES256', 'aws:kms', 'none']).default('AES256'),
    FILE_STORE_S3_TIMEOUT_MS: positiveInt(20_000),
  })
  .superRefine((env, ctx) => {
    if (env.FILE_STORE_S3_BUCKET) {
      for (const name of [
        'FILE_STORE_S3_ENDPOINT',
        'FILE_STORE_S3_ACCESS_KEY_ID',
        'FILE_STORE_S3_SECRET_ACCESS_KEY',
      ] as const) {
        if (!env[name])
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when FILE_STORE_S3_BUCKET is set',
          });
      }
    }
    if (env.NODE_ENV !== 'production' || env.NEXT_PHASE === 'phase-production-build') return;
    if (!env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'is required in production (openssl rand -base64 32)',
      });
    }
    if (!env.PIN_HMAC_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PIN_HMAC_SECRET'],
        message: 'is required in production (openssl rand -base64 32)',
      });
    }
    if (!env.TOTP_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOTP_ENCRYPTION_KEY'],
        message: 'is required in production (openssl rand -base64 32)',
      });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production: the embedded database is for development only',
      });
    }
    const publicUrl = new URL(env.PUBLIC_URL);
    if (
      publicUrl.protocol !== 'https:' &&
      !['localhost', '127.0.0.1', '[::1]'].includes(publicUrl.hostname)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'must be an https:// address in production (http is allowed only for localhost)',
      });
    }
    if (env.FILE_STORE_S3_ENDPOINT) {
      const endpoint = new URL(env.FILE_STORE_S3_ENDPOINT);
      if (
        endpoint.protocol !== 'https:' &&
        !['localhost', '127.0.0.1', '[::1]'].includes(endpoint.hostname)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['FILE_STORE_S3_ENDPOINT'],
          message: 'must be an https:// address in production: the files are children’s papers',
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The portal cannot start because its configuration is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`,
    );
    this.name = 'InvalidEnvironmentError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new InvalidEnvironmentError(
      result.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
      ),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isProduction(): boolean {
  return env().NODE_ENV === 'production';
}

/** Tests and scripts change settings between cases; the next env() call re-reads them. */
export function resetEnvForTesting(): void {
  cached = undefined;
}

export const sessionPolicy = {
  parentIdleMinutes: 30,
  staffIdleMinutes: 15,
  absoluteHours: 12,
  warnBeforeIdleSeconds: 120,
} as const;
