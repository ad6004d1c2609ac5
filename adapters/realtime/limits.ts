/** The limits of the socket API (WS_* in config.ts). */
export type RealtimeLimits = {
  /** A socket whose unsent bytes pass this is closed with 1013. */
  maxBufferBytes: number;
  /** Every socket is pinged this often; one that did not answer the previous ping is dropped. */
  pingIntervalMs: number;
  maxSocketsPerUser: number;
  maxSocketsPerAddress: number;
  maxMessagesPerMinute: number;
  /** How long a socket without a bearer subprotocol may take to send `{"type":"auth"}` first. */
  authTimeoutMs: number;
  /** After `auth_expired`, how long a fresh token is awaited before closing with 4001. */
  reauthGraceMs: number;
};
