import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { Clock } from '../../application/ports/clock.ts';
import type { DirectUploads, UploadDestination, UploadPermit } from '../../application/ports/direct-uploads.ts';
import type { ObjectLinks } from '../../application/ports/object-links.ts';
import type { ByteRange, ObjectInfo, ObjectStore, StoredObject } from '../../application/ports/object-store.ts';
import { Unavailable } from '../../domain/errors.ts';
import { assertValidKey } from './object-keys.ts';

/** What `ensureBucket` did: whether it made the bucket, and whether the store took the expiry rule of `staging/`. */
export type BucketSetup = { created: false } | { created: true; stagingExpiry: 'set' } | { created: true; stagingExpiry: 'refused'; reason: string };

/** Staging objects are deleted by the janitor; this rule is the store's own backstop, in whole days. */
const STAGING_EXPIRY_DAYS = 1;

export type S3Settings = {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type S3Options = {
  /** The longest S3 may stay silent: while connecting, before it answers, or in the middle of a transfer. */
  timeoutMs?: number;
  /** Told after every request whether S3 answered. */
  onAvailability?: (available: boolean, error?: unknown) => void;
  /** The server's Clock, which dates upload permits: presigned POST policies are dated by it too. The system clock by default. */
  clock?: Clock;
};

/**
 * Objects in an S3 bucket (MinIO in deployment). Uploads stream in parts; nothing is buffered whole.
 * Clients may also send bytes to it directly (presigned POST) and fetch them (presigned GET).
 * An S3 that is down, failing (5xx) or silent for longer than `timeoutMs` makes calls fail with
 * `Unavailable`; other refusals (credentials, a missing bucket) stay errors.
 */
export class S3ObjectStore implements ObjectStore, DirectUploads, ObjectLinks {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly onAvailability: NonNullable<S3Options['onAvailability']>;
  private readonly clock: Clock;

  constructor(settings: S3Settings, options: S3Options = {}) {
    this.bucket = settings.bucket;
    this.onAvailability = options.onAvailability ?? (() => {});
    this.clock = options.clock ?? { now: () => new Date() };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // MinIO and s3rver do not take the SDK's default trailing checksums on streamed uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // A frozen S3 accepts connections and never answers: bound connecting and every silence.
      requestHandler: { connectionTimeout: timeoutMs, socketTimeout: timeoutMs },
    });
    // Refused connections and 5xx are retried, but not a timed-out attempt: the retries would hold the
    // request for three times the timeout. (Inside the retry step, so it sees each attempt.)
    this.client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if ((error as Error | null)?.name !== 'TimeoutError') throw error;
          throw Object.assign(new Error(`S3 did not answer within ${timeoutMs} ms`), { name: 'S3Silent' });
        }
      },
      { step: 'deserialize', name: 'timedOutAttemptsAreFinal' },
    );
  }

  /**
   * Creates the bucket when it is missing (at start), with a lifecycle rule that expires what is left
   * under `staging/`. A store without lifecycle rules (s3rver, some gateways) refuses it: the bucket
   * is kept, and the janitor alone deletes staging objects.
   */
  async ensureBucket(): Promise<BucketSetup> {
    try {
      await this.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return { created: false };
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    await this.send(new CreateBucketCommand({ Bucket: this.bucket }));
    try {
      await this.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: this.bucket,
          LifecycleConfiguration: {
            Rules: [{ ID: 'themes-api-staging', Status: 'Enabled', Filter: { Prefix: 'staging/' }, Expiration: { Days: STAGING_EXPIRY_DAYS } }],
          },
        }),
      );
      return { created: true, stagingExpiry: 'set' };
    } catch (error) {
      return { created: true, stagingExpiry: 'refused', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }

  /**
   * A presigned POST: the bucket takes one file of 1 to `maxBytes` bytes under the permit's key, with
   * a Content-Type of `image/…`, until the permit expires (to the second, as the policy keeps it).
   * The declared type is sent as a field.
   */
  async destination(permit: UploadPermit, contentType: string): Promise<UploadDestination> {
    assertValidKey(permit.key);
    const signedAt = Math.floor(this.clock.now().getTime() / 1000) * 1000;
    const { url, fields } = await createPresignedPost(this.clientAt(signedAt), {
      Bucket: this.bucket,
      Key: permit.key,
      Conditions: [
        ['content-length-range', 1, permit.maxBytes],
        ['starts-with', '$Content-Type', 'image/'],
      ],
      Expires: (permit.expiresAt.getTime() - signedAt) / 1000,
    });
    return { via: 'store', url, fields: { ...fields, 'Content-Type': contentType } };
  }

  /**
   * The client as createPresignedPost reads it, its clock set to `at` (epoch ms). The SDK dates a policy
   * `Date.now() + systemClockOffset` and ends it `Expires` seconds later: counted from the Clock's own
   * whole second, it ends exactly when the permit does, however long ago the permit's time was read.
   * (The skew the SDK estimates from S3's Date headers, to the second, is left out: the policy names
   * the permit's instant.)
   */
  private clientAt(at: number): S3Client {
    return { config: { ...this.client.config, systemClockOffset: at - Date.now() } } as unknown as S3Client;
  }

  /** A presigned GET, whose response carries the given type and Cache-Control. */
  signedGet(key: string, options: { expiresInSeconds: number; contentType: string; cacheControl: string }): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentType: options.contentType, ResponseCacheControl: options.cacheControl });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string; contentLength?: number }): Promise<number> {
    assertValidKey(key);
    let size = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of body) {
          size += chunk.length;
          yield chunk;
        }
      })(),
    );
    // 5 MiB parts, one in flight: memory stays flat whatever the object's size.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: counted, ContentType: meta.contentType },
      partSize: 5 * 1024 * 1024,
      queueSize: 1,
      leavePartsOnError: false,
    });
    await this.watched(() => upload.done());
    return size;
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const out = await this.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      return { body: out.Body as Readable, size: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream', version: out.ETag ?? '' };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertValidKey(key);
    try {
      const out = await this.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** A server-side copy, conditional on the source's ETag (s3rver ignores the condition; S3 and MinIO do not). */
  async copy(from: string, to: string, meta: { contentType: string; version: string }): Promise<boolean> {
    [from, to].forEach(assertValidKey);
    if (!meta.version) return false;
    try {
      await this.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: `${this.bucket}/${from}`,
          CopySourceIfMatch: meta.version,
          ContentType: meta.contentType,
          MetadataDirective: 'REPLACE',
        }),
      );
      return true;
    } catch (error) {
      if (isMissing(error) || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 412)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async deleteMany(keys: string[]): Promise<void> {
    keys.forEach(assertValidKey);
    for (let i = 0; i < keys.length; i += 1000) {
      const out = await this.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length) throw new Error(`S3 could not delete ${failed.length} objects: ${failed[0]?.Code ?? ''} ${failed[0]?.Message ?? ''}`);
    }
  }

  /** Multipart uploads (lib-storage's, for bodies over one part) that a killed process left: S3 keeps their parts, and bills them, until aborted. */
  async abortUnfinished(before: Date): Promise<number> {
    let aborted = 0;
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    for (;;) {
      const page = await this.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, ...markers })).catch((error: unknown) => {
        // A store that cannot list multipart uploads (s3rver) has none that could be aborted either.
        if (error instanceof S3ServiceException && error.name === 'NotImplemented') return null;
        throw error;
      });
      if (!page) return aborted;
      for (const { Key, UploadId, Initiated } of page.Uploads ?? []) {
        if (!Key || !UploadId || !Initiated || Initiated >= before) continue;
        try {
          await this.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }));
          aborted += 1;
        } catch (error) {
          // Finished or aborted meanwhile.
          if (!(error instanceof S3ServiceException && error.name === 'NoSuchUpload')) throw error;
        }
      }
      if (!page.IsTruncated) return aborted;
      markers = { KeyMarker: page.NextKeyMarker, UploadIdMarker: page.NextUploadIdMarker };
    }
  }

  async checkReady(): Promise<void> {
    await this.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  close(): void {
    this.client.destroy();
  }

  private send: S3Client['send'] = ((command: Parameters<S3Client['send']>[0]) => this.watched(() => this.client.send(command))) as S3Client['send'];

  private async watched<T>(work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.onAvailability(true);
      return result;
    } catch (error) {
      if (!isOutage(error)) {
        // S3 answered (a 404, a refusal): it is up.
        if (error instanceof S3ServiceException) this.onAvailability(true);
        throw error;
      }
      this.onAvailability(false, error);
      throw new Unavailable('object store', { cause: error });
    }
  }
}

const DEFAULT_TIMEOUT_MS = 5000;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** What S3 answers when it fails on its side (not 501: a feature it lacks, such as s3rver's multipart listing). */
const FAILING_STATUSES = new Set([500, 502, 503, 504]);

/** S3 unreachable, silent, or failing on its side, as opposed to refusing this request. */
function isOutage(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'S3Silent' || e.name === 'TimeoutError') return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  return FAILING_STATUSES.has(e.$metadata?.httpStatusCode ?? 0);
}

function isMissing(error: unknown): boolean {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode === 404 || ['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes(error.name);
  return false;
}
