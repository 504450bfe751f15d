// The documentation is served under a strict CSP (no inline script or style), which TypeDoc's site
// breaks twice: an inline script on every page (the colour theme, set before the page shows),
// which moves to a file of its own loaded at the same place; and a <style> element its main.js
// writes the member filters' rules into, which becomes a constructed style sheet (adopted by the
// document, which the CSP allows) with the same `innerHTML` to write to. Either pattern missing
// (a new TypeDoc) fails the build rather than the CSP.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const INLINE = /<script>([^<]*)<\/script>/g;

/** Moves the inline scripts of the TypeDoc site in `dir` to `assets/inline-<n>.js`; throws on any other inline code. */
export function moveInlineScripts(dir) {
  const files = new Map();
  for (const name of readdirSync(dir, { recursive: true }).map(String).filter((file) => file.endsWith('.html'))) {
    const path = join(dir, name);
    const depth = relative(dir, path).split(sep).length - 1;
    const html = readFileSync(path, 'utf8').replace(INLINE, (_all, code) => {
      if (!files.has(code)) files.set(code, `inline-${files.size + 1}.js`);
      return `<script src="${'../'.repeat(depth)}assets/${files.get(code)}"></script>`;
    });
    if (/<script>|<style|\sstyle="|\son[a-z]+="/.test(html)) throw new Error(`${name} still has inline script or style`);
    writeFileSync(path, html);
  }
  for (const [code, file] of files) writeFileSync(join(dir, 'assets', file), `${code}\n`);
  if (files.size === 0) throw new Error('TypeDoc wrote no inline script: check what it does now');
  const main = join(dir, 'assets/main.js');
  const code = readFileSync(main, 'utf8');
  if (code.split(STYLE_ELEMENT).length !== 2) throw new Error('TypeDoc\'s main.js no longer makes its filters\' <style> element as expected: check what it does now');
  writeFileSync(main, code.replace(STYLE_ELEMENT, CONSTRUCTED_SHEET));
}

const STYLE_ELEMENT = 'document.head.appendChild(document.createElement("style"))';
const CONSTRUCTED_SHEET =
  '(()=>{const sheet=new CSSStyleSheet(),element={dataset:{},text:""};document.adoptedStyleSheets=[...document.adoptedStyleSheets,sheet];' +
  'return Object.defineProperty(element,"innerHTML",{get(){return element.text},set(text){element.text=text;sheet.replaceSync(text)}})})()';
