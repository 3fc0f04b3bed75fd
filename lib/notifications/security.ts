// The security mails of lib/auth/alerts.ts: the outbox registers itself as the alerts' mailer, so
// each alert writes its mails (lib/notifications/events.ts notifySecurity) in a transaction of its
// own, keyed by the alert's event so that a repeat writes nothing new. Security mails cannot be
// turned off. Registered from instrumentation.ts (and by tests that check these mails).
import { setSecurityMailer } from "@/lib/auth/alerts";
import { notifySecurity } from "./events";

export function registerSecurityMailer(): void {
  setSecurityMailer((db, mail, eventId) => db.$transaction((tx) => notifySecurity(tx, mail, eventId)));
}
