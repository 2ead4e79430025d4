// turndown-plugin-gfm ships no types; only its table rules are used.
declare module 'turndown-plugin-gfm' {
  import type TurndownService from 'turndown';
  export function tables(service: TurndownService): void;
}
