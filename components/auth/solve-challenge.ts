// Solves a sign-in challenge (lib/auth/challenge.ts) in the browser: finds an answer such that
// sha256(challenge ":" answer) starts with the challenge's number of zero bits. About 65,000
// hashes for 16 bits: a second or so on a phone. Batches of WebCrypto digests run in parallel.
export async function solveChallengeInBrowser(challenge: string, signal?: { cancelled: boolean }): Promise<string | null> {
  let bits = 16;
  try {
    const payload = challenge.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/");
    bits = Number(JSON.parse(atob(payload + "=".repeat((4 - (payload.length % 4)) % 4))).d) || 16;
  } catch {
    return null;
  }
  const encoder = new TextEncoder();
  const zeroBits = (digest: Uint8Array) => {
    let n = 0;
    for (const byte of digest) {
      if (byte === 0) n += 8;
      else return n + Math.clz32(byte) - 24;
    }
    return n;
  };
  const BATCH = 256;
  for (let start = 0; start < 2 ** 26; start += BATCH) {
    if (signal?.cancelled) return null;
    const answers = Array.from({ length: BATCH }, (_, i) => (start + i).toString(36));
    const digests = await Promise.all(answers.map((a) => crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${a}`))));
    const found = digests.findIndex((d) => zeroBits(new Uint8Array(d)) >= bits);
    if (found >= 0) return answers[found]!;
  }
  return null;
}
