import { nameKey } from '../core/text';

/** `nameKey` remembered per written name, for the names a document repeats in every item. */
export function nameKeys(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let k = seen.get(s);
    if (k === undefined) {
      k = nameKey(s);
      seen.set(s, k);
    }
    return k;
  };
}
