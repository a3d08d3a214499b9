import { flashSaleOverRest } from "../bench/flash-sale";
const sale = { eventId: "af7384cc-c809-4f3c-8a46-7b80854aa59a", variantId: "6ca234a0-5275-42da-b256-4b20c689b737" };
const conns = Number(process.argv[2] ?? 8), secs = Number(process.argv[3] ?? 3);
const t = performance.now();
try {
  console.log(await flashSaleOverRest("http://127.0.0.1:3418", sale, secs, conns));
} catch (e) { console.log(String(e).slice(0, 600)); }
console.log(`took ${((performance.now() - t) / 1000).toFixed(1)} s`);
