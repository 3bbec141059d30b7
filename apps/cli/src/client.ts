import { configFromEnv, openLocalClient, openRemoteClient, type ApiClient } from '@xiuhua/server';

/**
 * The CLI talks HTTP only: to a running server with --url and --token (or XIUHUA_URL and
 * XIUHUA_TOKEN), otherwise to an in-process app on the local database as the system admin.
 */
export async function openClient(options: {
  url?: string | undefined;
  token?: string | undefined;
}): Promise<ApiClient> {
  const url = options.url ?? process.env.XIUHUA_URL;
  if (url) return openRemoteClient(url, options.token ?? process.env.XIUHUA_TOKEN);
  return openLocalClient(configFromEnv());
}
