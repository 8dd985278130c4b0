// What the command reads: key files (PEM or DER) and passphrases, from an environment variable or
// a prompt that does not echo, never from the command line (it would land in shell history and
// in every process listing).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { keyFileText } from '../core/index';

/** Bad input: the command prints the message on one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function usage(message: string): never {
  throw new UsageError(message);
}

/**
 * A key file's text: PEM as is, DER armored as the PEM it is.
 * @throws UsageError when the file cannot be read
 */
export function readKeyFile(path: string): { text: string; der: boolean } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return usage(
      code === 'ENOENT'
        ? `${path}: no such file. Give the path of the key file.`
        : code === 'EISDIR'
          ? `${path} is a folder: give the key file inside it.`
          : `Cannot read ${path}: ${(error as Error).message}`,
    );
  }
  const der = bytes[0] === 0x30 && bytes[1]! >= 0x80;
  return { text: keyFileText(bytes, basename(path)), der };
}

export const isEncrypted = (pem: string) => /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem);

/**
 * The passphrase from the variable named by `--passphrase-env`, else typed at a prompt.
 * @throws UsageError when the variable is unset, or there is no terminal to ask in
 */
export async function readPassphrase(variable: string | undefined, question: string) {
  if (variable !== undefined) {
    const value = process.env[variable];
    if (value === undefined || value === '') {
      usage(`The environment variable ${variable} (--passphrase-env) is not set or is empty.`);
    }
    return value;
  }
  if (!process.stdin.isTTY) {
    usage(
      'The passphrase is needed and there is no terminal to ask in: put it in an environment variable and pass --passphrase-env NAME.',
    );
  }
  return promptHidden(question);
}

/** Asks on the terminal without echoing what is typed. Ctrl-C ends the command (exit 130). */
export function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  // Echo off before the question shows: anything typed after it is never echoed.
  input.setRawMode(true);
  process.stderr.write(question);
  input.resume();
  input.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve) => {
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') {
          process.stderr.write('\n');
          process.exit(130);
        } else if (char === '\r' || char === '\n' || char === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        } else if (char === '\u007f' || char === '\b') {
          typed = typed.slice(0, -1);
        } else {
          typed += char;
        }
      }
    };
    input.on('data', onData);
  });
}
