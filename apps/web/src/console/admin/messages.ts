import * as access from './access/messages';
import * as geo from './geo/messages';
import * as rules from './rules/messages';

/**
 * The administration pages' messages, merged into the console's i18n when the administration
 * layout loads, so the console's first load does not carry them.
 */
export const ADMIN_MESSAGES = {
  'zh-CN': { access: access.zh, rules: rules.zh, geo: geo.zh },
  en: { access: access.en, rules: rules.en, geo: geo.en },
};
