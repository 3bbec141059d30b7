import {
  computed,
  ref,
  shallowRef,
  watch,
  type ComputedRef,
  type Ref,
  type WritableComputedRef,
} from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';
import { api } from '../../shared/api';

/**
 * The page's choices live in the URL (#/analytics?tab=…&from=…), so a view can be shared and the
 * back button works. Changes made in the same tick (by any panel) go out as one navigation.
 */
let pending: Record<string, string | undefined> | null = null;

export function useRouteQuery() {
  const route = useRoute();
  const router = useRouter();

  function patch(values: Record<string, string | undefined>) {
    if (pending) return void Object.assign(pending, values);
    pending = { ...values };
    queueMicrotask(() => {
      const query: LocationQueryRaw = { ...route.query, ...pending };
      pending = null;
      for (const [k, v] of Object.entries(query)) if (v === undefined || v === '') delete query[k];
      void router.replace({ query });
    });
  }

  /** One choice from a fixed list; the first is the default and is left out of the URL. */
  function choice<T extends string>(name: string, options: readonly T[]): WritableComputedRef<T> {
    const fallback = options[0] as T;
    return computed({
      get: () => {
        const v = route.query[name];
        return typeof v === 'string' && (options as readonly string[]).includes(v)
          ? (v as T)
          : fallback;
      },
      set: (v) => patch({ [name]: v === fallback ? undefined : v }),
    });
  }

  /** A whole number within bounds; out of range or missing means the default. */
  function integer(
    name: string,
    bounds: { min: number; max: number; fallback: number },
  ): WritableComputedRef<number> {
    return computed({
      get: () => {
        const n = Number(route.query[name]);
        return Number.isInteger(n) && n >= bounds.min && n <= bounds.max ? n : bounds.fallback;
      },
      set: (v) => patch({ [name]: v === bounds.fallback ? undefined : String(v) }),
    });
  }

  return { route, patch, choice, integer };
}

/**
 * Loads `url` while the panel is shown, and again whenever the URL changes; an answer to an older
 * URL never replaces a newer one. Server errors arrive already in the user's language.
 */
export function useLoad<T>(url: ComputedRef<string | null>, active: Ref<boolean>) {
  const data = shallowRef<T | null>(null);
  /** The URL `data` answers. */
  const dataUrl = ref('');
  const loading = ref(false);
  const error = ref('');
  let loaded = '';
  let sequence = 0;

  async function load() {
    const target = url.value;
    if (!target) return;
    const mine = ++sequence;
    loaded = target;
    loading.value = true;
    error.value = '';
    try {
      const answer = await api<T>('GET', target);
      if (mine === sequence) {
        data.value = answer;
        dataUrl.value = target;
      }
    } catch (e) {
      if (mine === sequence) {
        error.value = e instanceof Error ? e.message : String(e);
        data.value = null;
        dataUrl.value = '';
        loaded = '';
      }
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  watch(
    [url, active],
    () => {
      if (active.value && url.value && url.value !== loaded) void load();
    },
    { immediate: true },
  );
  // An error shown stays in the language it came in; asking again brings it in the new one.
  watch(useI18n().locale, () => {
    if (error.value && active.value) void load();
  });
  return { data, dataUrl, loading, error, reload: load };
}
