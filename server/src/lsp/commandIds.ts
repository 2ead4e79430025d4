/** The server's command ids: the client calls them, and any LSP editor may. Kept apart so the client can import them alone. */
export const COMMANDS = {
  renumberItems: 'referat.server.renumberItems',
  rebuildToc: 'referat.server.rebuildToc',
  lintWorkspace: 'referat.server.lintWorkspace',
  disableRule: 'referat.server.disableRule',
  openRuleDocs: 'referat.server.openRuleDocs',
  openAsText: 'referat.server.openAsText',
} as const;
