// Password storage: scrypt (node:crypto, memory-hard) with a random 16-byte salt per password. Stored as
// `scrypt$N$r$p$salt$hash` (salt and hash base64), so the parameters can be raised later and old hashes still
// verify. N = 2^15, r = 8, p = 3, 32-byte key: one of OWASP's Password Storage Cheat Sheet's equivalent scrypt
// minimums (2^17/8/1 … 2^15/8/3), chosen for 32 MiB per hash rather than 128 MiB, so a burst of logins on a
// small server cannot take its memory.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 3, keyLength: 32, saltBytes: 16 } as const;
export const MIN_PASSWORD_LENGTH = 8;

const derive = (password: string, salt: Buffer, keyLength: number, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, { ...o, maxmem: 256 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))));

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, keyLength, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, salt, expected.length, { N, r, p });
  return timingSafeEqual(key, expected);
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): { en: string; zh: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { en: `the password must have at least ${MIN_PASSWORD_LENGTH} characters`, zh: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` };
  if (password.length > 200) return { en: 'the password is too long (200 characters at most)', zh: '密码过长（最多 200 个字符）' };
  if (password.toLowerCase().includes(username.toLowerCase())) return { en: 'the password must not contain the user name', zh: '密码不能包含用户名' };
  return null;
}

/** A random password for first start (printed once): 16 characters from an unambiguous alphabet. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}
