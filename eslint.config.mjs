// ESLint flat config: `npm run lint` runs it with --max-warnings=0, then `prettier --check`.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "server/generated/**",
    ".next/**",
    "node_modules/**",
    "next-env.d.ts",
    "e2e/screenshots/**",
    "test-results/**",
    "playwright-report/**",
    ".data/**",
    // Built by scripts/build-door-worker.ts after next build.
    "public/sw.js",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "import-x/no-cycle": "error",
      // fast-check (`fc.string()`) and qrcode document their default import's members as the way to call them.
      "import-x/no-named-as-default-member": "off",
      // `async` without `await` is how a function meets a Promise-returning contract (REST `handle`, browser API stand-ins).
      "@typescript-eslint/require-await": "off",
      // React ignores an event handler's return value; our async handlers catch their own errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `_name` marks a binding kept on purpose, e.g. a field left out of a rest copy.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read response bodies (`await res.json()`) as `any` on purpose: an assertion on the wrong shape fails the test.
    // Stand-ins of outside services (Shopify, Stripe, SMTP) read what we send the same way.
    files: ["**/*.test.ts", "e2e/**", "server/testing/**", "server/domain/*/testing/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat["recommended-latest"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...nextPlugin.configs["core-web-vitals"],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      // Posters are resized once at upload (server/domain/media/posters.ts) and served in fixed sizes; next/image would resize them again.
      "@next/next/no-img-element": "off",
    },
  },
  {
    // The config files are plain ES modules run by Node, outside the TypeScript project.
    files: ["**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  prettier,
);
