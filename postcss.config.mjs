// Tailwind v4 runs as a single PostCSS plugin; its config lives in app/globals.css (@theme).
export default {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};
