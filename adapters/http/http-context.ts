/** What routes need from the outside: use-cases by class, and absolute links. */
export type HttpContext = {
  use<T>(useCase: new (...args: never[]) => T): T;
  links: Links;
  /** Upload size limit (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
};

export class Links {
  constructor(private readonly publicUrl: () => string) {}

  /** An absolute URL of a path under /api/v1. */
  api(path: string): string {
    return `${this.publicUrl()}/api/v1${path}`;
  }
}
