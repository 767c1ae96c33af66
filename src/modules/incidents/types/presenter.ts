import type { incidentTypes } from '../tables.ts';

export function presentIncidentType(t: typeof incidentTypes.$inferSelect) {
  return {
    code: t.code,
    nameVi: t.nameVi,
    nameEn: t.nameEn,
    descriptionVi: t.descriptionVi,
    descriptionEn: t.descriptionEn,
    rsit: { class: t.rsitClass, type: t.rsitType },
    active: t.active,
    position: t.position,
  };
}
