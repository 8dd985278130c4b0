import { sharedOriginWarning, type PageAddress } from '../../core/shared-origin';

/** At the top of the page: says in words when other sites on this origin can use its keys. */
export function SharedOriginNotice({ address }: { address: PageAddress }) {
  const warning = sharedOriginWarning(address);
  if (!warning) return null;
  return (
    <div role="alert" class="notice warning">
      <p>
        <strong>{warning.title}</strong> {warning.detail}
      </p>
      <p>{warning.action}</p>
    </div>
  );
}
