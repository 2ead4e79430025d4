import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Range } from './core/model';
import { INVALID_DISABLE_RULE, UNUSED_DISABLE_RULE } from './disable';
import { printableName } from './files';
import { describeWhereabouts, type Whereabouts } from './formats/locate';
import { REPOSITORY_URL, rulePageUrl } from './packageInfo';
import { RULES } from './rules';
import type { Finding, Message, Severity } from './rules/types';

export type Lang = 'da' | 'en';
export type Format = 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'];

export type Counts = Record<Severity, number>;

export function emptyCounts(): Counts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}

/** Collects output into pieces of about 64 KB, so that no output is ever one string of unbounded length. */
export class ChunkWriter {
  private buffer = '';
  constructor(private readonly sink: (s: string) => void) {}

  write(s: string): void {
    this.buffer += s;
    if (this.buffer.length >= 65536) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    this.sink(this.buffer);
    this.buffer = '';
  }
}

function severityWord(s: Severity, lang: Lang): string {
  if (lang === 'en') return s;
  return { error: 'fejl', warning: 'advarsel', information: 'information', hint: 'tip' }[s];
}

/** Rules the engine reports beside the registry's, with their descriptions for SARIF. */
const ENGINE_RULES: ReadonlyArray<{ id: string; description: Message }> = [
  {
    id: 'parse',
    description: { da: 'Parseren kunne ikke læse en del af dokumentet.', en: 'The parser could not read part of the document.' },
  },
  {
    id: 'internal-error',
    description: { da: 'En regel fejlede på dokumentet og blev sprunget over.', en: 'A rule failed on the document and was skipped.' },
  },
  {
    id: UNUSED_DISABLE_RULE,
    description: { da: 'En referat-disable-kommentar skjuler ingen fund.', en: 'A referat-disable comment silences no finding.' },
  },
  {
    id: INVALID_DISABLE_RULE,
    description: {
      da: 'En referat-disable-kommentar har en ukendt form eller et ukendt regel-id.',
      en: 'A referat-disable comment has an unknown form or an unknown rule id.',
    },
  },
];

const SARIF_RULES = [
  ...RULES.map((r) => ({ id: r.id, description: r.description, page: true, defaultSeverity: r.defaultSeverity as Severity })),
  ...ENGINE_RULES.map((r) => ({ ...r, page: false, defaultSeverity: 'warning' as Severity })),
];
const SARIF_RULE_INDEX = new Map(SARIF_RULES.map((r, i) => [r.id, i]));

function sarifLevel(s: Severity): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** A rule's help link: its page in the published repository, or the README's list of checks (a report is read on other machines). */
function helpUri(id: string, page: boolean): string {
  return page ? rulePageUrl(id) : `${REPOSITORY_URL}#what-it-checks`;
}

/** The artifact location of a file: relative to the working folder where it lies inside it, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel))
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(abs).href };
}

function sarifRegion(r: Range): Record<string, number> {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** GitHub workflow commands: `%`, CR and LF escaped in the message; `:` and `,` too in properties. */
function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A file's path as CI reports name it: relative to the working folder, with forward slashes. */
function reportPath(file: string, cwd: string): string {
  return (path.relative(cwd, path.resolve(cwd, file)) || file).split(path.sep).join('/');
}

/** GitLab Code Quality severities: an error blocks as a major issue, a warning is minor. */
function gitlabSeverity(s: Severity): 'major' | 'minor' | 'info' {
  return s === 'error' ? 'major' : s === 'warning' ? 'minor' : 'info';
}

/** Characters XML 1.0 cannot hold at all, even escaped: they become U+FFFD. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an XML attribute or element: the five special characters escaped, the impossible ones replaced. */
function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface FormatContext {
  format: Format;
  lang: Lang;
  cwd: string;
}

/**
 * Writes one file's findings in the format. Separators between files are the caller's: this
 * writes nothing for a file without findings except in JSON, where every file has an element.
 * `where` is given for a published file (PDF, Word, web page): the page or heading of a line,
 * said after each message and, in JSON and SARIF, also as a field of its own.
 */
export function writeFileBody(
  name: string,
  findings: readonly Finding[],
  ctx: FormatContext,
  w: ChunkWriter,
  where?: (line: number) => Whereabouts,
): void {
  const { lang } = ctx;
  const placeOf = (f: Finding): Whereabouts | undefined => where?.(f.range.start.line);
  const message = (f: Finding, place: Whereabouts | undefined): string => {
    const words = place && describeWhereabouts(place);
    return words ? `${f.message[lang]} (${words[lang]})` : f.message[lang];
  };
  switch (ctx.format) {
    case 'text': {
      const shown = printableName(name);
      for (const f of findings)
        w.write(
          `${shown}:${f.range.start.line + 1}:${f.range.start.character + 1} ${severityWord(f.severity, lang)} ${f.rule} ${message(f, placeOf(f))}\n`,
        );
      return;
    }
    case 'github': {
      const file = githubProperty(path.relative(ctx.cwd, path.resolve(ctx.cwd, name)) || name);
      for (const f of findings) {
        const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
        const { start, end } = f.range;
        w.write(
          `::${level} file=${file},line=${start.line + 1},col=${start.character + 1},endLine=${end.line + 1},endColumn=${end.character + 1},title=${githubProperty(f.rule)}::${githubData(message(f, placeOf(f)))}\n`,
        );
      }
      return;
    }
    case 'json': {
      w.write(`  {\n    "file": ${JSON.stringify(name)},\n    "diagnostics": [`);
      findings.forEach((f, i) => {
        const place = placeOf(f);
        const diagnostic = place
          ? JSON.stringify({ rule: f.rule, severity: f.severity, message: f.message[lang], range: f.range, ...place })
          : jsonDiagnostic(f, lang);
        w.write(`${i === 0 ? '\n' : ',\n'}      ${diagnostic}`);
      });
      w.write(findings.length > 0 ? '\n    ]\n  }' : ']\n  }');
      return;
    }
    case 'gitlab': {
      const file = reportPath(name, ctx.cwd);
      findings.forEach((f, i) => {
        const { start } = f.range;
        // Stable across runs while the finding stays where it is; the position tells two alike findings apart.
        const fingerprint = createHash('sha256')
          .update(`${file}\u0000${f.rule}\u0000${f.message.en}\u0000${start.line}:${start.character}`)
          .digest('hex');
        const issue = {
          description: message(f, placeOf(f)),
          check_name: f.rule,
          fingerprint,
          severity: gitlabSeverity(f.severity),
          location: { path: file, lines: { begin: start.line + 1 } },
        };
        w.write(`${i === 0 ? '' : ',\n'}  ${JSON.stringify(issue)}`);
      });
      return;
    }
    case 'junit': {
      const file = reportPath(name, ctx.cwd);
      const suite = xmlText(file);
      w.write(`  <testsuite name="${suite}" tests="${Math.max(1, findings.length)}" failures="${findings.length}" errors="0">\n`);
      // A clean file is one passing test, so that the CI system lists it.
      if (findings.length === 0) w.write(`    <testcase classname="${suite}" name="referat-lint"/>\n`);
      for (const f of findings) {
        const { line, character } = f.range.start;
        const text = `${file}:${line + 1}:${character + 1} ${severityWord(f.severity, lang)} ${f.rule} ${message(f, placeOf(f))}`;
        w.write(`    <testcase classname="${suite}" name="${xmlText(`${f.rule} (${line + 1}:${character + 1})`)}">\n`);
        w.write(
          `      <failure type="${xmlText(f.rule)}" message="${xmlText(message(f, placeOf(f)))}">${xmlText(text)}</failure>\n    </testcase>\n`,
        );
      }
      w.write('  </testsuite>');
      return;
    }
    case 'sarif': {
      const location = artifactLocation(name, ctx.cwd);
      findings.forEach((f, i) => {
        const place = placeOf(f);
        const result: Record<string, unknown> = {
          ruleId: f.rule,
          ...(SARIF_RULE_INDEX.has(f.rule) ? { ruleIndex: SARIF_RULE_INDEX.get(f.rule) } : {}),
          level: sarifLevel(f.severity),
          message: { text: message(f, place) },
          locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range) } }],
          // The region is in the extracted text; the page or heading says where that is in the published file.
          ...(place && Object.keys(place).length > 0 ? { properties: place } : {}),
        };
        if (f.fix) {
          result.fixes = [
            {
              description: { text: f.fix.title[lang] },
              artifactChanges: [
                {
                  artifactLocation: location,
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ];
        }
        w.write(`${i === 0 ? '' : ',\n'}        ${JSON.stringify(result)}`);
      });
      return;
    }
  }
}

function jsonPosition(p: Range['start']): string {
  return `{"line":${p.line},"character":${p.character}}`;
}

/**
 * A finding as JSON.stringify writes `{ rule, severity, message, range }`, with only its strings
 * passed through JSON.stringify: a million findings take a fraction of the time.
 */
function jsonDiagnostic(f: Finding, lang: Lang): string {
  const { start, end } = f.range;
  return `{"rule":${JSON.stringify(f.rule)},"severity":${JSON.stringify(f.severity)},"message":${JSON.stringify(f.message[lang])},"range":{"start":${jsonPosition(start)},"end":${jsonPosition(end)}}}`;
}

/** Whether the body of a file with these findings is empty (then no separator goes before it). */
export function bodyIsEmpty(findingCount: number, format: Format): boolean {
  return findingCount === 0 && format !== 'json' && format !== 'junit';
}

const RESULTS_PLACEHOLDER = '\u0000results\u0000';

/** The SARIF log around its results: the text before the first result and after the last. */
function sarifFrame(ctx: FormatContext, version: string): [string, string] {
  const rules = SARIF_RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description[ctx.lang] },
    helpUri: helpUri(r.id, r.page),
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'referat-lint', version, semanticVersion: version, informationUri: REPOSITORY_URL, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(ctx.cwd + path.sep).href } },
        results: [RESULTS_PLACEHOLDER],
      },
    ],
  };
  const [before, after] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS_PLACEHOLDER));
  return [before.trimEnd() + '\n', after + '\n'];
}

/** The output before the first file. */
export function header(ctx: FormatContext, version: string): string {
  if (ctx.format === 'json' || ctx.format === 'gitlab') return '[\n';
  if (ctx.format === 'junit') return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="referat-lint ${xmlText(version)}">\n`;
  return ctx.format === 'sarif' ? sarifFrame(ctx, version)[0] : '';
}

/** The separator between two non-empty file bodies. */
export function separator(format: Format): string {
  if (format === 'junit') return '\n';
  return format === 'json' || format === 'sarif' || format === 'gitlab' ? ',\n' : '';
}

/** The output after the last file (the summary line in text and github). */
export function footer(ctx: FormatContext, version: string, wroteAny: boolean, summary: string): string {
  if (ctx.format === 'json' || ctx.format === 'gitlab') return wroteAny ? '\n]\n' : ']\n';
  if (ctx.format === 'junit') return wroteAny ? '\n</testsuites>\n' : '</testsuites>\n';
  return ctx.format === 'sarif' ? sarifFrame(ctx, version)[1] : summary;
}

export interface Totals {
  counts: Counts;
  fixable: number;
  files: number;
  fixed: number;
  fixedFiles: number;
}

/** A count with its noun: `1 advarsel`, `2 advarsler`. */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const WORDS: Record<Lang, Record<'problem' | 'error' | 'warning' | 'info' | 'file', [string, string]>> = {
  da: {
    problem: ['fund', 'fund'],
    error: ['fejl', 'fejl'],
    warning: ['advarsel', 'advarsler'],
    info: ['information', 'informationer'],
    file: ['fil', 'filer'],
  },
  en: {
    problem: ['problem', 'problems'],
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    info: ['info', 'infos'],
    file: ['file', 'files'],
  },
};

function counted(n: number, word: keyof (typeof WORDS)['en'], lang: Lang): string {
  return count(n, ...WORDS[lang][word]);
}

/** How many findings --fix fixed (or --fix-dry-run would fix) in how many files. */
export function fixLine(t: Totals, lang: Lang, dryRun: boolean): string {
  const files = counted(t.fixedFiles, 'file', lang);
  if (lang === 'da') return `${dryRun ? 'Ville rette' : 'Rettede'} ${counted(t.fixed, 'problem', lang)} i ${files}.`;
  return `${dryRun ? 'Would fix' : 'Fixed'} ${counted(t.fixed, 'problem', lang)} in ${files}.`;
}

/** The summary line of the text format: counts, and how many a --fix would fix. */
export function summaryLine(t: Totals, lang: Lang): string {
  const { counts } = t;
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const infos = counts.information + counts.hint;
  const fixable = t.fixable > 0 ? (lang === 'da' ? ` ${t.fixable} kan rettes med --fix.` : ` ${t.fixable} fixable with --fix.`) : '';
  const c = (n: number, word: keyof (typeof WORDS)['en']): string => counted(n, word, lang);
  return lang === 'da'
    ? `${c(total, 'problem')} (${c(counts.error, 'error')}, ${c(counts.warning, 'warning')}, ${c(infos, 'info')}) i ${c(t.files, 'file')}.${fixable}\n`
    : `${c(total, 'problem')} (${c(counts.error, 'error')}, ${c(counts.warning, 'warning')}, ${c(infos, 'info')}) in ${c(t.files, 'file')}.${fixable}\n`;
}

/** How many annotations of each kind GitHub shows per step; the rest are only in the step's log. */
export const GITHUB_ANNOTATIONS_SHOWN = 10;

/**
 * The last line of the github format: the summary as a notice annotation, saying which kinds had more
 * annotations than GitHub shows (the summary is itself a notice).
 */
function githubSummary(t: Totals, lang: Lang): string {
  const { counts } = t;
  const kinds: Array<[number, keyof (typeof WORDS)['en']]> = [
    [counts.error, 'error'],
    [counts.warning, 'warning'],
    [counts.information + counts.hint + 1, 'info'],
  ];
  const over = kinds
    .filter(([n]) => n > GITHUB_ANNOTATIONS_SHOWN)
    .map(([n, word]) => `${GITHUB_ANNOTATIONS_SHOWN} ${lang === 'da' ? 'af de' : 'of the'} ${n} ${WORDS[lang][word][1]}`);
  const shown =
    over.length === 0
      ? ''
      : lang === 'da'
        ? ` GitHub viser ${GITHUB_ANNOTATIONS_SHOWN} anmærkninger af hver slags pr. trin: ${over.join(', ')} er vist; alle fund står i trinnets log.`
        : ` GitHub shows ${GITHUB_ANNOTATIONS_SHOWN} annotations of each kind per step: ${over.join(', ')} are annotated; every finding is in this step's log.`;
  return `::notice title=referat-lint::${githubData(summaryLine(t, lang).trimEnd() + shown)}\n`;
}

/** The summary after the last file: the text line, or in the github format a notice annotation. */
export function summaryFor(t: Totals, ctx: FormatContext): string {
  return ctx.format === 'github' ? githubSummary(t, ctx.lang) : summaryLine(t, ctx.lang);
}

/** Why the warnings alone fail a run: more than --max-warnings allows (0 when it is not given). */
export function tooManyWarnings(warnings: number, max: number | undefined, lang: Lang): string {
  const limit = `--max-warnings ${max ?? 0}`;
  return lang === 'da'
    ? `${counted(warnings, 'warning', lang)}, flere end ${limit} tillader${max === undefined ? ' (standard)' : ''}.`
    : `${counted(warnings, 'warning', lang)}, more than ${limit} allows${max === undefined ? ' (the default)' : ''}.`;
}
