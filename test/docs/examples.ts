/**
 * The guides' examples, read from their Markdown as the docs build reads it (marked's lexer), and
 * the ways to run them: a TypeScript or JavaScript program in Node, a curl command as the same
 * request through fetch, a `pnpm` command checked against the repository's scripts. Any other
 * kind of example fails the test that meets it, so nothing in a guide goes unrun.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';

export const ROOT = join(import.meta.dirname, '../..');

export interface Example {
  /** `guide#n`: the guide's file name and the example's place in it, from 1. */
  readonly id: string;
  readonly language: string;
  /** What the info string says after the language, e.g. `{ file: 'index.html' }`. */
  readonly options: Readonly<Record<string, string>>;
  readonly text: string;
}

/** Every fenced code block of `docs/guides/<guide>.md`, in order. */
export function examplesOf(guide: string): Example[] {
  const markdown = readFileSync(join(ROOT, 'docs/guides', `${guide}.md`), 'utf8');
  const blocks = new Marked().lexer(markdown).filter((token): token is Tokens.Code => token.type === 'code');
  return blocks.map((block, index) => {
    const [language = '', ...rest] = (block.lang ?? '').split(/\s+/);
    const options = Object.fromEntries(rest.map((option) => option.split('=') as [string, string]));
    return { id: `${guide}#${index + 1}`, language, options, text: block.text };
  });
}

/** Runs a TypeScript or JavaScript example with Node (tsx), from the repository so `@billpay/sdk` resolves; its output. */
export async function runProgram(example: Example, env: Record<string, string>): Promise<string> {
  const dir = join(ROOT, '.test-results/docs-examples');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${example.id.replace('#', '-')}.${example.language === 'ts' ? 'ts' : 'mjs'}`);
  writeFileSync(file, example.text);
  const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill(), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${example.id} exited ${String(code)}:\n${output}`);
  return output;
}

/** A shell line's words, as sh would split them: quotes, and `$NAME` / `${NAME}` from `env` outside single quotes. */
export function shellWords(line: string, env: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === '$' && /[A-Z_{]/.test(line[i + 1] ?? '')) {
      const match = /^\$(?:\{([A-Z_]+)\}|([A-Z_]+))/.exec(line.slice(i))!;
      const name = match[1] ?? match[2]!;
      if (!(name in env)) throw new Error(`${line}: $${name} is not set`);
      word = `${word ?? ''}${env[name] ?? ''}`;
      i += match[0].length - 1;
    } else if (c === '"') {
      quote = quote ? undefined : '"';
      word ??= '';
    } else if (c === "'" && !quote) {
      quote = "'";
      word ??= '';
    } else if (/\s/.test(c) && !quote) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new Error(`${line}: an unclosed quote`);
  if (word !== undefined) words.push(word);
  return words;
}

/** The lines of a shell example, continuations (`\` at a line's end) joined. */
export const shellLines = (text: string): string[] =>
  text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

/** The request a curl command makes (the flags the guides use, no other), made with fetch. */
export async function curl(words: readonly string[]): Promise<{ status: number; text: string }> {
  let method: string | undefined;
  let url: string | undefined;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  const headers = new Headers();
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-s' || word === '--silent') continue;
    if (word === '-X' || word === '--request') method = words[++i];
    else if (word === '-H' || word === '--header') {
      const header = words[++i]!;
      const colon = header.indexOf(':');
      headers.set(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
    } else if (word === '--data-binary') {
      const data = words[++i]!;
      body = data.startsWith('@') ? new Uint8Array(readFileSync(join(ROOT, data.slice(1)))) : data;
    } else if (word === '-d' || word === '--data') body = words[++i];
    else if (word.startsWith('-')) throw new Error(`curl ${word}: not a flag the docs test knows; teach it, or leave it out`);
    else url = word;
  }
  if (!url) throw new Error(`${words.join(' ')}: no URL`);
  const response = await fetch(url, { method: method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  return { status: response.status, text: await response.text() };
}
