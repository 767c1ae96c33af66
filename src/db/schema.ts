export * from '../modules/audit/tables.ts';
export * from '../modules/constituency/tables.ts';
export * from '../modules/files/tables.ts';
export * from '../modules/identity/tables.ts';
