import { parseArgs } from 'node:util';
import { runPracticeCommand, toStderr, toStdout, type Write } from '../compose.js';
import { createApiKey, listApiKeys, parseScopes, revokeApiKey, type ApiKeyView } from './keys.js';

export const KEYS_USAGE = `Usage:
  billpay keys create --practice <id> --scopes <scope,...> [--name <text>]
  billpay keys list --practice <id> [--json]
  billpay keys revoke <key id> [--practice <id>]
Scopes: import, read, refunds, webhooks.`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * `billpay keys ...`: a practice's API keys, made, listed and revoked on the server's own database
 * (the same settings as `start`: DATABASE_URL or BILLPAY_DATA_DIR, BILLPAY_PRACTICES_DIR,
 * BILLPAY_SECRET), through the composition root. A new key is printed once, and only then.
 * Exit code 0; 2 for a mistake in the command; 1 for a key that is not there.
 */
export function keysCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write = toStdout, writeError: Write = toStderr): Promise<number> {
  return runPracticeCommand(
    {
      name: 'keys',
      usage: KEYS_USAGE,
      parse: parseKeysArgs,
      practiceOf: (parsed) => parsed.practice,
      async run({ command, practice, values }, core) {
        const { db } = core.database;
        if (command === 'create') {
          const { key, secret } = await createApiKey(db, { practiceId: practice!, scopes: values.scopes, name: values.name, now: new Date() });
          write(`Created ${key.id} for ${key.practiceId} (scopes: ${key.scopes.join(', ')}).`);
          write('Copy the key now; it is not shown again, and only its hash is kept:');
          write('');
          write(`  ${secret}`);
          return 0;
        }
        if (command === 'list') {
          const keys = await listApiKeys(db, practice!);
          if (values.json) write(JSON.stringify(keys));
          else if (keys.length === 0) write(`${practice} has no API keys.`);
          else for (const key of keys) write(describe(key));
          return 0;
        }
        const revoked = await revokeApiKey(db, values.id!, new Date(), practice);
        if (!revoked) {
          writeError(`There is no key ${values.id}${practice ? ` of ${practice}` : ''}.`);
          return 1;
        }
        write(`Revoked ${revoked.id} of ${revoked.practiceId} (${revoked.revokedAt}).`);
        return 0;
      },
    },
    args,
    env,
    writeError,
  );
}

function describe(key: ApiKeyView): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt}` : `last used ${key.lastUsedAt ?? 'never'}`;
  return [key.id, `${key.prefix}…`, key.scopes.join(','), `created ${key.createdAt}`, state, key.name ?? ''].join('  ').trimEnd();
}

function parseKeysArgs(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { practice: { type: 'string' }, scopes: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [command, id, ...rest] = positionals;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') throw new UsageError(`Unknown keys command "${command ?? ''}".`);
  if (rest.length || (command !== 'revoke' && id !== undefined)) throw new UsageError('Too many arguments.');
  if (command !== 'revoke' && !values.practice) throw new UsageError('Name the practice: --practice <id>.');
  if (command === 'revoke' && !id) throw new UsageError('Name the key to revoke by its id (key_…).');
  if (command === 'create' && values.scopes === undefined) throw new UsageError('Name the key’s scopes: --scopes import,read.');
  if (values.name !== undefined && (values.name.trim() === '' || values.name.length > 100)) throw new UsageError('--name is 1 to 100 characters.');
  return {
    command,
    practice: values.practice,
    values: { scopes: command === 'create' ? parseScopes(values.scopes!) : [], name: values.name, json: values.json ?? false, id },
  };
}
