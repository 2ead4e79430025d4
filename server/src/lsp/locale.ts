import type { Message } from '../rules/types';

export type Lang = 'da' | 'en';

/**
 * `referat.locale` wins unless it is `auto` or unset; then the editor's language from `initialize`
 * when that is English, and Danish otherwise (VS Code has no Danish display language).
 */
export function pickLang(setting: unknown, clientLocale: string | undefined): Lang {
  if (setting === 'da' || setting === 'en') return setting;
  return clientLocale?.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function say(message: Message, lang: Lang): string {
  return message[lang];
}
