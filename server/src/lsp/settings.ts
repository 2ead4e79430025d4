import * as path from 'path';
import { URI } from 'vscode-uri';
import { EXTRACTED_SCHEME } from '../formats/uri';
import { resolveConfig, type ConfigProblem, type ReferatConfig, type ResolvedConfig } from '../config';
import { ConfigLoader } from '../configFile';
import { DEFAULT_SEVERITIES } from '../lint';
import { RULE_IDS } from '../rules';

/** The `referat` settings section: the config keys plus the display language. */
export interface Settings extends ReferatConfig {
  locale?: 'auto' | 'da' | 'en';
}

const CONFIG_KEYS = ['rules', 'decisionExemptions', 'standingItems', 'totalLabels', 'caseNumberPatterns', 'memberAliases'] as const;

/** The config keys of a settings object; VS Code sends empty objects and lists for unset settings, which mean "default". */
export function settingsAsConfig(settings: Settings | undefined): ReferatConfig {
  const out: Record<string, unknown> = {};
  if (!settings || typeof settings !== 'object') return out;
  for (const key of CONFIG_KEYS) {
    const v = (settings as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out as ReferatConfig;
}

export interface DocumentConfig {
  config: ResolvedConfig;
  problems: ConfigProblem[];
  /** The `.referatrc.json` that applies, if any. */
  file?: string;
}

/**
 * Configuration per document folder: the settings, then the nearest `.referatrc.json` over them.
 * Cached by folder until the settings or a config file change.
 */
export class ConfigResolver {
  private readonly byFolder = new Map<string, DocumentConfig>();
  private base: ReferatConfig = {};
  private workspaceFolders: string[] = [];
  /** The settings of each workspace folder (its path), where they differ from the window's: a multi-root workspace. */
  private folderSettings: Array<{ folder: string; config: ReferatConfig }> = [];
  /** One loader per settings base (the window's, or a folder's), each caching the files it read. */
  private readonly loaders = new Map<ReferatConfig, ConfigLoader>();

  setSettings(settings: Settings | undefined, perFolder: ReadonlyArray<{ folder: string; settings: Settings | undefined }> = []): void {
    this.base = settingsAsConfig(settings);
    this.folderSettings = perFolder
      .map((f) => ({ folder: f.folder, config: settingsAsConfig(f.settings) }))
      .sort((a, b) => b.folder.length - a.folder.length);
    this.clear();
  }

  /** The search for `.referatrc.json` files never goes above these folders (file system paths). */
  setWorkspaceFolders(folders: readonly string[]): void {
    this.workspaceFolders = [...folders];
    this.clear();
  }

  private baseFor(folder: string): ReferatConfig {
    return this.folderSettings.find((f) => folder === f.folder || folder.startsWith(f.folder + path.sep))?.config ?? this.base;
  }

  clear(): void {
    this.byFolder.clear();
    this.loaders.clear();
  }

  forUri(uri: string): DocumentConfig {
    const parsed = URI.parse(uri);
    // A published file's extracted text (referat-text:) is configured by the folder of the file it was read from.
    const folder = parsed.scheme === 'file' || parsed.scheme === EXTRACTED_SCHEME ? path.dirname(parsed.fsPath) : '';
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.resolve(folder);
      this.byFolder.set(folder, found);
    }
    return found;
  }

  private resolve(folder: string): DocumentConfig {
    const base = folder ? this.baseFor(folder) : this.base;
    const loaded = folder ? this.loaderFor(base).forDir(folder) : undefined;
    if (loaded && loaded.files.length > 0) return { config: loaded.config, problems: loaded.problems, file: loaded.files[0] };
    return resolveConfig(base, RULE_IDS, DEFAULT_SEVERITIES, 'settings (referat.*)');
  }

  private loaderFor(base: ReferatConfig): ConfigLoader {
    let loader = this.loaders.get(base);
    if (!loader) {
      loader = new ConfigLoader({ base, stopAt: this.workspaceFolders });
      this.loaders.set(base, loader);
    }
    return loader;
  }
}
