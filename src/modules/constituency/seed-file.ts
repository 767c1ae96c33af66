import fs from 'node:fs/promises';
import { z } from 'zod';
import { ROLES } from '../identity/tables.ts';
import { networkSeed } from './networks/seed-networks.ts';
import { portalSeed } from './publication/seed-portals.ts';
import { systemSeed } from './systems/seed-systems.ts';
import { ORGANISATION_KINDS } from './tables.ts';

const nullableText = z.string().trim().min(1).nullable().optional();

const contact = z.strictObject({
  personName: z.string().trim().min(1),
  personRole: nullableText,
  phone247: nullableText,
  email: z.email().nullable().optional(),
  otherChannels: nullableText,
});

const organisation = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{0,39}$/),
  name: z.string().trim().min(1),
  nameEn: nullableText,
  shortName: nullableText,
  kind: z.enum(ORGANISATION_KINDS),
  parent: z.string().nullable().optional(),
  locality: nullableText,
  networkMemberCode: nullableText,
  validFrom: z.iso.date().nullable().optional(),
  validTo: z.iso.date().nullable().optional(),
  successor: z.string().nullable().optional(),
  active: z.boolean().default(true),
  requireMfa: z.boolean().optional(),
  contacts: z.array(contact).default([]),
});

const user = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/),
  displayName: z.string().trim().min(1),
  email: z.email().nullable().optional(),
  organisation: z.string(),
  roles: z.array(z.enum(ROLES)).min(1),
  locale: z.enum(['vi', 'en']).default('vi'),
});

export const constituencyFile = z
  .strictObject({
    label: z.string().min(1),
    organisations: z.array(organisation).min(1),
    users: z.array(user).default([]),
    systems: z.array(systemSeed).default([]),
    networks: z.array(networkSeed).default([]),
    portals: z.array(portalSeed).default([]),
  })
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.organisations.forEach((o, i) => {
      if (codes.has(o.code))
        ctx.addIssue({ code: 'custom', path: ['organisations', i, 'code'], message: `duplicate code ${o.code}` });
      codes.add(o.code);
    });
    file.organisations.forEach((o, i) => {
      for (const key of ['parent', 'successor'] as const) {
        const ref = o[key];
        if (ref && !codes.has(ref))
          ctx.addIssue({ code: 'custom', path: ['organisations', i, key], message: `unknown organisation ${ref}` });
      }
    });
    const systemCodes = new Set<string>();
    file.systems.forEach((s, i) => {
      if (systemCodes.has(s.code))
        ctx.addIssue({ code: 'custom', path: ['systems', i, 'code'], message: `duplicate system code ${s.code}` });
      systemCodes.add(s.code);
      for (const key of ['owner', 'operator'] as const) {
        const ref = s[key];
        if (ref && !codes.has(ref))
          ctx.addIssue({ code: 'custom', path: ['systems', i, key], message: `unknown organisation ${ref}` });
      }
    });
    file.networks.forEach((n, i) => {
      if (!codes.has(n.organisation))
        ctx.addIssue({
          code: 'custom',
          path: ['networks', i, 'organisation'],
          message: `unknown organisation ${n.organisation}`,
        });
    });
    file.portals.forEach((p, i) => {
      if (!codes.has(p.organisation))
        ctx.addIssue({
          code: 'custom',
          path: ['portals', i, 'organisation'],
          message: `unknown organisation ${p.organisation}`,
        });
    });
    const names = new Set<string>();
    file.users.forEach((u, i) => {
      if (!codes.has(u.organisation))
        ctx.addIssue({
          code: 'custom',
          path: ['users', i, 'organisation'],
          message: `unknown organisation ${u.organisation}`,
        });
      if (names.has(u.username))
        ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `duplicate username ${u.username}` });
      names.add(u.username);
    });
  });

export type ConstituencyFile = z.infer<typeof constituencyFile>;

/** Reads and validates a constituency data file (the demo, or a real province's own). */
export async function readConstituencyFile(file: string): Promise<ConstituencyFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read constituency file ${file}: ${(err as Error).message}`);
  }
  const parsed = constituencyFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`constituency file ${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
