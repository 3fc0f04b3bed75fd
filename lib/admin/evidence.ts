// The storage key of a GI-mark authorisation's evidence (gimarks/<random>.<ext>). Pure.
export const EVIDENCE_KEY = /^gimarks\/[A-Za-z0-9_-]{16,64}\.(pdf|jpg|png)$/u;
