import * as fs from 'fs';
import * as path from 'path';
import { createScanner, parse as parseJsonc, SyntaxKind, type ParseError } from 'jsonc-parser';
import { jsonErrorWords } from './jsonErrors';
import { resolveConfig, type ConfigProblem, type ReferatConfig, type ResolvedConfig } from './config';
import { DEFAULT_SEVERITIES } from './lint';
import { RULES, RULE_IDS } from './rules';
import { CONFIG_LIMIT, readRegularFile, ReadRefusal } from './io/read';
import type { Message } from './rules/types';

export const CONFIG_FILE_NAME = '.referatrc.json';

/** Deeper than any real configuration (which needs 3), shallow enough for any stack. */
const MAX_DEPTH = 32;
const MAX_EXTENDS_DEPTH = 10;

/** The built-in presets that `extends` can name. */
export const PRESETS: Record<string, ReferatConfig> = {
  'referat:recommended': {},
  'referat:strict': { rules: Object.fromEntries(RULES.map((r) => [r.id, 'error'])) },
};

/** Finds the nearest `.referatrc.json` from a folder upwards. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function fileProblem(file: string | undefined, da: string, en: string, offset?: number): ConfigProblem {
  return { file, key: '', message: { da, en }, ...(offset !== undefined ? { offset } : {}) };
}

/**
 * Refuses, before parsing, what the parser would not survive or would read wrongly: nesting past
 * MAX_DEPTH (the parser recurses) and a `__proto__` key (it would set the object's prototype).
 * The scanner reads tokens without recursion, in time linear in the text.
 */
function unsafeJson(text: string, file?: string): ConfigProblem | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  let previousString: string | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) continue;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH) {
        const where = lineOf(text, scanner.getTokenOffset());
        return fileProblem(
          file,
          `Konfigurationen er indlejret dybere end ${MAX_DEPTH} niveauer (linje ${where}) og afvises; standardindstillingerne bruges.`,
          `The configuration is nested deeper than ${MAX_DEPTH} levels (line ${where}) and is refused; the defaults are used.`,
          scanner.getTokenOffset(),
        );
      }
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
    else if (token === SyntaxKind.ColonToken && previousString === '__proto__') {
      const where = lineOf(text, scanner.getTokenOffset());
      return fileProblem(
        file,
        `Nøglen "__proto__" (linje ${where}) er ikke tilladt; konfigurationen afvises, og standardindstillingerne bruges.`,
        `The key "__proto__" (line ${where}) is not allowed; the configuration is refused and the defaults are used.`,
        scanner.getTokenOffset(),
      );
    }
    previousString = token === SyntaxKind.StringLiteral ? scanner.getTokenValue() : undefined;
  }
  return undefined;
}

/** A config text as an object, or the one problem that makes it unusable (syntax, depth, `__proto__`). */
function parseConfigText(bomText: string, file?: string): { raw?: ReferatConfig; problem?: ConfigProblem } {
  // A BOM (Windows editors write one) read as a space, so that every offset stays the file's.
  const text = bomText.charCodeAt(0) === 0xfeff ? ` ${bomText.slice(1)}` : bomText;
  const unsafe = unsafeJson(text, file);
  if (unsafe) return { problem: unsafe };
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as ReferatConfig;
  if (errors.length === 0) return { raw };
  const e = errors[0];
  const line = lineOf(text, e.offset);
  return {
    problem: fileProblem(
      file,
      `Ugyldig JSON (${jsonErrorWords(e.error).da}, linje ${line}); standardindstillingerne bruges.`,
      `Invalid JSON (${jsonErrorWords(e.error).en}, line ${line}); the defaults are used.`,
      e.offset,
    ),
  };
}

/** Reads a config text (JSON with comments); a syntax error is one problem naming the line, and the defaults apply. */
export function readConfigText(
  text: string,
  file?: string,
  base?: ReferatConfig,
): { config: ResolvedConfig; problems: ConfigProblem[]; raw?: ReferatConfig } {
  const { raw, problem } = parseConfigText(text, file);
  if (problem) return { config: resolveConfig(base, RULE_IDS, DEFAULT_SEVERITIES, file).config, problems: [problem] };
  const merged = base ? mergeConfig(base, raw) : raw;
  const { config, problems } = resolveConfig(merged, RULE_IDS, DEFAULT_SEVERITIES, file);
  return { config, problems, raw };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Settings first, the file over them: rules merge key by key, lists are replaced. */
export function mergeConfig(base: ReferatConfig, over: ReferatConfig | undefined): ReferatConfig {
  if (!isObject(over)) return { ...base, ...(over as object) };
  const merged: ReferatConfig = { ...base, ...over };
  if (base.rules || isObject(over.rules))
    merged.rules = { ...(base.rules ?? {}), ...(isObject(over.rules) ? (over.rules as ReferatConfig['rules']) : {}) };
  return merged;
}

/** Why a configuration file could not be read, without its name. */
function unreadableReason(e: unknown): Message {
  if (e instanceof ReadRefusal) return e.reason;
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return { da: code, en: code };
}

/** A configuration file's text: only a regular file under CONFIG_LIMIT is read, so a FIFO or `/dev/zero` cannot hang or fill the process. */
function readText(file: string): { text?: string; problem?: ConfigProblem; unreadable?: Message } {
  try {
    return { text: readRegularFile(file, CONFIG_LIMIT).toString('utf8') };
  } catch (e) {
    const reason = unreadableReason(e);
    return {
      problem: fileProblem(
        file,
        `Kan ikke læse filen (${reason.da}); standardindstillingerne bruges.`,
        `Cannot read the file (${reason.en}); the defaults are used.`,
      ),
      unreadable: reason,
    };
  }
}

export function readConfigFile(file: string, base?: ReferatConfig): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const { text, problem } = readText(file);
  if (problem) return { config: resolveConfig(base, RULE_IDS, DEFAULT_SEVERITIES, file).config, problems: [problem] };
  return readConfigText(text!, file, base);
}

export function describeProblem(p: ConfigProblem, lang: 'da' | 'en'): string {
  const where = p.file ? `${p.file}${p.key ? ` (${p.key})` : ''}` : p.key;
  return `${where}: ${p.message[lang]}`;
}

/** Ignore patterns (gitignore syntax) and the folder they are relative to. */
export interface IgnoreRules {
  dir: string;
  patterns: string[];
}

/** The configuration that applies in a folder, the files it came from (nearest first), and their problems. */
export interface LoadedConfig {
  config: ResolvedConfig;
  /** Merged before resolving: what `--print-config` shows. */
  merged: ReferatConfig;
  files: string[];
  problems: ConfigProblem[];
  ignores: IgnoreRules[];
}

export interface LoadOptions {
  /** Settings under every file (the editor's `referat.*`). */
  base?: ReferatConfig;
  /** Folders the search never goes above (the workspace folders); a folder holding `.git` stops it too. */
  stopAt?: readonly string[];
}

function withoutFileKeys(raw: ReferatConfig): ReferatConfig {
  const { extends: _extends, root: _root, ignores: _ignores, $schema: _schema, ...rest } = raw as ReferatConfig & { $schema?: unknown };
  return rest;
}

/**
 * Reads configuration files, each once per loader, with their `extends` resolved: a path relative
 * to the file or a preset. The search goes up from a folder, nearest first, and stops after a file
 * with `"root": true`, at a folder with `.git`, at a folder of `stopAt`, or at the file system root.
 */
export class ConfigLoader {
  private readonly byFile = new Map<string, { raw: ReferatConfig; problems: ConfigProblem[]; unreadable?: Message }>();
  private readonly byDir = new Map<string, LoadedConfig>();

  constructor(private readonly options: LoadOptions = {}) {}

  /** The configuration for documents in `dir`. */
  forDir(dir: string): LoadedConfig {
    const key = path.resolve(dir);
    let found = this.byDir.get(key);
    if (!found) {
      found = this.cascade(key);
      this.byDir.set(key, found);
    }
    return found;
  }

  /** One file (and what it extends), without the search: `--config FILE`. */
  forFile(file: string): LoadedConfig {
    const resolved = path.resolve(file);
    const own = this.file(resolved, []);
    return this.finish([resolved], [own.raw], own.problems, [{ dir: path.dirname(resolved), patterns: stringList(own.raw.ignores) }]);
  }

  private cascade(start: string): LoadedConfig {
    const files: string[] = [];
    const raws: ReferatConfig[] = [];
    const problems: ConfigProblem[] = [];
    const ignores: IgnoreRules[] = [];
    const stops = new Set((this.options.stopAt ?? []).map((d) => path.resolve(d)));
    for (let dir = start; ;) {
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      // Anything by that name counts: a FIFO or a folder is reported (the reader refuses it), not passed over in silence.
      if (fs.existsSync(candidate)) {
        const own = this.file(candidate, []);
        files.push(candidate);
        raws.push(own.raw);
        for (const p of own.problems) problems.push(p);
        ignores.push({ dir, patterns: stringList(own.raw.ignores) });
        if (own.raw.root === true) break;
      }
      const parent = path.dirname(dir);
      if (parent === dir || stops.has(dir) || fs.existsSync(path.join(dir, '.git'))) break;
      dir = parent;
    }
    return this.finish(files, raws, problems, ignores);
  }

  /** Merges the files, farthest first, over the base, and resolves the result (its problems were reported per file). */
  private finish(files: string[], raws: ReferatConfig[], problems: ConfigProblem[], ignores: IgnoreRules[]): LoadedConfig {
    let merged: ReferatConfig = this.options.base ?? {};
    for (let i = raws.length - 1; i >= 0; i--) merged = mergeConfig(merged, withoutFileKeys(raws[i]));
    const { config } = resolveConfig(merged, RULE_IDS, DEFAULT_SEVERITIES);
    return { config, merged, files, problems, ignores: ignores.filter((g) => g.patterns.length > 0) };
  }

  /** A file with its `extends` merged under it; `chain` holds the files that extend it, to refuse cycles. */
  private file(file: string, chain: readonly string[]): { raw: ReferatConfig; problems: ConfigProblem[]; unreadable?: Message } {
    const cached = this.byFile.get(file);
    if (cached) return cached;
    const problems: ConfigProblem[] = [];
    const { text, problem: readProblem, unreadable } = readText(file);
    const parsed = readProblem ? { problem: readProblem } : parseConfigText(text!, file);
    if (parsed.problem) problems.push(parsed.problem);
    let own: ReferatConfig = isObject(parsed.raw) ? parsed.raw : {};
    if (parsed.raw !== undefined && !parsed.problem)
      for (const p of resolveConfig(parsed.raw, RULE_IDS, DEFAULT_SEVERITIES, file).problems) problems.push(p);
    const parents =
      typeof own.extends === 'string' ? [own.extends] : Array.isArray(own.extends) ? own.extends.filter((x) => typeof x === 'string') : [];
    let base: ReferatConfig = {};
    for (const name of parents) {
      const extended = this.extended(name, file, [...chain, file], problems);
      if (extended) base = mergeConfig(base, extended);
    }
    own = parents.length > 0 ? mergeConfig(base, own) : own;
    const result = { raw: own, problems, ...(unreadable ? { unreadable } : {}) };
    this.byFile.set(file, result);
    return result;
  }

  private extended(name: string, from: string, chain: readonly string[], problems: ConfigProblem[]): ReferatConfig | undefined {
    if (name.startsWith('referat:')) {
      const preset = PRESETS[name];
      if (!preset)
        problems.push({
          file: from,
          key: 'extends',
          message: {
            da: `Ukendt forudindstilling "${name}" (kendte: ${Object.keys(PRESETS).join(', ')}).`,
            en: `Unknown preset "${name}" (known: ${Object.keys(PRESETS).join(', ')}).`,
          },
        });
      return preset;
    }
    const target = path.resolve(path.dirname(from), name);
    if (chain.includes(target) || chain.length > MAX_EXTENDS_DEPTH) {
      problems.push({
        file: from,
        key: 'extends',
        message: {
          da: `"extends" danner en løkke eller en for lang kæde ved ${target}; den ignoreres.`,
          en: `"extends" makes a loop or too long a chain at ${target}; it is ignored.`,
        },
      });
      return undefined;
    }
    const loaded = this.file(target, chain);
    // A file that cannot be read is the problem of the key that names it.
    if (loaded.unreadable)
      problems.push({
        file: from,
        key: 'extends',
        message: {
          da: `Kan ikke læse ${target} (${loaded.unreadable.da}); den ignoreres.`,
          en: `Cannot read ${target} (${loaded.unreadable.en}); it is ignored.`,
        },
      });
    else for (const p of loaded.problems) problems.push(p);
    return withoutFileKeys(loaded.raw);
  }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The configuration for a path: a `.json` file is read as a configuration itself (with what it
 * extends); for a document or a folder the configuration files are searched up from its folder.
 */
export function loadConfig(target: string, options: LoadOptions = {}): LoadedConfig {
  const loader = new ConfigLoader(options);
  const resolved = path.resolve(target);
  if (/\.json$/i.test(resolved) && isFile(resolved)) return loader.forFile(resolved);
  let isDir = false;
  try {
    isDir = fs.statSync(resolved).isDirectory();
  } catch {
    // A path that does not exist yet still has a folder to search from.
  }
  return loader.forDir(isDir ? resolved : path.dirname(resolved));
}
