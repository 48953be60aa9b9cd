import { ConfigError } from "@crm/platform";
import { loadConfig } from "../src/config";

describe("configuration", () => {
  it("fails fast with one readable line naming every bad variable", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://x", PUBLIC_URL: "nope", APP_SECRET: "short", PORT: "70000", BUSINESS_TIMEZONE: "Manila", ACTIVITY_REMINDERS: "yes", ACTIVITY_REMINDER_HOUR: "24" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    expect(message).toContain("DATABASE_URL must be a postgresql:// URL");
    expect(message).toContain("PUBLIC_URL must be an absolute URL");
    expect(message).toContain("APP_SECRET must be at least 32 characters");
    expect(message).toContain("PORT");
    expect(message).toContain("BUSINESS_TIMEZONE must be an IANA time zone such as Asia/Manila");
    expect(message).toContain("ACTIVITY_REMINDERS must be on or off");
    expect(message).toContain("ACTIVITY_REMINDER_HOUR");
  });

  it("applies defaults for optional settings", () => {
    const c = loadConfig({ DATABASE_URL: "postgresql://u@h/db", PUBLIC_URL: "http://localhost:4000", APP_SECRET: "x".repeat(32) });
    expect(c).toMatchObject({ PORT: 4000, REDIS_URL: "redis://127.0.0.1:6379", LOG_LEVEL: "info", LOGIN_RATE_LIMIT: 10, BUSINESS_TIMEZONE: "Asia/Manila", OUTBOX_CONCURRENCY: 8, ACTIVITY_REMINDERS: "on", ACTIVITY_REMINDER_HOUR: 7 });
  });
});
