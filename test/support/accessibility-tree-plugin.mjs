// A test-runner command that answers the browser's whole accessibility tree (or one element's),
// as a screen reader is given it: every node, tables, rows and cells included, which the
// built-in a11ySnapshot leaves out as "uninteresting". Chromium only (the runner's one browser).
export function accessibilityTreePlugin() {
  return {
    name: 'accessibility-tree-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'accessibility-tree') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`No accessibility tree from a ${session.browser.type} browser.`);
      const page = session.browser.getPage(session.id);
      const root = payload?.selector ? await page.$(`pierce/${payload.selector}`) : undefined;
      return page.accessibility.snapshot({ interestingOnly: false, ...(root ? { root } : {}) });
    },
  };
}
