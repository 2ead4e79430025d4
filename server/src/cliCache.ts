import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { LoadedConfig } from './configFile';
import type { Whereabouts } from './formats/locate';
import { printableName } from './files';
import type { Finding, Message } from './rules/types';
import { createTempBeside, FileRefusal, readRegularFile, removeQuietly, writeAll } from './safeFile';

/** The cache file `--cache` keeps in the working folder when `--cache-location` does not name another. */
export const DEFAULT_CACHE_NAME = '.referatcache';

/** The first bytes of every cache file: only a file that starts so is ever replaced. */
const MARK = '{"tool":"referat-lint"';

/** A cache file larger than this is not read (a file of findings for thousands of referater stays far below). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** One file's findings, valid while its key (text, configuration, options, tool version) is the same. */
export interface CachedResult {
  key: string;
  findings: Finding[];
  /** For a published file: the page or heading of each line a finding starts on. */
  where?: Array<[number, Whereabouts]>;
}

interface CacheFile {
  tool: 'referat-lint';
  version: string;
  files: Record<string, CachedResult>;
}

/** Where the cache lives: `--cache-location` as a file, or as a folder (named with a trailing slash or existing) that holds `.referatcache`. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_NAME);
  const abs = path.resolve(cwd, location);
  let isDir = /[\\/]$/.test(location);
  try {
    isDir ||= fs.statSync(abs).isDirectory();
  } catch {
    // Not there yet: a file of that name.
  }
  return isDir ? path.join(abs, DEFAULT_CACHE_NAME) : abs;
}

/** What decides a file's findings besides the tool: its text and encoding, its configuration and the options that change findings. */
export function cacheKey(text: string, encoding: string, loaded: LoadedConfig, reportUnusedDisables: boolean, version: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([version, encoding, reportUnusedDisables, loaded.merged]));
  hash.update('\u0000');
  hash.update(text);
  return hash.digest('hex');
}

/**
 * The findings of the last run, looked up by absolute path and key, and the entries of this run, saved
 * at its end. An entry of another tool version is never used.
 */
export class LintCache {
  private readonly entries: Map<string, CachedResult>;
  /** Whether the file at the location may be replaced: it is missing or starts as a cache file does. */
  private readonly replaceable: boolean;

  private constructor(
    readonly file: string,
    private readonly version: string,
    entries: Map<string, CachedResult>,
    replaceable: boolean,
  ) {
    this.entries = entries;
    this.replaceable = replaceable;
  }

  /** Reads the cache file; a missing one is an empty cache, a broken one is ignored and `problem` says why. */
  static load(file: string, version: string): { cache: LintCache; problem?: Message } {
    const shown = printableName(file);
    let text: string;
    try {
      text = readRegularFile(file, MAX_CACHE_BYTES).bytes.toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { cache: new LintCache(file, version, new Map(), true) };
      const why =
        e instanceof FileRefusal
          ? e.reason
          : { da: String((e as NodeJS.ErrnoException).code ?? e), en: String((e as NodeJS.ErrnoException).code ?? e) };
      return {
        cache: new LintCache(file, version, new Map(), false),
        problem: {
          da: `cachefilen ${shown} kan ikke læses (${why.da}) og bruges ikke`,
          en: `the cache file ${shown} cannot be read (${why.en}) and is not used`,
        },
      };
    }
    const ours = text.startsWith(MARK);
    const parsed = ours ? parseCache(text) : undefined;
    if (!parsed) {
      const replaced = ours
        ? { da: '; den erstattes', en: '; it is replaced' }
        : { da: ' og overskrives ikke', en: ' and is not overwritten' };
      return {
        cache: new LintCache(file, version, new Map(), ours),
        problem: {
          da: `cachefilen ${shown} er ikke en gyldig referat-lint-cache og bruges ikke${replaced.da}`,
          en: `the cache file ${shown} is not a valid referat-lint cache and is not used${replaced.en}`,
        },
      };
    }
    const entries = parsed.version === version ? new Map(Object.entries(parsed.files)) : new Map<string, CachedResult>();
    return { cache: new LintCache(file, version, entries, true) };
  }

  /** The cached findings of `file` when its key is unchanged. */
  get(file: string, key: string): CachedResult | undefined {
    const entry = this.entries.get(file);
    return entry && entry.key === key ? entry : undefined;
  }

  set(file: string, entry: CachedResult): void {
    this.entries.set(file, entry);
  }

  /**
   * Writes the cache through a new file beside it, renamed over it, so that a run stopped halfway leaves
   * the old cache whole and a link at the location is replaced, never written through. Returns why not.
   */
  save(): Message | undefined {
    if (!this.replaceable) return undefined;
    const data: CacheFile = { tool: 'referat-lint', version: this.version, files: Object.fromEntries(this.entries) };
    let temp: string | undefined;
    try {
      const made = createTempBeside(this.file, 0o644);
      temp = made.temp;
      try {
        writeAll(made.fd, Buffer.from(JSON.stringify(data), 'utf8'));
      } finally {
        fs.closeSync(made.fd);
      }
      fs.renameSync(temp, this.file);
      return undefined;
    } catch (e) {
      if (temp) removeQuietly(temp);
      const code = String((e as NodeJS.ErrnoException).code ?? e);
      return {
        da: `cachefilen ${printableName(this.file)} kunne ikke skrives: ${code}`,
        en: `could not write the cache file ${printableName(this.file)}: ${code}`,
      };
    }
  }
}

function parseCache(text: string): CacheFile | undefined {
  try {
    const data = JSON.parse(text) as Partial<CacheFile>;
    if (data.tool !== 'referat-lint' || typeof data.version !== 'string' || typeof data.files !== 'object' || data.files === null)
      return undefined;
    for (const entry of Object.values(data.files)) {
      if (typeof entry?.key !== 'string' || !Array.isArray(entry.findings)) return undefined;
    }
    return data as CacheFile;
  } catch {
    return undefined;
  }
}
