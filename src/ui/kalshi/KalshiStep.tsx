// What a step shows besides its own button: while no relay is set, the curl command (signed when
// shown, and afresh when copied) and the box for Kalshi's answer; then the step's status or alert.
import { useEffect, useRef, useState } from 'preact/hooks';
import { renderCurl } from '../../core/kalshi';
import { looksLikePrivateKey } from '../../core/private-key-text';
import { Field, Messages } from '../common/Field';
import { userMessage } from '../common/messages';
import { useAction } from '../common/use-action';
import { signTask, type KalshiStepState, type StepTask } from './use-kalshi-step';

// -i: curl then prints the status line, which is all Kalshi sends when it deletes a key (204).
const command = (task: StepTask) =>
  signTask(task).then((signed) => renderCurl(signed).replace(/^curl /, 'curl -i '));

/**
 * Text that belongs to one task (its command, the answer pasted for it), shown only while that task
 * is pending. A new task starts empty without an effect to empty it, which would run after the next
 * paint and take away an answer pasted before then.
 */
function useTaskText(task: StepTask | null): [string, (text: string) => void] {
  const [held, setHeld] = useState<{ task: StepTask; text: string }>();
  return [held?.task === task ? held.text : '', (text) => task && setHeld({ task, text })];
}

export function KalshiStep({ id, step }: { id: string; step: KalshiStepState }) {
  const { pending } = step;
  const [shown, setCommand] = useTaskText(pending);
  const [text, setText] = useTaskText(pending);
  const commandBox = useRef<HTMLTextAreaElement>(null);
  const copying = useAction();

  useEffect(() => {
    copying.report('');
    if (!pending) return;
    let live = true;
    command(pending).then(
      (text) => live && setCommand(text),
      (caught: unknown) => live && copying.report('', userMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, [pending]);

  async function read(value: string, show = true) {
    if (show) setText(value);
    const understood = await step.answer(value);
    // A generate answer holds a private key: once imported, or if it was not understood, it does
    // not stay on screen.
    if (understood || looksLikePrivateKey(value)) setText('');
  }

  return (
    <>
      {pending && (
        <div role="group" aria-labelledby={`${id}-curl-heading`}>
          <p id={`${id}-curl-heading`} class="hint">
            {/* The single file has no relay to set (connect-src 'none'). */}
            {__BUILD_FLAVOR__ === 'single'
              ? 'Run this in a terminal and paste what it prints.'
              : 'No relay set: run this in a terminal and paste what it prints.'}
          </p>
          <Field
            as="textarea"
            id={`${id}-command`}
            label="Command to run"
            ref={commandBox}
            readOnly
            rows={6}
            value={shown}
          />
          <div class="actions">
            <button
              type="button"
              onClick={() =>
                void command(pending).then(
                  (fresh) => {
                    setCommand(fresh);
                    return copying.copy(fresh, commandBox.current, 'Copied, signed just now');
                  },
                  (caught: unknown) => copying.report('', userMessage(caught)),
                )
              }
            >
              Copy command
            </button>
          </div>
          <Messages {...copying} />
          <Field
            as="textarea"
            id={`${id}-answer`}
            label="Kalshi's answer"
            class="mono"
            rows={5}
            data-key-answer=""
            value={text}
            onPaste={(event) => {
              // Read straight from the clipboard: a private key in a generate answer never lands
              // in the box.
              const pasted = event.clipboardData?.getData('text/plain');
              if (pasted === undefined) return;
              event.preventDefault();
              void read(pasted, !looksLikePrivateKey(pasted));
            }}
            onValue={(value) => void read(value)}
          />
        </div>
      )}
      <Messages status={step.status} error={step.error} />
    </>
  );
}
