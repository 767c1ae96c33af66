import { describe, expect, it } from 'vitest';
import { imapOptions, splitImapUrl } from './imap-client.ts';

describe('mailbox connection options', () => {
  it('requires STARTTLS for plain imap:// to another host, so the password never crosses the wire in clear', () => {
    expect(imapOptions('imap://intake@mail.example.gov.vn', 'pw')).toMatchObject({
      host: 'mail.example.gov.vn',
      port: 143,
      secure: false,
      doSTARTTLS: true,
    });
  });

  it('uses TLS from the start for imaps:// and lets a loopback server answer in plain text', () => {
    expect(imapOptions('imaps://intake@mail.example.gov.vn', 'pw')).toMatchObject({ port: 993, secure: true });
    expect(imapOptions('imaps://intake@mail.example.gov.vn', 'pw')).not.toHaveProperty('doSTARTTLS');
    expect(imapOptions('imap://intake@127.0.0.1:1143', 'pw')).not.toHaveProperty('doSTARTTLS');
    expect(imapOptions('imap://intake@[::1]:1143', 'pw')).not.toHaveProperty('doSTARTTLS');
  });

  it('refuses other schemes and keeps the password out of the stored URL', () => {
    expect(() => imapOptions('pop3://x@example.org', null)).toThrow();
    expect(splitImapUrl('imap://intake:s%40cret@mail.example.gov.vn:143/INBOX')).toEqual({
      url: 'imap://intake@mail.example.gov.vn:143',
      password: 's@cret',
      folder: 'INBOX',
    });
  });
});
