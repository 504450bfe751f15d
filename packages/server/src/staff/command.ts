import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { runPracticeCommand, toStderr, toStdout, type Write } from '../compose.js';
import { recordAudit } from '../security/audit.js';
import { DEFAULT_CONSOLE_ORIGIN } from '../http/app.js';
import { addStaff, disableStaff, enrolmentLink, findStaff, issueEnrolment, listStaff, StaffError, type StaffView } from './accounts.js';
import { isStaffRole, STAFF_ROLES } from './roles.js';
import { staffSettings } from './settings.js';
import { ssoCommand, SSO_USAGE } from './sso-command.js';

export const STAFF_USAGE = `Usage:
  billpay staff add --practice <id> --email <address> --role <role>
  billpay staff list --practice <id> [--json]
  billpay staff link <staff id> [--practice <id>]
  billpay staff disable <staff id> [--practice <id>]
${SSO_USAGE}
Roles: ${STAFF_ROLES.join(', ')}. Links point at BILLPAY_CONSOLE_ORIGIN (default ${DEFAULT_CONSOLE_ORIGIN}).`;

/**
 * `billpay staff ...`: a practice's staff for the console, on the server's own database (the same
 * settings as `start`), through the composition root. `add` prints a one-time enrolment link (72
 * hours); `link` issues a new one (say, after it expired, or to add a passkey on a new device);
 * `disable` ends the member of staff's sessions and links; `sso` sets the practice's single
 * sign-on (sso-command.ts). Exit code 0; 2 for a mistake in the
 * command; 1 for staff that is not there, or already there.
 */
export function staffCommand(args: readonly string[], env: NodeJS.ProcessEnv, write: Write = toStdout, writeError: Write = toStderr): Promise<number> {
  if (args[0] === 'sso') return ssoCommand(args.slice(1), env, write, writeError);
  return runPracticeCommand(
    {
      name: 'staff',
      usage: STAFF_USAGE,
      parse: (words) => ({ ...parseStaffArgs(words), origin: staffSettings(env.BILLPAY_CONSOLE_ORIGIN || DEFAULT_CONSOLE_ORIGIN, false).rp.origin }),
      practiceOf: (parsed) => parsed.practice,
      async run({ command, practice, values, origin }, core) {
        const { db } = core.database;
        const now = new Date();
        // In the audit trail as the server's operator did it: no staff session, no address.
        const audit = (practiceId: string, action: 'staff_added' | 'staff_disabled', detail: string) =>
          recordAudit(db, { at: now, practiceId, action, requestId: `cli:${randomUUID()}`, detail: `billpay staff ${detail}` });
        const printLink = (token: string, expiresAt: Date) => {
          write(`Send this enrolment link to them; it works once, until ${expiresAt.toISOString()}, and is not shown again:`);
          write('');
          write(`  ${enrolmentLink(origin, token)}`);
        };
        if (command === 'add') {
          try {
            const { staff, token, expiresAt } = await addStaff(db, { practiceId: practice!, email: values.email!, role: values.role!, now });
            await audit(staff.practiceId, 'staff_added', `add ${staff.id} ${staff.role}`);
            write(`Added ${staff.id} ${staff.email} to ${staff.practiceId} as ${staff.role}.`);
            printLink(token, expiresAt);
            return 0;
          } catch (error) {
            if (!(error instanceof StaffError)) throw error;
            writeError(error.message);
            return error.code === 'invalid_email' ? 2 : 1;
          }
        }
        if (command === 'list') {
          const staff = await listStaff(db, practice!);
          if (values.json) write(JSON.stringify(staff));
          else if (staff.length === 0) write(`${practice} has no staff.`);
          else for (const member of staff) write(describe(member));
          return 0;
        }
        const found = await findStaff(db, values.id!, practice);
        if (!found) {
          writeError(`There is no staff ${values.id}${practice ? ` of ${practice}` : ''}.`);
          return 1;
        }
        if (command === 'link') {
          if (found.disabled_at !== null) {
            writeError(`${found.id} is disabled.`);
            return 1;
          }
          const { token, expiresAt } = await issueEnrolment(db, found.id, now);
          printLink(token, expiresAt);
          return 0;
        }
        const disabled = await disableStaff(db, found.id, now);
        await audit(disabled!.practiceId, 'staff_disabled', `disable ${disabled!.id}`);
        write(`Disabled ${disabled!.id} ${disabled!.email} of ${disabled!.practiceId} (${disabled!.disabledAt}); their sessions and links have ended.`);
        return 0;
      },
    },
    args,
    env,
    writeError,
  );
}

function describe(staff: StaffView): string {
  const state = staff.disabledAt ? `disabled ${staff.disabledAt}` : staff.enrolledAt ? `enrolled ${staff.enrolledAt}` : 'not enrolled';
  const factors = [staff.password ? 'password+totp' : '', staff.passkeys ? `${staff.passkeys} passkey${staff.passkeys > 1 ? 's' : ''}` : '', staff.sso ? 'sso' : ''].filter(Boolean).join(', ');
  return [staff.id, staff.email, staff.role, state, factors].join('  ').trimEnd();
}

function parseStaffArgs(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: { practice: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [command, id, ...rest] = positionals;
  if (command !== 'add' && command !== 'list' && command !== 'link' && command !== 'disable') throw new Error(`Unknown staff command "${command ?? ''}".`);
  const byId = command === 'link' || command === 'disable';
  if (rest.length || (!byId && id !== undefined)) throw new Error('Too many arguments.');
  if (!byId && !values.practice) throw new Error('Name the practice: --practice <id>.');
  if (byId && !id) throw new Error(`Name the member of staff by their id (stf_…).`);
  if (command === 'add' && !values.email) throw new Error('Name their email: --email <address>.');
  if (command === 'add' && (values.role === undefined || !isStaffRole(values.role))) throw new Error(`Name their role: --role ${STAFF_ROLES.join('|')}.`);
  return {
    command,
    practice: values.practice,
    values: { email: values.email, role: values.role !== undefined && isStaffRole(values.role) ? values.role : undefined, json: values.json ?? false, id },
  };
}
