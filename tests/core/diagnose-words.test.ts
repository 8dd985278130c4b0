import { constants, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diagnoseSignature } from '../../src/core/diagnose';
import { diagnosisVerdict } from '../../src/core/diagnose-words';
import { nodeRsaKey } from '../helpers/keys';

// Signatures made by node:crypto, as a bot would make them, with the mistake under test.
const { privateKey, publicPem: publicKeyPem } = nodeRsaKey();
const pss = (saltLength: number) => ({
  key: privateKey,
  padding: constants.RSA_PKCS1_PSS_PADDING,
  saltLength,
});
const signed = (message: string, saltLength = 32) =>
  sign('sha256', Buffer.from(message), pss(saltLength)).toString('base64');
const path = '/trade-api/v2/portfolio/balance';

async function verdictFor(timestamp: string, signature: string, now = Number(timestamp)) {
  const d = await diagnoseSignature({
    publicKeyPem,
    method: 'GET',
    path,
    timestamp,
    signature,
    now,
  });
  return { d, verdict: diagnosisVerdict(d) };
}

describe('diagnosisVerdict', () => {
  const ts = '1703123456789';

  it('says Kalshi would accept a correct signature, with nothing to fix', async () => {
    const { verdict } = await verdictFor(ts, signed(`${ts}GET${path}`));
    expect(verdict).toEqual({
      accepted: true,
      sentence: 'Kalshi would accept this signature.',
      difference: '',
    });
  });

  it('names a wrong salt in words, says what differs when both strings match, and gives three fixes', async () => {
    const { d, verdict } = await verdictFor(ts, signed(`${ts}GET${path}`, 222));
    expect(d.signedMessage).toBe(d.expectedMessage);
    expect(verdict.accepted).toBe(false);
    expect(verdict.sentence).toBe(
      'Kalshi would reject this: the signature uses a 222-byte salt; Kalshi needs 32.',
    );
    expect(verdict.difference).toMatch(/salt length differs \(222 bytes, not 32\)/);
    expect(verdict.fix?.python).toContain('padding.PSS.DIGEST_LENGTH');
    expect(verdict.fix?.node).toContain('RSA_PSS_SALTLEN_DIGEST');
    expect(verdict.fix?.openssl).toContain('rsa_pss_saltlen:32');
  });

  it('names a timestamp in seconds, and says the timestamp itself is what differs', async () => {
    const seconds = '1703123456';
    const { verdict } = await verdictFor(seconds, signed(`${seconds}GET${path}`), 1703123456000);
    expect(verdict.sentence).toBe(
      'Kalshi would reject this: the timestamp is in seconds; Kalshi needs milliseconds.',
    );
    expect(verdict.difference).toMatch(/not 13 of milliseconds/);
    expect(verdict.fix?.python).toBe('ts = str(int(time.time() * 1000))');
  });

  it('names a signed query; the two strings on screen then differ, so no difference line', async () => {
    const { verdict } = await verdictFor(ts, signed(`${ts}GET${path}?limit=5`));
    // The doctor reads the query from the URL given, as the bot sent it.
    expect(verdict.sentence).toMatch(/^Kalshi would reject this: /);
  });

  it('says the key differs when another key made the signature', async () => {
    const other = nodeRsaKey().privateKey;
    const signature = sign('sha256', Buffer.from(`${ts}GET${path}`), {
      key: other,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    }).toString('base64');
    const { verdict } = await verdictFor(ts, signature);
    expect(verdict.sentence).toBe('Kalshi would reject this: this key did not make the signature.');
    expect(verdict.difference).toMatch(/the key differs/);
  });

  it('says the encoding differs for a hex signature', async () => {
    const hex = Buffer.from(signed(`${ts}GET${path}`), 'base64').toString('hex');
    const { verdict } = await verdictFor(ts, hex);
    expect(verdict.sentence).toMatch(/not standard base64/);
    expect(verdict.difference).toMatch(/encoding differs/);
  });
});
