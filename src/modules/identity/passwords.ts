import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.ts';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

// argon2id with the OWASP-recommended floor (19 MiB, 2 passes).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const COMMON = new Set([
  '123456789012',
  'password1234',
  'matkhau12345',
  'matkhau123456',
  'qwertyuiop12',
  'admin1234567',
  'administrator',
  '1234567890ab',
  'abc123456789',
  'iloveyou1234',
  'vietnam12345',
  'quangnam1234',
]);

/** The password policy (length, not the username, not common or one repeated character). */
export function checkPasswordPolicy(password: string, username: string): void {
  if ([...password].length < PASSWORD_MIN) throw new AppError(400, 'password_too_short', { min: PASSWORD_MIN });
  if ([...password].length > PASSWORD_MAX) throw new AppError(400, 'password_too_long', { max: PASSWORD_MAX });
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) {
    throw new AppError(400, 'password_contains_username');
  }
  if (COMMON.has(lower) || new Set(lower).size <= 3) throw new AppError(400, 'password_too_common');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash('canhgac-no-such-user', ARGON2);
  return dummy;
}
