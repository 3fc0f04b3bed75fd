// The category names a product is found by, in both languages: the storefront's own labels.
import en from "@/messages/en/storefront.json";
import zh from "@/messages/zh-CN/storefront.json";
import type { CategoryName } from "@/lib/catalog/filters";

export function categoryWords(category: CategoryName): { zh: string; en: string } {
  return { zh: zh.enums.category[category], en: en.enums.category[category] };
}
