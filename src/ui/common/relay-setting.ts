// "Relay URL", set in "Relay and offline" and read by every view that sends through the relay.
import { getSetting, setSetting } from '../../storage/settings';

/** The settings key the relay URL is kept under (IndexedDB settings, never localStorage). */
export const RELAY_URL_SETTING = 'relayUrl';
/** The one host on another computer the user said they run a relay at ('' for none). */
export const RELAY_CONFIRMED_SETTING = 'relayConfirmedHost';

/** Where the relay URL is remembered; the page's IndexedDB settings by default. */
export interface RelaySettings {
  load(): Promise<string | undefined>;
  save(relayUrl: string): Promise<void>;
  /** The relay host on another computer the user confirmed running, if any. */
  confirmed(): Promise<string | undefined>;
  confirm(host: string): Promise<void>;
}

export const idbRelaySettings: RelaySettings = {
  load: () => getSetting<string>(RELAY_URL_SETTING),
  save: (relayUrl) => setSetting(RELAY_URL_SETTING, relayUrl),
  confirmed: () => getSetting<string>(RELAY_CONFIRMED_SETTING),
  confirm: (host) => setSetting(RELAY_CONFIRMED_SETTING, host),
};
