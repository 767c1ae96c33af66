import { z } from 'zod';
import { pageQuery } from '../../../platform/pagination.ts';
import { FINDING_ACTIONS } from '../commands/finding-actions.ts';
import { FINDING_STATUSES } from '../tables.ts';
import { findingFilter } from './finding-filter.ts';

export const idParam = z.strictObject({ id: z.uuid() });
export const hostParam = z.strictObject({ id: z.string().min(1).max(255) });
export const pageOnly = z.strictObject(pageQuery);
export const findingsQuery = findingFilter.extend(pageQuery);
export const assetsQuery = z.strictObject({ ...pageQuery, assigned: z.enum(['true', 'false']).optional() });

const actionFields = {
  action: z.enum(FINDING_ACTIONS),
  reason: z.string().trim().max(2000).optional(),
  expiresAt: z.coerce.date().optional(),
};

export const actionBody = z.strictObject({ ...actionFields, expectedStatus: z.enum(FINDING_STATUSES).optional() });

export const BULK_MAX = 1000;
export const bulkBody = z
  .strictObject({
    ...actionFields,
    ids: z.array(z.uuid()).min(1).max(BULK_MAX).optional(),
    filter: findingFilter.optional(),
  })
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'give ids or a filter' });

export const assignBody = z.strictObject({ systemId: z.uuid(), addAsComponent: z.boolean().optional() });
