/** Where a useAction() reports: the status always present (a live region), the alert when set. */
export function ActionMessages({ status, error }: { status: string; error: string }) {
  return (
    <div class="messages">
      <p role="status">{status}</p>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
