import busboy from 'busboy';
import type { Request } from 'express';
import { DomainError, ValidationFailed } from '../../domain/errors.ts';
import { HttpError } from './problem.ts';
import type { StagedUpload, UploadStaging } from '../../application/ports/upload-staging.ts';

export type ReceivedUpload = { upload: StagedUpload; fields: Record<string, string> };

/**
 * Reads a multipart body with one `file` part and a few text fields. The file streams to a staged
 * file, never whole into memory; over `maxBytes`, or not an image by its first bytes, reading
 * stops at once. What the client still sends is drained and dropped. Whatever ends the request
 * early (a refusal, a broken form, the client going away) removes the staged file and closes it.
 */
export function receiveUpload(req: Request, staging: UploadStaging, maxBytes: number): Promise<ReceivedUpload> {
  if (!req.is('multipart/form-data')) return Promise.reject(new HttpError('malformed_request', 'the body must be multipart/form-data with a `file` part'));
  return new Promise((resolve, reject) => {
    let settled = false;
    let staged: Promise<StagedUpload> | undefined;
    const abandon = new AbortController();
    const fields: Record<string, string> = {};
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume();
      // Unpiped, the file part would never end: abort its staging, which removes the file.
      abandon.abort();
      void staged?.then((s) => s.dispose(), () => undefined);
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
      staged = staging.stage(stream, maxBytes, abandon.signal);
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
      staged.then((upload) => {
        if (settled) return void upload.dispose();
        settled = true;
        resolve({ upload, fields });
      }, fail);
    });
    req.on('close', () => {
      if (!req.complete) fail(new HttpError('malformed_request', 'the upload was cut off'));
    });
    req.pipe(parser);
  });
}
