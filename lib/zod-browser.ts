// zod 4 finds out whether it may compile its parsers with `new Function` by trying it once. The
// pages' CSP allows no eval, so in a browser that try is refused and reported as a CSP violation
// (harmless, but it would hide real ones). In the browser zod is told not to try; on the server
// (no CSP) it keeps compiling, so server-side parsing stays fast. Imported once, by the root
// layout's client provider (components/auth/SessionProvider.tsx), before any form parses.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
