/**
 * Names the metrics adapter and the adapters that feed it share (none may import another): what an
 * upload came to, and the state of a connection pool.
 */

/** What an upload came to: every value is exported from the start (at 0), so a rate never lacks its series. */
export const UPLOAD_RESULTS = ['stored', 'too_large', 'unsupported', 'too_many_pixels', 'aborted', 'refused', 'failed'] as const;
export type UploadResult = (typeof UPLOAD_RESULTS)[number];

/** A connection pool as it is now: connections open, lent out, requests queued for one, and its size. */
export type PoolState = { open: number; inUse: number; waiting: number; max: number };
