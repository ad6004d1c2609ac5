import { connect, type Socket } from 'node:net';

/**
 * Starts a multipart upload of `file` on a raw socket and sends only `sentBytes` of it (the
 * declared Content-Length promises more): the server is left waiting for a body that is not coming,
 * as with a client that goes away. Destroy the socket to abort.
 */
export async function partialUpload(url: string, token: string, file: Buffer, sentBytes: number, closeTheFile = false): Promise<Socket> {
  const { hostname, port, pathname } = new URL(url);
  const boundary = 'partialboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), file.subarray(0, sentBytes), Buffer.from(closeTheFile ? `\r\n--${boundary}\r\n` : '')]);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length + 1000}\r\n\r\n`,
  );
  socket.write(body);
  return socket;
}

/**
 * Polls until `probe` answers `expected`. No deadline of its own: a loaded machine is slow, not wrong,
 * so only the test's timeout ends the wait, and a condition that never holds fails the test there.
 */
export async function settle<T>(probe: () => Promise<T>, expected: T): Promise<T> {
  let seen = await probe();
  while (seen !== expected) {
    await new Promise((r) => setTimeout(r, 25));
    seen = await probe();
  }
  return seen;
}
