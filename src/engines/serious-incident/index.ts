export * from './assess.ts';
export * from './messages.ts';
export * from './schema.ts';
