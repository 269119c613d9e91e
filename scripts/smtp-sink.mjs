#!/usr/bin/env node
// A local SMTP server that prints every message it receives, to watch the demo's deliveries:
//   npm run smtp-sink                     (listens on 127.0.0.1:2525)
//   PROXIMITE_SMTP_URL=smtp://127.0.0.1:2525 npm start
// For development only: it accepts everything and keeps nothing.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.PORT ?? 2525);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = [mail.to ?? []].flat().map((a) => a.text).join(', ');
        console.log(`\n━━ ${new Date().toISOString()}  ${mail.messageId ?? ''}`);
        console.log(`To: ${to}\nSubject: ${mail.subject ?? ''}\n`);
        console.log((mail.text ?? '').trim());
        callback();
      },
      (error) => callback(error),
    );
  },
});
server.listen(port, '127.0.0.1', () =>
  console.log(`SMTP sink on smtp://127.0.0.1:${port} — start the server with PROXIMITE_SMTP_URL=smtp://127.0.0.1:${port}`),
);
