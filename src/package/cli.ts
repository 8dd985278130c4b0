#!/usr/bin/env node
// `kalshi-keys`: sign a Kalshi request, check a signature a bot sent, make a key, or say what a
// key file is. Node >= 20 and the package itself: nothing else to install.
// Exit codes: 0 done or valid; 1 the answer is no (rejected signature, key Kalshi cannot use);
// 2 bad input, said in one line on stderr.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeyFormatError, RequestFormatError } from '../core/index';
import { check, inspect, keygen, sign } from './cli-commands';
import { UsageError } from './cli-io';

type Options = NonNullable<ParseArgsConfig['options']>;
const text = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const PASSPHRASE_ENV =
  '  --passphrase-env VAR   read the passphrase of an encrypted key from the variable VAR\n' +
  '                         (else it is asked for, without echo; never on the command line)';

const COMMANDS: Record<
  string,
  {
    options: Options;
    run: (values: Record<string, string | boolean | undefined>, rest: string[]) => Promise<number>;
    help: string;
  }
> = {
  sign: {
    options: {
      key: text,
      'key-id': text,
      env: text,
      curl: flag,
      data: text,
      'base-url': text,
      'passphrase-env': text,
    },
    run: sign,
    help: `Usage: kalshi-keys sign <METHOD> <PATH> --key FILE --key-id ID [--env demo|production] [--curl]

Signs one request and prints the three KALSHI-ACCESS-* headers, or with --curl a curl command
that sends it. PATH is a path under /trade-api/v2 (a query is sent, never signed) or a full URL.

  --key FILE             the private key (PKCS#1 as Kalshi downloads it, PKCS#8, encrypted, DER)
  --key-id ID            the key ID Kalshi showed for this key
  --env demo|production  the key's environment (default demo)
  --curl                 print a curl command instead of the headers
  --data JSON            the body, for --curl with POST or PUT (Kalshi does not sign it)
  --base-url URL         send to this scheme and host instead of Kalshi's (a proxy, a mock)
${PASSPHRASE_ENV}

Example: kalshi-keys sign GET /trade-api/v2/portfolio/balance --key kalshi.key --key-id 0f5c... --curl`,
  },
  check: {
    options: {
      key: text,
      'public-key': text,
      timestamp: text,
      signature: text,
      method: text,
      path: text,
      body: text,
      'passphrase-env': text,
    },
    run: check,
    help: `Usage: kalshi-keys check --public-key FILE --timestamp T --signature S --method M --path P

Says whether Kalshi would accept a signature your bot sent and, if not, why (query signed,
seconds timestamp, wrong salt length, PKCS#1 v1.5 padding, ...) and the fix.
Exit status: 0 Kalshi would accept it, 1 Kalshi would reject it, 2 bad input.

  --public-key FILE  the public key registered with Kalshi (or --key FILE, the private key)
  --timestamp T      the KALSHI-ACCESS-TIMESTAMP the bot sent
  --signature S      the KALSHI-ACCESS-SIGNATURE the bot sent
  --method M         the request's method
  --path P           the path or full URL the bot requested, with its query if it had one
  --body B           the body it sent, if any
${PASSPHRASE_ENV}`,
  },
  keygen: {
    options: { out: text, 'passphrase-env': text, 'ask-passphrase': flag, force: flag },
    run: (values) => keygen(values),
    help: `Usage: kalshi-keys keygen --out FILE [--passphrase-env VAR | --ask-passphrase]

Makes an RSA-2048 key, writes the private key to FILE (owner-only; an existing file is kept) and
prints the public key to paste into "RSA public key" on Kalshi's API keys page.
With a passphrase (12 characters or more) FILE is an encrypted PKCS#8 key (PBKDF2-SHA256,
600,000 iterations, AES-256-CBC) that openssl and Python open; without, plain PKCS#8.

  --out FILE             where to write the private key
  --passphrase-env VAR   encrypt with the passphrase in the variable VAR
  --ask-passphrase       encrypt with a passphrase typed twice, without echo
  --force                replace FILE if it exists`,
  },
  inspect: {
    options: { 'passphrase-env': text },
    run: inspect,
    help: `Usage: kalshi-keys inspect FILE

Names a key file's format, its size and fingerprint (SHA256:..., as the kalshi-keys page shows
it) and whether Kalshi can use it. Exit status: 0 usable, 1 a key Kalshi cannot use, 2 bad input.

${PASSPHRASE_ENV}`,
  },
};

const HELP = `Usage: kalshi-keys <command> [options]

Commands:
  sign <METHOD> <PATH>   sign a Kalshi request: the three headers, or a curl command
  check                  say why Kalshi rejects a signature your bot sent
  keygen --out FILE      make a key and print its public key for Kalshi
  inspect FILE           name a key file's format, size and fingerprint

kalshi-keys <command> --help shows a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${HELP}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command)
    throw new UsageError(`${name} is not a command: use sign, check, keygen or inspect.`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(values, positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad input of every kind: ours, the core's coded refusals, and parseArgs' unknown options.
    const known =
      error instanceof UsageError ||
      error instanceof KeyFormatError ||
      error instanceof RequestFormatError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`kalshi-keys: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (!known) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    process.exitCode = known ? 2 : 70;
  },
);
