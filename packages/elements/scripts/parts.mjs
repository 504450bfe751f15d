// Which files each part of billpay.js needs, read from the build's module graph
// (dist/billpay.meta.json, in esbuild's metafile shape): for every module the loader or an element
// imports on demand (an entry of its own), that part's file and every file it imports statically,
// in the order a browser should fetch them. Used by the build (the loader's modulepreload list)
// and by the size benchmark (the critical-path sets).

/** `{ 'src/bill-pay/define.ts': ['define-AB12.js', 'chunk-CD34.js', ...], ... }`, names relative to dist/billpay/. */
export function partsOf(metafile) {
  const parts = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js') || !output.entryPoint || file === 'dist/billpay.js') continue;
    parts[output.entryPoint] = staticClosure(metafile, file).map((path) => path.replace(/^dist\/billpay\//, ''));
  }
  return parts;
}

/** `file` and every file it imports statically, directly or not (each once, `file` first). */
export function staticClosure(metafile, file) {
  const seen = [];
  const visit = (path) => {
    if (seen.includes(path)) return;
    seen.push(path);
    for (const imported of metafile.outputs[path].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(file);
  return seen;
}

/** A book's words in one language besides English, e.g. `src/i18n/pay-es.ts`: [module, book, language]. */
const BOOK_LANGUAGE = /^src\/i18n\/(.+)-(es)\.ts$/;

/**
 * `{ 'src/pay-form/define.ts': ['pay'], 'src/plan-builder/define.ts': ['plans', 'pay'], ... }`:
 * the books of words each part fetches when it speaks a language besides English (the modules
 * `src/i18n/<book>-<language>.ts` its files import on demand), so the loader can ask for them with
 * the part on a page in that language. The main dictionary (`src/i18n/<language>.ts`) is every
 * part's, so it is not listed.
 */
export function booksOf(metafile) {
  const books = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js') || !output.entryPoint || file === 'dist/billpay.js') continue;
    const names = new Set();
    for (const path of staticClosure(metafile, file)) {
      for (const imported of metafile.outputs[path].imports) {
        const module = imported.kind === 'dynamic-import' ? metafile.outputs[imported.path]?.entryPoint : undefined;
        const book = module && BOOK_LANGUAGE.exec(module)?.[1];
        if (book) names.add(book);
      }
    }
    if (names.size > 0) books[output.entryPoint] = [...names];
  }
  return books;
}
