import { z } from 'zod';
import { RSIT_CLASSES } from '../../../engines/rsit/index.ts';
import { INCIDENT_TYPE_CODE } from './schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const rsit = z.strictObject({ class: z.enum(RSIT_CLASSES), type: z.string().min(1).max(100) });

export const typeCodeParams = z.strictObject({ code: z.string().min(1).max(40) });

export const incidentTypeCreateBody = z.strictObject({
  code: z.string().max(40).regex(INCIDENT_TYPE_CODE),
  nameVi: text(200),
  nameEn: text(200),
  descriptionVi: z.string().trim().max(2000).optional(),
  descriptionEn: z.string().trim().max(2000).optional(),
  rsit,
  active: z.boolean().optional(),
});
export type IncidentTypeCreate = z.infer<typeof incidentTypeCreateBody>;

export const incidentTypeUpdateBody = incidentTypeCreateBody.omit({ code: true }).partial();
export type IncidentTypeUpdate = z.infer<typeof incidentTypeUpdateBody>;

export const incidentTypeView = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string(),
  descriptionEn: z.string(),
  rsit: z.object({ class: z.string(), type: z.string() }),
  active: z.boolean(),
  position: z.number(),
});
export const incidentTypeList = z.object({ items: z.array(incidentTypeView) });
