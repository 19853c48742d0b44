import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64.js';

describe('bytesToBase64', () => {
  it('agrees with Node for empty, small and multi-chunk files (past the 32 KiB chunk border)', () => {
    for (const size of [0, 1, 2, 3, 0x8000 - 1, 0x8000, 0x8000 + 1, 300_000]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) % 256);
      expect(bytesToBase64(bytes), `${size} bytes`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
