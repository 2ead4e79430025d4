import * as vscode from 'vscode';

/** The language status item of a referat: how many findings the open document has. */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('referat.findings', { language: 'referat' });
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = vscode.l10n.t('Referat findings');
    this.item.command = { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show problems') };
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    ];
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'referat') return;
    const findings = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'referat');
    const problems = findings.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).length;
    if (findings.length === 0) {
      this.item.text = `$(check) ${vscode.l10n.t('No findings')}`;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
    } else {
      this.item.text = `$(warning) ${findings.length === 1 ? vscode.l10n.t('1 finding') : vscode.l10n.t('{0} findings', findings.length)}`;
      this.item.severity = problems > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    }
    this.item.detail = vscode.l10n.t('in this referat');
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
