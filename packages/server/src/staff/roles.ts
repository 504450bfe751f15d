import { API_KEY_SCOPES, type ApiKeyScope } from '../db/practice-api-migration.js';
import { STAFF_ROLES, type StaffRole } from '../db/staff-migration.js';

export { STAFF_ROLES, type StaffRole };

/**
 * What each role may do through the practice API (`/admin/v1`), as the API key scopes it holds:
 * an admin everything; billing reads, refunds and imports (not webhooks, which are the
 * integration's); read-only reads.
 */
const SCOPES: Readonly<Record<StaffRole, readonly ApiKeyScope[]>> = {
  admin: API_KEY_SCOPES,
  billing: ['read', 'refunds', 'import'],
  'read-only': ['read'],
};

export function scopesOf(role: StaffRole): readonly ApiKeyScope[] {
  return SCOPES[role];
}

/** Staff and API keys are managed by admins only. */
export function managesStaff(role: StaffRole): boolean {
  return role === 'admin';
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
