import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runPracticeCommand, type Write } from '../compose.js';
import { DEFAULT_CONSOLE_ORIGIN } from '../http/app.js';
import { staffSettings } from './settings.js';
import { SSO_CALLBACK_PATH } from './sso.js';
import { disableSso, findSso, plainHttpIssuer, setSso, SsoConfigError, ssoView, type SsoSettings, type SsoView } from './sso-config.js';

export const SSO_USAGE = `  billpay staff sso set --practice <id> --issuer <url> --client-id <id>
      (--client-secret-file <path> | --client-secret-env <VARIABLE>) [--email-domain <domain>]...
  billpay staff sso show --practice <id> [--json]
  billpay staff sso disable --practice <id>`;

const SECRET_FILE_MAX = 4_096;

/**
 * `billpay staff sso ...`: a practice's single sign-on through its OpenID Connect provider. `set`
 * names the provider (its issuer) and the console's client there, and turns single sign-on on;
 * the client secret is read from a file or an environment variable, never the command line (shell
 * history, process lists), and kept sealed. `show` prints the settings (never the secret) and the
 * redirect URI to register with the provider; `disable` turns it off. Exit code 0; 2 for a mistake
 * in the command; 1 for a practice without single sign-on.
 */
export function ssoCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write, writeError: Write): Promise<number> {
  return runPracticeCommand(
    {
      name: 'staff sso',
      usage: `Usage:\n${SSO_USAGE}`,
      parse: async (words) => ({ ...(await parseSsoArgs(words, env)), origin: staffSettings(env.BILLPAY_CONSOLE_ORIGIN || DEFAULT_CONSOLE_ORIGIN, false).rp.origin }),
      practiceOf: (parsed) => parsed.practice,
      async run(parsed, core) {
        const { db } = core.database;
        const { command, practice, origin } = parsed;
        const redirectUri = `${origin}${SSO_CALLBACK_PATH}`;
        const now = new Date();
        if (command === 'set') {
          try {
            const view = await setSso(db, core.secret, { practiceId: practice, ...parsed.settings }, now);
            write(`Single sign-on of ${practice} is on, through ${view.issuer}.`);
            if (plainHttpIssuer(view.issuer)) write('That issuer is plain http on this machine: the server uses it in development mode only.');
            write(describe(view, redirectUri));
            return 0;
          } catch (error) {
            if (!(error instanceof SsoConfigError)) throw error;
            writeError(error.message);
            return 2;
          }
        }
        if (command === 'disable') {
          const view = await disableSso(db, practice, now);
          if (!view) {
            writeError(`${practice} has no single sign-on.`);
            return 1;
          }
          write(`Single sign-on of ${practice} is off; staff sign in with their passkey or password. \`sso set\` turns it on again.`);
          return 0;
        }
        const row = await findSso(db, practice);
        if (!row) {
          writeError(`${practice} has no single sign-on. Set it with: billpay staff sso set --practice ${practice} ...`);
          return 1;
        }
        const view = ssoView(row);
        write(parsed.json ? JSON.stringify({ ...view, redirectUri }) : describe(view, redirectUri));
        return 0;
      },
    },
    args,
    env,
    writeError,
  );
}

function describe(view: SsoView, redirectUri: string): string {
  return [
    `  practice       ${view.practiceId}`,
    `  state          ${view.enabled ? 'on' : 'off'} (since ${view.updatedAt})`,
    `  issuer         ${view.issuer}`,
    `  client id      ${view.clientId}`,
    `  client secret  (kept sealed; not shown)`,
    `  email domains  ${view.emailDomains.length ? view.emailDomains.join(', ') : 'any'}`,
    `  redirect URI   ${redirectUri}  (register this with the provider)`,
  ].join('\n');
}

type SsoArgs =
  | { readonly command: 'show' | 'disable'; readonly practice: string; readonly json: boolean }
  | { readonly command: 'set'; readonly practice: string; readonly json: boolean; readonly settings: Omit<SsoSettings, 'practiceId'> };

async function parseSsoArgs(args: readonly string[], env: NodeJS.ProcessEnv): Promise<SsoArgs> {
  if (args.some((arg) => arg === '--client-secret' || arg.startsWith('--client-secret='))) {
    throw new Error('Never give the client secret on the command line (it stays in shell history and process lists): use --client-secret-file or --client-secret-env.');
  }
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      practice: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-file': { type: 'string' },
      'client-secret-env': { type: 'string' },
      'email-domain': { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  if (command !== 'set' && command !== 'show' && command !== 'disable') throw new Error(`Unknown staff sso command "${command ?? ''}".`);
  if (rest.length) throw new Error('Too many arguments.');
  if (!values.practice) throw new Error('Name the practice: --practice <id>.');
  const practice = values.practice;
  if (command !== 'set') return { command, practice, json: values.json ?? false };
  const { issuer, 'client-id': clientId } = values;
  if (!issuer) throw new Error('Name the identity provider: --issuer <url>, e.g. https://login.example.com.');
  if (!clientId) throw new Error('Name the console’s client at the provider: --client-id <id>.');
  const file = values['client-secret-file'];
  const variable = values['client-secret-env'];
  if ((file === undefined) === (variable === undefined)) throw new Error('Give the client secret in one way: --client-secret-file <path> or --client-secret-env <VARIABLE>.');
  let clientSecret: string;
  if (file !== undefined) {
    const content = await readFile(file, 'utf8').catch((error: unknown) => {
      const { code, message } = error as NodeJS.ErrnoException;
      throw new Error(`Cannot read the client secret file ${file} (${code ?? message}).`);
    });
    if (content.length > SECRET_FILE_MAX) throw new Error(`${file} is too long for a client secret.`);
    clientSecret = content.replace(/\r?\n$/, '');
  } else {
    const value = env[variable!];
    if (!value) throw new Error(`The environment variable ${variable} is not set.`);
    clientSecret = value;
  }
  return {
    command,
    practice,
    json: false,
    settings: { issuer, clientId, clientSecret, emailDomains: values['email-domain'] ?? [] },
  };
}
