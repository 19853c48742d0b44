/**
 * A file's bytes as base64, for the JSON upload routes. In chunks: a whole file through
 * `String.fromCharCode(...bytes)` overflows the stack. Used by every upload page (needs, education offers, visits).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
