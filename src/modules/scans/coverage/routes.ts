import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../../platform/pagination.ts';
import type { Platform } from '../../../platform/platform.ts';
import { principalOf } from '../../../server/request-context.ts';
import { COVERAGE_STATUSES } from './due-status.ts';
import { overdueByOrganisation } from './overdue.ts';
import { authorizeCoverage, coverageScope } from './policy.ts';
import { coverageSummary, listCoverage } from './queries.ts';
import { coverageRule } from './settings.ts';

const statusCounts = z.object({
  ok: z.number(),
  'due-soon': z.number(),
  overdue: z.number(),
  'never-scanned': z.number(),
  total: z.number(),
});
const severityCounts = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  total: z.number(),
});
const ruleFields = { at: z.string(), months: z.number(), dueSoonDays: z.number() };

const coverageItem = z.object({
  systemId: z.string(),
  code: z.string(),
  name: z.string(),
  sharedProvincial: z.boolean(),
  owner: z.object({ id: z.string(), name: z.string() }),
  operatorOrgId: z.string(),
  lastScanAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  status: z.enum(COVERAGE_STATUSES),
});

const orgQuery = { organisationId: z.uuid().optional() };

/** Scan coverage (R5, R9) and overdue findings (SLA) — route classes `scans.coverage`. */
export function registerCoverageRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['scans'];
  const config = { routeClass: 'scans.coverage', authorize: authorizeCoverage };

  app.get(
    '/api/scans/coverage',
    {
      config,
      schema: {
        tags,
        summary: 'Scan coverage per information system: last scan, next due, status (paged by system code)',
        querystring: z.strictObject({ ...orgQuery, status: z.enum(COVERAGE_STATUSES).optional(), ...pageQuery }),
        response: {
          200: z.object({ ...ruleFields, items: z.array(coverageItem), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (req) => {
      const scope = coverageScope(principalOf(req), req.query.organisationId);
      return listCoverage(db, scope, await coverageRule(db), platform.clock.now(), req.query);
    },
  );

  app.get(
    '/api/scans/coverage/summary',
    {
      config,
      schema: {
        tags,
        summary: 'Systems per coverage status, for the constituency (in scope) and per owning organisation',
        querystring: z.strictObject(orgQuery),
        response: {
          200: z.object({
            ...ruleFields,
            total: statusCounts,
            organisations: z.array(statusCounts.extend({ organisationId: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const scope = coverageScope(principalOf(req), req.query.organisationId);
      return coverageSummary(db, scope, await coverageRule(db), platform.clock.now(), req.query.organisationId);
    },
  );

  app.get(
    '/api/findings/overdue/summary',
    {
      config,
      schema: {
        tags,
        summary: 'Findings past their SLA deadline, per owning organisation × severity',
        querystring: z.strictObject(orgQuery),
        response: {
          200: z.object({
            at: z.string(),
            total: severityCounts,
            organisations: z.array(severityCounts.extend({ organisationId: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const scope = coverageScope(principalOf(req), req.query.organisationId);
      return overdueByOrganisation(db, scope, platform.clock.now(), req.query.organisationId);
    },
  );
}
