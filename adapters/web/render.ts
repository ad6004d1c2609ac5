import type { Response } from 'express';

/**
 * Sends a page: HTML5, never stored (it carries a form token and who is signed in), under a CSP that
 * allows scripts and styles from files only, plus the one style block that carries this page's
 * nonce (the palette colours: hex values the domain has validated).
 */
export function sendPage(res: Response, status: number, html: string, nonce: string, secure: boolean): void {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  res
    .status(status)
    .set({ 'Content-Security-Policy': policy, 'Cache-Control': 'no-store', 'Content-Type': 'text/html; charset=utf-8' })
    .send(`<!doctype html>${html}`);
}
