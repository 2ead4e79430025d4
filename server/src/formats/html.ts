import TurndownService from 'turndown';
import { tables } from 'turndown-plugin-gfm';
import { LIMITS } from './limits';
import { ExtractError, MESSAGES } from './messages';

type Node = TurndownService.Node;
/** The element methods used here (turndown's DOM, without the browser's types). */
interface ElementLike {
  nodeName: string;
  children: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}

/** Page furniture a meeting system wraps around the minutes: landmarks by tag or role, and cookie or consent banners by name. */
const CHROME_TAGS = new Set([
  'HEAD',
  'TITLE',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'NAV',
  'ASIDE',
  'FOOTER',
  'FORM',
  'BUTTON',
  'IFRAME',
  'SVG',
  'DIALOG',
]);
const CHROME_ROLES = /^(navigation|banner|contentinfo|search|dialog|alertdialog|complementary)$/i;
const BANNER_NAME = /cookie|consent|gdpr|samtykke/i;

/** Page furniture; a hidden element stays when a section toggle controls it (a collapsed item of the minutes is still the minutes). */
function isChrome(node: Node, controlled: ReadonlySet<string>): boolean {
  if (CHROME_TAGS.has(node.nodeName)) return true;
  const element = node as unknown as ElementLike;
  if (typeof element.getAttribute !== 'function') return false;
  if (CHROME_ROLES.test(element.getAttribute('role') ?? '')) return true;
  if (
    (element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden')) &&
    !controlled.has(element.getAttribute('id') ?? '')
  )
    return true;
  return BANNER_NAME.test(`${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`);
}

function within(node: Node, names: ReadonlySet<string>): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (names.has(p.nodeName)) return true;
  return false;
}

const CELLS = new Set(['TD', 'TH']);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'SUMMARY']);
const inTableCell = (node: Node): boolean => within(node, CELLS);

/** A collapsible section's title: a `summary`, or a button that opens and closes a section (an item's title on many publication pages). */
function isSectionTitle(node: Node): boolean {
  if (node.nodeName === 'SUMMARY') return true;
  if (node.nodeName !== 'BUTTON') return false;
  const element = node as unknown as ElementLike;
  return element.hasAttribute('aria-expanded') || element.hasAttribute('aria-controls') || within(node, HEADINGS);
}

/** The ids of the sections that toggles control (`aria-controls`), read from the page's text. */
function controlledIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/aria-controls\s*=\s*["']([^"']*)["']/gi)) for (const id of m[1].split(/\s+/)) if (id) ids.add(id);
  return ids;
}

function converter(controlled: ReadonlySet<string>): TurndownService {
  const service = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', strongDelimiter: '**' });
  // The text is read by our parser, not rendered: a "1." or "*" the author wrote stays as written.
  service.escape = (text: string) => text;
  service.use(tables);
  service.remove(((node: Node) => isChrome(node, controlled)) as TurndownService.Filter);
  // A section's title is a heading of its own, unless it sits in a heading already or in a table row.
  service.addRule('sectionTitle', {
    filter: isSectionTitle,
    replacement: (content, node) =>
      within(node, HEADINGS) || inTableCell(node) ? content.trim() : `\n\n## ${content.trim().replace(/\s+/g, ' ')}\n\n`,
  });
  service.addRule('details', { filter: 'details', replacement: (content) => `\n\n${content}\n\n` });
  service.addRule('linkText', { filter: 'a', replacement: (content) => content });
  service.addRule('image', { filter: 'img', replacement: () => '' });
  // Each list's items are numbered once: looking each one up among its siblings would take time quadratic in the list's length.
  const positions = new WeakMap<object, Map<unknown, number>>();
  const position = (parent: ElementLike, node: unknown): number => {
    let known = positions.get(parent);
    if (!known) positions.set(parent, (known = new Map(Array.from(parent.children, (child, i) => [child, i]))));
    return known.get(node) ?? 0;
  };
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as unknown as ElementLike;
      const index = position(parent, node);
      const prefix = parent.nodeName === 'OL' ? `${Number(parent.getAttribute('start') ?? 1) + index}. ` : '- ';
      return prefix + content.trim().replace(/\n+/g, ' ') + (node.nextSibling ? '\n' : '');
    },
  });
  // A cell's paragraphs and line breaks become spaces, so that each table row stays one pipe row.
  service.addRule('cellParagraph', {
    filter: (node) => (node.nodeName === 'P' || node.nodeName === 'DIV') && inTableCell(node),
    replacement: (content) => ` ${content.trim()} `,
  });
  service.addRule('cellBreak', { filter: (node) => node.nodeName === 'BR' && inTableCell(node), replacement: () => ' ' });
  // Every table as pipe rows, with or without a heading row (Word tables have none).
  service.addRule('table', { filter: 'table', replacement: (content) => `\n\n${content.replace(/\n+/g, '\n').trim()}\n\n` });
  return service;
}

/** Elements that never hold others, and those whose end tag may be left out (the next sibling ends them): neither adds to the depth. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'basefont',
  'bgsound',
  'frame',
]);
const OPTIONAL_END = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'caption',
  'rb',
  'rt',
  'rtc',
  'rp',
]);
/** Elements whose content is text, not tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const TAG = /<(!--|\/)?([a-zA-Z][^\s/>]*)?/g;

/**
 * How deep a page's elements nest, by one pass over its tags, up to just beyond `limit`. The HTML
 * parser takes time quadratic in the depth, so a page nested 100,000 deep must be refused before it.
 */
export function nestingDepth(html: string, limit: number = LIMITS.htmlDepth): number {
  let depth = 0;
  let deepest = 0;
  const tag = new RegExp(TAG);
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[1] === '!--') {
      const close = html.indexOf('-->', tag.lastIndex);
      if (close === -1) break;
      tag.lastIndex = close + 3;
      continue;
    }
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    const end = html.indexOf('>', tag.lastIndex);
    if (end === -1) break;
    tag.lastIndex = end + 1;
    if (VOID.has(name) || OPTIONAL_END.has(name)) continue;
    if (m[1] === '/') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (html[end - 1] === '/') continue;
    if (++depth > deepest && (deepest = depth) > limit) return deepest;
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = end;
      if (!close.exec(html)) break;
      tag.lastIndex = close.lastIndex - name.length - 2;
    }
  }
  return deepest;
}

/** The page's `<main>` element, where it has one: what the page itself says is its content, without the site around it. */
function mainOf(html: string): string {
  const start = /<main[\s>]/i.exec(html)?.index;
  if (start === undefined) return html;
  let end = -1;
  for (const m of html.matchAll(/<\/main\s*>/gi)) end = m.index + m[0].length;
  return end > start ? html.slice(start, end) : html;
}

/** A web page or a Word document's HTML as the Markdown the parser reads: `#` headings, lists, pipe rows; scripts, navigation and banners left out. */
export function htmlToText(html: string): string {
  const depth = nestingDepth(html);
  if (depth > LIMITS.htmlDepth) throw new ExtractError(MESSAGES.tooDeep(depth, LIMITS.htmlDepth));
  const text = converter(controlledIds(html)).turndown(mainOf(html));
  return (
    text
      .split('\n')
      .map((l) => l.replace(/[ \t\u00a0]+$/, '').replace(/^\| (.*) \|$/, (row) => row.replace(/ {2,}/g, ' ')))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim() + '\n'
  );
}
