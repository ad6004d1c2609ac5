/** Keys are made by the server; anything else is a programming error, refused before it reaches a store. */
const KEY = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i;

export function assertValidKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
    throw new Error(`invalid object key: ${JSON.stringify(key)}`);
}
