import { expect, test } from 'vitest';
import { engineSuite } from './harness';

const s = engineSuite();
test('smoke', async () => {
  const { tab } = await s.open();
  console.log(s.engine.version);
  await tab.fill('Key name', 'Smoke');
  await tab.click({ role: 'button', name: 'Generate key' });
  const pem = await tab.waitForValue('Public key (PEM)', /BEGIN PUBLIC KEY/);
  expect(pem).toMatch(/BEGIN PUBLIC KEY/);
  await tab.waitForCount({ role: 'listitem', within: { role: 'list', name: 'Stored keys' }, hasText: 'Smoke' });
});
