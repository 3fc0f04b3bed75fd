// The words of every notification, in zh-CN and English. Pure: the event's data in, subject and
// text out. Plain text reads well on any phone's mail app; the sender wraps it in a small HTML
// page (htmlOf) with the links made clickable. A one-time link is written as {{secret}} and only
// put in at the moment of sending, so the outbox shown to admins never holds a usable link.
// Never pass a household's name here: shoppers see counts and villages, never names.
import type { Kind } from "./kinds";

export type MailLocale = "zh-CN" | "en";
export const SECRET = "{{secret}}";

export interface TemplateData {
  orderNumber?: string;
  /** Already formatted money, e.g. "¥128.00". */
  amount?: string;
  carrier?: string;
  trackingNo?: string;
  productName?: string;
  operatorName?: string;
  reason?: string;
  /** An absolute link to the page the mail is about. */
  link?: string;
  name?: string;
}

export interface Rendered {
  subject: string;
  body: string;
  /** Text message version (SMS): one short line. */
  sms: string;
}

type Render = (d: TemplateData) => Rendered;

const zh: Record<Kind, Render> = {
  "order.paid": (d) => ({
    subject: `订单 ${d.orderNumber} 已付款`,
    body: `您好${d.name ? `，${d.name}` : ""}：\n\n我们已收到订单 ${d.orderNumber} 的付款 ${d.amount}。合作社发货后会再通知您。\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}已付款${d.amount}，发货后通知您。`,
  }),
  "order.shipped": (d) => ({
    subject: `订单 ${d.orderNumber} 已发货`,
    body: `您好：\n\n${d.operatorName ?? "卖家"}已发出订单 ${d.orderNumber} 的商品。\n承运商：${d.carrier}\n运单号：${d.trackingNo}\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}已发货，${d.carrier}运单号${d.trackingNo}。`,
  }),
  "order.delivered": (d) => ({
    subject: `订单 ${d.orderNumber} 已送达`,
    body: `您好：\n\n${d.operatorName ?? "卖家"}发出的订单 ${d.orderNumber} 的商品已送达。如有问题，请在订单页联系我们。\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}已送达。`,
  }),
  "refund.made": (d) => ({
    subject: `订单 ${d.orderNumber} 已退款 ${d.amount}`,
    body: `您好：\n\n订单 ${d.orderNumber} 已退款 ${d.amount}，款项将按原支付方式退回。${d.reason ? `\n原因：${d.reason}` : ""}\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}已退款${d.amount}。`,
  }),
  "invoice.issued": (d) => ({
    subject: `订单 ${d.orderNumber} 的发票已开具`,
    body: `您好：\n\n${d.operatorName ?? "卖家"}已为订单 ${d.orderNumber} 开具发票，金额 ${d.amount}。请在订单页下载或查看。\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}的发票已开具。`,
  }),
  "sale.new": (d) => ({
    subject: `新订单待发货：${d.orderNumber}`,
    body: `${d.operatorName} 有一笔新的已付款订单 ${d.orderNumber}（本店商品 ${d.amount}），请尽快发货。\n\n打开订单：${d.link}`,
    sms: `【小康集市】${d.operatorName}新订单${d.orderNumber}待发货。`,
  }),
  "product.certified": (d) => ({
    subject: `「${d.productName}」已通过消费帮扶产品认定`,
    body: `${d.operatorName}：\n\n县乡村振兴局已认定「${d.productName}」为消费帮扶产品。上架后，其销售计入消费帮扶销售额。\n\n查看商品：${d.link}`,
    sms: `【小康集市】「${d.productName}」已通过认定。`,
  }),
  "product.rejected": (d) => ({
    subject: `「${d.productName}」未通过认定`,
    body: `${d.operatorName}：\n\n「${d.productName}」未通过消费帮扶产品认定。\n原因：${d.reason}\n\n请修改后重新提交：${d.link}`,
    sms: `【小康集市】「${d.productName}」未通过认定，请查看原因。`,
  }),
  "password.reset": () => ({
    subject: "重设小康集市的密码",
    body: `您好：\n\n有人（希望是您）请求重设此邮箱在小康集市的密码。请在 1 小时内打开下面的链接设置新密码，链接只能使用一次：\n\n${SECRET}\n\n如果不是您本人操作，请忽略本邮件，您的密码不会改变。`,
    sms: "",
  }),
  "password.changed": () => ({
    subject: "您的小康集市密码已更改",
    body: "您好：\n\n您的密码刚刚已重设，其他设备上的登录已全部退出。如果不是您本人操作，请立即重设密码并联系我们。",
    sms: "",
  }),
  "email.verify": () => ({
    subject: "请验证您的邮箱",
    body: `您好：\n\n欢迎加入小康集市。请在 24 小时内打开下面的链接确认这是您的邮箱：\n\n${SECRET}\n\n如果您没有注册，请忽略本邮件。`,
    sms: "",
  }),
  "account.exists": (d) => ({
    subject: "有人尝试用您的邮箱注册小康集市",
    body: `您好：\n\n刚才有人用此邮箱注册小康集市，但这个邮箱已有账户。如果是您本人，请直接登录；忘记密码可以重设：\n\n${d.link}\n\n如果不是您本人，请忽略本邮件，您的账户没有任何变化。`,
    sms: "",
  }),
};

const en: Record<Kind, Render> = {
  "order.paid": (d) => ({
    subject: `Order ${d.orderNumber} is paid`,
    body: `Hello${d.name ? ` ${d.name}` : ""},\n\nWe received ${d.amount} for order ${d.orderNumber}. We will write again when the cooperative ships it.\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber} paid ${d.amount}. We will tell you when it ships.`,
  }),
  "order.shipped": (d) => ({
    subject: `Order ${d.orderNumber} has shipped`,
    body: `Hello,\n\n${d.operatorName ?? "The seller"} has shipped its part of order ${d.orderNumber}.\nCarrier: ${d.carrier}\nTracking number: ${d.trackingNo}\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber} shipped: ${d.carrier} ${d.trackingNo}.`,
  }),
  "order.delivered": (d) => ({
    subject: `Order ${d.orderNumber} has arrived`,
    body: `Hello,\n\nThe goods of order ${d.orderNumber} sent by ${d.operatorName ?? "the seller"} have been delivered. If anything is wrong, tell us from the order page.\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber} delivered.`,
  }),
  "refund.made": (d) => ({
    subject: `Order ${d.orderNumber}: ${d.amount} refunded`,
    body: `Hello,\n\n${d.amount} of order ${d.orderNumber} has been refunded to the way you paid.${d.reason ? `\nReason: ${d.reason}` : ""}\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber}: ${d.amount} refunded.`,
  }),
  "invoice.issued": (d) => ({
    subject: `Order ${d.orderNumber}: your invoice is ready`,
    body: `Hello,\n\n${d.operatorName ?? "The seller"} has issued the invoice for its part of order ${d.orderNumber} (${d.amount}). Download or view it on the order page.\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber}: invoice issued.`,
  }),
  "sale.new": (d) => ({
    subject: `New order to ship: ${d.orderNumber}`,
    body: `${d.operatorName} has a new paid order ${d.orderNumber} (its goods: ${d.amount}). Please ship it soon.\n\nOpen the order: ${d.link}`,
    sms: `[Xiaokang Market] ${d.operatorName}: new order ${d.orderNumber} to ship.`,
  }),
  "product.certified": (d) => ({
    subject: `"${d.productName}" is certified`,
    body: `${d.operatorName},\n\nThe county office has certified "${d.productName}" as a consumption-assistance product. Once it is listed, its sales count as assistance sales.\n\nThe product: ${d.link}`,
    sms: `[Xiaokang Market] "${d.productName}" is certified.`,
  }),
  "product.rejected": (d) => ({
    subject: `"${d.productName}" was not certified`,
    body: `${d.operatorName},\n\nThe county office did not certify "${d.productName}".\nReason: ${d.reason}\n\nCorrect it and submit it again: ${d.link}`,
    sms: `[Xiaokang Market] "${d.productName}" was not certified; see why.`,
  }),
  "password.reset": () => ({
    subject: "Reset your Xiaokang Market password",
    body: `Hello,\n\nSomeone (we hope you) asked to reset the password of this address on Xiaokang Market. Open this link within 1 hour to choose a new one; it works once:\n\n${SECRET}\n\nIf it was not you, ignore this mail: your password stays as it is.`,
    sms: "",
  }),
  "password.changed": () => ({
    subject: "Your Xiaokang Market password was changed",
    body: "Hello,\n\nYour password was just reset, and every other device was signed out. If this was not you, reset your password now and contact us.",
    sms: "",
  }),
  "email.verify": () => ({
    subject: "Please confirm your email address",
    body: `Hello,\n\nWelcome to Xiaokang Market. Open this link within 24 hours to confirm that this address is yours:\n\n${SECRET}\n\nIf you did not sign up, ignore this mail.`,
    sms: "",
  }),
  "account.exists": (d) => ({
    subject: "Someone tried to sign up with your address",
    body: `Hello,\n\nSomeone just tried to create a Xiaokang Market account with this address, which already has one. If it was you, simply sign in; if you forgot your password, reset it here:\n\n${d.link}\n\nIf it was not you, ignore this mail: nothing changed on your account.`,
    sms: "",
  }),
};

export function render(kind: Kind, locale: MailLocale, data: TemplateData): Rendered {
  return (locale === "en" ? en : zh)[kind](data);
}

/** The footer every mail ends with: how to stop this kind of mail. */
export function footer(locale: MailLocale, unsubscribeLink: string, optional: boolean): string {
  if (locale === "en") {
    return optional
      ? `\n\n—\nXiaokang Market · Stop these mails: ${unsubscribeLink}`
      : `\n\n—\nXiaokang Market · We send this kind of mail only when it is asked for. Your mail settings: ${unsubscribeLink}`;
  }
  return optional
    ? `\n\n—\n小康集市 · 不想再收到此类邮件：${unsubscribeLink}`
    : `\n\n—\n小康集市 · 此类邮件只在有人请求时发送。邮件设置：${unsubscribeLink}`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A phone-friendly HTML version of a text mail: escaped, paragraphs kept, http(s) links clickable. */
export function htmlOf(text: string, locale: MailLocale): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) =>
      escapeHtml(p)
        .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" style="color:#b91c1c;word-break:break-all">${url}</a>`)
        .replace(/\n/g, "<br>"),
    )
    .map((p) => `<p style="margin:0 0 16px">${p}</p>`)
    .join("");
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head><body style="margin:0;padding:16px;background:#fafaf9"><div style="max-width:560px;margin:0 auto;padding:20px;background:#fff;border-radius:8px;font:16px/1.6 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;color:#1c1917">${paragraphs}</div></body></html>`;
}
