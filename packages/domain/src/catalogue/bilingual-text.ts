/**
 * A message in both languages the platform speaks. Structurally the same as the errors'
 * LocalizedText, so reasons produced here can be passed straight to `invalidInput`.
 */
export type BilingualText = { zh: string; en: string };
