import { randomBytes } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read aloud or typed. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const TRACKING_CODE_LENGTH = 12;
export const TRACKING_CODE_PATTERN = /^[A-Z0-9]{10,16}$/;

/** A random tracking code: 12 symbols of 32, 60 bits, unguessable. */
export function newTrackingCode(): string {
  const bytes = randomBytes(TRACKING_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

/** Codes are shown in groups of four; accept them typed in any case, with spaces or dashes. */
export function normaliseTrackingCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
