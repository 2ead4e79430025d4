/** Below U+0300 no character changes under NFC or composes with its neighbour, so such text needs no normalize(). */
const BEYOND_LATIN = /[^\u0000-\u02ff]/;

/** `s.normalize('NFC')`, without the call where nothing could change. */
export function nfcLatin(s: string): string {
  return BEYOND_LATIN.test(s) ? s.normalize('NFC') : s;
}

/**
 * core/text's `fold`, to the character, for the rules' hot paths: normalize() and the white-space
 * regex only where they change something, and toLowerCase(), which lowercases as the Danish locale
 * does (ICU has special casing only for Turkish, Azeri, Lithuanian and Greek) without its look-up per call.
 */
export function foldKey(s: string): string {
  // One pass over text below U+0300 (nearly all Danish text): whether `\s+` → one space would change it.
  let collapse = false;
  let white = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300) return s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
    if (c === 32) {
      if (white) collapse = true;
      white = true;
    } else if ((c >= 9 && c <= 13) || c === 0xa0) collapse = white = true;
    else white = false;
  }
  return (collapse ? s.replace(/\s+/g, ' ') : s).trim().toLowerCase();
}

/** core/text's `nameKey`, to the character: `foldKey` without periods. */
export function nameKeyOf(s: string): string {
  const f = foldKey(s);
  // Without a period the second collapse has nothing to do: `foldKey` left single spaces.
  return f.includes('.') ? f.replace(/[.]/g, '').replace(/\s+/g, ' ') : f;
}

/** `nameKeyOf` remembered per written name, for the names a document repeats in every item. */
export function nameKeys(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let k = seen.get(s);
    if (k === undefined) {
      k = nameKeyOf(s);
      seen.set(s, k);
    }
    return k;
  };
}
