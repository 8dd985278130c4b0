// Each scope in a line of words, for the Register form's checkboxes: apart from scopes.ts, which the
// home list and the Create form load at start, since only that form shows them.
import type { ApiKeyScope } from './scopes';

/** One plain line per scope, shown beside its checkbox. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<ApiKeyScope, string>> = {
  read: 'every GET: balance, positions, orders',
  write: 'every change: orders, transfers, API keys (needs read)',
  'read::portfolio_balance': 'only the balance',
  'read::block_trade_accept': 'see block trades offered to you',
  'write::trade': 'place, amend and cancel orders (no transfers)',
  'write::transfer': 'move money between accounts',
  'write::block_trade_accept': 'accept block trades',
  'write::fcm_risk': 'FCM members only: risk settings',
};
