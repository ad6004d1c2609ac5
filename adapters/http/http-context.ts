import type { UploadStaging } from '../../application/ports/upload-staging.ts';
import type { CachedReads } from './cached-reads.ts';

/** What routes need from the outside: use-cases by class, absolute links, cached reads, and where uploads are staged. */
export type HttpContext = {
  use<T>(useCase: new (...args: never[]) => T): T;
  links: Links;
  reads: CachedReads;
  /** Upload size limit (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  staging: UploadStaging;
};

export class Links {
  constructor(private readonly publicUrl: () => string) {}

  /** An absolute URL of a path under /api/v1. */
  api(path: string): string {
    return `${this.publicUrl()}/api/v1${path}`;
  }
}
