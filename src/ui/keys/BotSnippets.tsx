// "Use this key in your bot": for a key minted with a backup, programs that sign with that file on
// the bot's machine. Loaded on demand, once a key with a backup is selected.
import { useRef, useState } from 'preact/hooks';
import { PASSPHRASE_VARIABLE, renderBotSnippets } from '../../core/bot-snippets';
import type { KeyRecord } from '../../storage/types';
import { Field, Messages, Panel } from '../common/Field';
import { useAction } from '../common/use-action';
import { renderPackageSnippet } from './package-snippet';

/** One program, read-only, with its Copy button; on a refused clipboard the text is selected. */
function Program({ label, text }: { label: string; text: string }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const action = useAction();
  const id = `bot-${label.split(' ')[0]!.toLowerCase()}`;
  return (
    <>
      {/* Code keeps its lines: no soft wrap, the box scrolls. */}
      <Field
        as="textarea"
        id={id}
        label={label}
        class="mono"
        ref={area}
        readOnly
        rows={14}
        wrap="off"
        value={text}
      />
      <div class="actions">
        <button type="button" onClick={() => action.copy(text, area.current, `Copied ${label}`)}>
          Copy {label}
        </button>
      </div>
      <Messages {...action} />
    </>
  );
}

/** The languages offered, each with its program's label (the box and its Copy button). */
const LANGUAGES = [
  ['Python', 'Python program'],
  ['Node', 'Node program'],
  ['Node, with the kalshi-keys package', 'kalshi-keys package (Node)'],
] as const;

export function BotSnippets({ record }: { record: KeyRecord & { backupFile: string } }) {
  // One program at a time: three 14-line boxes stacked made a phone scroll past 1,500 px of code.
  const [shown, setShown] = useState(0);
  const input = {
    keyId: record.kalshiKeyId,
    environment: record.environment,
    backupFileName: record.backupFile,
  };
  const label = LANGUAGES[shown]![1];
  const text =
    shown === 2
      ? renderPackageSnippet(input)
      : renderBotSnippets(input)[shown === 0 ? 'python' : 'node'];
  return (
    <Panel
      id="bot-heading"
      title="Use this key in your bot"
      hint={`Put ${record.backupFile} beside the program on the bot's machine. The passphrase goes in the ${PASSPHRASE_VARIABLE} environment variable, never in the code.`}
    >
      {!record.kalshiKeyId && (
        <p class="warning">Paste the Kalshi key ID above first: the programs need it.</p>
      )}
      <div role="radiogroup" aria-label="Language">
        {LANGUAGES.map(([language], index) => (
          <label class="check" key={language}>
            <input
              type="radio"
              name="bot-language"
              checked={shown === index}
              onChange={() => setShown(index)}
            />
            {language}
          </label>
        ))}
      </div>
      {/* Keyed: another language is another program, with its own copy status. */}
      <Program key={label} label={label} text={text} />
    </Panel>
  );
}
