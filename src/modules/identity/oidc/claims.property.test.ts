import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idpAssertsMfa, USERNAME_PATTERN, usernameFromClaims, verifiedEmail } from './claims.ts';

describe('OIDC claims', () => {
  it('a just-in-time username is always one the users table accepts, or none', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            preferred_username: fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('Đặng Thị Ánh', '..', 'ĐĐ')),
            email: fc.oneof(fc.emailAddress(), fc.string()),
            email_verified: fc.oneof(fc.boolean(), fc.constant('true'), fc.constant(1)),
          },
          { requiredKeys: [] },
        ),
        (claims) => {
          const name = usernameFromClaims(claims);
          if (name !== undefined) expect(name).toMatch(USERNAME_PATTERN);
        },
      ),
    );
  });

  it('folds Vietnamese names to ASCII', () => {
    expect(usernameFromClaims({ preferred_username: 'Đặng.Thị Ánh' })).toBe('dang.thi.anh');
    expect(usernameFromClaims({ email: 'Le.Van.B@So.vn', email_verified: true })).toBe('le.van.b');
    expect(usernameFromClaims({ email: 'le.van.b@so.vn', email_verified: false })).toBeUndefined();
  });

  it('only a verified e-mail counts', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.anything(), (email, verified) => {
        const got = verifiedEmail({ email, email_verified: verified });
        expect(got).toBe(verified === true || verified === 'true' ? email.toLowerCase() : undefined);
      }),
    );
  });

  it('MFA is asserted by "mfa" or a knowledge plus a possession factor, never by one factor alone', () => {
    expect(idpAssertsMfa(['mfa'])).toBe(true);
    expect(idpAssertsMfa(['pwd', 'otp'])).toBe(true);
    expect(idpAssertsMfa(['pwd', 'hwk'])).toBe(true);
    expect(idpAssertsMfa(['otp'])).toBe(false);
    expect(idpAssertsMfa(['pwd'])).toBe(false);
    expect(idpAssertsMfa('mfa')).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('pwd', 'pin', 'kba', 'user', 'geo', 'wia', 'rba')), (amr) => {
        expect(idpAssertsMfa(amr)).toBe(false);
      }),
    );
    fc.assert(
      fc.property(fc.anything(), (amr) => {
        expect(typeof idpAssertsMfa(amr)).toBe('boolean');
      }),
    );
  });
});
