import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../errors.js';

/** Minimum password length (issue 10: at least 12 characters). */
export const MIN_PASSWORD_LENGTH = 12;

// Argon2id = 2 (a const enum in the typings, so not importable as a value under isolatedModules).
const ARGON2ID = 2;

/** A random opaque secret (session id, API token, invitation token): 32 bytes, base64url. */
export function randomSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex of a secret: what the database stores, so a leaked table does not leak usable ids. */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Rejects passwords shorter than the minimum with a clear message. */
export function checkPasswordRules(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken`, {
      minLength: MIN_PASSWORD_LENGTH,
    });
  }
}

/** argon2id hash (PHC string) with the library's recommended costs (19 MiB, 2 passes). */
export function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  return hash(password, { algorithm: ARGON2ID });
}

// Verified against when the account does not exist, so a wrong e-mail costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Verifies a password; `null` hash (unknown user, no password set) still spends the time of one verification. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('semafor-dummy-password', { algorithm: ARGON2ID });
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
