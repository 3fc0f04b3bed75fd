import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "@/lib/db/db.server";
import { checkCredentials } from "./credentials";
import { env } from "@/lib/env/env";

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : typeof forwarded === "string" ? forwarded : "").split(",")[0]?.trim();
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export const SESSION_MAX_AGE = 60 * 60 * 24 * 7;

// next-auth 4.24 (the stable line): email + password, JWT sessions. The session names the user
// and carries role and memberships for display; every server-side check reloads them from the
// database (session.server.ts), so a removed membership takes effect at once.
export const authOptions: NextAuthOptions = {
  secret: env().AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
        const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
        if (!email || !password) throw new Error("invalid");
        const result = await checkCredentials(db, email, password, clientAddress(req?.headers as Record<string, unknown>));
        // The error text reaches the sign-in form as a code it translates; it never says whether the account exists.
        if (!result.ok) throw new Error(result.reason);
        const user = await db.user.findUniqueOrThrow({
          where: { id: result.userId },
          select: { id: true, email: true, name: true, role: true, memberships: { select: { operatorId: true } } },
        });
        return { id: user.id, email: user.email, name: user.name, role: user.role, operatorIds: user.memberships.map((m) => m.operatorId) };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { role: string; operatorIds: string[] };
        token.role = u.role;
        token.operatorIds = u.operatorIds;
      }
      return token;
    },
    async session({ session, token }) {
      return {
        ...session,
        user: { ...session.user, id: token.sub, role: token.role, operatorIds: token.operatorIds },
      };
    },
  },
};
