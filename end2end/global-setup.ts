// cargo leptos end-to-end starts the server and the specs together: wait until it is ready.
export default async function globalSetup() {
  const base = process.env.KIZUNA_E2E_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Kizuna did not become ready at ${base}`);
}
