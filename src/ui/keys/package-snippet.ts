// "Use this key in your bot", the npm package's way: a Node program that signs with the key's
// backup through kalshi-keys (kalshiFetch), beside the programs that sign by hand. Pure strings.
import { BASE_URL_VARIABLE, PASSPHRASE_VARIABLE } from '../../core/bot-snippets';
import { kalshiEnvironment } from '../../core/kalshi';
import type { KeyRecord } from '../../storage/types';

/** A Node program using the kalshi-keys package: GET the balance, print Kalshi's answer. */
export function renderPackageSnippet(input: {
  keyId: string;
  environment: KeyRecord['environment'];
  backupFileName: string;
}): string {
  const id = JSON.stringify(input.keyId.trim() || 'PASTE-YOUR-KALSHI-KEY-ID');
  const environment = kalshiEnvironment(input.environment)?.label ?? input.environment;
  return `// GET /trade-api/v2/portfolio/balance on Kalshi ${environment}, signed with the key's backup file.
// npm install kalshi-keys, then: ${PASSPHRASE_VARIABLE}='your passphrase' node kalshi-balance.mjs
// ${BASE_URL_VARIABLE} overrides the base URL (scheme and host only), e.g. for a test server.
import { readFile } from 'node:fs/promises';
import { KalshiAnswerError, kalshiFetch, loadKey } from 'kalshi-keys';

const privateKey = await loadKey(await readFile(${JSON.stringify(input.backupFileName)}, 'utf8'), {
  passphrase: process.env.${PASSPHRASE_VARIABLE},
});
const kalshi = kalshiFetch({
  keyId: ${id},
  privateKey,
  environment: ${JSON.stringify(input.environment)},
  baseUrl: process.env.${BASE_URL_VARIABLE} || undefined,
});
try {
  const response = await kalshi('/trade-api/v2/portfolio/balance');
  console.log(response.status, await response.text());
} catch (error) {
  if (!(error instanceof KalshiAnswerError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
`;
}
