import { PracticeSettingsUpdateSchema, PracticeSettingsViewSchema, type PracticeSettings, type PracticeSettingsView } from '@billpay/sdk/admin-desk';
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { describeRoute } from 'hono-openapi';
import { staffOnly, type ApiKeyEnv } from '../http/api-key.js';
import { clientAddress, type ApiDeps } from '../http/context.js';
import { json, problem } from '../http/openapi.js';
import { ApiProblem, toApiIssues } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { addressKey } from '../security/secret.js';
import type { LivePractices, SettingsRow } from './live.js';
import type { PracticeConfig } from './practices.js';
import { changedFields, layerSettings, settingsOf } from './settings.js';

const adminOnly = staffOnly(
  createMiddleware<ApiKeyEnv>(async (c, next) => {
    if (c.var.caller.staffRole !== 'admin') {
      throw new ApiProblem(403, 'insufficient_role', 'Only an admin of the practice changes its settings, in the console.');
    }
    await next();
  }),
  ['admin'],
  '`insufficient_role`: a key, or a member of staff who is not an admin',
);

const settingsChanged = (version: number) =>
  new ApiProblem(
    409,
    'settings_changed',
    `Someone saved the practice's settings since you opened them (they are at version ${version}). Your changes were not saved: read the settings again, then make your changes once more.`,
  );

function viewOf(practice: PracticeConfig, saved: SettingsRow | undefined): PracticeSettingsView {
  return {
    version: saved?.version ?? 0,
    settings: settingsOf(practice),
    fixed: { id: practice.id, timeZone: practice.contact.timeZone, allowedOrigins: [...practice.allowedOrigins], ...(practice.logo ? { logo: practice.logo } : {}) },
    updatedAt: saved ? saved.updatedAt.toISOString() : null,
    updatedBy: saved?.updatedBy ?? null,
  };
}

/**
 * `/admin/v1/settings` (issue 14), for a practice's admins signed in to the console (billing and
 * read-only staff, and API keys, 403): `GET` the settings in force with their version; `PUT` the
 * whole settings with the version they were edited from. A save is checked laid over the
 * practice's file, with the file's own schema (400, an issue per field); made only from the
 * version in the database (else 409 `settings_changed`); kept with what changed, before and
 * after, who, from where and when (`practice_settings_changes`, besides the call's row in the
 * audit trail); and in force at once here, and on every other instance within `SETTINGS_TTL_MS`.
 */
export function settingsRoutes(deps: ApiDeps, live: LivePractices): Hono<ApiKeyEnv> {
  const { db } = deps.database;
  const routes = new Hono<ApiKeyEnv>();
  routes.get('/', adminOnly, describeRoute({
    operationId: 'getSettings',
    summary: "The practice's settings in force, with their version (give it back to save), what only its file sets, and who saved them last",
    responses: { '200': { description: 'The settings', content: json(PracticeSettingsViewSchema) } },
  }), (c) => c.json(viewOf(c.var.practice, live.saved(c.var.practice.id))));

  routes.put('/', adminOnly, jsonBody(PracticeSettingsUpdateSchema), describeRoute({
    operationId: 'saveSettings',
    summary: 'Save the whole settings, edited from `version`: in force at once, and kept with what changed, who and when',
    responses: {
      '200': { description: 'The settings now in force (the same version when nothing changed)', content: json(PracticeSettingsViewSchema) },
      '400': problem("`invalid_request`: malformed JSON, or a setting missing or invalid (`issues` name each, under `settings`)"),
      '404': problem('`practice_not_found`: the practice is not served here'),
      '409': problem("`settings_changed`: someone saved the settings since `version`; nothing was saved (read them again)"),
    },
  }), async (c) => {
    const { practice, caller, now } = c.var;
    const { version, settings } = c.req.valid('json');
    const file = live.file(practice.id);
    if (!file) throw new ApiProblem(404, 'practice_not_found', 'This practice is not served here.');
    const layered = layerSettings(file, settings);
    if (!layered.ok) throw new ApiProblem(400, 'invalid_request', 'Some settings are missing or invalid.', toApiIssues(layered.issues, ['settings']));
    const after = settingsOf(layered.practice);
    const row = await db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('practice_settings').selectAll().where('practice_id', '=', practice.id).forUpdate().executeTakeFirst();
      const currentVersion = current?.version ?? 0;
      if (currentVersion !== version) throw settingsChanged(currentVersion);
      const before: PracticeSettings = current ? (current.settings as PracticeSettings) : settingsOf(file);
      const changed = changedFields(before, after);
      if (!changed.length) return undefined;
      const next = currentVersion + 1;
      const values = { settings: JSON.stringify(after), version: next, updated_at: now, updated_by: caller.staffId };
      if (current) {
        await trx.updateTable('practice_settings').set(values).where('practice_id', '=', practice.id).where('version', '=', currentVersion).execute();
      } else {
        const inserted = await trx.insertInto('practice_settings').values({ practice_id: practice.id, ...values }).onConflict((oc) => oc.column('practice_id').doNothing()).returning('version').executeTakeFirst();
        // Another admin's first save got there first (PostgreSQL, between our read and this insert).
        if (!inserted) throw settingsChanged(1);
      }
      await trx
        .insertInto('practice_settings_changes')
        .values({
          id: randomUUID(),
          practice_id: practice.id,
          version: next,
          changed: JSON.stringify(changed),
          before: JSON.stringify(before),
          after: JSON.stringify(after),
          staff_id: caller.staffId!,
          client_hash: addressKey(deps.secret, clientAddress(c, deps.trustProxy)),
          request_id: c.get('requestId'),
          at: now,
        })
        .execute();
      deps.logger.info({ event: 'practice_settings_saved', practice: practice.id, version: next, changed: changed.join(' ') });
      return { version: next, settings: after, updatedAt: now, updatedBy: caller.staffId } satisfies SettingsRow;
    });
    if (row) live.apply(practice.id, row);
    return c.json(viewOf(live.practices.get(practice.id) ?? layered.practice, live.saved(practice.id)));
  });

  return routes;
}
