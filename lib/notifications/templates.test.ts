import { describe, expect, it } from "vitest";
import { KINDS, type Kind } from "./kinds";
import { footer, htmlOf, render, SECRET } from "./templates";
import { backoffMs } from "./sender";

const data = {
  orderNumber: "XK261206ABCDEF",
  amount: "¥128.00",
  carrier: "顺丰速运",
  trackingNo: "SF1234567890",
  productName: "甘谷辣椒",
  operatorName: "椒乡红合作社",
  reason: "箱子破损",
  link: "https://xiaokang.example/orders/XK261206ABCDEF?t=abc",
  // After-sales and security mails
  problem: "商品破损",
  deadline: "2026年12月9日 00:35",
  answer: "partial",
  name: "王科员",
  // A new review
  stars: "4",
  excerpt: "辣味正宗，包装完好",
};

describe("templates", () => {
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (const locale of ["zh-CN", "en"] as const) {
      it(`${kind} in ${locale} has a subject and a text with nothing left undefined`, () => {
        const r = render(kind, locale, data);
        expect(r.subject.length).toBeGreaterThan(3);
        expect(r.body.length).toBeGreaterThan(20);
        expect(`${r.subject}${r.body}${r.sms}`).not.toMatch(/undefined|null|\[object/);
      });
    }
  }
  it("puts the order and tracking numbers in the shipped mail and SMS", () => {
    const r = render("order.shipped", "zh-CN", data);
    expect(r.subject).toContain(data.orderNumber);
    expect(r.body).toContain(data.trackingNo);
    expect(r.sms).toContain(data.trackingNo);
  });
  it("keeps one-time links out of the text until sending", () => {
    expect(render("password.reset", "en", {}).body).toContain(SECRET);
    expect(render("email.verify", "zh-CN", {}).body).toContain(SECRET);
  });
  it("says how to stop optional mail, and where the settings are for security mail", () => {
    expect(footer("zh-CN", "https://x/unsubscribe?token=t", true)).toContain("不想再收到此类邮件");
    expect(footer("en", "https://x/account/notifications", false)).toContain("only when it is asked for");
  });
  it("escapes the text in HTML and makes links clickable", () => {
    const html = htmlOf('<script>alert("x")</script>\n\nhttps://x.example/a?b=1&c=2', "en");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://x.example/a?b=1&amp;c=2"');
  });
  it("backs off 30 s, 1 min, 2 min … at most an hour", () => {
    expect([1, 2, 3].map(backoffMs)).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(20)).toBe(3_600_000);
  });
});
