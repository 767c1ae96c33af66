// The systems commands, for routes and the bulk import: each runs inside the caller's CommandScope,
// so an import can run many in one transaction (runCommand(db, ctx, (scope) => …)).

export { type ComponentDraft, type ComponentValues, normaliseComponent } from '../normalise-component.ts';
export type { ComponentInput, ComponentUpdateInput, SystemCreateInput, SystemUpdateInput } from '../schemas.ts';
export { findSystemByCode } from './load-system.ts';
export { moveSystemsToSuccessor } from './move-systems.ts';
export { addComponent, removeComponent, updateComponent } from './save-component.ts';
export { createSystem, retireSystem, updateSystem } from './save-system.ts';
