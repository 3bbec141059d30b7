/** What to show for a failed request: the server's message is already in the user's language. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
