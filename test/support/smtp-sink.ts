import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail { to: string[]; raw: string }

export interface SmtpSink {
  /** Every message received, in order. */
  mails: Mail[];
  /** `SMTP_URL` for the platform's config. */
  url: string;
  close(): Promise<void>;
}

/** A real SMTP server on a free loopback port that keeps what it is sent. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  // A sender killed mid-session (the crash specs SIGKILL the worker) resets its connection; the
  // server emits that as 'error', which with no listener would throw out of the test file.
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    mails,
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
