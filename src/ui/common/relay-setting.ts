// "Relay URL", set in "Relay and offline" and read by every view that sends through the relay.
import { getSetting, setSetting } from '../../storage/key-store';

/** The settings key the relay URL is kept under (IndexedDB settings, never localStorage). */
export const RELAY_URL_SETTING = 'relayUrl';

/** Where the relay URL is remembered; the page's IndexedDB settings by default. */
export interface RelaySettings {
  load(): Promise<string | undefined>;
  save(relayUrl: string): Promise<void>;
}

export const idbRelaySettings: RelaySettings = {
  load: () => getSetting<string>(RELAY_URL_SETTING),
  save: (relayUrl) => setSetting(RELAY_URL_SETTING, relayUrl),
};
