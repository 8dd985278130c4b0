import { describe, expect, it } from 'vitest';
import { kalshiErrorAdvice } from '../../src/core';

describe("kalshiErrorAdvice: Kalshi's 401s in plain words", () => {
  // The three body shapes of auth.md section 4.
  it.each([
    [
      'nested INCORRECT_API_KEY_SIGNATURE',
      '{"error":{"code":"authentication_error","message":"authentication_error","details":"INCORRECT_API_KEY_SIGNATURE"}}',
      /could not verify the signature/,
    ],
    [
      'flat rpc INCORRECT_API_KEY_SIGNATURE',
      '{"code":"authentication_error","message":"x","details":"rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE"}',
      /could not verify the signature/,
    ],
    [
      'nested NOT_FOUND',
      '{"error":{"code":"authentication_error","message":"authentication_error","details":"NOT_FOUND"}}',
      /does not know this key ID/,
    ],
    [
      'nested header_timestamp_expired',
      '{"error":{"code":"header_timestamp_expired","message":"header timestamp expired"}}',
      /too old.*clock/,
    ],
    ['bare msg', '{"msg":"header_timestamp_expired"}', /too old/],
    ['bare msg, bad signature', '{"msg":"INCORRECT_API_KEY_SIGNATURE"}', /could not verify/],
    [
      'nested, rpc wording',
      '{"error":{"code":"authentication_error","message":"authentication_error","details":"rpc error: code = Unauthenticated desc = INCORRECT_API_KEY_SIGNATURE","service":"auth"}}',
      /could not verify the signature/,
    ],
    [
      'flat, missing headers',
      '{"code":"signature_is_missing_from_headers","message":"signature is missing from headers","details":""}',
      /send all three/,
    ],
    [
      'flat, stale timestamp',
      '{"code":"header_timestamp_expired","message":"expired","details":"x"}',
      /too old/,
    ],
  ])('%s', (_label, body, advice) => {
    expect(kalshiErrorAdvice(401, body)).toMatch(advice);
  });

  it("explains Kalshi's JSON 403 as the key's or account's limits, not the Origin header", () => {
    const body = '{"error":{"code":"forbidden","message":"insufficient API usage level"}}';
    expect(kalshiErrorAdvice(403, body)).toMatch(/scopes, the account's API level/);
    expect(kalshiErrorAdvice(403, body)).not.toMatch(/Origin/);
  });

  it('explains a bare 403 as the Origin header Kalshi refuses', () => {
    expect(kalshiErrorAdvice(403, '<html>Forbidden</html>')).toMatch(/Origin header/);
  });

  it('has nothing to say about a success or an unknown error', () => {
    expect(kalshiErrorAdvice(200, '{"balance":1}')).toBeNull();
    expect(
      kalshiErrorAdvice(400, '{"error":{"code":"bad_request","message":"name is required."}}'),
    ).toBeNull();
    expect(kalshiErrorAdvice(500, 'oops')).toBeNull();
    // A lower-case not_found is an ordinary missing resource, not an unknown key.
    expect(
      kalshiErrorAdvice(404, '{"error":{"code":"not_found","message":"market not found"}}'),
    ).toBeNull();
  });
});
