// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RelayHelp } from '../../src/ui/settings/RelayHelp';

afterEach(cleanup);

const SHA = 'ab'.repeat(32);

describe('RelayHelp: how to get a relay', () => {
  it('offers the relay beside the hosted page with its SHA-256, and the command for this origin', () => {
    render(<RelayHelp origin="https://keys.example" sha256={SHA} />);
    const link = screen.getByRole('link', { name: 'Download relay (kalshi-relay.mjs)' });
    expect(link).toHaveAttribute('href', './kalshi-relay.mjs');
    expect(link).toHaveAttribute('download', 'kalshi-relay.mjs');
    expect(screen.getByText(SHA)).toBeInTheDocument();
    expect(
      screen.getByText('node kalshi-relay.mjs --origin https://keys.example'),
    ).toBeInTheDocument();
    // The relay's 403 for other pages, and Chrome's local network question, in plain words.
    expect(document.body.textContent).toMatch(/refuses, with 403, pages it was not started for/);
    expect(document.body.textContent).toMatch(/Chrome asks whether this site may access/);
  });

  it('without a build beside it (npm run dev), points to the file in the repository instead', () => {
    render(<RelayHelp origin="http://localhost:5173" sha256="" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('relay/kalshi-relay.mjs')).toBeInTheDocument();
    expect(
      screen.getByText('node kalshi-relay.mjs --origin http://localhost:5173'),
    ).toBeInTheDocument();
  });
});
