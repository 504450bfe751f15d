// Which files each part of billpay.js needs, read from the esbuild metafile: for every module the
// loader or an element imports on demand (an esbuild entry of its own), that part's file and
// every file it imports statically, in the order a browser should fetch them. Used by the build
// (the loader's modulepreload list) and by the size benchmark (the critical-path sets).

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
