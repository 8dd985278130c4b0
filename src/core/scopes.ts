// Kalshi's API key scopes, the usual choices among them, and how they read in words. No imports:
// the home list and the Create form use these without loading the request builders.

/** Kalshi's ApiKeyScope enum (docs/kalshi-api.md section 7), parents first. */
export const API_KEY_SCOPES = [
  'read',
  'write',
  'read::portfolio_balance',
  'read::block_trade_accept',
  'write::trade',
  'write::transfer',
  'write::block_trade_accept',
  'write::fcm_risk',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ScopePreset {
  readonly id: 'read-only' | 'read-trade' | 'full';
  readonly label: string;
  readonly scopes: readonly ApiKeyScope[];
}

/** The common choices: dashboards, trading bots, and Kalshi's own default. */
export const SCOPE_PRESETS: readonly ScopePreset[] = [
  { id: 'read-only', label: 'Read only', scopes: ['read'] },
  { id: 'read-trade', label: 'Read and trade', scopes: ['read', 'write::trade'] },
  { id: 'full', label: 'Full access', scopes: ['read', 'write'] },
];

/**
 * The scopes every form here starts with: reading and trading, but no transfers and no API keys,
 * so a key registered by clicking straight through cannot move money.
 */
export const DEFAULT_SCOPES: readonly ApiKeyScope[] = ['read', 'write::trade'];

/** What Kalshi grants when a request names no scopes (full access); this page always names them. */
export const KALSHI_IMPLICIT_SCOPES: readonly ApiKeyScope[] = ['read', 'write'];

/** The same scopes, in any order. */
export const sameScopes = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((scope) => b.includes(scope));

/**
 * Scopes in words, as lists show them: a preset's name ("Read and trade"), else the scopes
 * themselves; "Scopes unknown" when Kalshi has not said.
 */
export function scopesInWords(scopes: readonly string[] | undefined): string {
  if (!scopes) return 'Scopes unknown';
  const preset = SCOPE_PRESETS.find((p) => sameScopes(p.scopes, scopes));
  return preset ? preset.label : scopes.length ? `Custom: ${scopes.join(', ')}` : 'No scopes';
}

/** Whether the scopes let a key make or delete API keys (Kalshi's parent `write` scope). */
export const scopesManageKeys = (scopes: readonly string[]): boolean => scopes.includes('write');

/** Whether the scopes allow any change at all (orders, transfers, API keys). */
export const scopesWrite = (scopes: readonly string[]): boolean =>
  scopes.some((scope) => scope === 'write' || scope.startsWith('write::'));
