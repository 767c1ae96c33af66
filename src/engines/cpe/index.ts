export * from './cpe.ts';
export * from './purl.ts';
