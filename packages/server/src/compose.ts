import { join } from 'node:path';
import { defaults } from './config.js';
import { openDatabase, type BillPayDatabase } from './db/database.js';
import { LivePractices } from './practices/live.js';
import { loadPractices, type PracticeConfig } from './practices/practices.js';
import type { ProcessorAdapter } from './processor/port.js';
import { adapterFactories, checkProcessorKinds, composeProcessor, usesSandbox, type AdapterEnvironment, type AdapterFactory } from './processor/registry.js';
import { loadOrCreateSecret, MIN_SECRET_LENGTH } from './security/secret.js';

/** The settings every entry point (the server, `run-due`) reads the same way. */
export interface CoreSettings {
  /** PostgreSQL connection string; PGlite is used when absent. */
  readonly databaseUrl?: string | undefined;
  /** The data folder (the practice's PGlite is in its `practice` folder); `null` keeps the database in memory. */
  readonly dataDir?: string | null | undefined;
  readonly practicesDir?: string | undefined;
  /** Development mode: each practice's `developmentOrigins` are allowed too. */
  readonly development?: boolean | undefined;
  /** Key of the keyed hashes; default env BILLPAY_SECRET, else the one kept in the database. */
  readonly secret?: string | undefined;
  /** Processor adapters besides the built-in ones, by the `kind` a practice's `processor` names. */
  readonly processorAdapters?: Readonly<Record<string, AdapterFactory>> | undefined;
}

/** What the domain runs on, whoever runs it: the practices, the practice's database and the server secret. */
export interface Core {
  readonly practices: ReadonlyMap<string, PracticeConfig>;
  /** The practices' files with the settings admins saved over them: `practices` is its map. */
  readonly settings: LivePractices;
  readonly database: BillPayDatabase;
  readonly secret: string;
  /** The data folder in use (PGlite), or undefined (PostgreSQL, or in memory). */
  readonly dataDir: string | undefined;
  /** Some practice uses the sandbox processor, so the server runs it. */
  readonly usesSandbox: boolean;
  /** The processor port: each practice's own processor, by its configuration. */
  processor(environment: Omit<AdapterEnvironment, 'secret'>): ProcessorAdapter;
}

/**
 * The composition root: settings to practices, database and secret, then the processor port. The
 * server and the commands compose the domain here, so they run it on the same things.
 */
export async function openCore(settings: CoreSettings): Promise<Core> {
  const practices = await loadPractices(settings.practicesDir ?? defaults.practicesDir, { development: settings.development });
  const factories = { ...adapterFactories, ...settings.processorAdapters };
  checkProcessorKinds(practices, factories);
  const dataDir = settings.databaseUrl ? undefined : settings.dataDir === null ? undefined : (settings.dataDir ?? defaults.dataDir);
  // A secret given is checked before anything is opened; one the server makes is long enough.
  const given = settings.secret ?? (process.env.BILLPAY_SECRET || undefined);
  if (given !== undefined && given.length < MIN_SECRET_LENGTH) {
    throw new Error(`BILLPAY_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`);
  }
  // Two stores side by side in the data folder: the practice's and the processor's own.
  const database = await openDatabase({ url: settings.databaseUrl, dataDir: dataDir === undefined ? undefined : join(dataDir, 'practice') });
  const secret = given ?? (await loadOrCreateSecret(database.db));
  // The settings admins saved in the console win over the files, from the start.
  const live = new LivePractices(database.db, practices);
  await live.refresh({ force: true });
  return {
    practices,
    settings: live,
    database,
    secret,
    dataDir,
    usesSandbox: usesSandbox(practices),
    processor: (environment) => composeProcessor(practices, { ...environment, secret }, factories),
  };
}

/**
 * The composition root as a command (`keys`, `staff`, `import`, `statements`) opens it, from the
 * same settings as `start`. PGlite is one process's database: a running server holds it, so
 * without DATABASE_URL the command says to stop the server first.
 */
function openCoreForCommand(command: string, env: NodeJS.ProcessEnv, writeError: (line: string) => void): Promise<Core> {
  if (!env.DATABASE_URL) writeError(`${command}: no DATABASE_URL, so this opens the PGlite data folder; stop the server first.`);
  return openCore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.BILLPAY_DATA_DIR || undefined,
    practicesDir: env.BILLPAY_PRACTICES_DIR || undefined,
    secret: env.BILLPAY_SECRET || undefined,
  });
}

/** Where a command prints a line: standard output for what it did, standard error for what went wrong. */
export type Write = (line: string) => void;
export const toStdout: Write = (line) => process.stdout.write(`${line}\n`);
export const toStderr: Write = (line) => process.stderr.write(`${line}\n`);

/** Something a command was given that is wrong though its words are right (a file that is not there): said without the usage. */
export class CommandInputError extends Error {
  override readonly name = 'CommandInputError';
}

/** A command of a practice's data (`billpay keys`, `staff`, `import`, `statements`). */
export interface PracticeCommand<Parsed> {
  /** Its name after `billpay`. */
  readonly name: string;
  readonly usage: string;
  /** Reads its arguments before anything is opened; throws what is wrong with them. */
  parse(args: readonly string[]): Parsed | Promise<Parsed>;
  /** The practice it names, if any: one the server does not have is a mistake in the command. */
  practiceOf(parsed: Parsed): string | undefined;
  /** Does the work on the opened core; its answer is the exit code. */
  run(parsed: Parsed, core: Core, practice: PracticeConfig | undefined): Promise<number>;
}

/**
 * How every practice command starts and ends: its arguments read (a mistake printed with the
 * usage, exit code 2), the composition root opened as `start` opens it, the practice it names
 * checked (exit code 2 when there is none), its work done, the database closed whatever happens.
 */
export async function runPracticeCommand<Parsed>(command: PracticeCommand<Parsed>, args: readonly string[], env: NodeJS.ProcessEnv, writeError: Write): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = await command.parse(args);
  } catch (error) {
    writeError(error instanceof CommandInputError ? error.message : `${(error as Error).message}\n${command.usage}`);
    return 2;
  }
  const core = await openCoreForCommand(command.name, env, writeError);
  try {
    const practiceId = command.practiceOf(parsed);
    const practice = practiceId === undefined ? undefined : core.practices.get(practiceId);
    if (practiceId !== undefined && !practice) {
      writeError(`There is no practice "${practiceId}" (practices: ${[...core.practices.keys()].join(', ')}).`);
      return 2;
    }
    return await command.run(parsed, core, practice);
  } finally {
    await core.database.close();
  }
}
