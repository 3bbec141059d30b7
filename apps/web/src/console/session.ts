import { ref } from 'vue';
import { api, type Me } from '../shared/api';

export type ConsoleUser = Me & { userId: number; scope: { kind: string } };
export const me = ref<ConsoleUser | null>(null);
let loaded = false;

/** The logged-in user, asked of the server once per page load. */
export async function loadMe(): Promise<ConsoleUser | null> {
  if (loaded) return me.value;
  try {
    me.value = await api<ConsoleUser>('GET', '/api/auth/me');
  } catch {
    me.value = null;
  }
  loaded = true;
  return me.value;
}

export async function login(username: string, password: string): Promise<void> {
  const answer = await api<{ user: ConsoleUser }>('POST', '/api/auth/login', {
    body: { username, password },
  });
  me.value = answer.user;
  loaded = true;
}

export async function logout(): Promise<void> {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  me.value = null;
}
