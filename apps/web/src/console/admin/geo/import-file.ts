/** What an import sends: the file's text and the content type the server reads it by. */
export async function readImportFile(file: File): Promise<{ text: string; type: string }> {
  const text = await file.text();
  const json = /\.(geo)?json$/i.test(file.name) || text.trimStart().startsWith('{');
  return { text, type: json ? 'application/geo+json' : 'text/csv' };
}

export function importUrl(path: string, query: Record<string, string | boolean | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== false) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The server's reason in the user's language. */
export function reasonOf(row: { reason: string; reason_zh: string }, locale: string): string {
  return locale === 'en' ? row.reason : row.reason_zh;
}
