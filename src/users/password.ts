import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password).catch(() => false);

/** 24 URL-safe characters, 144 bits of entropy. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
