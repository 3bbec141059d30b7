import { createI18n } from 'vue-i18n';
import en from './en';
import zh from './zh-CN';

export type Locale = 'zh-CN' | 'en';
const saved = localStorage.getItem('xh-console-lang');

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem('xh-console-lang', locale);
  document.documentElement.lang = locale;
}

/**
 * Adds a page's messages (per locale) to the console's, for pages whose messages load with them
 * rather than with the console.
 */
export function mergeMessages(messages: Record<string, Record<string, unknown>>): void {
  for (const [locale, values] of Object.entries(messages))
    i18n.global.mergeLocaleMessage(locale, values);
}
