// GB 32100-2015 unified social credit code: 18 characters from this alphabet, the last a check character.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** True for an 18-character unified social credit code with a correct check character. */
export function isUnifiedSocialCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code.charAt(i)) * (WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check) === code.charAt(17);
}
