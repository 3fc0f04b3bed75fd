// Operations: liveness and readiness for a load balancer, and what the structured log may carry.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { createPrismaClient } from "@/lib/db/client";
import { createLogger, scrub } from "@/lib/ops/log";
import { checkReadiness, shippedMigrations } from "@/lib/ops/readiness";
import { requestIdFor, validRequestId } from "@/lib/ops/request-id";
import { testDb } from "./support/db";

describe("health and readiness", () => {
  it("/api/health answers ok without the database", async () => {
    const answer = health();
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: "ok" });
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("/api/ready answers ready on a migrated database", async () => {
    const answer = await ready();
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: "ready" });
  });

  it("is not ready while a migration of this build is not applied", async () => {
    const shipped = shippedMigrations();
    expect(shipped.length).toBeGreaterThan(5);
    expect(await checkReadiness(testDb, shipped)).toEqual({ ready: true });
    expect(await checkReadiness(testDb, [...shipped, "20991231000000_from_a_newer_build"])).toEqual({ ready: false, reason: "migrations" });
  });

  it("is not ready when the database does not answer, and says nothing about where it is", async () => {
    const unreachable = createPrismaClient("postgresql://xiaokang:secret-password@127.0.0.1:1/nowhere", 1);
    try {
      const readiness = await checkReadiness(unreachable);
      expect(readiness).toEqual({ ready: false, reason: "database" });
      expect(JSON.stringify(readiness)).not.toMatch(/127\.0\.0\.1|secret|nowhere/);
    } finally {
      await unreachable.$disconnect();
    }
  });
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger(stream, "debug") };
}

describe("structured logs", () => {
  it("are JSON lines with level, time, message and the request id", () => {
    const { lines, log } = capture();
    log.child({ requestId: "req-12345678" }).info({ orderId: "cm1" }, "order placed");
    expect(lines[0]).toMatchObject({ level: "info", msg: "order placed", requestId: "req-12345678", orderId: "cm1" });
    expect(typeof lines[0]!.time).toBe("string");
  });

  it("never carry ID numbers, names, phone numbers, addresses, passwords or connection passwords", () => {
    const { lines, log } = capture();
    const household = { id: "hh1", name: "王小明", idNumber: "62052319800101123X", mobile: "13800138000", address: "大庄村 3 号" };
    log.warn({ household, password: "Demo-2026-admin", cookie: "next-auth.session-token=abc" }, "import row for 62052319800101123X failed");
    log.error({ err: new Error("connect to postgresql://xiaokang:hunter2@10.0.0.5:5432/xk failed for 620523198001011234") }, "database");
    const text = JSON.stringify(lines);
    for (const secret of [
      "王小明",
      "62052319800101123X",
      "620523198001011234",
      "13800138000",
      "大庄村",
      "Demo-2026-admin",
      "abc",
      "hunter2",
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      household: { id: "hh1", name: "[redacted]", idNumber: "[redacted]" },
      msg: "import row for [id-number] failed",
    });
    expect(text).toContain("postgresql://xiaokang:[redacted]@");
    expect(lines[1]!.err).toMatchObject({ type: "Error", message: expect.stringContaining("failed for [id-number]") });
  });

  it("scrub leaves ordinary numbers alone", () => {
    expect(scrub("order XK20261206AB, 50 units, ¥670000, 2026-12-06")).toBe("order XK20261206AB, 50 units, ¥670000, 2026-12-06");
    expect(scrub("id 62052319800101123X here")).toBe("id [id-number] here");
  });
});

describe("request ids", () => {
  it("keeps a well-formed incoming id and makes one otherwise", () => {
    expect(requestIdFor("nginx-0123456789abcdef")).toBe("nginx-0123456789abcdef");
    for (const bad of [null, "", "short", "has space 123456", "x".repeat(65), "<script>alert(1)</script>"]) {
      const id = requestIdFor(bad);
      expect(validRequestId(id)).toBe(true);
      expect(id).not.toBe(bad);
    }
  });
});
