import { SaxesParser } from 'saxes';
import { type ScanEvent, type ScanFormat, ScanFormatError } from '../types.ts';
import { decodeXml } from './decode.ts';

/** Characters fed to saxes at a time, so one call never queues an unbounded number of events. */
const SLICE = 64 * 1024;
/** Everything before the root element (declaration, DOCTYPE, comments); saxes buffers a DOCTYPE whole. */
const PROLOG_MAX = 1024 * 1024;
/** saxes buffers a text node until the next "<": refuse a run longer than this instead of growing. */
const TEXT_RUN_MAX = 32 * 1024 * 1024;
const DEPTH_MAX = 256;

export type XmlElement = {
  name: string;
  attrs: Record<string, string>;
  /** the element's own text (text and CDATA children), at most `keep` characters */
  text: string;
  keep: number;
  parent: XmlElement | null;
};

export type Emit = (event: ScanEvent) => void;

export type XmlVisitor = {
  format: ScanFormat;
  roots: readonly string[];
  /** how many characters of this element's own text to keep (0: none) */
  keepText(el: XmlElement): number;
  open?(el: XmlElement, emit: Emit): void;
  close?(el: XmlElement, emit: Emit): void;
  end?(emit: Emit): void;
};

function shortMessage(err: Error): string {
  // saxes prefixes "line:column: "; the position is reported separately.
  return err.message.replace(/^[^:]*:\d+:\d+: /, '').slice(0, 200);
}

/**
 * Streams an XML scan file through saxes and a format visitor, yielding the visitor's events after
 * each slice of text. Entities are never expanded (saxes knows only the five predefined ones) and a
 * DOCTYPE declaring any is refused; the wrong root is "not this format"; an unclosed root at the end
 * is "truncated"; any other well-formedness error is "malformed" with its position.
 */
export async function* streamXml(
  input: AsyncIterable<Uint8Array>,
  visitor: XmlVisitor,
): AsyncGenerator<ScanEvent, void, undefined> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const pending: ScanEvent[] = [];
  const emit: Emit = (event) => {
    pending.push(event);
  };
  let rootSeen = false;
  let rootClosed = false;
  let prolog = 0;
  let textRun = 0;

  const notFormat = () => new ScanFormatError('scan_not_format', { format: visitor.format });
  const malformed = (detail: string) =>
    new ScanFormatError('scan_malformed', { at: `${parser.line}:${parser.column}`, detail });

  parser.on('error', (err) => {
    throw rootSeen ? malformed(shortMessage(err)) : notFormat();
  });
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype)) throw new ScanFormatError('scan_entities_refused');
  });
  parser.on('opentag', (tag) => {
    if (!rootSeen) {
      rootSeen = true;
      if (!visitor.roots.includes(tag.name)) throw notFormat();
    }
    if (stack.length >= DEPTH_MAX) throw malformed('too deeply nested');
    const el: XmlElement = {
      name: tag.name,
      attrs: tag.attributes as Record<string, string>,
      text: '',
      keep: 0,
      parent: stack.at(-1) ?? null,
    };
    el.keep = visitor.keepText(el);
    stack.push(el);
    visitor.open?.(el, emit);
  });
  const onText = (text: string) => {
    const el = stack.at(-1);
    if (!el || el.text.length >= el.keep) return;
    el.text += text.slice(0, el.keep - el.text.length);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (!el) return;
    if (stack.length === 0) rootClosed = true;
    visitor.close?.(el, emit);
  });

  const feed = (text: string) => {
    if (!rootSeen) {
      prolog += text.length;
      if (prolog > PROLOG_MAX) throw notFormat();
    }
    const lastTag = text.lastIndexOf('<');
    textRun = lastTag === -1 ? textRun + text.length : text.length - lastTag - 1;
    if (textRun > TEXT_RUN_MAX) throw malformed('text node too long');
    parser.write(text);
  };

  const chunks = decodeXml(input, () => (rootSeen && !rootClosed ? new ScanFormatError('scan_truncated') : null));
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += SLICE) {
      feed(chunk.slice(i, i + SLICE));
      if (pending.length > 0) yield* pending.splice(0);
    }
  }
  if (!rootSeen) throw notFormat();
  if (!rootClosed) throw new ScanFormatError('scan_truncated');
  parser.close();
  visitor.end?.(emit);
  yield* pending.splice(0);
}
