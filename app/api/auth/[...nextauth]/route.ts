// next-auth's own endpoints (sign-in, sign-out, session, CSRF). Bodies are read with a limit
// before next-auth sees them (lib/http/body.ts): a sign-in is an email, a password and a few tokens.
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options.server";
import { BODY_LIMITS, BodyTooLarge, readLimitedBody, tooLarge } from "@/lib/http/body";

type Context = { params: Promise<{ nextauth: string[] }> };
const handler = NextAuth(authOptions) as (request: NextRequest, context: Context) => Promise<Response>;

export const GET = handler;

export async function POST(request: NextRequest, context: Context) {
  let body: Uint8Array;
  try {
    body = await readLimitedBody(request, BODY_LIMITS.auth);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge(error.limit);
    throw error;
  }
  return handler(new NextRequest(request.url, { method: "POST", headers: request.headers, body: body as BodyInit }), context);
}
