import { PracticeSettingsSchema, type PracticeSettings } from '@billpay/sdk/admin-desk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log.js';
import type { PracticeConfig } from './practices.js';
import { layerSettings } from './settings.js';

/** How long an instance trusts the settings it holds before asking the database for their versions. */
export const SETTINGS_TTL_MS = 1_000;

/** A practice's saved settings row, as the store reads it. */
export interface SettingsRow {
  readonly version: number;
  readonly settings: PracticeSettings;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

export interface LivePracticesOptions {
  readonly logger?: Logger | undefined;
  /** Default `SETTINGS_TTL_MS`. */
  readonly ttlMs?: number | undefined;
}

/**
 * The practices as every part of an instance reads them (one `Map`, shared by the routes, the
 * jobs and the sandbox), kept as each practice's file with its saved settings laid over it. A
 * save made on any instance sharing the database reaches this one within `ttlMs` of its commit
 * (plus one small query): `refresh` asks for every practice's settings version at most once per
 * `ttlMs` (the app calls it before each request, the server on a timer for its jobs) and reads the
 * settings of those whose version moved. The instance that saves applies its save at once.
 */
export class LivePractices {
  /** What each practice's file says (start-up), never changed. */
  private readonly files: ReadonlyMap<string, PracticeConfig>;
  private readonly rows = new Map<string, SettingsRow>();
  private checkedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private readonly ttlMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    /** The shared map: its entries are replaced in place. */
    readonly practices: Map<string, PracticeConfig>,
    private readonly options: LivePracticesOptions = {},
  ) {
    this.files = new Map(practices);
    this.ttlMs = options.ttlMs ?? SETTINGS_TTL_MS;
  }

  /** The practice as its file says (what the console's settings are laid over). */
  file(practiceId: string): PracticeConfig | undefined {
    return this.files.get(practiceId);
  }

  /** The saved settings of a practice this instance holds (none while the file's are in force). */
  saved(practiceId: string): SettingsRow | undefined {
    return this.rows.get(practiceId);
  }

  /**
   * Reads the versions when the last look is older than `ttlMs` (or `force`), then the settings
   * whose version moved. One look at a time; a failed look is logged and the practices stay as
   * they were (the next request looks again).
   */
  refresh({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!force && performance.now() - this.checkedAt < this.ttlMs) return Promise.resolve();
    this.checkedAt = performance.now();
    this.inFlight = this.look()
      .catch((error: unknown) => {
        this.options.logger?.error({ event: 'practice_settings_refresh_failed', error: (error as Error).name });
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async look(): Promise<void> {
    const versions = await this.db.selectFrom('practice_settings').select(['practice_id', 'version']).execute();
    const moved = versions.filter((row) => this.files.has(row.practice_id) && this.rows.get(row.practice_id)?.version !== row.version).map((row) => row.practice_id);
    if (moved.length) {
      const rows = await this.db.selectFrom('practice_settings').selectAll().where('practice_id', 'in', moved).execute();
      for (const row of rows) {
        this.apply(row.practice_id, { version: row.version, settings: row.settings as PracticeSettings, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by });
      }
    }
  }

  /**
   * Lays a saved row over the practice's file. Settings the file's schema no longer accepts (the
   * file changed under them) are logged and left out: the file's own values stay in force.
   */
  apply(practiceId: string, row: SettingsRow): void {
    const file = this.files.get(practiceId);
    if (!file) return;
    const current = this.rows.get(practiceId);
    if (current && current.version >= row.version) return;
    this.rows.set(practiceId, row);
    const settings = PracticeSettingsSchema.safeParse(row.settings);
    const layered = settings.success ? layerSettings(file, settings.data) : undefined;
    if (!layered?.ok) {
      this.options.logger?.error({ event: 'practice_settings_invalid', practiceId, version: row.version });
      this.practices.set(practiceId, file);
      return;
    }
    this.practices.set(practiceId, layered.practice);
  }
}
