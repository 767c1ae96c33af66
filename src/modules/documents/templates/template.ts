import type { DocumentModel } from '../../../formats/document/model.ts';
import type { DocumentKind } from '../tables.ts';

/** Who issues: printed in the header, kept in the input so the document can be made again. */
export type IssuerFacts = { name: string; parentName: string | null; place: string | null; code: string };

export type Signer = { authority: string | null; position: string; name: string };

/** What the register decides at issue time; a draft has no number. */
export type IssueFacts = { number: string | null; draftSymbol: string; date: string };

/**
 * A document template: from its input (stored with the issued document) and the issue facts to
 * the one model every format renders. A changed layout or wording gets a new version.
 */
export type DocumentTemplate<I extends { issuer: IssuerFacts; signer: Signer }> = {
  id: string;
  version: number;
  kind: DocumentKind;
  title(input: I): string;
  build(input: I, facts: IssueFacts): DocumentModel;
};
