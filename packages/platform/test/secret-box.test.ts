import { SecretBox, hashToken, newToken } from "../src";

describe("stored secrets", () => {
  it("a sealed secret opens with the same APP_SECRET and is not readable in the stored form", () => {
    const box = new SecretBox("a".repeat(40));
    const sealed = box.seal("dealer-key-123");
    expect(sealed).not.toContain("dealer-key-123");
    expect(box.open(sealed)).toBe("dealer-key-123");
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("a tampered secret or another APP_SECRET cannot open it", () => {
    const box = new SecretBox("a".repeat(40));
    const sealed = box.seal("dealer-key-123");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("forged").toString("base64url");
    expect(() => box.open(parts.join("."))).toThrow();
    expect(() => new SecretBox("b".repeat(40)).open(sealed)).toThrow();
  });

  it("tokens are random and stored as a SHA-256 hash", () => {
    const t = newToken();
    expect(t).not.toBe(newToken());
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toContain(t);
  });
});
