import { eq, sql } from 'drizzle-orm';
import { isRsitPair } from '../../../../engines/rsit/index.ts';
import { AppError } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { incidentTypes } from '../../tables.ts';
import type { IncidentTypeCreate, IncidentTypeUpdate } from '../api-schemas.ts';
import { presentIncidentType } from '../presenter.ts';

function checkRsit(rsit: { class: string; type: string } | undefined): void {
  if (rsit && !isRsitPair(rsit.class, rsit.type))
    throw new AppError(400, 'incident_type_rsit_invalid', { class: rsit.class, type: rsit.type });
}

/** Adds an incident type (audited `incident-type.create`). A code once used — even deactivated — is never reused. */
export async function createIncidentType(scope: CommandScope, input: IncidentTypeCreate) {
  const { tx, ctx, audit } = scope;
  checkRsit(input.rsit);
  const now = ctx.clock.now();
  const [row] = await tx
    .insert(incidentTypes)
    .values({
      code: input.code,
      nameVi: input.nameVi,
      nameEn: input.nameEn,
      descriptionVi: input.descriptionVi ?? '',
      descriptionEn: input.descriptionEn ?? '',
      rsitClass: input.rsit.class,
      rsitType: input.rsit.type,
      active: input.active ?? true,
      position: sql`(SELECT coalesce(max(position), -1) + 1 FROM incident_types)`,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError(409, 'incident_type_code_taken', { code: input.code });
  const view = presentIncidentType(row);
  audit({ action: 'incident-type.create', subjectType: 'incident_type', subjectId: row.code, after: view });
  return view;
}

/** Changes names, descriptions, the RSIT pair or `active` (audited with before/after). */
export async function updateIncidentType(scope: CommandScope, code: string, patch: IncidentTypeUpdate) {
  const { tx, ctx, audit } = scope;
  checkRsit(patch.rsit);
  const [before] = await tx.select().from(incidentTypes).where(eq(incidentTypes.code, code)).for('update');
  if (!before) throw new AppError(404, 'incident_type_not_found', { code });
  const { rsit, ...fields } = patch;
  const [row] = await tx
    .update(incidentTypes)
    .set({
      ...fields,
      ...(rsit ? { rsitClass: rsit.class, rsitType: rsit.type } : {}),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(incidentTypes.code, code))
    .returning();
  if (!row) throw new Error('update returned nothing');
  const view = presentIncidentType(row);
  audit({
    action: 'incident-type.update',
    subjectType: 'incident_type',
    subjectId: code,
    before: presentIncidentType(before),
    after: view,
  });
  return view;
}
