// @vitest-environment happy-dom
// A step without a relay: its curl command, and the box for Kalshi's answer, which belong to the
// task they were shown for.
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listApiKeysRequest } from '../../../src/core';
import { KalshiStep } from '../../../src/ui/kalshi/KalshiStep';
import type { KalshiStepState, StepTask } from '../../../src/ui/kalshi/use-kalshi-step';
import { closeStores, freshStore } from '../helpers';
import { answerBox, commandBox, curlHeaders, expectSignedBy, storedKey } from './helpers';

afterEach(() => {
  cleanup();
  closeStores();
});

async function setUp() {
  const { store } = freshStore();
  const signer = await storedKey(store, 'Signer', { kalshiKeyId: 'signer-id-1' });
  const task = (): StepTask => ({
    request: listApiKeysRequest(),
    signer,
    environment: 'demo',
    onAnswer: async () => '',
  });
  // Kalshi's answer is never understood here, so whatever was pasted stays to be corrected.
  const answer = vi.fn(async () => false);
  const step = (pending: StepTask | null): KalshiStepState => ({
    pending,
    busy: false,
    status: '',
    error: '',
    report: () => {},
    run: async () => false,
    answer,
    cancel: () => {},
  });
  return { signer, task, step, answer };
}

describe("a step waiting for Kalshi's answer", () => {
  it('keeps an answer pasted before the first paint (a fast user, a busy machine)', async () => {
    const { step, task, answer } = await setUp();
    // Effects wait for the next frame; one act() holds the render and the paste, so nothing runs
    // between them.
    act(() => {
      render(<KalshiStep id="t" step={step(task())} />);
      fireEvent.input(answerBox(), { target: { value: 'HTTP/1.1 502 Bad Gateway' } });
    });
    await waitFor(() => expect(answer).toHaveBeenCalledWith('HTTP/1.1 502 Bad Gateway'));
    expect(answerBox()).toHaveValue('HTTP/1.1 502 Bad Gateway');
  });

  it('starts each new task with its own signed command and an empty answer box', async () => {
    const { step, task, signer } = await setUp();
    const first = task();
    const view = render(<KalshiStep id="t" step={step(first)} />);
    await waitFor(() => expect(commandBox().value).toMatch(/^curl -i /));
    const firstCommand = commandBox().value;
    fireEvent.input(answerBox(), { target: { value: 'not what Kalshi prints' } });
    await waitFor(() => expect(answerBox()).toHaveValue('not what Kalshi prints'));

    view.rerender(<KalshiStep id="t" step={step(task())} />);
    expect(answerBox()).toHaveValue('');
    await waitFor(() => expect(commandBox().value).toMatch(/^curl -i /));
    expect(commandBox().value).not.toBe(firstCommand);
    expectSignedBy(curlHeaders(commandBox().value), signer, 'GET', '/trade-api/v2/api_keys');

    view.rerender(<KalshiStep id="t" step={step(null)} />);
    expect(screen.queryByRole('textbox', { name: "Kalshi's answer" })).toBeNull();
  });
});
