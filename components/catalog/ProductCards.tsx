"use client";
// The catalogue's product cards, drawn from compact rows (components/catalog/ProductCard.tsx makes
// them on the server, every text already in the page's language). A server component's markup is
// sent twice, once as HTML and once as its element tree in the RSC payload (about 950 bytes a card);
// a client component's props are sent instead, about 250 bytes a card. The HTML is the same.
import Link from "next/link";

/** One card, every text ready to show. Fields are positional to keep the payload small. */
export type CardRow = [
  href: string,
  name: string,
  image: string | null,
  /** The photo's own description when it differs from the name, else null (the name is used). */
  alt: string | null,
  certified: boolean,
  giMark: string | null,
  origin: string,
  /** "4.8 (12 reviews)", or null before the first review. */
  rating: string | null,
  price: string,
  perUnit: string,
  soldOut: boolean,
  spec: string,
];

export interface CardLabels {
  certified: string;
  outOfStock: string;
}

/**
 * `eager`: how many cards are in the first row (the largest paint of a phone's first screen): their
 * photos load at once, with high priority, instead of lazily. Links do not prefetch: a page of 24
 * cards would fetch the RSC payload of every product in view once idle, on a phone's data plan.
 */
export function ProductCards({ rows, labels, eager = 0 }: { rows: CardRow[]; labels: CardLabels; eager?: number }) {
  return rows.map(([href, name, image, alt, certified, giMark, origin, rating, price, perUnit, soldOut, spec], i) => (
    <li key={href} className="pc">
      <Link href={href} prefetch={false}>
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={image}
            alt={alt ?? name}
            className="pc-img"
            loading={i < eager ? "eager" : "lazy"}
            fetchPriority={i < eager ? "high" : undefined}
            width={400}
            height={300}
          />
        ) : (
          <div className="pc-img" />
        )}
        <div className="pc-body">
          <div className="pc-tags">
            {certified ? <span className="tag tag-cert">{labels.certified}</span> : null}
            {giMark ? <span className="tag tag-gi">{giMark}</span> : null}
          </div>
          <h3 className="pc-name">{name}</h3>
          <p className="pc-meta">{origin}</p>
          {rating ? (
            <p className="pc-meta" data-testid="card-rating">
              <span aria-hidden className="text-amber-600">
                ★
              </span>{" "}
              {rating}
            </p>
          ) : null}
          <p className="pc-price">
            <span>
              {price}
              <small>{perUnit}</small>
            </span>
            {soldOut ? <span className="pc-out">{labels.outOfStock}</span> : null}
          </p>
          <p className="pc-meta">{spec}</p>
        </div>
      </Link>
    </li>
  ));
}
