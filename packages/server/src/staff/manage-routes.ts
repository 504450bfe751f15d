import type { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiDeps } from '../http/context.js';
import { ApiProblem } from '../http/problem.js';
import { jsonBody } from '../http/request.js';
import { addStaff, disableStaff, enrolmentLink, listStaff, StaffError } from './accounts.js';
import { auditStaff, type StaffEnv } from './access.js';
import { managesStaff } from './roles.js';
import { AddStaffSchema } from './schemas.js';

const adminOnly = createMiddleware<StaffEnv>(async (c, next) => {
  if (!managesStaff(c.var.staffSession.role)) throw new ApiProblem(403, 'insufficient_role', 'Only an admin manages the practice’s staff.');
  await next();
});

/** The practice's staff, for its admins: listed, added (with an enrolment link, shown once) and disabled. */
export function mountStaffManagement(api: Hono<StaffEnv>, deps: ApiDeps): void {
  const db = deps.database.db;
  api.get('/staff', adminOnly, async (c) => c.json({ staff: await listStaff(db, c.var.practice.id) }));
  api.post('/staff', adminOnly, jsonBody(AddStaffSchema), async (c) => {
    const { staffSession: session, practice, now } = c.var;
    const { email, role } = c.req.valid('json');
    try {
      const { staff, token, expiresAt } = await addStaff(db, { practiceId: practice.id, email, role, now });
      await auditStaff(c, deps, { at: now, practiceId: practice.id, staffId: session.staffId, action: 'staff_added', detail: `${staff.id} ${role}` });
      return c.json({ staff, enrolmentLink: enrolmentLink(deps.staff.rp.origin, token), expiresAt: expiresAt.toISOString() }, 201);
    } catch (error) {
      if (!(error instanceof StaffError)) throw error;
      throw new ApiProblem(error.code === 'staff_exists' ? 409 : 400, error.code, error.message);
    }
  });
  api.post('/staff/:id/disable', adminOnly, async (c) => {
    const { staffSession: session, practice, now } = c.var;
    const id = c.req.param('id');
    const disabled = id.length <= 64 ? await disableStaff(db, id, now, practice.id) : undefined;
    if (!disabled) throw new ApiProblem(404, 'staff_not_found', 'There is no such member of staff at this practice.');
    await auditStaff(c, deps, { at: now, practiceId: practice.id, staffId: session.staffId, action: 'staff_disabled', detail: disabled.id });
    return c.json(disabled);
  });
}
