import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/db.server";
import { addressKey, clientAddress } from "@/lib/http/client-address";
import { isDatabaseUnavailable } from "@/lib/http/outage";
import { checkCredentials } from "./credentials";
import { ScryptBusy } from "./scrypt-gate";
import { newSessionId, revokeSession, SESSION_MAX_AGE, sessionIsCurrent } from "./sessions";
import { env } from "@/lib/env/env";
import { log } from "@/lib/ops/log.server";

export { SESSION_MAX_AGE };

/**
 * What authorize() throws: next-auth hands the message to the sign-in form as its error code, so
 * it is one of a few fixed codes ("invalid", "throttled:<s>", "wait:<s>", "challenge:<token>",
 * "busy", "disabled" — the last only after the right password), never a database message or address, and never says whether the account exists.
 */
async function authorizeCode(email: string, password: string, ip: string, challenge: unknown, answer: unknown) {
  try {
    const result = await checkCredentials(db, email, password, ip, { challenge, answer });
    if (result.ok) return result;
    if (result.reason === "challenge") return `challenge:${result.challenge}`;
    if (result.reason === "wait" || result.reason === "throttled") return `${result.reason}:${result.retryAfter}`;
    if (result.reason === "disabled") return "disabled";
    return "invalid";
  } catch (error) {
    if (error instanceof ScryptBusy || isDatabaseUnavailable(error)) return "busy";
    // The error's type only: a sign-in error may carry the typed address.
    log.error({ errorType: error instanceof Error ? error.name : typeof error }, "sign-in failed");
    return "unexpected";
  }
}

// next-auth 4.24 (the stable line): email + password, JWT sessions. The session names the user
// and carries role and memberships for display; every server-side check reloads them from the
// database (session.server.ts), so a removed membership takes effect at once, and checks that
// the session is still live (./sessions.ts: version and revoked ids).
export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE, updateAge: 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" }, challenge: { type: "text" }, answer: { type: "text" } },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
        const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
        if (!email || !password) throw new Error("invalid");
        const ip = addressKey(clientAddress(req?.headers as Record<string, unknown> | undefined));
        const result = await authorizeCode(email, password, ip, credentials?.challenge, credentials?.answer);
        if (typeof result === "string") throw new Error(result);
        const user = await db.user.findUniqueOrThrow({
          where: { id: result.userId },
          select: { id: true, email: true, name: true, role: true, sessionVersion: true, memberships: { select: { operatorId: true } } },
        });
        return {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          operatorIds: user.memberships.map((m) => m.operatorId),
          sessionVersion: result.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { role: string; operatorIds: string[]; sessionVersion: number };
        token.role = u.role;
        token.operatorIds = u.operatorIds;
        token.sv = u.sessionVersion;
        token.sid = newSessionId();
        return token;
      }
      // The browser asking for its session (/api/auth/session): an ended session is answered as
      // none, and next-auth clears the cookie (it does when this callback throws).
      let row;
      try {
        row = token.sub
          ? await db.user.findUnique({
              where: { id: token.sub },
              select: { sessionVersion: true, revokedSessions: true, disabledAt: true },
            })
          : null;
      } catch (error) {
        // The database is down: nobody is signed out for that (every server-side check fails closed anyway).
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      }
      // A disabled account is signed out here too, as loadActor refuses it on every server-side check.
      if (!row || row.disabledAt || !sessionIsCurrent(row, token)) throw new Error("session ended");
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        user: {
          ...session.user,
          id: token.sub,
          role: token.role,
          operatorIds: token.operatorIds,
          sessionVersion: (token.sv as number | undefined) ?? 0,
        },
      };
    },
  },
  events: {
    // Signing out ends this session for good: a copy of its cookie no longer works either.
    async signOut({ token }) {
      if (token?.sub && typeof token.sid === "string")
        await revokeSession(db, token.sub, token.sid, typeof token.exp === "number" ? token.exp : Date.now() / 1000 + SESSION_MAX_AGE);
    },
  },
};
