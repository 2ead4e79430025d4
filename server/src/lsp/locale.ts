import type { Message } from '../rules/types';

export type Lang = 'da' | 'en';

/** `referat.locale` wins unless it is `auto`; then VS Code's display language from `initialize`. */
export function pickLang(setting: unknown, clientLocale: string | undefined): Lang {
  if (setting === 'da' || setting === 'en') return setting;
  return clientLocale?.toLowerCase().startsWith('da') ? 'da' : 'en';
}

export function say(message: Message, lang: Lang): string {
  return message[lang];
}
