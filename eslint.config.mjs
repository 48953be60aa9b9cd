import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/prisma-client/**", "**/web-dist/**", "artifacts/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["services/*/src/**/*.ts", "packages/*/src/**/*.ts"],
    ignores: ["packages/test-kit/**"],
    rules: { "no-console": "error" },
  },
  {
    // Only data-access talks to Prisma.
    files: ["services/*/src/**/*.ts"],
    ignores: ["services/*/src/data-access/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/prisma-client/**", "@prisma/*"], message: "Only data-access imports Prisma." }] }],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly", __dirname: "readonly", process: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
