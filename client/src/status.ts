import * as vscode from 'vscode';
import { say } from './i18n';

/** The language status items of a referat: how many findings the open document has, and the way back to plain text. */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('referat.findings', { language: 'referat' });
  private readonly mode = vscode.languages.createLanguageStatusItem('referat.mode', { language: 'referat' });
  /** Documents whose first analysis has arrived: until then the item says "analysing". */
  private readonly analysed = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics((e) => {
        for (const u of e.uris) this.analysed.add(u.toString());
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.analysed.delete(doc.uri.toString())),
    ];
    this.refreshTexts();
  }

  /** The texts in the chosen language; called again when `referat.locale` changes. */
  refreshTexts(): void {
    this.item.name = say('Referat findings');
    this.item.command = { command: 'workbench.actions.view.problems', title: say('Show problems') };
    this.mode.name = say('Referat');
    this.mode.text = say('Referat');
    this.mode.detail = say('read as a referat');
    this.mode.command = { command: 'referat.stopReferat', title: say('Open as plain text') };
    this.update();
  }

  /** What the findings item shows, for the tests as for the status bar. */
  get shown(): { text: string; detail: string | undefined; severity: vscode.LanguageStatusSeverity; busy: boolean } {
    return { text: this.item.text, detail: this.item.detail, severity: this.item.severity, busy: this.item.busy };
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'referat') return;
    this.item.detail = say('in this referat');
    if (!this.analysed.has(doc.uri.toString())) {
      this.item.text = `$(sync~spin) ${say('analysing…')}`;
      this.item.busy = true;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    this.item.busy = false;
    const findings = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'referat');
    const worst = Math.min(...findings.map((d) => d.severity));
    const count = findings.length === 1 ? say('1 finding') : say('{0} findings', findings.length);
    if (findings.length === 0) {
      this.item.text = `$(check) ${say('No findings')}`;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
    } else if (worst === vscode.DiagnosticSeverity.Error) {
      this.item.text = `$(error) ${count}`;
      this.item.severity = vscode.LanguageStatusSeverity.Error;
    } else if (worst === vscode.DiagnosticSeverity.Warning) {
      this.item.text = `$(warning) ${count}`;
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
    } else {
      this.item.text = `$(info) ${count}`;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
    }
  }

  dispose(): void {
    this.item.dispose();
    this.mode.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
