import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { DomainError, ValidationFailed } from '../../domain/errors.ts';
import { HttpError } from './problem.ts';
import type { StagedUpload, UploadStaging } from '../../application/ports/upload-staging.ts';

export type ReceivedUpload = { upload: StagedUpload; fields: Record<string, string> };

/** Stages the request's upload, runs `work` on it, and always removes the staged file. */
export async function withUpload<T>(req: Request, staging: UploadStaging, maxBytes: number, work: (received: ReceivedUpload) => Promise<T>): Promise<T> {
  const received = await receiveUpload(req, staging, maxBytes);
  try {
    return await work(received);
  } finally {
    await received.upload.dispose();
  }
}

/**
 * Reads a multipart body with one `file` part and a few text fields. The file streams to a staged
 * file, never whole into memory; over `maxBytes`, or not an image by its first bytes, reading
 * stops at once. What the client still sends is drained and dropped. Whatever ends the request
 * early (a refusal, a broken form, the client going away) removes the staged file and closes it.
 */
export async function receiveUpload(req: Request, staging: UploadStaging, maxBytes: number): Promise<ReceivedUpload> {
  const { result, fields } = await receiveFile(
    req,
    (file, signal) => staging.stage(file, maxBytes, signal),
    (staged) => staged.dispose(),
  );
  return { upload: result, fields };
}

/**
 * Reads a multipart body with one `file` part (after any text fields), handing the file's stream to
 * `consume` as it arrives; `consume` refusing it stops reading at once. If the request ends otherwise
 * (a broken form, the client going away) after `consume` succeeded, `release` undoes what it made.
 */
export function receiveFile<T>(
  req: Request,
  consume: (file: Readable, signal: AbortSignal) => Promise<T>,
  release: (result: T) => Promise<void>,
): Promise<{ result: T; fields: Record<string, string> }> {
  if (!req.is('multipart/form-data')) return Promise.reject(new HttpError('malformed_request', 'the body must be multipart/form-data with a `file` part'));
  return new Promise((resolve, reject) => {
    let settled = false;
    let staged: Promise<T> | undefined;
    const abandon = new AbortController();
    const fields: Record<string, string> = {};
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      // Unpiped, the file part would never end: abort its consumer (staging removes its file).
      abandon.abort();
      void staged?.then(release, () => undefined);
      reject(error);
    };

    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 10, fieldSize: 4096, parts: 12 } });
    } catch {
      return reject(new HttpError('malformed_request', 'the multipart body is broken (no boundary?)'));
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    let formBroken = false;
    parser.on('file', (name, stream) => {
      // Listened to at once: a form cut short errors the stream before staging has opened its file.
      stream.on('error', () => {
        formBroken = true;
      });
      if (name !== 'file' || staged) return void stream.resume();
      // Unpiped by a failure, the part would never end: whatever consumes it must see it fail.
      abandon.signal.addEventListener('abort', () => stream.destroy(new Error('the upload was abandoned')), { once: true });
      staged = consume(stream, abandon.signal);
      // The check's own refusals (413, 415) win; otherwise a broken form is the client's fault, anything else ours.
      staged.catch((error: unknown) =>
        fail(error instanceof DomainError || !formBroken ? error : new HttpError('malformed_request', 'the multipart body ended before the file did')),
      );
    });
    parser.on('filesLimit', () => fail(ValidationFailed.field('file', 'send one file')));
    parser.on('error', () => fail(new HttpError('malformed_request', 'the multipart body is broken')));
    parser.on('close', () => {
      if (settled) return;
      if (!staged) return fail(ValidationFailed.field('file', 'a `file` part is required'));
      staged.then((result) => {
        if (settled) return void release(result);
        settled = true;
        resolve({ result, fields });
      }, fail);
    });
    req.on('close', () => {
      if (!req.complete) fail(new HttpError('malformed_request', 'the upload was cut off'));
    });
    req.pipe(parser);
  });
}
