import { z } from 'zod';
import { isRsitPair, RSIT_CLASSES, RSIT_VERSION } from '../../../engines/rsit/index.ts';

/** Stable code: lowercase ASCII words joined by hyphens. Never reuse a code for a different type. */
export const INCIDENT_TYPE_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const text = (max: number) => z.string().trim().min(1).max(max);

const rsitPair = z
  .strictObject({ class: z.enum(RSIT_CLASSES), type: z.string() })
  .refine((p) => isRsitPair(p.class, p.type), {
    message: 'not a class/type pair of the RSIT',
    path: ['type'],
  });

export const incidentTypeSchema = z.strictObject({
  code: z.string().max(40).regex(INCIDENT_TYPE_CODE),
  nameVi: text(200),
  nameEn: text(200),
  descriptionVi: text(2000),
  descriptionEn: text(2000),
  rsit: rsitPair,
});

export const incidentTypesFileSchema = z
  .strictObject({
    label: text(300),
    rsitVersion: z.literal(RSIT_VERSION),
    types: z.array(incidentTypeSchema).min(1).max(500),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.types.forEach((t, i) => {
      if (seen.has(t.code))
        ctx.addIssue({ code: 'custom', path: ['types', i, 'code'], message: `duplicate code ${t.code}` });
      seen.add(t.code);
    });
  });

export type IncidentType = z.infer<typeof incidentTypeSchema>;
export type IncidentTypesFile = z.infer<typeof incidentTypesFileSchema>;
