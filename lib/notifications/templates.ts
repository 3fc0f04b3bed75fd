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
  /** After-sales: what the seller (or the platform) answered: "accepted" | "partial" | "refused" | "rejected". */
  answer?: string;
  /** After-sales: the shopper's reason, already in the reader's language. */
  problem?: string;
  /** A date and time, formatted for the reader. */
  deadline?: string;
  /** A new review: its stars (1–5) and the start of its text. */
  stars?: string;
  excerpt?: string;
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
  "aftersale.opened": (d) => ({
    subject: `售后申请：订单 ${d.orderNumber}`,
    body: `${d.operatorName}：\n\n买家就订单 ${d.orderNumber} 的「${d.productName}」申请售后（${d.problem}），申请退款 ${d.amount}。\n请在 ${d.deadline} 前处理，逾期将自动转交平台。\n\n处理售后：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}有售后申请，请及时处理。`,
  }),
  "aftersale.answered": (d) => ({
    subject:
      d.answer === "partial"
        ? `订单 ${d.orderNumber}：卖家提出部分退款 ${d.amount}`
        : d.answer === "refused"
          ? `订单 ${d.orderNumber}：卖家未同意售后申请`
          : `订单 ${d.orderNumber}：售后已同意，退款 ${d.amount}`,
    body:
      d.answer === "partial"
        ? `您好：\n\n${d.operatorName} 就您对订单 ${d.orderNumber} 的售后申请提出退款 ${d.amount}。${d.reason ? `\n说明：${d.reason}` : ""}\n您可以在订单页接受，或提交平台处理。\n\n查看订单：${d.link}`
        : d.answer === "refused"
          ? `您好：\n\n${d.operatorName} 未同意您对订单 ${d.orderNumber} 的售后申请。\n原因：${d.reason}\n如有异议，可以在订单页提交平台处理。\n\n查看订单：${d.link}`
          : `您好：\n\n${d.operatorName} 已同意您对订单 ${d.orderNumber} 的售后申请，退款 ${d.amount} 将按原支付方式退回。\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}的售后申请有新进展，请查看订单。`,
  }),
  "aftersale.escalated": (d) => ({
    subject: `售后申请已转交平台：订单 ${d.orderNumber}`,
    body: `${d.operatorName}：\n\n订单 ${d.orderNumber} 的「${d.productName}」售后申请（${d.problem}，${d.amount}）已转交平台处理${d.answer === "auto" ? "（卖家未按时处理）" : "（买家不接受处理结果）"}。平台将作出决定并通知双方。\n\n查看：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}的售后申请已转交平台。`,
  }),
  "aftersale.decided": (d) => ({
    subject: d.answer === "accepted" ? `订单 ${d.orderNumber}：平台决定退款 ${d.amount}` : `订单 ${d.orderNumber}：平台未支持售后申请`,
    body:
      d.answer === "accepted"
        ? `您好：\n\n平台已处理您对订单 ${d.orderNumber} 的售后申请，决定退款 ${d.amount}，款项将按原支付方式退回。${d.reason ? `\n说明：${d.reason}` : ""}\n\n查看订单：${d.link}`
        : `您好：\n\n平台已处理您对订单 ${d.orderNumber} 的售后申请，决定不予退款。\n原因：${d.reason}\n\n查看订单：${d.link}`,
    sms: `【小康集市】订单${d.orderNumber}的售后申请平台已作出决定。`,
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
  "review.new": (d) => ({
    subject: `新评价：「${d.productName}」${d.stars} 星`,
    body: `${d.operatorName}：\n\n买家评价了「${d.productName}」：${d.stars} 星。\n${d.excerpt ? `「${d.excerpt}」\n` : ""}\n您可以回复一次（回复会公开显示在商品页上）：${d.link}`,
    sms: "",
  }),
  "stock.low": (d) => ({
    subject: `库存不足：「${d.productName}」只剩 ${d.amount} 件`,
    body: `${d.operatorName}：\n\n「${d.productName}」刚卖出后库存只剩 ${d.amount} 件。请及时补货，售完后商品会显示为已售罄。\n\n管理库存：${d.link}`,
    sms: `【小康集市】「${d.productName}」库存只剩${d.amount}件。`,
  }),
  "application.recommended": (d) => ({
    subject: `开店申请「${d.operatorName}」已获县里推荐`,
    body: `您好：\n\n县乡村振兴局已推荐「${d.operatorName}」的开店申请，平台审核通过后会再通知您。\n\n查看申请：${d.link}`,
    sms: "",
  }),
  "application.approved": (d) => ({
    subject: `开店申请「${d.operatorName}」已通过`,
    body: `您好：\n\n「${d.operatorName}」的开店申请已通过，您已成为它的管理员，可以上架商品了。\n\n打开店铺后台：${d.link}`,
    sms: "",
  }),
  "application.returned": (d) => ({
    subject: `开店申请「${d.operatorName}」需要修改`,
    body: `您好：\n\n「${d.operatorName}」的开店申请被退回修改。\n原因：${d.reason}\n\n请修改后重新提交：${d.link}`,
    sms: "",
  }),
  "security.signInChallenged": (d) => ({
    subject: "您的小康集市账户有多次登录失败",
    body: `您好：\n\n有人多次用错误的密码尝试登录您的账户，接下来的登录需要额外验证。如果是您本人，请放心；如果不是，建议立即重设密码：\n\n${d.link}`,
    sms: "",
  }),
  "security.revealAlert": (d) => ({
    subject: "身份证号查看提醒",
    body: `您好：\n\n${d.name} 在过去一小时内查看了 ${d.amount} 个脱贫户的完整身份证号。请核实是否属于正常工作需要。\n\n查看：${d.link}`,
    sms: "",
  }),
  "security.sessionsEnded": (d) => ({
    subject: "您在其他设备上的登录已全部退出",
    body: `您好：\n\n您的小康集市账户刚刚退出了其他所有设备上的登录。如果不是您本人操作，请立即重设密码：\n\n${d.link}`,
    sms: "",
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
  "aftersale.opened": (d) => ({
    subject: `After-sales request: order ${d.orderNumber}`,
    body: `${d.operatorName},\n\nThe buyer of order ${d.orderNumber} has asked for after-sales help with "${d.productName}" (${d.problem}) and asks for a refund of ${d.amount}.\nPlease answer by ${d.deadline}; after that it goes to the platform by itself.\n\nAnswer it: ${d.link}`,
    sms: `[Xiaokang Market] Order ${d.orderNumber} has an after-sales request to answer.`,
  }),
  "aftersale.answered": (d) => ({
    subject:
      d.answer === "partial"
        ? `Order ${d.orderNumber}: the seller offers ${d.amount}`
        : d.answer === "refused"
          ? `Order ${d.orderNumber}: the seller refused your request`
          : `Order ${d.orderNumber}: request accepted, ${d.amount} refunded`,
    body:
      d.answer === "partial"
        ? `Hello,\n\n${d.operatorName} offers a refund of ${d.amount} for your after-sales request about order ${d.orderNumber}.${d.reason ? `\nNote: ${d.reason}` : ""}\nYou can accept it on the order page, or ask the platform to decide.\n\nYour order: ${d.link}`
        : d.answer === "refused"
          ? `Hello,\n\n${d.operatorName} refused your after-sales request about order ${d.orderNumber}.\nReason: ${d.reason}\nIf you disagree, ask the platform to decide from the order page.\n\nYour order: ${d.link}`
          : `Hello,\n\n${d.operatorName} accepted your after-sales request about order ${d.orderNumber}: ${d.amount} goes back to the way you paid.\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] Your after-sales request for order ${d.orderNumber} has news.`,
  }),
  "aftersale.escalated": (d) => ({
    subject: `After-sales request sent to the platform: order ${d.orderNumber}`,
    body: `${d.operatorName},\n\nThe after-sales request about "${d.productName}" of order ${d.orderNumber} (${d.problem}, ${d.amount}) is now with the platform${d.answer === "auto" ? " (it was not answered in time)" : " (the buyer did not accept the answer)"}. The platform will decide and tell you both.\n\nSee it: ${d.link}`,
    sms: `[Xiaokang Market] The after-sales request for order ${d.orderNumber} went to the platform.`,
  }),
  "aftersale.decided": (d) => ({
    subject:
      d.answer === "accepted"
        ? `Order ${d.orderNumber}: the platform refunds ${d.amount}`
        : `Order ${d.orderNumber}: the platform declined your request`,
    body:
      d.answer === "accepted"
        ? `Hello,\n\nThe platform decided your after-sales request about order ${d.orderNumber}: ${d.amount} is refunded to the way you paid.${d.reason ? `\nNote: ${d.reason}` : ""}\n\nYour order: ${d.link}`
        : `Hello,\n\nThe platform decided your after-sales request about order ${d.orderNumber}: no refund.\nReason: ${d.reason}\n\nYour order: ${d.link}`,
    sms: `[Xiaokang Market] The platform decided your after-sales request for order ${d.orderNumber}.`,
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
  "review.new": (d) => ({
    subject: `New review: "${d.productName}", ${d.stars} stars`,
    body: `${d.operatorName},\n\nA buyer reviewed "${d.productName}": ${d.stars} stars.\n${d.excerpt ? `"${d.excerpt}"\n` : ""}\nYou may reply once (the reply is shown on the product page): ${d.link}`,
    sms: "",
  }),
  "stock.low": (d) => ({
    subject: `Low stock: "${d.productName}" has ${d.amount} left`,
    body: `${d.operatorName},\n\nAfter a sale just now, "${d.productName}" has ${d.amount} left in stock. Restock it soon: once none is left it shows as sold out.\n\nManage stock: ${d.link}`,
    sms: `[Xiaokang Market] "${d.productName}": ${d.amount} left in stock.`,
  }),
  "application.recommended": (d) => ({
    subject: `Your application for "${d.operatorName}" was recommended by the county`,
    body: `Hello,\n\nThe county office has recommended your application to sell as "${d.operatorName}". We will write again once the platform has reviewed it.\n\nYour application: ${d.link}`,
    sms: "",
  }),
  "application.approved": (d) => ({
    subject: `Your application for "${d.operatorName}" is approved`,
    body: `Hello,\n\nYour application to sell as "${d.operatorName}" is approved: you are its manager and can list products now.\n\nOpen its console: ${d.link}`,
    sms: "",
  }),
  "application.returned": (d) => ({
    subject: `Your application for "${d.operatorName}" needs changes`,
    body: `Hello,\n\nYour application to sell as "${d.operatorName}" was returned for changes.\nReason: ${d.reason}\n\nCorrect it and submit it again: ${d.link}`,
    sms: "",
  }),
  "security.signInChallenged": (d) => ({
    subject: "Many failed sign-ins on your Xiaokang Market account",
    body: `Hello,\n\nSomeone has tried many wrong passwords on your account, so the next sign-ins need an extra check. If it was you, all is well; if not, reset your password now:\n\n${d.link}`,
    sms: "",
  }),
  "security.revealAlert": (d) => ({
    subject: "ID number reveals alert",
    body: `Hello,\n\n${d.name} revealed the full ID numbers of ${d.amount} households in the last hour. Please check that this was needed for their work.\n\nSee: ${d.link}`,
    sms: "",
  }),
  "security.sessionsEnded": (d) => ({
    subject: "You were signed out on every other device",
    body: `Hello,\n\nYour Xiaokang Market account was just signed out on every other device. If this was not you, reset your password now:\n\n${d.link}`,
    sms: "",
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
