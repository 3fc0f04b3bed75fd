// Signing in for e2e tests without going through the sign-in page: next-auth's credentials flow
// over HTTP (GET /api/auth/csrf, POST /api/auth/callback/credentials). page.request shares the
// browser context's cookies, so the page is signed in afterwards.
import { expect, type Page } from "@playwright/test";

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok(), `sign-in of ${email}: HTTP ${response.status()}`).toBe(true);
  const { url } = (await response.json()) as { url?: string };
  // A refused sign-in answers 200 too, with ?error=… in the URL.
  expect(url ?? "", `sign-in of ${email}`).not.toMatch(/error=/);
  const cookies = await page.context().cookies();
  expect(
    cookies.some((c) => c.name.includes("next-auth.session-token")),
    `session cookie for ${email}`,
  ).toBe(true);
}
