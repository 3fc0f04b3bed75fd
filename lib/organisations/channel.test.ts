import { describe, expect, it } from "vitest";
import { organisationChannel } from "./channel";

describe("organisationChannel", () => {
  it("is PAIRING only for a partner whose every line is from a paired county", () => {
    expect(organisationChannel("PARTNER", ["620523"], ["620523", "620523"])).toBe("PAIRING");
    expect(organisationChannel("PARTNER", ["620523", "620721"], ["620721", "620523"])).toBe("PAIRING");
  });

  it("is INSTITUTION for a partner's mixed cart or a cart from elsewhere", () => {
    expect(organisationChannel("PARTNER", ["620523"], ["620523", "620721"])).toBe("INSTITUTION");
    expect(organisationChannel("PARTNER", ["620523"], ["620721"])).toBe("INSTITUTION");
    expect(organisationChannel("PARTNER", [], ["620523"])).toBe("INSTITUTION");
    expect(organisationChannel("PARTNER", ["620523"], [])).toBe("INSTITUTION");
  });

  it("is INSTITUTION for units, unions and enterprises wherever the produce comes from", () => {
    for (const kind of ["BUDGET_UNIT", "TRADE_UNION", "ENTERPRISE"] as const) {
      expect(organisationChannel(kind, ["620523"], ["620523"])).toBe("INSTITUTION");
    }
  });
});
